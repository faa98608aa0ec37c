// The completeness engine, table-driven: one case per scenario asserting exactly which requirements are
// missing, deadline and filing boundaries (day before / of / after), identity checks, relatives, photo
// checks and invoices. Real rule packs from resources/rules; no stubs.
import { describe, expect, it } from 'vitest';
import { idForBirth, luhnCardNumber, sampleClaimFacts } from '../helpers/sample-claim';
import type { DocumentKind } from '../../shared/domain';
import type { QualityReport } from '../../shared/quality';
import { idCheckChar } from '../../shared/validators';
import {
  evaluateClaim,
  isReadyToSubmit,
  kindsNeedingText,
  type ClaimFacts,
  type EvaluatedDocument,
  type InvoiceEvidence,
} from '../../electron/core/rules/engine';
import { addMonths } from '../../electron/core/rules/dates';
import { loadRulePack } from '../../electron/core/rules/pack';
import { parseInvoicePayload } from '../../electron/core/invoices/parse';

const NATIONAL = loadRulePack();
const REGION = loadRulePack('example-region');
const TODAY = '2026-11-22';

const idFor = idForBirth;
const luhnCard = luhnCardNumber;

const facts = (over: Partial<ClaimFacts> = {}): ClaimFacts => sampleClaimFacts(over);

const inpatient = (over: Partial<ClaimFacts> = {}): ClaimFacts =>
  facts({
    careSetting: 'inpatient',
    visitDate: null,
    admissionDate: '2026-10-01',
    dischargeDate: '2026-10-10',
    ...over,
  });
const cross = (
  filingType: NonNullable<ClaimFacts['crossRegion']>['filingType'],
  filingDate: string | null = '2026-09-20',
) => ({
  crossRegion: { filingType, filingDate },
  treatmentRegion: '上海市',
});

function docs(kinds: readonly DocumentKind[], extra: Partial<EvaluatedDocument> = {}): EvaluatedDocument[] {
  return kinds.map((kind, index) => ({
    index,
    kind,
    pages: [{ field: `documents[${index}].files[0]`, name: `${kind}.jpg` }],
    ...extra,
  }));
}

const missingIds = (c: ClaimFacts, d: EvaluatedDocument[] = [], pack = NATIONAL): string[] =>
  evaluateClaim(c, d, { today: TODAY, pack })
    .requirements.filter((r) => r.status === 'missing')
    .map((r) => r.id);

// facts() fills in the bank account number, which stands in for a card photo (002 银行卡或银行账号信息).
const BASE = ['id-card', 'insurance-card', 'invoice', 'itemized-bill', 'diagnosis-certificate'];
const BASE_KINDS: DocumentKind[] = [
  'id_card',
  'insurance_card',
  'bank_account',
  'invoice',
  'itemized_bill',
  'diagnosis_certificate',
];

describe('which requirements a scenario asks for', () => {
  const scenarios: Array<{ name: string; claim: ClaimFacts; missing: string[]; kinds: DocumentKind[] }> = [
    { name: '门诊 本地', claim: facts(), missing: BASE, kinds: BASE_KINDS },
    {
      name: '住院 本地',
      claim: inpatient(),
      missing: [...BASE, 'discharge-summary'],
      kinds: [...BASE_KINDS, 'discharge_summary'],
    },
    // No guide mentions 门诊慢特病: the national pack asks nothing more (a regional pack may).
    {
      name: '门诊慢特病',
      claim: facts({ careSetting: 'chronic_outpatient' }),
      missing: BASE,
      kinds: BASE_KINDS,
    },
    {
      name: '特殊药品',
      claim: facts({ specialDrugs: true }),
      missing: [...BASE, 'special-drug-approval'],
      kinds: [...BASE_KINDS, 'special_drug_approval'],
    },
    {
      name: '异地安置退休',
      claim: inpatient(cross('relocated_retiree', '2025-01-01')),
      missing: [...BASE, 'discharge-summary', 'relocation-proof'],
      kinds: [...BASE_KINDS, 'discharge_summary', 'residence_proof'],
    },
    {
      name: '异地长期居住',
      claim: facts(cross('long_term_resident', '2026-01-01')),
      missing: [...BASE, 'residence-proof'],
      kinds: [...BASE_KINDS, 'residence_proof'],
    },
    {
      name: '常驻异地工作',
      claim: facts(cross('posted_worker', '2026-01-01')),
      missing: [...BASE, 'employment-proof'],
      kinds: [...BASE_KINDS, 'employment_proof'],
    },
    {
      name: '异地转诊',
      claim: inpatient(cross('referral')),
      missing: [...BASE, 'discharge-summary', 'referral-certificate', 'medical-record'],
      kinds: [...BASE_KINDS, 'discharge_summary', 'referral_certificate', 'medical_record'],
    },
    {
      name: '异地急诊抢救',
      claim: inpatient(cross('emergency', '2026-10-02')),
      missing: [...BASE, 'discharge-summary', 'emergency-record'],
      kinds: [...BASE_KINDS, 'discharge_summary', 'emergency_record'],
    },
    { name: '其他临时外出', claim: facts(cross('other_temporary')), missing: BASE, kinds: BASE_KINDS },
    { name: '异地未备案', claim: facts(cross('not_filed', null)), missing: BASE, kinds: BASE_KINDS },
    // The guides ask no extra claim paper of a relative (002 describes binding a 亲情账户 instead).
    {
      name: '亲属代办',
      claim: facts({ applicant: { relation: 'child', name: '张小三', idNumber: idFor('1980-05-05') } }),
      missing: BASE,
      kinds: BASE_KINDS,
    },
  ];

  it.each(scenarios)(
    '$name: exactly these are missing with no documents, none with them',
    ({ claim, missing, kinds }) => {
      expect(missingIds(claim)).toEqual(missing);
      const report = evaluateClaim(claim, docs(kinds), { today: TODAY, pack: NATIONAL });
      // Emergency claims still need the 急诊 mark confirmed; everything else is simply satisfied.
      const notSatisfied = report.requirements
        .filter((r) => r.status !== 'satisfied')
        .map((r) => `${r.id}:${r.status}`);
      expect(notSatisfied).toEqual(
        claim.crossRegion?.filingType === 'emergency' ? ['diagnosis-certificate:needs_attention'] : [],
      );
    },
  );

  it('the integrity pledge is a reminder (ticked online), never a requirement', () => {
    const report = evaluateClaim(facts(), [], { today: TODAY, pack: NATIONAL });
    expect(report.requirements.map((r) => r.id)).not.toContain('integrity-pledge');
    const pledge = report.reminders.find((r) => r.id === 'integrity-pledge');
    expect(pledge?.text).toContain('勾选《诚信承诺书》');
    expect(pledge?.source).toContain('上传材料后,勾选《诚信承诺书》');
  });

  it('an inpatient discharge summary stands in for the diagnosis certificate', () => {
    expect(missingIds(inpatient(), docs(['discharge_summary']))).not.toContain('diagnosis-certificate');
    const r = evaluateClaim(inpatient(), docs(['discharge_summary']), { today: TODAY, pack: NATIONAL });
    const dx = r.requirements.find((x) => x.id === 'diagnosis-certificate')!;
    expect(dx.documents).toEqual([0]);
    expect(dx.source).toContain('出院记录(小结)或诊断证明');
  });

  it('but not for an outpatient, nor for an emergency (which needs the marked certificate)', () => {
    expect(missingIds(facts(), docs(['discharge_summary']))).toContain('diagnosis-certificate');
    expect(missingIds(inpatient(cross('emergency', '2026-10-02')), docs(['discharge_summary']))).toContain(
      'diagnosis-certificate',
    );
  });

  it('the regional pack adds its requirement for outpatients only', () => {
    expect(missingIds(facts(), [], REGION)).toContain('outpatient-medical-record');
    expect(missingIds(inpatient(), [], REGION)).not.toContain('outpatient-medical-record');
  });

  it('every requirement says why, with its source, in Chinese', () => {
    const r = evaluateClaim(inpatient(cross('referral')), [], { today: TODAY, pack: NATIONAL });
    const referral = r.requirements.find((x) => x.id === 'referral-certificate')!;
    expect(referral.reason).toContain('异地转诊需提供转诊转院证明，由参保地医院出具，需主治医师及科主任签字');
    expect(referral.source).toContain(
      '《城乡居民医疗保险异地就医备案》：“由参保地医疗机构出具,需主治医师及科主任签字”',
    );
    expect(referral.title).toBe('转诊转院证明');
  });

  it('requirements and documents come in checklist order, each document once', () => {
    const d = docs(['invoice', 'other', 'discharge_summary', 'id_card', 'invoice']);
    const r = evaluateClaim(inpatient(), d, { today: TODAY, pack: NATIONAL });
    expect(r.requirements.map((x) => x.id)).toEqual(
      NATIONAL.requirements
        .filter(
          (x) =>
            !x.when.applicant &&
            (!x.when.careSettings || x.when.careSettings.includes('inpatient')) &&
            !x.when.filingTypes &&
            !x.when.offlineFiling &&
            !x.when.specialDrugs,
        )
        .map((x) => x.id),
    );
    expect(r.requirements.find((x) => x.id === 'invoice')!.documents).toEqual([0, 4]);
    expect(r.documentOrder).toEqual([3, 0, 4, 2, 1]);
  });

  it('minCount counts documents', () => {
    const pack = structuredClone(NATIONAL);
    pack.requirements.find((r) => r.id === 'invoice')!.minCount = 2;
    const r = evaluateClaim(facts(), docs(['invoice']), { today: TODAY, pack });
    const inv = r.requirements.find((x) => x.id === 'invoice')!;
    expect(inv.status).toBe('missing');
    expect(inv.reason).toContain('至少需要 2 份');
  });
});

describe('relatives acting for the insured person', () => {
  const relative = (relation: 'parent' | 'child', birth: string) =>
    facts({ applicant: { relation, name: '李四', idNumber: idFor(birth) } });

  it('the papers every claim needs are complete for a relative too: no 委托书, 结婚证 or helper ID', () => {
    const claim = relative('child', '1980-05-05');
    expect(missingIds(claim, docs(BASE_KINDS))).toEqual([]);
    expect(evaluateClaim(claim, docs(BASE_KINDS), { today: TODAY, pack: NATIONAL }).complete).toBe(true);
  });

  it('a bad applicant ID is an error on applicant.idNumber', () => {
    const claim = facts({ applicant: { relation: 'spouse', name: '李四', idNumber: '110105195001010010' } });
    const p = evaluateClaim(claim, [], { today: TODAY, pack: NATIONAL }).problems.filter(
      (x) => x.code === 'id_invalid',
    );
    expect(p).toEqual([expect.objectContaining({ field: 'applicant.idNumber', severity: 'error' })]);
  });

  it('a "parent" younger than the insured person is flagged; a real parent is not', () => {
    const problems = (c: ClaimFacts) =>
      evaluateClaim(c, [], { today: TODAY, pack: NATIONAL }).problems.filter(
        (p) => p.code === 'relation_invalid',
      );
    expect(problems(relative('parent', '1980-05-05'))).toHaveLength(1);
    expect(problems(relative('parent', '1925-05-05'))).toHaveLength(0);
    expect(problems(relative('child', '1925-05-05'))).toHaveLength(1);
  });

  it('the applicant having the claimant’s own ID number is an error', () => {
    const c = facts({ applicant: { relation: 'spouse', name: '张三', idNumber: '11010519491231002X' } });
    expect(evaluateClaim(c, [], { today: TODAY, pack: NATIONAL }).problems.map((p) => p.code)).toContain(
      'relation_invalid',
    );
  });
});

const codes = (c: ClaimFacts, today = TODAY, pack = NATIONAL) =>
  evaluateClaim(c, [], { today, pack }).problems.map((p) => `${p.code}:${p.severity}`);

describe('submission deadline (6 months after discharge / outpatient care, warned 30 days before)', () => {
  // Discharged 2026-03-31: 6 calendar months later is 2026-09-30 (clamped), the last day to submit.
  const claim = inpatient({ admissionDate: '2026-03-20', dischargeDate: '2026-03-31' });
  const cases = [
    { today: '2026-08-30', expect: [] as string[], daysLeft: 31 },
    { today: '2026-08-31', expect: ['deadline_near:warning'], daysLeft: 30 },
    { today: '2026-09-29', expect: ['deadline_near:warning'], daysLeft: 1 },
    { today: '2026-09-30', expect: ['deadline_near:warning'], daysLeft: 0 },
    { today: '2026-10-01', expect: ['deadline_passed:error'], daysLeft: -1 },
  ];
  it.each(cases)('today $today → $expect', ({ today, expect: want, daysLeft }) => {
    const r = evaluateClaim(claim, [], { today, pack: NATIONAL });
    expect(
      r.problems.filter((p) => p.code.startsWith('deadline')).map((p) => `${p.code}:${p.severity}`),
    ).toEqual(want);
    expect(r.deadline).toEqual({
      date: '2026-09-30',
      daysLeft,
      source: expect.stringContaining('逾期视为放弃'),
      // The app's English mode shows the tooltip in English (issue 25).
      sourceEn: expect.stringMatching(
        /^“How to claim medical insurance reimbursement online” \(《如何申请网上报销医保》\)/,
      ),
    });
  });

  it('an outpatient deadline counts from the visit', () => {
    const r = evaluateClaim(facts({ visitDate: '2026-05-22' }), [], { today: TODAY, pack: NATIONAL });
    expect(r.deadline?.date).toBe('2026-11-22');
    expect(r.problems.find((p) => p.code === 'deadline_near')?.message).toContain('今天是最后一天');
  });

  it('the regional pack warns 60 days ahead instead of 30', () => {
    expect(codes(claim, '2026-08-01')).not.toContain('deadline_near:warning');
    expect(codes(claim, '2026-08-01', REGION)).toContain('deadline_near:warning');
  });

  it('month arithmetic clamps to the month length', () => {
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2027-08-31', 6)).toBe('2028-02-29');
    expect(addMonths('2026-01-15', 6)).toBe('2026-07-15');
  });
});

describe('cross-region filing time rules', () => {
  const emergency = (filingDate: string) =>
    inpatient({
      admissionDate: '2026-09-01',
      dischargeDate: '2026-09-10',
      ...cross('emergency', filingDate),
    });
  it.each([
    { filed: '2026-09-03', late: false },
    { filed: '2026-09-04', late: false },
    { filed: '2026-09-05', late: true },
  ])('emergency filed $filed after admission 2026-09-01 → late: $late', ({ filed, late }) => {
    expect(codes(emergency(filed)).includes('filing_late:warning')).toBe(late);
  });

  const referral = (filingDate: string, admissionDate: string) =>
    inpatient({
      admissionDate,
      dischargeDate: addMonths(admissionDate, 0).replace(/-\d\d$/, '-28'),
      ...cross('referral', filingDate),
    });
  it.each([
    { admitted: '2026-07-13', pack: NATIONAL, expired: false },
    { admitted: '2026-07-14', pack: NATIONAL, expired: false },
    { admitted: '2026-07-15', pack: NATIONAL, expired: true },
    { admitted: '2026-04-14', pack: REGION, expired: false },
    { admitted: '2026-04-15', pack: REGION, expired: true },
  ])(
    'referral filed 2026-01-15, admitted $admitted, pack $pack.id → expired: $expired',
    ({ admitted, pack, expired }) => {
      expect(codes(referral('2026-01-15', admitted), TODAY, pack).includes('filing_expired:error')).toBe(
        expired,
      );
    },
  );

  it('an expired filing shows the pack value and the disagreeing seeds', () => {
    const p = evaluateClaim(referral('2026-01-15', '2026-07-15'), [], {
      today: TODAY,
      pack: NATIONAL,
    }).problems.find((x) => x.code === 'filing_expired')!;
    expect(p.message).toContain('有效期6个月（到2026年7月14日）');
    expect(p.source).toContain('《异地就医app备案手续》');
    expect(p.source).toContain('《医保备案网上办理流程》');
    expect(p.source).not.toContain('.txt');
  });

  it('long-term filing past a year: asks to confirm in 备案记录, never calls it expired (004 不得短于一年)', () => {
    const c = facts({ visitDate: '2026-10-01', ...cross('long_term_resident', '2025-09-30') });
    expect(codes(c)).toContain('filing_validity_unconfirmed:warning');
    expect(codes(c).some((x) => x.startsWith('filing_expired'))).toBe(false);
    expect(
      codes(facts({ visitDate: '2026-10-01', ...cross('long_term_resident', '2025-10-02') })),
    ).not.toContain('filing_validity_unconfirmed:warning');
  });

  it('filing after care started (other than emergency) is late; before is fine', () => {
    expect(codes(facts({ visitDate: '2026-10-01', ...cross('other_temporary', '2026-10-02') }))).toContain(
      'filing_late:warning',
    );
    expect(
      codes(facts({ visitDate: '2026-10-01', ...cross('other_temporary', '2026-10-01') })),
    ).not.toContain('filing_late:warning');
  });

  it('care in another region with no filing type stated: asks whether it was 异地就医', () => {
    expect(codes(facts({ treatmentRegion: '上海市' }))).toEqual(['cross_region_unstated:warning']);
    expect(codes(facts({ treatmentRegion: '南京市' }))).toEqual([]);
    expect(codes(facts(cross('other_temporary')))).toEqual([]); // cross() sets 上海市 with a filing type
  });

  it('not filed: a warning that the ratio may be lower; filed without a date: asks for it', () => {
    expect(codes(facts(cross('not_filed', null)))).toEqual(['not_filed:warning']);
    expect(codes(facts(cross('referral', null)))).toEqual(['filing_date_missing:warning']);
  });
});

describe('field validity', () => {
  const problemsOf = (over: Partial<ClaimFacts['claimant']>) => {
    const c = facts();
    return evaluateClaim({ ...c, claimant: { ...c.claimant, ...over } }, [], {
      today: TODAY,
      pack: NATIONAL,
    }).problems.map((p) => `${p.code}:${p.severity}:${p.field}`);
  };
  it.each([
    { id: '11010519491231002X', ok: true },
    { id: '11010519491231002x', ok: true },
    { id: '110105194912310021', ok: false },
    { id: idFor('1949-02-29').slice(0, 17) + 'X', ok: false },
    {
      id: (() => {
        const f = '11010519490230001';
        return f + idCheckChar(f);
      })(),
      ok: false,
    },
    {
      id: (() => {
        const f = '11010520301231001';
        return f + idCheckChar(f);
      })(),
      ok: false,
    },
    { id: '1101051949123100', ok: false },
  ])('claimant ID $id valid: $ok', ({ id, ok }) => {
    expect(problemsOf({ idNumber: id }).includes('id_invalid:error:claimant.idNumber')).toBe(!ok);
  });

  it('bank: a card number failing Luhn warns, an account number of another length is fine, letters err', () => {
    expect(
      problemsOf({ bankAccount: { bank: '中国银行', number: '6217000000000000000', holder: '张三' } }),
    ).toEqual(['bank_card_suspect:warning:claimant.bankAccount.number']);
    expect(problemsOf({ bankAccount: { bank: '中国银行', number: '621700000', holder: '张三' } })).toEqual(
      [],
    );
    expect(
      problemsOf({
        bankAccount: { bank: '中国银行', number: '4405 0166 0000 0000 0123 45', holder: '张三' },
      }),
    ).toEqual([]);
    expect(problemsOf({ bankAccount: { bank: '中国银行', number: '62170A', holder: '张三' } })).toEqual([
      'bank_card_suspect:error:claimant.bankAccount.number',
    ]);
    expect(problemsOf({ bankAccount: { bank: '中国银行', number: luhnCard(), holder: '王五' } })).toEqual([
      'bank_card_suspect:warning:claimant.bankAccount.holder',
    ]);
  });

  it('mobile phone must be 11 digits starting with 1; absent is fine', () => {
    expect(problemsOf({ phone: '0258888888' })).toEqual(['phone_invalid:error:claimant.phone']);
    expect(problemsOf({ phone: '138 0013 8000' })).toEqual([]);
    expect(problemsOf({ phone: null })).toEqual([]);
  });

  it('dates: admission ≤ discharge ≤ today, and the dates care needs are present', () => {
    expect(codes(inpatient({ admissionDate: '2026-10-10', dischargeDate: '2026-10-01' }))).toContain(
      'date_order:error',
    );
    expect(codes(inpatient({ admissionDate: '2026-11-20', dischargeDate: '2026-11-23' }))).toContain(
      'date_order:error',
    );
    expect(codes(inpatient({ admissionDate: '2026-11-20', dischargeDate: '2026-11-22' }))).not.toContain(
      'date_order:error',
    );
    expect(codes(inpatient({ dischargeDate: null }))).toContain('date_missing:error');
    expect(codes(facts({ visitDate: null }))).toContain('date_missing:error');
  });

  it('a clean claim has no problems and is ready once complete', () => {
    const r = evaluateClaim(facts(), docs(BASE_KINDS), { today: TODAY, pack: NATIONAL });
    expect(r.problems).toEqual([]);
    expect(r.complete).toBe(true);
    expect(isReadyToSubmit(r)).toBe(true);
  });
});

function report(
  verdict: QualityReport['verdict'],
  codes: Array<[string, 'error' | 'warning']> = [],
): QualityReport {
  return {
    file: 'x.jpg',
    verdict,
    findings: codes.map(([code, severity]) => ({
      code: code as QualityReport['findings'][number]['code'],
      severity,
      message: `${code} 的说明`,
    })),
    metrics: {},
    elapsedMs: 1,
  };
}

describe('checks the documents must pass', () => {
  const withQuality = (kind: DocumentKind, q: QualityReport, over: Partial<EvaluatedDocument> = {}) => {
    const d = docs(BASE_KINDS);
    const i = d.findIndex((x) => x.kind === kind);
    d[i] = { ...d[i]!, pages: [{ ...d[i]!.pages[0]!, quality: q }], ...over };
    return d;
  };

  it('an unsealed diagnosis certificate needs attention (not missing), citing the seal rule', () => {
    const r = evaluateClaim(
      facts(),
      withQuality('diagnosis_certificate', report('fail', [['seal_missing', 'error']])),
      { today: TODAY, pack: NATIONAL },
    );
    const dx = r.requirements.find((x) => x.id === 'diagnosis-certificate')!;
    expect(dx.status).toBe('needs_attention');
    expect(dx.reason).toContain('医院公章');
    expect(dx.source).toContain('需包含医师签名和公章');
    expect(r.complete).toBe(false);
    expect(r.problems).toEqual([
      expect.objectContaining({
        code: 'document_quality',
        severity: 'error',
        field: 'documents[5].files[0]',
      }),
    ]);
  });

  it('an invoice with a cut-off corner needs attention; glare makes it unreadable with the checker’s words', () => {
    const corner = evaluateClaim(
      facts(),
      withQuality('invoice', report('fail', [['incomplete_page', 'error']])),
      { today: TODAY, pack: NATIONAL },
    );
    expect(corner.requirements.find((x) => x.id === 'invoice')!.reason).toContain('四个角');
    const glare = evaluateClaim(facts(), withQuality('invoice', report('fail', [['glare', 'error']])), {
      today: TODAY,
      pack: NATIONAL,
    });
    expect(glare.requirements.find((x) => x.id === 'invoice')!.reason).toContain('glare 的说明');
  });

  it('each fault is said once: the seal check explains seal_missing, readable lists the rest', () => {
    const q = report('fail', [
      ['seal_missing', 'error'],
      ['glare', 'error'],
    ]);
    const dx = evaluateClaim(facts(), withQuality('diagnosis_certificate', q), {
      today: TODAY,
      pack: NATIONAL,
    }).requirements.find((x) => x.id === 'diagnosis-certificate')!;
    expect(dx.reason).toContain('glare 的说明');
    expect(dx.reason).not.toContain('seal_missing 的说明');
    expect(dx.reason).toContain('医院公章');
  });

  it('a warning-level finding keeps the requirement satisfied but is reported', () => {
    const r = evaluateClaim(facts(), withQuality('invoice', report('warn', [['blurry', 'warning']])), {
      today: TODAY,
      pack: NATIONAL,
    });
    expect(r.requirements.find((x) => x.id === 'invoice')!.status).toBe('satisfied');
    expect(r.problems).toEqual([expect.objectContaining({ code: 'document_quality', severity: 'warning' })]);
  });

  it('the 急诊 mark: needs attention until confirmed or found in a PDF’s text', () => {
    const claim = inpatient(cross('emergency', '2026-10-02'));
    const kinds: DocumentKind[] = [...BASE_KINDS, 'discharge_summary', 'emergency_record'];
    const status = (d: EvaluatedDocument[]) =>
      evaluateClaim(claim, d, { today: TODAY, pack: NATIONAL }).requirements.find(
        (x) => x.id === 'diagnosis-certificate',
      )!;
    const unconfirmed = status(docs(kinds));
    expect(unconfirmed.status).toBe('needs_attention');
    expect(unconfirmed.reason).toContain('急诊');
    expect(unconfirmed.source).toContain('急诊证明需标注“急诊”字样');
    const confirmed = docs(kinds).map((d) =>
      d.kind === 'diagnosis_certificate' ? { ...d, confirmed: ['emergency_mark'] } : d,
    );
    expect(status(confirmed).status).toBe('satisfied');
    const pdf = docs(kinds).map((d) =>
      d.kind === 'diagnosis_certificate'
        ? { ...d, pages: [{ ...d.pages[0]!, text: '诊断证明书 科别：急诊科' }] }
        : d,
    );
    expect(status(pdf).status).toBe('satisfied');
    // Only the emergency claim's certificate is read for words (OCR is slow).
    expect([...kindsNeedingText(NATIONAL, claim)]).toEqual(['diagnosis_certificate']);
    expect([...kindsNeedingText(NATIONAL, inpatient())]).toEqual([]);
    // Outside an emergency claim the mark is not asked for.
    expect(evaluateClaim(facts(), docs(BASE_KINDS), { today: TODAY, pack: NATIONAL }).complete).toBe(true);
  });
});

describe('invoices', () => {
  const vat = (n: string, amount: string) =>
    parseInvoicePayload(`01,10,044031900111,${n},${amount},20261001,12345678901234567890,AB12,`);
  const evidence = (
    parsed: ReturnType<typeof vat> | null,
    i: number,
    extra: Partial<InvoiceEvidence> = {},
  ): InvoiceEvidence => ({
    documentIndex: i,
    field: `documents[${i}].files[0]`,
    name: `inv${i}.jpg`,
    parsed,
    duplicates: [],
    ...extra,
  });

  it('total vs invoice amounts: equal is fine, different errs (QR digits are sure), unknown amounts say so', () => {
    const c = facts({ totalAmount: 300.5 });
    const run = (inv: InvoiceEvidence[]) =>
      evaluateClaim(c, [], { today: TODAY, pack: NATIONAL, invoices: inv }).problems.map(
        (p) => `${p.code}:${p.severity}`,
      );
    expect(run([evidence(vat('00000001', '100.25'), 0), evidence(vat('00000002', '200.25'), 1)])).toEqual([]);
    expect(run([evidence(vat('00000001', '100.25'), 0), evidence(vat('00000002', '200.00'), 1)])).toEqual([
      'amount_mismatch:error',
    ]);
    // A partial sum is never compared; the unread invoice is named instead of silence.
    expect(run([evidence(vat('00000001', '100.25'), 0), evidence(null, 1)])).toEqual([
      'amount_unverified:warning',
    ]);
  });

  it('an invoice already in another claim is an error naming that claim', () => {
    const inv = evidence(vat('00000001', '100.00'), 0, {
      duplicates: [{ claimReference: 'BX20261001-00007', claimantName: '李四', by: 'qr' }],
    });
    const p = evaluateClaim(facts(), [], { today: TODAY, pack: NATIONAL, invoices: [inv] }).problems;
    expect(p).toEqual([
      expect.objectContaining({
        code: 'duplicate_invoice',
        severity: 'error',
        field: 'documents[0].files[0]',
      }),
    ]);
    expect(p[0]!.message).toContain('BX20261001-00007');
    expect(p[0]!.message).toContain('发票代码 044031900111 号码 00000001');
  });

  it('a photo-only match is a warning; the same file is an error; a repeat inside the claim is an error', () => {
    const run = (inv: InvoiceEvidence) =>
      evaluateClaim(facts(), [], { today: TODAY, pack: NATIONAL, invoices: [inv] }).problems.map(
        (p) => `${p.code}:${p.severity}`,
      );
    expect(run(evidence(null, 0, { duplicates: [{ claimReference: 'BX1', by: 'image' }] }))).toEqual([
      'duplicate_invoice:warning',
    ]);
    expect(
      run(evidence(null, 0, { duplicates: [{ claimReference: 'BX1', by: 'image', identicalFile: true }] })),
    ).toEqual(['duplicate_invoice:error']);
    expect(run(evidence(null, 1, { repeatOf: 'documents[0].files[0]' }))).toEqual([
      'duplicate_invoice:error',
    ]);
  });
});

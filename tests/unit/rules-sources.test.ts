// Issue #12, one table per point: the rules say what their sources say (each source-reading case cites the
// phrase it rests on and checks that phrase is in its seed), and the words people read carry no code —
// dates as 2026年9月1日, amounts as ¥12,345.67 元, no field paths, CLI hints only for the CLI, English too.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { idForBirth, sampleClaimFacts } from '../helpers/sample-claim';
import type { DocumentKind, FilingType } from '../../shared/domain';
import { Manifest } from '../../shared/manifest';
import type { QualityReport } from '../../shared/quality';
import { SOURCES_NOTE, formatSource } from '../../shared/rules';
import { isMobilePhone } from '../../shared/validators';
import {
  evaluateClaim,
  type ClaimFacts,
  type EvaluatedDocument,
  type InvoiceEvidence,
} from '../../electron/core/rules/engine';
import { loadRulePack } from '../../electron/core/rules/pack';
import { crossesProvince, sameRegion } from '../../electron/core/rules/regions';
import { formatYuanInText } from '../../shared/money';
import { formatDateZh } from '../../electron/core/rules/words';

const PACK = loadRulePack();
const TODAY = '2026-11-22';
const SEEDS = join(import.meta.dirname, '..', 'fixtures', 'rules', 'seeds');
const S = {
  s000: '000_9399b7f6caa58da8.txt',
  s001: '001_4411bb2b71e8bf31.txt',
  s002: '002_2b5bff67cdf77817.txt',
  s003: '003_81365e18cde1052f.txt',
  s004: '004_386f142ce76d57da.txt',
};

/** The phrase a case rests on really is in that seed (so the test cites the source, not a paraphrase). */
function cite(seed: string, phrase: string): string {
  expect(readFileSync(join(SEEDS, seed), 'utf8'), `${seed}: ${phrase}`).toContain(phrase);
  return phrase;
}

const idFor = idForBirth;

const facts = (over: Partial<ClaimFacts> = {}): ClaimFacts => sampleClaimFacts(over, '王秀英');
const inpatient = (over: Partial<ClaimFacts> = {}): ClaimFacts =>
  facts({
    careSetting: 'inpatient',
    visitDate: null,
    admissionDate: '2026-10-01',
    dischargeDate: '2026-10-10',
    ...over,
  });
const away = (
  filingType: FilingType,
  filingDate: string | null = '2026-09-20',
  treatmentRegion = '上海市',
) => ({
  crossRegion: { filingType, filingDate },
  treatmentRegion,
});

function docs(kinds: readonly DocumentKind[], quality?: QualityReport): EvaluatedDocument[] {
  return kinds.map((kind, index) => ({
    index,
    kind,
    pages: [{ field: `documents[${index}].files[0]`, name: `${kind}.jpg`, quality: quality ?? null }],
  }));
}
const PASS: QualityReport = { file: 'x.jpg', verdict: 'pass', findings: [], metrics: {}, elapsedMs: 1 };
const GLARE: QualityReport = {
  file: 'x.jpg',
  verdict: 'fail',
  findings: [{ code: 'glare', severity: 'error', message: '有反光，遮住了部分文字' }],
  metrics: {},
  elapsedMs: 1,
};

const evaluate = (c: ClaimFacts, d: EvaluatedDocument[] = [], invoices: InvoiceEvidence[] = []) =>
  evaluateClaim(c, d, { today: TODAY, pack: PACK, invoices });
const req = (c: ClaimFacts, id: string, d: EvaluatedDocument[] = []) =>
  evaluate(c, d).requirements.find((r) => r.id === id);

describe('sources are shown with the guide’s title, and said to be guides', () => {
  it.each([
    { seed: S.s000, title: '医保备案网上办理流程' },
    { seed: S.s001, title: '城乡居民医疗保险异地就医备案' },
    { seed: S.s002, title: '异地就医可以绑定亲属医保吗' },
    { seed: S.s003, title: '如何申请网上报销医保' },
    { seed: S.s004, title: '异地就医app备案手续' },
  ])('$seed → 《$title》 (the seed’s own first line)', ({ seed, title }) => {
    expect(PACK.seeds[seed]?.zh).toBe(title);
    expect(PACK.seeds[seed]?.en.length).toBeGreaterThan(5);
    // 004 has no headline of its own; its first sentence opens with the same words.
    expect(readFileSync(join(SEEDS, seed), 'utf8').trimStart().startsWith(title)).toBe(true);
    expect(formatSource({ seed, phrase: 'x' }, PACK.seeds)).toBe(`《${title}》：“x”`);
  });

  it('no requirement or problem source shows a file name; the note says the 医保局 decides', () => {
    const r = evaluate(inpatient(away('referral', '2026-01-15')), []);
    for (const x of r.requirements) {
      expect(x.source, x.id).not.toMatch(/\.txt/);
      expect(x.source, x.id).toMatch(/《.+》：“.+”/);
      expect(x.sourceEn, x.id).toBeTruthy();
    }
    for (const p of r.problems) if (p.source) expect(p.source, p.code).not.toMatch(/\.txt/);
    expect(SOURCES_NOTE.zh).toContain('以参保地医保局');
    expect(SOURCES_NOTE.zh).toContain('公开发布的办事指南');
  });
});

describe('every paper that is a photo must pass its photo check', () => {
  const cases: Array<{ id: string; kind: DocumentKind; claim: ClaimFacts }> = [
    { id: 'insurance-card', kind: 'insurance_card', claim: facts() },
    {
      id: 'bank-account',
      kind: 'bank_account',
      claim: facts({ claimant: { ...facts().claimant, bankAccount: null } }),
    },
    { id: 'medical-record', kind: 'medical_record', claim: inpatient(away('referral')) },
    { id: 'emergency-record', kind: 'emergency_record', claim: inpatient(away('emergency', '2026-10-02')) },
    {
      id: 'residence-proof',
      kind: 'residence_proof',
      claim: facts(away('long_term_resident', '2026-01-01')),
    },
    { id: 'employment-proof', kind: 'employment_proof', claim: facts(away('posted_worker', '2026-01-01')) },
    { id: 'special-drug-approval', kind: 'special_drug_approval', claim: facts({ specialDrugs: true }) },
    {
      id: 'chronic-disease-approval',
      kind: 'chronic_disease_approval',
      claim: facts({ careSetting: 'chronic_outpatient' }),
    },
    { id: 'invoice', kind: 'invoice', claim: facts() },
  ];
  it.each(cases)(
    '$id with a glare-struck photo is needs_attention, with a clean one satisfied',
    ({ id, kind, claim }) => {
      const bad = req(claim, id, docs([kind], GLARE))!;
      expect(bad.status).toBe('needs_attention');
      expect(bad.reason).toContain('有反光');
      expect(req(claim, id, docs([kind], PASS))!.status).toBe('satisfied');
    },
  );
});

describe('诚信承诺书: 打印后签名 until signed', () => {
  const phrase = cite(S.s004, '签署并提交承诺书');
  it.each([
    {
      name: 'nothing yet',
      claim: facts(),
      d: [] as DocumentKind[],
      status: 'needs_attention',
      pending: 'signature',
    },
    {
      name: 'marked signed',
      claim: facts({ pledgeSigned: true }),
      d: [],
      status: 'satisfied',
      pending: undefined,
    },
    {
      name: 'signed scan attached',
      claim: facts(),
      d: ['integrity_pledge'] as DocumentKind[],
      status: 'satisfied',
      pending: undefined,
    },
  ])('$name → $status', ({ claim, d, status, pending }) => {
    const r = req(claim, 'integrity-pledge', docs(d, PASS))!;
    expect(r.status).toBe(status);
    expect(r.pending).toBe(pending);
    expect(r.source).toContain(phrase);
    if (pending) expect(r.reason.startsWith('打印后签名')).toBe(true);
  });
  it('waiting for the signature does not make the claim incomplete (the bundle carries the page)', () => {
    const all: DocumentKind[] = [
      'id_card',
      'insurance_card',
      'invoice',
      'itemized_bill',
      'diagnosis_certificate',
    ];
    expect(evaluate(facts(), docs(all, PASS)).complete).toBe(true);
  });
});

describe('bank: 银行卡或银行账号信息 — either one', () => {
  const phrase = cite(S.s002, '本人银行卡或银行账号信息');
  const noAccount = facts({ claimant: { ...facts().claimant, bankAccount: null } });
  it.each([
    {
      name: 'account number filled, no card photo',
      claim: facts(),
      d: [] as DocumentKind[],
      status: 'satisfied',
    },
    {
      name: 'card photo, no number',
      claim: noAccount,
      d: ['bank_account'] as DocumentKind[],
      status: 'satisfied',
    },
    { name: 'neither', claim: noAccount, d: [] as DocumentKind[], status: 'missing' },
  ])('$name → $status', ({ claim, d, status }) => {
    const r = req(claim, 'bank-account', docs(d, PASS))!;
    expect(r.status).toBe(status);
    expect(r.source).toContain(phrase);
  });
});

describe('relatives and other helpers', () => {
  const relative = (relation: 'spouse' | 'child' | 'parent' | 'sibling', birth: string) =>
    facts({ applicant: { relation, name: '李四', idNumber: idFor(birth) } });
  const phrase = cite(S.s002, '上传相关材料(如个人承诺书、户口本等)');
  it.each([
    { relation: 'spouse' as const, birth: '1950-01-01', id: 'relationship-proof-spouse', says: '结婚证' },
    {
      relation: 'child' as const,
      birth: '1975-01-01',
      id: 'relationship-proof-parent-child',
      says: '出生证明或户口本',
    },
    {
      relation: 'parent' as const,
      birth: '1920-01-01',
      id: 'relationship-proof-parent-child',
      says: '出生证明或户口本',
    },
    { relation: 'sibling' as const, birth: '1952-01-01', id: 'relationship-proof', says: '户口本' },
  ])('$relation → $id naming $says, and 个人承诺书 beside 户口本', ({ relation, birth, id, says }) => {
    const r = evaluate(relative(relation, birth)).requirements;
    const proof = r.find((x) => x.id === id)!;
    expect(proof.status).toBe('missing');
    expect(proof.reason).toContain(says);
    expect(proof.reason).toContain('个人承诺书');
    expect(proof.source).toContain(phrase);
    expect(r.filter((x) => x.id.startsWith('relationship-proof'))).toHaveLength(1);
  });

  it('the applicant’s ID no longer rests on the 江苏医保云 binding step', () => {
    const r = req(relative('child', '1975-01-01'), 'applicant-id-card')!;
    expect(r.source).not.toContain('签署承诺书完成绑定');
  });

  describe('an id_card document holding both cards satisfies both (relative applicant)', () => {
    const both = cite(S.s002, '本人身份证原件及复印件');
    const applicantId = idFor('1975-01-01');
    const claim = facts({ applicant: { relation: 'child', name: '李四', idNumber: applicantId } });
    const card = (
      fields: EvaluatedDocument['pages'][number]['fields'],
      confirmed: string[] = [],
      quality: QualityReport = PASS,
    ): EvaluatedDocument[] => [
      {
        index: 0,
        kind: 'id_card',
        confirmed,
        pages: [
          { field: 'documents[0].files[0]', name: 'cards.jpg', quality, ...(fields ? { fields } : {}) },
        ],
      },
    ];
    const read = (value: string, name: 'idNumber' | 'name' = 'idNumber') => ({
      [name]: { value, confidence: 0.95, source: 'ocr' as const },
    });
    it.each([
      { how: 'the applicant’s ID number read on a page', d: card(read(applicantId)), ok: true },
      {
        how: 'the number read with a lower-case x / spaces',
        d: card(read(` ${applicantId.toLowerCase()} `)),
        ok: true,
      },
      { how: 'the applicant’s name read on a page', d: card(read('李四', 'name')), ok: true },
      { how: 'the person’s mark holds_both_cards', d: card(undefined, ['holds_both_cards']), ok: true },
      { how: 'only the insured’s own number read', d: card(read('11010519491231002X')), ok: false },
      { how: 'only the insured’s own name read', d: card(read('王秀英', 'name')), ok: false },
      { how: 'nothing read, no mark', d: card(undefined), ok: false },
    ])('$how → 代办人身份证 satisfied: $ok', ({ d, ok }) => {
      const r = evaluate(claim, d).requirements;
      const applicant = r.find((x) => x.id === 'applicant-id-card')!;
      expect(applicant.status).toBe(ok ? 'satisfied' : 'missing');
      expect(applicant.source).toContain(both);
      if (ok) {
        expect(applicant.reason).toContain('身份证照片里已有代办人的身份证');
        expect(applicant.reasonEn).toContain('applicant’s card');
        expect(applicant.documents).toEqual([0]);
      }
      // The relative's card on the insured's photo is not a stranger's card (cross-document check).
      expect(evaluate(claim, d).problems.map((p) => p.code)).not.toContain('id_mismatch');
      expect(evaluate(claim, d).problems.map((p) => p.code)).not.toContain('name_mismatch');
      // The insured person's own card is satisfied by the same document either way.
      expect(r.find((x) => x.kinds.includes('id_card'))!.status).toBe('satisfied');
    });

    it('a stranger’s number or name on the ID card photo is still called out', () => {
      const p1 = evaluate(claim, card(read(idFor('1980-02-02', '005')))).problems.map((p) => p.code);
      expect(p1).toContain('id_mismatch');
      const p2 = evaluate(claim, card(read('张三', 'name'))).problems.map((p) => p.code);
      expect(p2).toContain('name_mismatch');
      expect(req(claim, 'applicant-id-card', card(read('张三', 'name')))!.status).toBe('missing');
    });

    it('a glare-struck both-cards photo needs retaking for the applicant’s card too', () => {
      const r = req(claim, 'applicant-id-card', card(read(applicantId), [], GLARE))!;
      expect(r.status).toBe('needs_attention');
    });

    it('a helper (not a relative) still brings their own ID card, even with the number on the photo', () => {
      const helper = facts({ applicant: { relation: 'helper', name: '刘敏', idNumber: applicantId } });
      expect(req(helper, 'helper-id-card', card(read(applicantId)))!.status).toBe('missing');
    });

    it('the manifest flag holdsBothCards is accepted on a document', () => {
      const m = Manifest.safeParse({
        claimant: {
          name: '王秀英',
          idNumber: '11010519491231002X',
          insuranceType: 'resident',
          insuredRegion: '北京市',
        },
        applicant: { relation: 'child', name: '李四', idNumber: applicantId },
        claim: {
          careSetting: 'outpatient',
          hospital: '北京市朝阳医院',
          treatmentRegion: '北京市',
          visitDate: '2026-10-01',
        },
        documents: [{ kind: 'id_card', files: ['cards.jpg'], holdsBothCards: true }],
      });
      expect(m.success).toBe(true);
    });
  });

  it('a helper who is not 近亲属 is asked for a 委托书 and their ID, and told the local office decides', () => {
    const m = Manifest.safeParse({
      claimant: {
        name: '王秀英',
        idNumber: '11010519491231002X',
        insuranceType: 'resident',
        insuredRegion: '北京市',
      },
      applicant: { relation: 'helper', name: '社区 刘敏', idNumber: idFor('1985-03-03') },
      claim: {
        careSetting: 'outpatient',
        hospital: '北京市朝阳医院',
        treatmentRegion: '北京市',
        visitDate: '2026-10-01',
      },
      documents: [],
    });
    expect(m.success).toBe(true);
    const r = evaluate(
      facts({ applicant: { relation: 'helper', name: '刘敏', idNumber: idFor('1985-03-03') } }),
    );
    const ids = r.requirements.map((x) => x.id);
    expect(ids).toEqual(expect.arrayContaining(['authorization', 'helper-id-card']));
    expect(ids.some((x) => x.startsWith('relationship-proof'))).toBe(false);
    expect(r.requirements.find((x) => x.id === 'authorization')!.reason).toContain('参保地医保经办机构决定');
    expect(r.problems.map((p) => p.code)).not.toContain('relation_invalid');
  });
});

describe('filing validity and deadlines read as the sources say', () => {
  it('long-term: 不得短于一年 is a minimum; past it, confirm in 备案记录 (not "expired")', () => {
    const phrase = cite(S.s004, '跨省异地长期居住人员备案时限不得短于一年,且6个月内不得取消');
    const p = evaluate(
      facts({ visitDate: '2026-10-01', ...away('long_term_resident', '2025-09-30') }),
    ).problems.find((x) => x.code === 'filing_validity_unconfirmed')!;
    expect(p.severity).toBe('warning');
    expect(p.message).toContain('备案记录');
    expect(p.message).not.toContain('已超出有效期');
    expect(p.source).toContain(phrase);
    expect(p.source).toContain(cite(S.s000, '长期备案(如退休人员)长期有效'));
  });

  it('000 需在7日内办理 is a deadline to file, not a validity', () => {
    const phrase = cite(S.s000, '(需在7日内办理)');
    expect(
      PACK.time.filingValidity.temporary.disagreements.some((d) => d.source.phrase.includes(phrase)),
    ).toBe(false);
    expect(PACK.time.filingBeforeCare.sources.some((s) => s.phrase.includes(phrase))).toBe(true);
  });

  it('not filed: 降低或无法报销', () => {
    const phrase = cite(S.s001, '未备案可能导致报销比例降低或无法报销');
    const p = evaluate(facts(away('not_filed', null))).problems.find((x) => x.code === 'not_filed')!;
    expect(p.message).toContain('无法报销');
    expect(p.message).not.toContain('仍可');
    expect(p.source).toContain(phrase);
  });

  const phrase3 = cite(S.s001, '急诊抢救人员需在住院后3天内完成备案');
  it.each([
    { name: '住院 filed day 4 → late', claim: inpatient(away('emergency', '2026-10-05')), late: true },
    { name: '住院 filed day 3 → on time', claim: inpatient(away('emergency', '2026-10-04')), late: false },
    {
      name: '门诊急诊 filed 9 days later → no window',
      claim: facts(away('emergency', '2026-10-10')),
      late: false,
    },
  ])(`emergency 3-day window (${phrase3}) — $name`, ({ claim, late }) => {
    expect(evaluate(claim).problems.some((p) => p.code === 'filing_late')).toBe(late);
  });

  it.each([
    { name: 'inpatient, not emergency', claim: inpatient(), says: true },
    { name: 'inpatient emergency', claim: inpatient(away('emergency', '2026-10-02')), says: false },
    { name: 'outpatient', claim: facts(), says: false },
  ])(
    'the missing diagnosis certificate mentions 出院小结 only where it can stand in: $name',
    ({ claim, says }) => {
      const r = req(claim, 'diagnosis-certificate')!;
      expect(r.reason.includes('出院小结代替')).toBe(says);
    },
  );

  it.each([
    { today: '2027-04-10', want: '今天是最后一天' },
    { today: '2027-04-09', want: '还剩 1 天' },
    { today: '2027-04-11', want: '按规定超过期限一般不能再报销' },
  ])('deadline words on $today: $want; 出院后 for inpatients', ({ today, want }) => {
    const r = evaluateClaim(inpatient({ dischargeDate: '2026-10-10' }), [], { today, pack: PACK });
    const p = r.problems.find((x) => x.code.startsWith('deadline'))!;
    expect(p.message).toContain(want);
    expect(p.message).toContain('出院（2026年10月10日）后');
    expect(p.message).not.toContain('逾期视为放弃');
    expect(p.message).not.toContain('出院或门诊结束');
  });
  it('门诊就诊后 for outpatients', () => {
    const r = evaluateClaim(facts({ visitDate: '2026-05-22' }), [], { today: TODAY, pack: PACK });
    expect(r.problems.find((x) => x.code === 'deadline_near')!.message).toContain(
      '门诊就诊（2026年5月22日）后',
    );
  });
});

describe('long-term residents’ alternatives', () => {
  it.each([
    { kind: 'residence_proof' as DocumentKind, ok: true },
    { kind: 'employment_proof' as DocumentKind, ok: true }, // 002 劳动合同复印件等
  ])('异地长期居住 with $kind → satisfied: $ok', ({ kind, ok }) => {
    const r = req(facts(away('long_term_resident', '2026-01-01')), 'residence-proof', docs([kind], PASS))!;
    expect(r.status === 'satisfied').toBe(ok);
  });
  it('the reason offers 个人承诺书 (000) and 劳动合同复印件 (002); retirees get 异地安置认定材料', () => {
    const lt = req(facts(away('long_term_resident', '2026-01-01')), 'residence-proof')!;
    expect(lt.reason).toContain('个人承诺书');
    expect(lt.reason).toContain('劳动合同复印件');
    expect(lt.source).toContain(cite(S.s000, '长期居住人员 :需提供居住证明或个人承诺书'));
    const rr = req(facts(away('relocated_retiree', '2026-01-01')), 'relocation-proof')!;
    expect(rr.reason).toContain('异地安置认定材料');
    expect(rr.source).toContain(cite(S.s000, '异地安置认定材料'));
  });
});

describe('跨省 vs 省内, and places in one city', () => {
  it.each([
    { a: '北京市朝阳区', b: '北京市海淀区', same: true, cross: false },
    { a: '江苏省南京市', b: '南京市', same: true, cross: null },
    { a: '江苏省南京市鼓楼区', b: '江苏省南京市', same: true, cross: false },
    { a: '江苏省南京市', b: '江苏省苏州市', same: false, cross: false },
    { a: '江苏省南京市', b: '上海市', same: false, cross: true },
    { a: '上海', b: '上海市浦东新区', same: true, cross: false },
    { a: '内蒙古自治区呼和浩特市', b: '内蒙古自治区包头市', same: false, cross: false },
  ])('$a / $b → same city: $same, 跨省: $cross', ({ a, b, same, cross }) => {
    expect(sameRegion(a, b)).toBe(same);
    expect(crossesProvince(a, b)).toBe(cross);
  });

  const phrase = cite(S.s004, '跨省临时外出就医人员备案有效期为6个月');
  it.each([
    { treatment: '上海市', expired: true },
    { treatment: '江苏省苏州市', expired: false },
  ])(
    `a referral filed 2026-01-15, care 2026-07-20 in $treatment — 004 (${phrase}) only 跨省`,
    ({ treatment, expired }) => {
      const c = inpatient({
        admissionDate: '2026-07-20',
        dischargeDate: '2026-07-28',
        crossRegion: { filingType: 'referral', filingDate: '2026-01-15' },
        treatmentRegion: treatment,
      });
      expect(evaluate(c).problems.some((p) => p.code === 'filing_expired')).toBe(expired);
    },
  );

  it('two districts of Beijing are not 异地; a referral filing for care in the insured city is questioned', () => {
    const local = facts({
      claimant: { ...facts().claimant, insuredRegion: '北京市朝阳区' },
      treatmentRegion: '北京市海淀区',
    });
    expect(evaluate(local).problems.map((p) => p.code)).not.toContain('cross_region_unstated');
    const referral = { ...local, crossRegion: { filingType: 'referral' as const, filingDate: '2026-09-20' } };
    expect(evaluate(referral).problems.map((p) => p.code)).toContain('filing_in_insured_region');
  });
});

describe('offline filing and the discharge summary’s source', () => {
  it('线下备案 asks for the 异地就医备案表 (rule + manifest field)', () => {
    const phrase = cite(S.s002, '并填写《异地就医备案表》');
    const offline = facts({
      crossRegion: { filingType: 'referral', filingDate: '2026-09-20', offline: true },
      treatmentRegion: '上海市',
    });
    const r = req(offline, 'filing-form')!;
    expect(r.status).toBe('missing');
    expect(r.source).toContain(phrase);
    expect(req(facts(away('referral')), 'filing-form')).toBeUndefined();
    const m = Manifest.parse({
      claimant: {
        name: '王秀英',
        idNumber: '11010519491231002X',
        insuranceType: 'resident',
        insuredRegion: '江苏省南京市',
      },
      claim: {
        careSetting: 'outpatient',
        hospital: '上海市第一人民医院',
        treatmentRegion: '上海市',
        visitDate: '2026-10-01',
        crossRegion: { filingType: 'referral', filingDate: '2026-09-20', offline: true },
      },
      documents: [],
    });
    expect(m.claim.crossRegion?.offline).toBe(true);
  });

  it('discharge-summary rests on 003 补充项:住院记录(住院报销) alone', () => {
    const phrase = cite(S.s003, '补充项:住院记录(住院报销)');
    const r = req(inpatient(), 'discharge-summary')!;
    expect(r.sources?.map((s) => s.seed)).toEqual([S.s003]);
    expect(r.source).toContain(phrase);
  });
});

describe('phone numbers as people write them', () => {
  it.each([
    ['13800138000', true],
    ['+86 138-0013-8000', true],
    ['0086 138 0013 8000', true],
    ['(+86) 138.0013.8000', true],
    ['86 13800138000', true],
    ['1380013800', false],
    ['23800138000', false],
    ['+1 138-0013-8000', false],
  ])('%s → %s', (raw, ok) => {
    expect(isMobilePhone(raw)).toBe(ok);
  });
});

describe('words people read', () => {
  it.each([
    ['2026-09-01', '2026年9月1日'],
    ['2026-12-31', '2026年12月31日'],
  ])('date %s → %s', (iso, zh) => expect(formatDateZh(iso)).toBe(zh));
  it.each([
    [12345.67, '¥12,345.67 元'],
    [0.5, '¥0.50 元'],
    [1234567, '¥1,234,567.00 元'],
  ])('amount %s → %s', (n, s) => expect(formatYuanInText(n)).toBe(s));

  // Claims that raise many messages at once: each message is scanned for code-ish text.
  const noisy: Array<{
    name: string;
    claim: ClaimFacts;
    d: EvaluatedDocument[];
    invoices?: InvoiceEvidence[];
  }> = [
    {
      name: 'same ID as the insured person',
      claim: facts({ applicant: { relation: 'spouse', name: '王秀英', idNumber: '11010519491231002X' } }),
      d: [],
    },
    {
      name: 'expired referral + future date',
      claim: inpatient({ ...away('referral', '2025-01-01'), dischargeDate: '2026-12-01' }),
      d: [],
    },
    {
      name: 'emergency needing the 急诊 mark',
      claim: inpatient(away('emergency', '2026-10-02')),
      d: docs(['diagnosis_certificate'], PASS),
    },
    {
      name: 'same invoice twice, amount off',
      claim: facts({ totalAmount: 12345.67 }),
      d: docs(['invoice', 'invoice'], PASS),
      invoices: [
        {
          documentIndex: 0,
          field: 'documents[0].files[0]',
          name: 'invoice.jpg',
          parsed: null,
          duplicates: [],
        },
        {
          documentIndex: 1,
          field: 'documents[1].files[0]',
          name: 'invoice-copy.jpg',
          parsed: null,
          duplicates: [],
          repeatOf: 'documents[0].files[0]',
        },
      ],
    },
  ];
  it.each(noisy)(
    '$name: no field paths, no ISO dates, no manifest hints; English present',
    ({ claim, d, invoices }) => {
      const r = evaluate(claim, d, invoices ?? []);
      const texts = [...r.requirements.map((x) => x.reason), ...r.problems.map((p) => p.message)];
      for (const t of texts) {
        expect(t).not.toMatch(/documents\[|files\[|applicant\.|claim\.|claimant\.|\bself\b/);
        expect(t).not.toMatch(/\d{4}-\d{2}-\d{2}/);
        expect(t).not.toContain('"confirmed"');
      }
      for (const x of r.requirements) expect(x.reasonEn, x.id).toBeTruthy();
      for (const p of r.problems) expect(p.messageEn, p.code).toBeTruthy();
    },
  );

  it('the repeated invoice is named as a paper: 与本单第 1 份发票 invoice.jpg 重复', () => {
    const { claim, d, invoices } = noisy[3]!;
    const p = evaluate(claim, d, invoices).problems.find((x) => x.code === 'duplicate_invoice')!;
    expect(p.message).toContain('与本单第 1 份发票 invoice.jpg 重复');
  });

  it('the 急诊 manifest hint is kept for the CLI only', () => {
    const { claim, d } = noisy[2]!;
    const dx = evaluate(claim, d).requirements.find((x) => x.id === 'diagnosis-certificate')!;
    expect(dx.status).toBe('needs_attention');
    expect(dx.reason).not.toContain('confirmed');
    expect(dx.cliHint).toContain('"confirmed": ["emergency_mark"]');
  });

  it('a satisfied paper says what to bring, briefly', () => {
    const r = req(facts(), 'id-card', docs(['id_card'], PASS))!;
    expect(r.reason).toBe('已提供 ✓（身份证正反面照片；去窗口时带上原件和复印件）');
    expect(r.reasonEn).toMatch(/^Provided ✓/);
  });
});

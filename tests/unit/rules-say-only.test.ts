// Issue 25, one table per point: the program says only what the five sources say. Each case that rests on
// a source cites the phrase and checks it is in the seed's own article (not in an appended 相关推荐 list).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleClaimFacts } from '../helpers/sample-claim';
import type { DocumentKind } from '../../shared/domain';
import type { QualityReport } from '../../shared/quality';
import { processingNote, workingDaysBetween } from '../../shared/processing';
import { CHECK_LABELS, type RulePack } from '../../shared/rules';
import {
  evaluateClaim,
  type ClaimFacts,
  type EvaluatedDocument,
  type EvaluatedPage,
  type InvoiceEvidence,
} from '../../electron/core/rules/engine';
import { loadRulePack } from '../../electron/core/rules/pack';

const PACK = loadRulePack();
const TODAY = '2026-11-22';
const SEEDS = join(import.meta.dirname, '..', 'fixtures', 'rules', 'seeds');

/** The seed's own article: before its appended 相关推荐 / 大家都在搜, markdown ** removed. */
function article(seed: string): string {
  const text = readFileSync(join(SEEDS, seed), 'utf8').replaceAll('**', '');
  const ends = ['相关推荐', '大家都在搜'].map((m) => text.indexOf(m)).filter((i) => i >= 0);
  return ends.length ? text.slice(0, Math.min(...ends)) : text;
}
function cite(seed: string, phrase: string): string {
  expect(article(seed), `${seed}: ${phrase}`).toContain(phrase);
  return phrase;
}
const S001 = '001_4411bb2b71e8bf31.txt';
const S003 = '003_81365e18cde1052f.txt';
const S000 = '000_9399b7f6caa58da8.txt';

const facts = (over: Partial<ClaimFacts> = {}): ClaimFacts => sampleClaimFacts(over, '王秀英');
const report = (q: Partial<QualityReport> = {}): QualityReport => ({
  file: 'x',
  verdict: 'pass',
  findings: [],
  metrics: {},
  elapsedMs: 1,
  ...q,
});
const NO_SEAL = report({
  verdict: 'fail',
  findings: [
    {
      code: 'seal_missing',
      severity: 'error',
      message: '没有找到红色公章，发票需要加盖医院公章（鲜章），请盖章后重新拍照',
    },
  ],
});
const page = (name: string, over: Partial<EvaluatedPage> = {}): EvaluatedPage => ({
  field: 'documents[0].files[0]',
  name,
  quality: report(),
  ...over,
});
const docOf = (index: number, kind: DocumentKind, pages: EvaluatedPage[]): EvaluatedDocument => ({
  index,
  kind,
  pages: pages.map((p, j) => ({ ...p, field: `documents[${index}].files[${j}]` })),
});
const BASE: DocumentKind[] = ['id_card', 'insurance_card', 'itemized_bill', 'diagnosis_certificate'];
const rest = (from: number) => BASE.map((k, i) => docOf(from + i, k, [page(`${k}.jpg`)]));
const evaluate = (c: ClaimFacts, d: EvaluatedDocument[], invoices: InvoiceEvidence[] = [], pack = PACK) =>
  evaluateClaim(c, d, { today: TODAY, pack, invoices });
const invoiceReq = (d: EvaluatedDocument[]) =>
  evaluate(facts(), d).requirements.find((r) => r.id === 'invoice')!;

describe('4. stamps: 电子发票需加盖医院鲜章; a paper invoice’s seal is at most a warning', () => {
  const phrase = cite(S003, '电子发票需加盖医院鲜章');
  const pdf = (over: Partial<EvaluatedPage> = {}) =>
    page('e-invoice.pdf', { mime: 'application/pdf', quality: null, ...over });
  const printout = (over: Partial<EvaluatedPage> = {}) => page('打印件.jpg', { mime: 'image/jpeg', ...over });

  it.each([
    {
      name: 'the e-invoice PDF alone',
      d: [docOf(0, 'invoice', [pdf()])],
      status: 'needs_attention',
      says: '还没有盖章打印件的照片',
    },
    {
      name: 'PDF + photo of its stamped printout (same QR)',
      d: [docOf(0, 'invoice', [pdf({ invoiceKey: 'fiscal:1' }), printout({ invoiceKey: 'fiscal:1' })])],
      status: 'satisfied',
    },
    {
      name: 'PDF + printout photo in another invoice document (same QR)',
      d: [
        docOf(0, 'invoice', [pdf({ invoiceKey: 'fiscal:1' })]),
        docOf(5, 'invoice', [printout({ invoiceKey: 'fiscal:1' })]),
      ],
      status: 'satisfied',
    },
    {
      name: 'PDF + a photo of another invoice (different number)',
      d: [
        docOf(0, 'invoice', [
          pdf({ fields: { invoiceNumber: { value: '20260911', confidence: 1, source: 'pdf_text' } } }),
          printout({ fields: { invoiceNumber: { value: '20260910', confidence: 0.9, source: 'ocr' } } }),
        ]),
      ],
      status: 'needs_attention',
      says: '还没有盖章打印件的照片',
    },
    {
      name: 'PDF + its printout photo with no stamp on it',
      d: [docOf(0, 'invoice', [pdf({ invoiceKey: 'k' }), printout({ invoiceKey: 'k', quality: NO_SEAL })])],
      status: 'needs_attention',
      says: '没有找到医院的红色鲜章',
    },
  ])('$name → $status', ({ d, status, says }) => {
    const r = invoiceReq(d);
    expect(r.status).toBe(status);
    if (says) {
      expect(r.reason).toContain('电子发票要打印出来，到医院加盖鲜章');
      expect(r.reason).toContain(says);
      expect(r.source).toContain(phrase);
    }
  });

  it('a claim whose only invoice is a PDF is never complete, even with every other paper', () => {
    const r = evaluate(facts(), [docOf(0, 'invoice', [pdf()]), ...rest(1)]);
    expect(r.complete).toBe(false);
    // The same claim with the stamped printout photographed is complete.
    const ok = evaluate(
      facts(),
      [docOf(0, 'invoice', [pdf({ invoiceKey: 'k' }), printout({ invoiceKey: 'k' })]), ...rest(1)],
      [
        {
          documentIndex: 0,
          field: 'documents[0].files[0]',
          name: 'e-invoice.pdf',
          parsed: null,
          duplicates: [],
          pdf: true,
        },
        {
          documentIndex: 0,
          field: 'documents[0].files[1]',
          name: '打印件.jpg',
          parsed: null,
          duplicates: [],
          pdf: false,
          repeatOf: 'documents[0].files[0]',
        },
      ],
    );
    expect(ok.complete).toBe(true);
    // The PDF and the photo of its printout are one invoice, not a duplicate.
    expect(ok.problems.map((p) => p.code)).not.toContain('duplicate_invoice');
  });

  it('a paper invoice photo without a seal counts, with a warning in the pack’s words; a certificate’s does not', () => {
    const claim = [docOf(0, 'invoice', [page('发票.jpg', { quality: NO_SEAL })]), ...rest(1)];
    const r = evaluate(facts(), claim);
    expect(r.requirements.find((x) => x.id === 'invoice')!.status).toBe('satisfied');
    expect(r.complete).toBe(true);
    const warn = r.problems.find((p) => p.code === 'document_quality')!;
    expect(warn.severity).toBe('warning');
    expect(warn.message).toContain('指南只要求电子发票的打印件加盖医院鲜章');
    expect(warn.message).not.toContain('需要加盖医院公章');
    // 003 诊断证明需包含医师签名和公章: the certificate's seal still holds the paper back.
    const dx = evaluate(facts(), [
      docOf(0, 'diagnosis_certificate', [page('诊断.jpg', { quality: NO_SEAL })]),
    ]);
    expect(dx.requirements.find((x) => x.id === 'diagnosis-certificate')!.status).toBe('needs_attention');
    expect(dx.problems.find((p) => p.code === 'document_quality')!.severity).toBe('error');
  });

  it('a regional pack may make the paper invoice seal an error again (data, not code)', () => {
    const strict: RulePack = structuredClone(PACK);
    strict.requirements.find((r) => r.id === 'invoice')!.checks.find((c) => c.check === 'seal')!.severity =
      'error';
    const r = evaluate(facts(), [docOf(0, 'invoice', [page('发票.jpg', { quality: NO_SEAL })])], [], strict);
    expect(r.requirements.find((x) => x.id === 'invoice')!.status).toBe('needs_attention');
  });
});

describe('5. residence proof: 居住证明 (暂住证 counts) or 个人承诺书', () => {
  it('says both, with 000 and 001', () => {
    const r = evaluate(
      facts({
        crossRegion: { filingType: 'long_term_resident', filingDate: '2026-01-01' },
        treatmentRegion: '上海市',
      }),
      [],
    );
    const req = r.requirements.find((x) => x.id === 'residence-proof')!;
    expect(req.title).toBe('居住证明或个人承诺书');
    expect(req.reason).toContain('暂住证');
    expect(req.reason).toContain('或个人承诺书');
    expect(req.source).toContain(cite(S000, '需提供居住证明或个人承诺书'));
    expect(req.source).toContain(cite(S001, '如异地居住证、暂住证等'));
  });
});

describe('7. every cited phrase says its rule; no invented numbers or consequences', () => {
  it('photo checks cite a phrase about photos (003 清晰四角拍摄) or nothing; seal checks a phrase about 章', () => {
    for (const r of PACK.requirements)
      for (const c of r.checks) {
        const said = c.sources.map((x) => x.phrase).join('｜');
        if (c.check === 'readable' || c.check === 'four_corners')
          expect(c.sources.length === 0 || /清晰|四角|拍/.test(said), `${r.id} ${c.check}: ${said}`).toBe(
            true,
          );
        if (c.check === 'seal' || c.check === 'stamped_printout') expect(said, r.id).toMatch(/章/);
        if (c.check === 'emergency_mark') expect(said, r.id).toContain('急诊');
      }
    // Never a signature phrase for a photo check (the 诊断证明, 转诊 and ID checks used to).
    for (const id of ['diagnosis-certificate', 'referral-certificate', 'id-card']) {
      const readable = PACK.requirements
        .find((r) => r.id === id)!
        .checks.find((c) => c.check === 'readable')!;
      expect(readable.sources).toEqual([]);
    }
  });

  it('no message invents a consequence or a day count', () => {
    const claims: ClaimFacts[] = [
      facts({ crossRegion: { filingType: 'not_filed' }, treatmentRegion: '上海市' }),
      facts({
        careSetting: 'inpatient',
        visitDate: null,
        admissionDate: '2026-10-01',
        dischargeDate: '2026-10-10',
        crossRegion: { filingType: 'emergency', filingDate: '2026-10-09' },
        treatmentRegion: '上海市',
      }),
      facts({
        visitDate: '2026-10-01',
        crossRegion: { filingType: 'referral', filingDate: '2026-10-05' },
        treatmentRegion: '上海市',
      }),
    ];
    const texts = claims.flatMap((c) =>
      evaluate(c, []).problems.flatMap((p) => [p.message, p.messageEn ?? '']),
    );
    expect(texts.length).toBeGreaterThan(3);
    for (const t of texts) {
      expect(t).not.toContain('按未备案处理');
      expect(t).not.toContain('补办备案');
      expect(t).not.toMatch(/treated as not filed|late filing is possible/);
    }
    // Invoices after discharge: a warning with no day count.
    const late = evaluate(facts({ visitDate: '2026-10-01' }), [
      docOf(0, 'invoice', [
        page('发票.jpg', { fields: { issueDate: { value: '2026-10-30', confidence: 1, source: 'person' } } }),
      ]),
    ]).problems.find((p) => p.code === 'date_outside_care')!;
    expect(late.severity).toBe('warning');
    expect(late.message).not.toMatch(/\d+ ?天/);
  });

  it('门诊慢特病 is not in the national pack (no source names it); the example regional pack adds it', () => {
    expect(JSON.stringify(PACK)).not.toContain('慢特病');
    const region = loadRulePack('example-region');
    const chronic = facts({ careSetting: 'chronic_outpatient' });
    expect(evaluate(chronic, [], [], region).requirements.map((r) => r.id)).toContain(
      'chronic-disease-approval',
    );
    expect(evaluate(chronic, []).requirements.map((r) => r.id)).not.toContain('chronic-disease-approval');
  });

  it('check names have plain words in both languages', () => {
    for (const w of Object.values(CHECK_LABELS)) {
      expect(w.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(w.en).not.toMatch(/_/);
    }
  });
});

describe('9. region names without a province: ask, don’t assume 跨省', () => {
  const away = (insured: string, treated: string) =>
    facts({
      claimant: { ...facts().claimant, insuredRegion: insured },
      treatmentRegion: treated,
      visitDate: '2026-09-20',
      crossRegion: { filingType: 'referral', filingDate: '2026-01-15' },
    });
  it.each([
    { insured: '南京市', treated: '苏州市', codes: ['province_unknown:warning'] },
    { insured: '江苏省南京市', treated: '上海市', codes: ['filing_expired:error'] },
    { insured: '江苏省南京市', treated: '江苏省苏州市', codes: [] },
  ])('$insured → $treated: $codes', ({ insured, treated, codes }) => {
    const r = evaluate(away(insured, treated), []);
    const got = r.problems
      .filter((p) => ['province_unknown', 'filing_expired'].includes(p.code))
      .map((p) => `${p.code}:${p.severity}`);
    expect(got).toEqual(codes);
    if (codes[0]?.startsWith('province_unknown')) {
      const p = r.problems.find((x) => x.code === 'province_unknown')!;
      expect(p.message).toContain('没有写省份');
      expect(p.message).not.toContain('已超出有效期');
    }
  });
});

describe('missing rules: the filed place, the filing’s own dates', () => {
  const filed = (over: Record<string, unknown>) =>
    facts({
      visitDate: '2026-09-20',
      treatmentRegion: '上海市',
      crossRegion: { filingType: 'other_temporary', filingDate: '2026-09-01', ...over },
    });
  it('备案后就医地不可更改 (001): a different place of care is said, the same city is not', () => {
    const phrase = cite(S001, '一般情况下,备案后就医地不可更改,特殊情况需重新备案');
    const p = evaluate(filed({ filedPlace: '浙江省杭州市' }), []).problems.find(
      (x) => x.code === 'filing_place_mismatch',
    )!;
    expect(p.severity).toBe('warning');
    expect(p.message).toContain('浙江省杭州市');
    expect(p.source).toContain(phrase);
    expect(evaluate(filed({ filedPlace: '上海市浦东新区' }), []).problems.map((x) => x.code)).not.toContain(
      'filing_place_mismatch',
    );
  });
  it.each([
    { name: 'care inside the dates', over: { startDate: '2026-09-01', endDate: '2026-09-30' }, codes: [] },
    {
      name: 'care after the end',
      over: { startDate: '2026-08-01', endDate: '2026-08-31' },
      codes: ['filing_expired:warning'],
    },
    {
      name: 'care before the start',
      over: { filingDate: null, startDate: '2026-09-25', endDate: '2026-10-25' },
      codes: ['filing_late:warning'],
    },
    // A long filing past the pack's 6 months, but its own record says it runs on: the record wins.
    {
      name: 'the record outlasts the pack’s figure',
      over: { filingDate: '2025-01-01', startDate: '2025-01-01', endDate: '2027-01-01' },
      codes: [],
    },
  ])('000 备案开始日期、结束日期: $name → $codes', ({ over, codes }) => {
    const r = evaluate(filed(over), []);
    const got = r.problems
      .filter((p) => ['filing_expired', 'filing_late', 'filing_date_missing'].includes(p.code))
      .map((p) => `${p.code}:${p.severity}`);
    expect(got).toEqual(codes);
    for (const p of r.problems) expect(p.message).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });
});

describe('processing times on status tracking (003), with 12393 past them', () => {
  const times = PACK.time.processing!;
  it('counts Monday to Friday', () => {
    expect(workingDaysBetween('2026-09-25', '2026-09-28')).toBe(1); // Fri → Mon
    expect(workingDaysBetween('2026-09-21', '2026-09-25')).toBe(4);
    expect(workingDaysBetween('2026-09-25', '2026-09-25')).toBe(0);
  });
  const history = (entries: Array<[string, string]>) =>
    entries.map(([to, happenedOn]) => ({ to: to as 'submitted', happenedOn }));
  it.each([
    { status: 'draft', h: [], today: '2026-10-01', note: null },
    {
      status: 'submitted',
      h: [['submitted', '2026-09-28']],
      today: '2026-10-01',
      overdue: false,
      says: '从提交到打款一般 3–10 个工作日',
    },
    {
      status: 'under_review',
      h: [
        ['submitted', '2026-09-21'],
        ['under_review', '2026-09-22'],
      ],
      today: '2026-09-24',
      overdue: false,
      says: '审核中一般 1–3 个工作日',
    },
    {
      status: 'under_review',
      h: [
        ['submitted', '2026-09-21'],
        ['under_review', '2026-09-22'],
      ],
      today: '2026-09-28',
      overdue: true,
      says: '可拨打 12393',
    },
    {
      status: 'paying',
      h: [
        ['submitted', '2026-09-01'],
        ['paying', '2026-09-28'],
      ],
      today: '2026-09-29',
      overdue: true,
      says: '提交以来 20 个',
    },
  ])('$status on $today', ({ status, h, today, overdue, says, note }) => {
    const n = processingNote(
      status as 'draft',
      history(h as Array<[string, string]>),
      today,
      times,
      PACK.seeds,
    );
    if (note === null) return expect(n).toBeNull();
    expect(n!.overdue).toBe(overdue);
    expect(n!.zh).toContain(says!);
    expect(n!.zh).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(n!.en).toMatch(/working days/);
    expect(n!.source).toMatch(/个工作日/);
    expect(article(S003)).toContain('审核中补充材料(如需)1-3个工作日');
    if (overdue) expect(n!.source).toContain(cite(S003, '建议优先拨打12393医保服务热线咨询'));
  });
});

describe('English words', () => {
  it('filing messages never say “A other temporary filing”', () => {
    const messages = ['other_temporary', 'referral', 'emergency'].flatMap((t) =>
      evaluate(
        facts({
          claimant: { ...facts().claimant, insuredRegion: '上海市' },
          treatmentRegion: '上海市',
          visitDate: '2026-10-01',
          crossRegion: { filingType: t as 'referral', filingDate: '2026-10-05' },
        }),
        [],
      ).problems.map((p) => p.messageEn ?? ''),
    );
    expect(messages.length).toBeGreaterThan(2);
    for (const m of messages) expect(m).not.toMatch(/\bA other\b|\ba emergency\b/i);
    // And the advice names no option the app lacks (本地就医).
    const zh = evaluate(
      facts({
        treatmentRegion: '江苏省南京市',
        crossRegion: { filingType: 'referral', filingDate: '2026-09-01' },
      }),
      [],
    ).problems.find((p) => p.code === 'filing_in_insured_region')!;
    expect(zh.message).not.toContain('本地就医');
  });
});

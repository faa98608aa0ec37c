// Cross-document checks, table-driven: each problem code caught on a claim that has it and silent on one
// that does not, a low-confidence reading warning instead of erring, the marks the app draws, and the
// person's corrections winning over OCR and QR readings — through the real engine and real rule pack.
import { describe, expect, it } from 'vitest';
import type { DocumentKind } from '../../shared/domain';
import type { Problem } from '../../shared/evaluation';
import { mergeFields, type FieldReading, type Fields } from '../../shared/fields';
import { personFields } from '../../shared/field-corrections';
import {
  crossDocumentProblems,
  hospitalCore,
  sameHospital,
  type CrossClaim,
  type CrossDocument,
} from '../../electron/core/rules/cross-document';
import { evaluateClaim, type ClaimFacts, type EvaluatedDocument } from '../../electron/core/rules/engine';
import { loadRulePack } from '../../electron/core/rules/pack';
import { parseInvoicePayload } from '../../electron/core/invoices/parse';

const CLAIM: CrossClaim = {
  name: '张三',
  idNumber: '11010519491231002X',
  careSetting: 'inpatient',
  admissionDate: '2026-09-01',
  dischargeDate: '2026-09-10',
  hospital: '上海市第一人民医院',
  // Set per case: with a total, every invoice without an amount is named as unverified.
  totalAmount: null,
};

type Typed = string | number | boolean | [string | number | boolean, number];
/** OCR-style readings: a bare value is read with confidence 0.97; [value, c] sets the confidence. */
function read(values: Record<string, Typed>): Fields {
  const out: Fields = {};
  for (const [k, v] of Object.entries(values)) {
    const [value, confidence] = Array.isArray(v) ? v : [v, 0.97];
    out[k] = { value, confidence, source: 'ocr', region: { x: 0.5, y: 0.1, w: 0.2, h: 0.04 } };
  }
  return out;
}

let nextIndex = 0;
function doc(kind: DocumentKind, ...pages: Array<Record<string, Typed>>): CrossDocument {
  const index = nextIndex++;
  return {
    index,
    kind,
    pages: pages.map((p, j) => ({
      field: `documents[${index}].files[${j}]`,
      name: `${kind}-${j}.jpg`,
      fields: read(p),
    })),
  };
}

function run(docs: CrossDocument[], claim: Partial<CrossClaim> = {}): string[] {
  nextIndex = 0;
  return crossDocumentProblems({ ...CLAIM, ...claim }, docs).map((p) => `${p.code}:${p.severity}`);
}

interface Case {
  name: string;
  docs: () => CrossDocument[];
  claim?: Partial<CrossClaim>;
  expect: string[];
}

const CASES: Case[] = [
  // name_mismatch
  {
    name: 'invoice for another person',
    docs: () => [doc('invoice', { patientName: '王秀英' })],
    expect: ['name_mismatch:error'],
  },
  { name: 'invoice for the claimant', docs: () => [doc('invoice', { patientName: '张三' })], expect: [] },
  { name: 'name with a space', docs: () => [doc('itemized_bill', { patientName: '张 三' })], expect: [] },
  {
    name: 'name with the middle dot',
    claim: { name: '买买提·艾力' },
    docs: () => [doc('diagnosis_certificate', { patientName: '买买提艾力' })],
    expect: [],
  },
  {
    name: 'ID card of someone else',
    docs: () => [doc('id_card', { name: '李四' })],
    expect: ['name_mismatch:error'],
  },
  {
    name: 'discharge summary of someone else',
    docs: () => [doc('discharge_summary', { patientName: '李四' })],
    expect: ['name_mismatch:error'],
  },
  // id_mismatch
  {
    name: 'ID card number differs',
    docs: () => [doc('id_card', { name: '张三', idNumber: '110105194912310011' })],
    expect: ['id_mismatch:error'],
  },
  {
    name: 'ID card number, lower-case x',
    docs: () => [doc('id_card', { idNumber: '11010519491231002x' })],
    expect: [],
  },
  // date_outside_care
  {
    name: 'invoice a month before the stay',
    docs: () => [doc('invoice', { issueDate: '2026-08-01' })],
    expect: ['date_outside_care:error'],
  },
  {
    name: 'invoice the day before admission',
    docs: () => [doc('invoice', { issueDate: '2026-08-31' })],
    expect: ['date_outside_care:error'],
  },
  { name: 'invoice on discharge day', docs: () => [doc('invoice', { issueDate: '2026-09-10' })], expect: [] },
  // After discharge the guides give no window (issue 25): a warning to check, with no day count.
  {
    name: 'invoice the day after discharge',
    docs: () => [doc('invoice', { issueDate: '2026-09-11' })],
    expect: ['date_outside_care:warning'],
  },
  {
    name: 'invoice a month after discharge',
    docs: () => [doc('invoice', { issueDate: '2026-10-10' })],
    expect: ['date_outside_care:warning'],
  },
  {
    name: 'certificate fetched after discharge',
    docs: () => [doc('diagnosis_certificate', { visitDate: '2026-09-15' })],
    expect: ['date_outside_care:warning'],
  },
  {
    name: 'certificate before the stay',
    docs: () => [doc('diagnosis_certificate', { visitDate: '2026-08-20' })],
    expect: ['date_outside_care:error'],
  },
  {
    name: 'bill covering the stay',
    docs: () => [doc('itemized_bill', { careStart: '2026-09-01', careEnd: '2026-09-10' })],
    expect: [],
  },
  {
    name: 'bill running past discharge',
    docs: () => [doc('itemized_bill', { careStart: '2026-09-01', careEnd: '2026-09-12' })],
    expect: ['date_outside_care:error'],
  },
  {
    name: 'invoice 住院时间 of another stay',
    docs: () => [doc('invoice', { careStart: '2026-07-01', careEnd: '2026-07-05' })],
    expect: ['date_outside_care:error', 'date_outside_care:error'],
  },
  {
    name: 'outpatient invoice on the visit day',
    claim: { careSetting: 'outpatient', admissionDate: null, visitDate: '2026-10-01' },
    docs: () => [doc('invoice', { issueDate: '2026-10-01' })],
    expect: [],
  },
  {
    name: 'outpatient invoice the day before the visit',
    claim: { careSetting: 'outpatient', admissionDate: null, visitDate: '2026-10-01' },
    docs: () => [doc('invoice', { issueDate: '2026-09-30' })],
    expect: ['date_outside_care:error'],
  },
  {
    name: 'outpatient course from admissionDate to the visit',
    claim: { careSetting: 'outpatient', admissionDate: '2026-09-25', visitDate: '2026-10-01' },
    docs: () => [doc('invoice', { issueDate: '2026-09-26' }), doc('invoice', { issueDate: '2026-09-24' })],
    expect: ['date_outside_care:error'],
  },
  {
    name: 'no care dates on the claim: not compared',
    claim: { admissionDate: null },
    docs: () => [doc('invoice', { issueDate: '2026-01-01' })],
    expect: [],
  },
  // amount_words_mismatch
  {
    name: '大写 equals 小写',
    docs: () => [doc('invoice', { totalAmount: 100, totalAmountInWords: '壹佰元整' })],
    expect: [],
  },
  {
    name: '大写 ten times 小写',
    docs: () => [doc('invoice', { totalAmount: 100, totalAmountInWords: '壹仟元整' })],
    expect: ['amount_words_mismatch:error'],
  },
  {
    name: '大写 not an amount',
    docs: () => [doc('invoice', { totalAmount: 100, totalAmountInWords: '壹佰元X' })],
    expect: ['amount_words_mismatch:warning'],
  },
  // amount_mismatch / amount_unverified
  {
    name: 'invoices add up to the total',
    claim: { totalAmount: 100 },
    docs: () => [doc('invoice', { totalAmount: 60 }, { totalAmount: 40 })],
    expect: [],
  },
  {
    name: 'invoices add up to more',
    claim: { totalAmount: 100 },
    docs: () => [doc('invoice', { totalAmount: 60 }), doc('invoice', { totalAmount: 50 })],
    expect: ['amount_mismatch:error'],
  },
  {
    name: 'an invoice not read',
    claim: { totalAmount: 100 },
    docs: () => [doc('invoice', { totalAmount: 60 }, {})],
    expect: ['amount_unverified:warning'],
  },
  {
    name: 'no total on the claim: nothing to verify',
    claim: { totalAmount: null },
    docs: () => [doc('invoice', {})],
    expect: [],
  },
  // bill_total_mismatch
  {
    name: 'bill total equals its invoice',
    docs: () => [doc('invoice', { totalAmount: 100 }), doc('itemized_bill', { totalAmount: 100 })],
    expect: [],
  },
  {
    name: 'bill total differs from its invoice',
    docs: () => [doc('invoice', { totalAmount: 100 }), doc('itemized_bill', { totalAmount: 120.5 })],
    expect: ['bill_total_mismatch:error'],
  },
  {
    name: 'two bills, two invoices, pairwise equal',
    claim: { totalAmount: 100 },
    docs: () => [
      doc('invoice', { totalAmount: 60 }),
      doc('invoice', { totalAmount: 40 }),
      doc('itemized_bill', { totalAmount: 40 }),
      doc('itemized_bill', { totalAmount: 60 }),
    ],
    expect: [],
  },
  {
    name: 'the bill equals one invoice; another invoice has no bill: a warning naming it',
    docs: () => [
      doc('invoice', { totalAmount: 11845.67 }),
      doc('invoice', { totalAmount: 500 }),
      doc('itemized_bill', { totalAmount: 11845.67 }),
    ],
    expect: ['bill_total_mismatch:warning'],
  },
  {
    name: 'a bill total printed on its last page',
    docs: () => [
      doc('invoice', { totalAmount: 100 }),
      doc('itemized_bill', { patientName: '张三' }, { totalAmount: 100 }),
    ],
    expect: [],
  },
  // hospital_mismatch
  {
    name: 'campus in brackets',
    docs: () => [doc('invoice', { hospital: '上海市第一人民医院(北部院区)' })],
    expect: [],
  },
  {
    name: 'campus in full-width brackets with spaces',
    docs: () => [doc('invoice', { hospital: '上海市第一人民医院 （北部院区）' })],
    expect: [],
  },
  {
    name: 'campus as a suffix',
    docs: () => [doc('itemized_bill', { hospital: '上海市第一人民医院北部院区' })],
    expect: [],
  },
  {
    name: 'branch as a suffix',
    docs: () => [doc('itemized_bill', { hospital: '上海市第一人民医院宝山分院' })],
    expect: [],
  },
  {
    name: 'claim typed without the city',
    claim: { hospital: '第一人民医院' },
    docs: () => [doc('invoice', { hospital: '上海市第一人民医院' })],
    expect: [],
  },
  {
    name: 'another numbered hospital',
    docs: () => [doc('invoice', { hospital: '上海市第六人民医院' })],
    expect: ['hospital_mismatch:warning'],
  },
  {
    name: 'referral to another hospital',
    docs: () => [doc('referral_certificate', { toHospital: '复旦大学附属华山医院' })],
    expect: ['hospital_mismatch:warning'],
  },
  // Papers with nothing read are silent.
  {
    name: 'nothing read at all',
    claim: { totalAmount: null },
    docs: () => [doc('invoice', {}), doc('id_card', {})],
    expect: [],
  },
];

describe('cross-document checks', () => {
  it.each(CASES)('$name', (c) => {
    nextIndex = 0;
    expect(run(c.docs(), c.claim)).toEqual(c.expect);
  });

  it('a low-confidence reading warns instead of erring, and says it may be misread', () => {
    nextIndex = 0;
    const p = crossDocumentProblems(CLAIM, [
      doc('invoice', { patientName: ['王秀英', 0.6], issueDate: ['2026-08-01', 0.5] }),
    ]);
    expect(p.map((x) => `${x.code}:${x.severity}`)).toEqual([
      'name_mismatch:warning',
      'date_outside_care:warning',
    ]);
    for (const x of p) expect(x.message).toContain('可能认错');
    // A sum built on one unsure amount is unsure too.
    nextIndex = 0;
    expect(
      run([doc('invoice', { totalAmount: [60, 0.5] }), doc('invoice', { totalAmount: 50 })], {
        totalAmount: 100,
      }),
    ).toEqual(['amount_mismatch:warning']);
  });

  it('messages name the paper and both values in plain Chinese; marks carry document, page and region', () => {
    nextIndex = 0;
    const docs = [
      doc('invoice', { totalAmount: 100 }),
      doc('invoice', {}, { patientName: '王秀英', issueDate: '2026-08-01' }),
    ];
    const p = crossDocumentProblems(CLAIM, docs);
    const name = p.find((x) => x.code === 'name_mismatch')!;
    expect(name.message).toContain('第 3 张发票（invoice-1.jpg）');
    expect(name.message).toContain('“王秀英”');
    expect(name.message).toContain('“张三”');
    expect(name.field).toBe('documents[1].files[1].fields.patientName');
    expect(name.marks).toEqual([
      { document: 1, page: 1, field: 'patientName', region: { x: 0.5, y: 0.1, w: 0.2, h: 0.04 } },
    ]);
    const date = p.find((x) => x.code === 'date_outside_care')!;
    expect(date.message).toContain('2026年8月1日');
    expect(date.message).toContain('2026年9月1日至2026年9月10日');
    for (const x of p) expect(x.message).not.toMatch(/[a-z]+[A-Z]|documents\[|\d{4}-\d{2}-\d{2}/);

    nextIndex = 0;
    const words = crossDocumentProblems({ ...CLAIM, totalAmount: 100 }, [
      doc('invoice', { totalAmount: 12345.67, totalAmountInWords: '壹万贰仟叁佰肆拾伍元陆角整' }),
    ]);
    const w = words.find((x) => x.code === 'amount_words_mismatch')!;
    expect(w.message).toContain('¥12,345.60 元');
    expect(w.message).toContain('¥12,345.67 元');
    expect(w.marks?.map((m) => m.field)).toEqual(['totalAmountInWords', 'totalAmount']);
    const total = words.find((x) => x.code === 'amount_mismatch')!;
    expect(total.message).toContain('¥100.00 元');
    expect(total.message).toContain('¥12,345.67 元');
  });

  it('other papers are named by their number among their kind, and the page', () => {
    nextIndex = 0;
    const docs = [
      doc('diagnosis_certificate', {}),
      doc('diagnosis_certificate', {}, { patientName: '李四' }),
    ];
    const [p] = crossDocumentProblems(CLAIM, docs);
    expect(p!.message).toContain('第 2 份诊断证明第 2 页（diagnosis_certificate-1.jpg）上的患者姓名是“李四”');
  });

  it('an unread invoice is named in the could-not-verify note', () => {
    nextIndex = 0;
    const p = crossDocumentProblems({ ...CLAIM, totalAmount: 100 }, [
      doc('invoice', { totalAmount: 60 }),
      doc('invoice', {}),
    ]);
    expect(p).toHaveLength(1);
    expect(p[0]!.message).toContain('无法核对');
    expect(p[0]!.message).toContain('第 2 张发票（invoice-0.jpg）');
    expect(p[0]!.message).not.toContain('第 1 张发票');
  });

  it('a repeated invoice page is counted once in the total', () => {
    const docs: CrossDocument[] = [
      {
        index: 0,
        kind: 'invoice',
        pages: [
          { field: 'documents[0].files[0]', name: 'a.jpg', fields: read({ totalAmount: 100 }) },
          {
            field: 'documents[0].files[1]',
            name: 'a-again.jpg',
            fields: read({ totalAmount: 100 }),
            repeatOf: 'documents[0].files[0]',
          },
        ],
      },
    ];
    expect(crossDocumentProblems({ ...CLAIM, totalAmount: 100 }, docs)).toEqual([]);
  });

  it('hospital names: cores and the traps', () => {
    expect(hospitalCore('上海市第一人民医院(北部院区)')).toBe('上海市第一人民医院');
    expect(hospitalCore('上海市第一人民医院')).toBe('上海市第一人民医院');
    expect(hospitalCore('北京协和医院东院')).toBe('北京协和医院');
    expect(sameHospital('上海市第一人民医院', '上海市第一人民医院(北部院区)')).toBe(true);
    expect(sameHospital('ＡＢＣ医院', 'ABC医院')).toBe(true);
    expect(sameHospital('上海市第一人民医院', '上海市第六人民医院')).toBe(false);
    expect(sameHospital('北京大学第一医院', '北京大学第三医院')).toBe(false);
    expect(sameHospital('复旦大学附属中山医院', '中山医院')).toBe(true);
  });
});

describe('corrections win over what was read', () => {
  const NATIONAL = loadRulePack();
  const facts: ClaimFacts = {
    claimant: {
      name: '张三',
      idNumber: '11010519491231002X',
      insuranceType: 'employee',
      insuredRegion: '上海市',
    },
    applicant: { relation: 'self' },
    careSetting: 'inpatient',
    hospital: '上海市第一人民医院',
    treatmentRegion: '上海市',
    admissionDate: '2026-09-01',
    dischargeDate: '2026-09-10',
    totalAmount: 100,
    crossRegion: null,
  };
  const page = (fields: Fields): EvaluatedDocument => ({
    index: 0,
    kind: 'invoice',
    pages: [{ field: 'documents[0].files[0]', name: 'invoice.jpg', fields }],
  });
  const codes = (docs: EvaluatedDocument[], invoices = []) =>
    evaluateClaim(facts, docs, { today: '2026-10-01', pack: NATIONAL, invoices })
      .problems.filter((p: Problem) => p.field?.startsWith('documents') || p.code.startsWith('amount'))
      .map((p) => `${p.code}:${p.severity}`);
  const ocr: Fields = read({ patientName: '王秀英', issueDate: '2026-08-01', totalAmount: 10 });

  it('OCR alone: the mismatches are reported through evaluateClaim', () => {
    expect(codes([page(ocr)])).toEqual([
      'name_mismatch:error',
      'date_outside_care:error',
      'amount_mismatch:error',
    ]);
  });

  it('the person’s values replace the readings field by field', () => {
    const typed = personFields({ patientName: '张三', issueDate: '2026-09-10' });
    expect(codes([page(mergeFields(ocr, typed))])).toEqual(['amount_mismatch:error']);
    const all = personFields({ patientName: '张三', issueDate: '2026-09-10', totalAmount: 100 });
    expect(codes([page(mergeFields(ocr, all))])).toEqual([]);
  });

  it('the QR amount wins over OCR, and the person’s amount wins over the QR', () => {
    const qr = parseInvoicePayload('01,10,044031900111,00000001,100.00,20260910,12345678901234567890,AB12,');
    const evidence = [
      { documentIndex: 0, field: 'documents[0].files[0]', name: 'invoice.jpg', parsed: qr, duplicates: [] },
    ];
    const ocrAmount: Fields = read({ totalAmount: 10 });
    expect(codes([page(ocrAmount)], evidence as never)).toEqual([]);
    const typed: Record<string, FieldReading> = mergeFields(ocrAmount, personFields({ totalAmount: 90 }));
    expect(codes([page(typed)], evidence as never)).toEqual(['amount_mismatch:error']);
  });
});

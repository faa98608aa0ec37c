// What is printed on a paper, read by OCR (electron/core/ocr) or typed by the person: the `fields` of
// `claimdesk read --json` (docs/contracts.md) and of page facts. One vocabulary for the reader, the
// rule engine's cross-document checks and the app's field editor, so none of them invents its own names.
// A field not printed on the paper is absent, never guessed. Dates are `YYYY-MM-DD`, amounts yuan.
import { z } from 'zod';
import { Region } from './quality';

/** Field names per document kind (issue "Read the papers…", item 2). Kinds not listed have no fields. */
export const FIELD_NAMES = {
  invoice: [
    'patientName',
    'hospital',
    'issueDate',
    'totalAmount',
    'totalAmountInWords',
    'invoiceCode',
    'invoiceNumber',
    'checkCode',
    'careSetting',
    'careStart',
    'careEnd',
    'fundPaid',
    'personalPaid',
    // The rest of the national 医疗收费票据 field set (财政部 template; issue 21): absent on papers that do not
    // print them, and never compared across papers yet — read so the person sees them and can correct them.
    'payerCreditCode',
    'serialNumber',
    'visitNumber',
    'visitDate',
    'insuranceType',
    'accountPaid',
    'coPay',
    'selfPay',
  ],
  itemized_bill: ['patientName', 'hospital', 'totalAmount', 'careStart', 'careEnd'],
  diagnosis_certificate: ['patientName', 'hospital', 'visitDate', 'diagnosis', 'emergency'],
  discharge_summary: ['patientName', 'hospital', 'careStart', 'careEnd', 'diagnosis'],
  referral_certificate: ['patientName', 'fromHospital', 'toHospital', 'issueDate'],
  id_card: ['name', 'idNumber'],
} as const;
export type FieldKind = keyof typeof FIELD_NAMES;
export type FieldName = (typeof FIELD_NAMES)[FieldKind][number];

/** Which fields hold which kind of value (for parsing corrections and for the editor's input type). */
export const DATE_FIELDS = ['issueDate', 'careStart', 'careEnd', 'visitDate'] as const;
export const AMOUNT_FIELDS = [
  'totalAmount',
  'fundPaid',
  'personalPaid',
  'accountPaid',
  'coPay',
  'selfPay',
] as const;
export const BOOLEAN_FIELDS = ['emergency'] as const;

export const FieldValue = z.union([z.string(), z.number(), z.boolean()]);
export type FieldValue = z.infer<typeof FieldValue>;

/** One field on one page: the value, how sure the reader is (0..1; 1 for a typed value), where it is. */
export const FieldReading = z.object({
  value: FieldValue,
  confidence: z.number().min(0).max(1),
  region: Region.optional(),
  /** `ocr` read from pixels or PDF text, `qr` from the invoice's QR code, `person` typed or corrected. */
  source: z.enum(['ocr', 'qr', 'pdf_text', 'person']).default('ocr'),
});
export type FieldReading = z.infer<typeof FieldReading>;

export const Fields = z.record(z.string(), FieldReading);
export type Fields = z.infer<typeof Fields>;

/** A line of text found on a page, in reading order. */
export const TextLine = z.object({ text: z.string(), confidence: z.number().min(0).max(1), region: Region });
export type TextLine = z.infer<typeof TextLine>;

/** Below this, a reading is shown and compared but a mismatch found with it only warns. */
export const CONFIDENT_READING = 0.85;

/** Fields the person typed win over what was read; readings fill what the person left empty. */
export function mergeFields(read: Fields | undefined, typed: Fields | undefined): Fields {
  return { ...(read ?? {}), ...(typed ?? {}) };
}

/** Plain Chinese names of the fields, for `claimdesk read`'s text output and the app's field editor. */
export const FIELD_LABELS: Record<string, string> = {
  patientName: '患者姓名',
  hospital: '医院',
  issueDate: '开票日期',
  totalAmount: '合计金额（元）',
  totalAmountInWords: '合计（大写）',
  invoiceCode: '票据代码',
  invoiceNumber: '票据号码',
  checkCode: '校验码',
  careSetting: '门诊/住院',
  careStart: '入院日期',
  careEnd: '出院日期',
  fundPaid: '医保统筹支付（元）',
  personalPaid: '个人现金支付（元）',
  payerCreditCode: '交款人统一社会信用代码',
  serialNumber: '业务流水号',
  visitNumber: '门诊号/住院号',
  insuranceType: '医保类型',
  accountPaid: '个人账户支付（元）',
  coPay: '个人自付（元）',
  selfPay: '个人自费（元）',
  visitDate: '就诊日期',
  diagnosis: '诊断',
  emergency: '急诊',
  fromHospital: '转出医院',
  toHospital: '转入医院',
  name: '姓名',
  idNumber: '公民身份号码',
};

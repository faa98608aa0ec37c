// Cross-document checks: what is printed on the papers (read by OCR, from an invoice's QR code, or typed by
// the person) compared with the claim and with each other, as a 医保 reviewer does — the patient's name on
// every paper, the ID card, dates inside the visit or stay, 大写 vs 小写 on an invoice, invoices vs the
// claimed total, the itemized bill vs its invoices, the hospital. Pure: no files, no database; the engine
// calls it with page fields already merged (a person's correction wins over what was read).
import { DOCUMENT_KIND_LABELS, type CareSetting, type DocumentKind } from '../../../shared/domain';
import type { Problem, ProblemMark } from '../../../shared/evaluation';
import { CONFIDENT_READING, type FieldReading, type Fields } from '../../../shared/fields';
import { parseAmountInWords } from '../../../shared/amount-words';
import { isRealDate } from '../../../shared/validators';
import { addDays } from './dates';
import { formatYuanInText } from '../../../shared/money';
import { formatDateZh } from './words';

/** The claim as typed by the person: what every paper is compared with. */
export interface CrossClaim {
  name: string;
  idNumber: string;
  careSetting: CareSetting;
  visitDate?: string | null | undefined;
  admissionDate?: string | null | undefined;
  dischargeDate?: string | null | undefined;
  hospital: string;
  totalAmount?: number | null | undefined;
  /**
   * A relative who applies: the insured's ID card photos may show their card too (issue 12), so their name
   * or number read on an `id_card` page is not a stranger's card.
   */
  relativeApplicant?: { name: string; idNumber: string } | null | undefined;
}

export interface CrossPage {
  /** Field path of the page, e.g. documents[2].files[0]. */
  field: string;
  /** File name shown to people. */
  name: string;
  /** What is printed on the page, merged (person > QR > OCR). */
  fields?: Fields | undefined;
  /** Another page of this claim that is the same invoice: its amount is not counted twice. */
  repeatOf?: string | undefined;
}

export interface CrossDocument {
  /** Position in the claim (manifest order). */
  index: number;
  kind: DocumentKind;
  pages: readonly CrossPage[];
}

/**
 * Days after the end of care (discharge, or the outpatient visit) that an invoice or a certificate may
 * still be dated. Hospitals settle an inpatient stay on the day of discharge, but the settlement office
 * may issue the 票据 a few days later (discharge on a Friday evening, before a holiday, 电子票据 pushed
 * after the payment clears), and a diagnosis certificate is often fetched on a later day. A week covers a
 * weekend plus a long holiday (国庆 is 7 days); later than that the paper most likely belongs to another
 * visit. Before the first day of care there is no grace: a stay is not settled before it starts.
 */
export const ISSUE_GRACE_DAYS = 7;
/** Rounding of a printed amount, per paper. */
const AMOUNT_TOLERANCE_FEN = 1;

const NAME_FIELDS: Partial<Record<DocumentKind, string>> = {
  invoice: 'patientName',
  itemized_bill: 'patientName',
  diagnosis_certificate: 'patientName',
  discharge_summary: 'patientName',
  referral_certificate: 'patientName',
  id_card: 'name',
};
/** Dates the paper was issued on: within [first day of care, last day + ISSUE_GRACE_DAYS]. */
const ISSUE_DATE_FIELDS: Partial<Record<DocumentKind, readonly string[]>> = {
  invoice: ['issueDate'],
  diagnosis_certificate: ['visitDate'],
};
/** Days of care printed on the paper: within the stay itself (a mid-stay settlement covers part of it). */
const CARE_DATE_FIELDS: Partial<Record<DocumentKind, readonly string[]>> = {
  invoice: ['careStart', 'careEnd'],
  itemized_bill: ['careStart', 'careEnd'],
  discharge_summary: ['careStart', 'careEnd'],
};
const HOSPITAL_FIELDS: Partial<Record<DocumentKind, string>> = {
  invoice: 'hospital',
  itemized_bill: 'hospital',
  diagnosis_certificate: 'hospital',
  discharge_summary: 'hospital',
  referral_certificate: 'toHospital',
};
const FIELD_LABELS: Readonly<Record<string, string>> = {
  issueDate: '开票日期',
  visitDate: '就诊日期',
  careStart: '住院开始日期',
  careEnd: '住院结束日期',
  hospital: '医院',
  toHospital: '转往的医院',
};

/** One field as found on one page of one document. */
interface Found {
  doc: CrossDocument;
  pageIndex: number;
  page: CrossPage;
  name: string;
  reading: FieldReading;
  /** Who the paper is, in words: 第 1 份发票（invoice.jpg）. */
  label: string;
}

const isSure = (readings: readonly FieldReading[]): boolean =>
  readings.every((r) => r.confidence >= CONFIDENT_READING);

function severityOf(readings: readonly FieldReading[]): Problem['severity'] {
  return isSure(readings) ? 'error' : 'warning';
}

/** Said after a message built on a reading the reader is not sure of. */
function unsureNote(readings: readonly FieldReading[]): string {
  return isSure(readings)
    ? ''
    : '（这一项是自动识别的，可能认错了，请对照原件核对；如识别有误，请改正识别结果）';
}

function markOf(f: Found): ProblemMark {
  return {
    document: f.doc.index,
    page: f.pageIndex,
    field: f.name,
    ...(f.reading.region ? { region: f.reading.region } : {}),
  };
}

function fieldPath(f: Found): string {
  return `${f.page.field}.fields.${f.name}`;
}

/**
 * Labels per page: the n-th paper of its kind, with the page when it has several, and the file. Every
 * page of an invoice document is an invoice of its own (as the duplicate check counts them), so invoices
 * are numbered across the claim: 第 2 张发票（e-invoice.pdf）.
 */
function labeller(documents: readonly CrossDocument[]): (doc: CrossDocument, pageIndex: number) => string {
  const sorted = [...documents].sort((a, b) => a.index - b.index);
  const ordinal = new Map<CrossDocument, number>();
  const counts = new Map<DocumentKind, number>();
  const invoiceNumber = new Map<string, number>();
  for (const d of sorted) {
    const n = (counts.get(d.kind) ?? 0) + 1;
    counts.set(d.kind, n);
    ordinal.set(d, n);
    if (d.kind === 'invoice') for (const p of d.pages) invoiceNumber.set(p.field, invoiceNumber.size + 1);
  }
  return (doc, pageIndex) => {
    const kind = DOCUMENT_KIND_LABELS[doc.kind].zh;
    const page = doc.pages[pageIndex];
    const file = `（${page?.name ?? ''}）`;
    if (doc.kind === 'invoice') {
      const n = page ? invoiceNumber.get(page.field) : undefined;
      return invoiceNumber.size > 1 && n ? `第 ${n} 张${kind}${file}` : `${kind}${file}`;
    }
    const which = counts.get(doc.kind) === 1 ? kind : `第 ${ordinal.get(doc)} 份${kind}`;
    return `${which}${doc.pages.length > 1 ? `第 ${pageIndex + 1} 页` : ''}${file}`;
  };
}

function findAll(
  documents: readonly CrossDocument[],
  label: (doc: CrossDocument, pageIndex: number) => string,
  kinds: Partial<Record<DocumentKind, string | readonly string[]>>,
): Found[] {
  const out: Found[] = [];
  for (const doc of documents) {
    const wanted = kinds[doc.kind];
    if (!wanted) continue;
    const names = typeof wanted === 'string' ? [wanted] : wanted;
    doc.pages.forEach((page, pageIndex) => {
      for (const name of names) {
        const reading = page.fields?.[name];
        if (reading) out.push({ doc, pageIndex, page, name, reading, label: label(doc, pageIndex) });
      }
    });
  }
  return out;
}

/** Names compared as people write them: no spaces, no middle dot (维吾尔族 names), half-width letters. */
export function normaliseName(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/[\s·•・‧.．\-—]/g, '')
    .toUpperCase();
}

function normaliseId(id: string): string {
  return id.normalize('NFKC').replace(/\s/g, '').toUpperCase();
}

/**
 * A hospital's name reduced to the institution: full-width folded, spaces and punctuation dropped, a
 * bracketed campus removed (上海市第一人民医院(北部院区)), and a trailing campus or branch after the
 * institution's own word (…医院北部院区, …医院宝山分院, …医院东院).
 */
export function hospitalCore(name: string): string {
  let s = name.normalize('NFKC').replace(/[\s"'“”‘’·,，、.。:：\-—_]/g, '');
  s = s.replace(/\([^()]*\)/g, '').replace(/[[【][^\]】]*[\]】]/g, '');
  s = s.replace(/^(.+?(?:医院|卫生院|保健院|门诊部|诊所|中心))[^院]{1,8}(?:院区|分院)$/, '$1');
  s = s.replace(/^(.+医院)[东西南北本总新老]院$/, '$1');
  return s;
}

/**
 * Whether two names can be the same hospital: equal cores, or one inside the other (the person typed
 * 中山医院 for 复旦大学附属中山医院, or left out the city). Different numbers or names stay different:
 * 上海市第一人民医院 is not 上海市第六人民医院.
 */
export function sameHospital(a: string, b: string): boolean {
  const x = hospitalCore(a);
  const y = hospitalCore(b);
  if (x === '' || y === '') return true;
  return x === y || x.includes(y) || y.includes(x);
}

function asText(r: FieldReading): string | null {
  return typeof r.value === 'string' && r.value.trim() !== '' ? r.value.trim() : null;
}

function asDate(r: FieldReading): string | null {
  const v = asText(r);
  return v && isRealDate(v) ? v : null;
}

/** Amount in fen; a string like "12,345.67" or "¥100" (typed) is accepted too. */
function asFen(r: FieldReading): number | null {
  let n: number;
  if (typeof r.value === 'number') n = r.value;
  else if (typeof r.value === 'string') {
    const t = r.value.normalize('NFKC').replace(/[¥,\s元]/g, '');
    if (!/^\d+(\.\d{1,2})?$/.test(t)) return null;
    n = Number(t);
  } else return null;
  return Number.isFinite(n) && n >= 0 ? Math.round(n * 100) : null;
}

function checkNames(claim: CrossClaim, found: readonly Found[], out: Problem[]): void {
  const claimant = normaliseName(claim.name);
  for (const f of found) {
    const value = asText(f.reading);
    if (!value || normaliseName(value) === claimant) continue;
    const relative = claim.relativeApplicant;
    if (f.doc.kind === 'id_card' && relative && normaliseName(value) === normaliseName(relative.name))
      continue;
    const what = f.doc.kind === 'id_card' ? '姓名' : '患者姓名';
    const why =
      f.doc.kind === 'id_card'
        ? '请提供参保人本人的身份证'
        : '医保只报销参保人本人的费用，请核对是不是放错了别人的材料';
    out.push({
      code: 'name_mismatch',
      severity: severityOf([f.reading]),
      field: fieldPath(f),
      marks: [markOf(f)],
      message: `${f.label}上的${what}是“${value}”，参保人是“${claim.name}”，两者不一致。${why}${unsureNote([f.reading])}`,
    });
  }
}

function checkIds(claim: CrossClaim, found: readonly Found[], out: Problem[]): void {
  const claimant = normaliseId(claim.idNumber);
  for (const f of found) {
    const value = asText(f.reading);
    if (!value || normaliseId(value) === claimant) continue;
    const relative = claim.relativeApplicant;
    if (f.doc.kind === 'id_card' && relative && normaliseId(value) === normaliseId(relative.idNumber))
      continue;
    out.push({
      code: 'id_mismatch',
      severity: severityOf([f.reading]),
      field: fieldPath(f),
      marks: [markOf(f)],
      message: `${f.label}上的身份证号是 ${value}，填写的参保人身份证号是 ${claim.idNumber}，两者不一致。请核对是填错了号码，还是放错了别人的身份证${unsureNote([f.reading])}`,
    });
  }
}

function careWindow(claim: CrossClaim): { start: string; end: string; words: string } | null {
  const inpatient = claim.careSetting === 'inpatient';
  const end = inpatient ? claim.dischargeDate : claim.visitDate;
  // An outpatient course may be given as admissionDate…visitDate (the engine's checkDates does the same).
  const courseStart =
    !inpatient && claim.admissionDate && end && claim.admissionDate < end ? claim.admissionDate : null;
  const start = inpatient ? claim.admissionDate : (courseStart ?? claim.visitDate);
  if (!start || !end || !isRealDate(start) || !isRealDate(end) || start > end) return null;
  const words = inpatient
    ? `本次住院（${formatDateZh(start)}至${formatDateZh(end)}）`
    : start === end
      ? `本次门诊就诊日（${formatDateZh(start)}）`
      : `本次门诊（${formatDateZh(start)}至${formatDateZh(end)}）`;
  return { start, end, words };
}

function checkDates(
  claim: CrossClaim,
  issued: readonly Found[],
  care: readonly Found[],
  out: Problem[],
): void {
  const window = careWindow(claim);
  if (!window) return; // date_missing / date_order already say what is wrong with the claim's own dates.
  const lastIssue = addDays(window.end, ISSUE_GRACE_DAYS);
  for (const f of issued) {
    const date = asDate(f.reading);
    if (!date || (date >= window.start && date <= lastIssue)) continue;
    const when =
      date < window.start ? `早于${window.words}` : `晚于${window.words}${ISSUE_GRACE_DAYS} 天以上`;
    out.push({
      code: 'date_outside_care',
      severity: severityOf([f.reading]),
      field: fieldPath(f),
      marks: [markOf(f)],
      message: `${f.label}上的${FIELD_LABELS[f.name] ?? f.name}是 ${formatDateZh(date)}，${when}。票据和证明应在就诊或出院结算时开具，请核对是不是另一次就诊的材料，或就诊日期填错了${unsureNote([f.reading])}`,
    });
  }
  for (const f of care) {
    const date = asDate(f.reading);
    if (!date || (date >= window.start && date <= window.end)) continue;
    out.push({
      code: 'date_outside_care',
      severity: severityOf([f.reading]),
      field: fieldPath(f),
      marks: [markOf(f)],
      message: `${f.label}上的${FIELD_LABELS[f.name] ?? f.name}是 ${formatDateZh(date)}，不在${window.words}之内。请核对是不是另一次住院的材料，或入院、出院日期填错了${unsureNote([f.reading])}`,
    });
  }
}

function checkAmountWords(invoices: readonly Found[], words: readonly Found[], out: Problem[]): void {
  for (const w of words) {
    const figure = invoices.find((f) => f.page === w.page);
    if (!figure) continue;
    const fen = asFen(figure.reading);
    const text = asText(w.reading);
    if (fen === null || !text) continue;
    const said = parseAmountInWords(text);
    if (said !== null && Math.abs(said - fen) <= AMOUNT_TOLERANCE_FEN) continue;
    const readings = [figure.reading, w.reading];
    out.push({
      code: 'amount_words_mismatch',
      severity: said === null ? 'warning' : severityOf(readings),
      field: fieldPath(w),
      marks: [markOf(w), markOf(figure)],
      message:
        said === null
          ? `${w.label}上的大写金额“${text}”不是完整的大写金额写法，无法和小写金额 ${formatYuanInText(fen / 100)} 核对，请对照原件核对${unsureNote(readings)}`
          : `${w.label}上的大写金额“${text}”是 ${formatYuanInText(said / 100)}，小写金额是 ${formatYuanInText(fen / 100)}，两者不一致。大小写不符的票据会被退回，请找医院核对${unsureNote(readings)}`,
    });
  }
}

/** Invoice pages that count towards the total (a repeated page once), each with its amount if read. */
function invoiceAmounts(
  documents: readonly CrossDocument[],
  label: (doc: CrossDocument, pageIndex: number) => string,
  amounts: readonly Found[],
): Array<{ label: string; found: Found | null; fen: number | null }> {
  const out: Array<{ label: string; found: Found | null; fen: number | null }> = [];
  for (const doc of documents) {
    if (doc.kind !== 'invoice') continue;
    doc.pages.forEach((page, pageIndex) => {
      if (page.repeatOf) return;
      const found = amounts.find((f) => f.page === page) ?? null;
      out.push({ label: label(doc, pageIndex), found, fen: found ? asFen(found.reading) : null });
    });
  }
  return out;
}

function checkClaimTotal(
  claim: CrossClaim,
  invoices: ReturnType<typeof invoiceAmounts>,
  out: Problem[],
): void {
  const total = claim.totalAmount;
  if (total === null || total === undefined || invoices.length === 0) return;
  const totalFen = Math.round(total * 100);
  const unread = invoices.filter((i) => i.fen === null);
  if (unread.length > 0) {
    // A partial sum would always look short: say plainly what could not be checked instead.
    out.push({
      code: 'amount_unverified',
      severity: 'warning',
      field: 'claim.totalAmount',
      message: `无法核对填写的总金额 ${formatYuanInText(total)}：${unread.map((i) => i.label).join('、')}的金额没有读出来，请对照发票核对总金额，或补填这张发票上的金额`,
    });
    return;
  }
  const read = invoices as Array<{ label: string; found: Found; fen: number }>;
  const sumFen = read.reduce((s, i) => s + i.fen, 0);
  if (Math.abs(sumFen - totalFen) <= AMOUNT_TOLERANCE_FEN * read.length) return;
  const readings = read.map((i) => i.found.reading);
  const each =
    read.length > 1 ? `（${read.map((i) => `${i.label} ${formatYuanInText(i.fen / 100)}`).join('，')}）` : '';
  const what = read.length > 1 ? `${read.length} 张发票的金额合计` : `${read[0]!.label}的金额`;
  out.push({
    code: 'amount_mismatch',
    severity: severityOf(readings),
    field: 'claim.totalAmount',
    marks: read.map((i) => markOf(i.found)),
    message: `填写的总金额 ${formatYuanInText(total)}，和${what} ${formatYuanInText(sumFen / 100)}不一致${each}，请核对${unsureNote(readings)}`,
  });
}

function checkBillTotals(
  bills: readonly Found[],
  invoices: ReturnType<typeof invoiceAmounts>,
  out: Problem[],
): void {
  // One total per bill document: the page the person corrected, else the last page that prints one.
  const perBill = new Map<CrossDocument, Found>();
  for (const b of bills) {
    if (asFen(b.reading) === null) continue;
    const had = perBill.get(b.doc);
    if (!had || had.reading.source !== 'person') perBill.set(b.doc, b);
  }
  if (perBill.size === 0 || invoices.length === 0 || invoices.some((i) => i.fen === null)) return;
  const billList = [...perBill.values()].map((found) => ({ found, fen: asFen(found.reading)! }));
  const invList = invoices as Array<{ label: string; found: Found; fen: number }>;
  const billSum = billList.reduce((s, b) => s + b.fen, 0);
  const invSum = invList.reduce((s, i) => s + i.fen, 0);
  if (Math.abs(billSum - invSum) <= AMOUNT_TOLERANCE_FEN * (billList.length + invList.length)) return;
  // Bills and invoices that agree one to one are set aside; what is left is named.
  const leftBills = [...billList];
  const leftInvoices = [...invList];
  for (let i = leftBills.length - 1; i >= 0; i--) {
    const j = leftInvoices.findIndex((inv) => Math.abs(inv.fen - leftBills[i]!.fen) <= AMOUNT_TOLERANCE_FEN);
    if (j >= 0) {
      leftBills.splice(i, 1);
      leftInvoices.splice(j, 1);
    }
  }
  // Every bill equals an invoice, and some invoices have no bill of their own (an outpatient visit beside the
  // stay, or charges missing from the bill): no bill disagrees with its invoice, so this only asks the person
  // to look, naming those invoices — a warning, not an error.
  if (leftBills.length === 0) {
    const readings = leftInvoices.map((i) => i.found.reading);
    const named = leftInvoices.map((i) => `${i.label}，金额 ${formatYuanInText(i.fen / 100)}`).join('；');
    out.push({
      code: 'bill_total_mismatch',
      severity: 'warning',
      field: fieldPath(leftInvoices[0]!.found),
      marks: leftInvoices.map((i) => markOf(i.found)),
      message: `每份费用清单都对得上一张发票，但${leftInvoices.length > 1 ? '这些发票' : '这张发票'}没有对应的费用清单：${named}。如果是住院费用，请补上它的费用清单，或核对费用清单是否完整${unsureNote(readings)}`,
    });
    return;
  }
  const bs = leftBills;
  const is = leftInvoices.length > 0 ? leftInvoices : invList;
  const readings = [...bs.map((b) => b.found.reading), ...is.map((i) => i.found.reading)];
  const billWords =
    bs.length === 1
      ? `${bs[0]!.found.label}的合计是 ${formatYuanInText(bs[0]!.fen / 100)}`
      : `费用清单合计 ${formatYuanInText(bs.reduce((s, b) => s + b.fen, 0) / 100)}（${bs.map((b) => b.found.label).join('、')}）`;
  const invWords =
    is.length === 1
      ? `${is[0]!.label}的金额是 ${formatYuanInText(is[0]!.fen / 100)}`
      : `发票合计 ${formatYuanInText(is.reduce((s, i) => s + i.fen, 0) / 100)}（${is.map((i) => i.label).join('、')}）`;
  out.push({
    code: 'bill_total_mismatch',
    severity: severityOf(readings),
    field: fieldPath(bs[0]!.found),
    marks: [...bs.map((b) => markOf(b.found)), ...is.map((i) => markOf(i.found))],
    message: `${billWords}，${invWords}，两者应当一致。请核对费用清单是否完整、是否对应这些发票${unsureNote(readings)}`,
  });
}

function checkHospitals(claim: CrossClaim, found: readonly Found[], out: Problem[]): void {
  for (const f of found) {
    const value = asText(f.reading);
    if (!value || sameHospital(value, claim.hospital)) continue;
    // Always a warning: one hospital often goes by several names (a university name and a city number),
    // which no normalising can know, and a reviewer settles it at a glance.
    out.push({
      code: 'hospital_mismatch',
      severity: 'warning',
      field: fieldPath(f),
      marks: [markOf(f)],
      message: `${f.label}上的${FIELD_LABELS[f.name] ?? '医院'}是“${value}”，填写的就诊医院是“${claim.hospital}”。如果是同一家医院的不同叫法可以不管，否则请核对是不是放错了材料${unsureNote([f.reading])}`,
    });
  }
}

/**
 * Compares what is printed on a claim's papers with the claim and with each other. A mismatch found with
 * a reading below CONFIDENT_READING is a warning (the reader may be wrong), otherwise an error (except
 * hospital names, always a warning). Papers without fields are silent, except the claimed total, which
 * says plainly when an invoice's amount could not be read.
 */
export function crossDocumentProblems(claim: CrossClaim, documents: readonly CrossDocument[]): Problem[] {
  const out: Problem[] = [];
  const label = labeller(documents);
  checkNames(claim, findAll(documents, label, NAME_FIELDS), out);
  checkIds(claim, findAll(documents, label, { id_card: 'idNumber' }), out);
  checkDates(
    claim,
    findAll(documents, label, ISSUE_DATE_FIELDS),
    findAll(documents, label, CARE_DATE_FIELDS),
    out,
  );
  const invoiceTotals = findAll(documents, label, { invoice: 'totalAmount' });
  checkAmountWords(invoiceTotals, findAll(documents, label, { invoice: 'totalAmountInWords' }), out);
  const invoices = invoiceAmounts(documents, label, invoiceTotals);
  checkClaimTotal(claim, invoices, out);
  checkBillTotals(findAll(documents, label, { itemized_bill: 'totalAmount' }), invoices, out);
  checkHospitals(claim, findAll(documents, label, HOSPITAL_FIELDS), out);
  return out;
}

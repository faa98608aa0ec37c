// Fields per kind from the text of a page: find a printed label, take the value after it in the same box,
// else the box to its right on the same row, else the box below it (form cells put the value under the
// label). Each value is parsed for its type (a name, a date in any of the printed forms, an amount, a
// code) and only kept when it parses: a field not printed is absent, never guessed.
import type { FieldKind, FieldReading, Fields } from '../../../shared/fields';
import { quadRegion, subQuad, type Page, type Seg } from './layout';
import { parseAmountInWords } from '../../../shared/amount-words';
import { correctByLexicon, shippedLexicon } from './lexicon';

/** One-to-one character replacements (indexes stay aligned with the recognised text). */
const NORMAL: Record<string, string> = {
  '：': ':',
  '（': '(',
  '）': ')',
  '，': ',',
  '￥': '¥',
  '．': '.',
  '－': '-',
};
function norm(s: string): string {
  return [...s].map((c) => NORMAL[c] ?? c).join('');
}

interface Parsed {
  value: string | number | boolean;
  start: number;
  end: number;
}
type Parser = (text: string) => Parsed | null;

const HAN = '\\u4e00-\\u9fa5';

function validDate(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31) return null;
  const iso = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  const t = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === iso ? iso : null;
}

const DATE_SEP = /((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?/y;
const DATE_COMPACT = /((?:19|20)\d{2})(\d{2})(\d{2})(?!\d)/y;

/** A date at `at` in any printed form (2026-09-01, 2026/9/1, 2026年9月1日, 20260901), as YYYY-MM-DD. */
function dateAt(text: string, at: number): Parsed | null {
  for (const re of [DATE_SEP, DATE_COMPACT]) {
    re.lastIndex = at;
    const m = re.exec(text);
    if (m) {
      const iso = validDate(Number(m[1]), Number(m[2]), Number(m[3]));
      if (iso) return { value: iso, start: at, end: at + m[0].length };
    }
  }
  return null;
}

export const parseDate: Parser = (text) => {
  for (let i = 0; i < text.length; i++) {
    if (!/[12]/.test(text[i]!) || (i > 0 && /\d/.test(text[i - 1]!))) continue;
    const d = dateAt(text, i);
    if (d) return d;
  }
  return null;
};

/** A stay: two dates joined by 至 / 到 / - / ~. The value is [start, end]. */
function parseRange(text: string): { start: Parsed; end: Parsed } | null {
  const a = parseDate(text);
  if (!a) return null;
  // 2026年9月1日至…, 2026-09-01—…, 2026.09.01～…, and 自2026年9月1日起至…止.
  const sep = /\s*起?\s*(?:至|到|--?|—|–|~|～)\s*/y;
  sep.lastIndex = a.end;
  const m = sep.exec(text);
  if (!m) return null;
  const b = dateAt(text, a.end + m[0].length);
  return b ? { start: a, end: b } : null;
}

export const parseAmount: Parser = (text) => {
  const m = /(?<![\d.])(\d{1,3}(?:,\d{3})+|\d{1,9})\.(\d{2})(?!\d)/.exec(text);
  if (!m) return null;
  return { value: Number(`${m[1]!.replace(/,/g, '')}.${m[2]!}`), start: m.index, end: m.index + m[0].length };
};

const WORD_CHARS = '零壹贰叁肆伍陆柒捌玖拾佰仟万亿元圆角分整正';
export const parseWords: Parser = (text) => {
  // 参 is the everyday form 叁 was made from, and what the recogniser reads when a stroke of 叁 is faint or
  // under a seal; 参 is no amount word, so inside an amount it can only be 叁 (same length: offsets hold).
  const m = new RegExp(`[${WORD_CHARS}]{2,}`).exec(text.replace(/参/g, '叁'));
  if (!m || !/[元圆]/.test(m[0])) return null;
  return { value: m[0], start: m.index, end: m.index + m[0].length };
};

/**
 * 人民币大写 back to yuan (to compare 大写 with 小写); null when the words do not form an amount. One strict
 * parser for the whole app (shared/amount-words.ts, also behind amount_words_mismatch).
 */
export function wordsToAmount(words: string): number | null {
  const fen = parseAmountInWords(words);
  return fen === null ? null : fen / 100;
}

/**
 * Words printed as labels on forms (a header cell, the next label on a row). A box holding only such a word
 * is a label, not a value: in a grid whose values sit under the labels, the label to the right of 姓名 is
 * 性别, and it must not be read as the name.
 */
const FORM_WORDS =
  '姓名|性别|年龄|民族|出生|住址|科别|科室|床号|病区|住院号|门诊号|病案号|病历号|职业|籍贯|婚姻|' +
  '住院时间|住院日期|入院日期|出院日期|入院时间|出院时间|就诊日期|门诊日期|开票日期|收费日期|结算日期|日期|' +
  '医保类型|参保类型|人员类别|备注|项目名称|项目|名称|规格|单位|数量|单价|金额|合计|小计|类别|诊断|科室意见';
const FORM_WORD_RE = new RegExp(
  `^(?:${FORM_WORDS.split('|')
    .map((w) => [...w].join('\\s*'))
    .join('|')})\\s*(?:\\(.{0,4}\\))?\\s*:?$`,
);
/** True when a box's text is only a form label (姓名, 性 别, 住院时间：, 金额(元) …). */
export function isFormLabel(text: string): boolean {
  return FORM_WORD_RE.test(norm(text).trim());
}

// The name ends where the next label on its line begins, that label's characters possibly spaced (性 别).
const NAME_RE = new RegExp(
  `^[${HAN}·]{2,6}?(?=性\\s*别|性$|年\\s*龄|科\\s*[别室]|住院号|门诊号|$|[^${HAN}·])`,
);
export const parseName: Parser = (text) => {
  const m = NAME_RE.exec(text);
  if (!m || isFormLabel(m[0])) return null;
  return { value: m[0], start: 0, end: m[0].length };
};

const digitsParser =
  (min: number, max: number): Parser =>
  (text) => {
    const m = new RegExp(`^\\s*(\\d{${min},${max}})(?!\\d)`).exec(text);
    return m ? { value: m[1]!, start: m[0].length - m[1]!.length, end: m[0].length } : null;
  };

const parseCheckCode: Parser = (text) => {
  const m = /^\s*([0-9A-Za-z]{4,20})(?![0-9A-Za-z])/.exec(text);
  return m ? { value: m[1]!, start: m[0].length - m[1]!.length, end: m[0].length } : null;
};

const HOSPITAL_RE = new RegExp(
  `[${HAN}()]{2,30}?(?:医院|卫生院|保健院|卫生服务中心|医疗中心|诊所|门诊部)(?:[${HAN}]{0,8}?(?:分院|院区))?`,
);
export const parseHospital: Parser = (text) => {
  const m = HOSPITAL_RE.exec(text);
  return m ? { value: m[0], start: m.index, end: m.index + m[0].length } : null;
};

/**
 * The first diagnosis after its label: up to a space or punctuation, and up to the next list number (1.肺炎
 * 2.高血压 is often read without the space between them). A digit inside a diagnosis (2型糖尿病, 高血压病3级)
 * is kept: a list number is one or two digits followed by 、 or . and then a Han character.
 */
export const parseDiagnosis: Parser = (text) => {
  const m = new RegExp(
    `^\\s*(?:\\d{1,2}\\s*[.、]\\s*)?((?:(?!\\d{1,2}\\s*[.、]\\s*[${HAN}])[^\\s,;；。、]){2,30})`,
  ).exec(text);
  return m ? { value: m[1]!, start: m[0].length - m[1]!.length, end: m[0].length } : null;
};

/** An 18-character 公民身份号码 whose ISO 7064 check character holds. */
export function validIdNumber(id: string): boolean {
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...id.slice(0, 17)].reduce((a, c, i) => a + Number(c) * w[i]!, 0);
  return '10X98765432'[sum % 11] === id[17];
}

const parseIdNumber: Parser = (text) => {
  const m = /(?<![0-9])\d{17}[0-9Xx](?![0-9])/.exec(text);
  return m ? { value: m[0].toUpperCase(), start: m.index, end: m.index + m[0].length } : null;
};

interface Candidate {
  seg: Seg;
  /** Offset of `text` in the box's recognised text. */
  offset: number;
  text: string;
  /** Share of confidence kept: a value found away from its label is a little less certain. */
  weight: number;
}

/** Position (share of the box's width) of the edge before character `i` of a box's text. */
function charEdge(s: Seg, i: number): number {
  const n = s.charPos.length;
  if (n === 0 || i >= n) return 1;
  if (i <= 0) return 0;
  return (s.charPos[i - 1]! + s.charPos[i]!) / 2;
}

/** Where a label's value may be printed: after it, to its right on the row, or in the box below it. */
function candidates(page: Page, label: RegExp): Candidate[] {
  const out: Candidate[] = [];
  for (const seg of page.segs) {
    const t = norm(seg.text);
    const m = label.exec(t);
    if (!m) continue;
    let after = m.index + m[0].length;
    while (after < t.length && /[\s:]/.test(t[after]!)) after++;
    if (after < t.length) out.push({ seg, offset: after, text: t.slice(after), weight: 1 });
    // Where the label's own characters end along the row: detection boxes may overlap (the next box can
    // start under the label's box, which then ends in a stray copy of the value's first character).
    const labelEnd = seg.u0 + (seg.u1 - seg.u0) * charEdge(seg, m.index + m[0].length);
    const row = page.rows[seg.row] ?? [];
    const right = row.find(
      (s) =>
        s !== seg &&
        s.u0 > seg.u0 &&
        s.u0 >= labelEnd - seg.h * 0.5 &&
        s.u0 - seg.u1 < seg.h * 6 &&
        !isFormLabel(s.text),
    );
    if (right) out.push({ seg: right, offset: 0, text: norm(right.text), weight: 0.97 });
    const centre = (seg.u0 + seg.u1) / 2;
    for (let r = seg.row + 1; r <= seg.row + 2 && r < page.rows.length; r++) {
      // The cell below: a box starting under the label, or one centred under it (a grid's value cell is
      // often wider than its label and centred, so it starts further left).
      const below = page.rows[r]!.find(
        (s) =>
          s.u0 < seg.u1 + seg.h &&
          s.u1 > seg.u0 &&
          s.v - seg.v < seg.h * 3.5 &&
          (s.u0 > seg.u0 - seg.h * 2 ||
            Math.abs((s.u0 + s.u1) / 2 - centre) < Math.max(seg.u1 - seg.u0, 2 * seg.h)) &&
          !isFormLabel(s.text),
      );
      if (below) {
        out.push({ seg: below, offset: 0, text: norm(below.text), weight: 0.95 });
        break;
      }
    }
  }
  return out;
}

function reading(
  page: Page,
  seg: Seg,
  from: number,
  to: number,
  value: FieldReading['value'],
  weight = 1,
): FieldReading {
  const confs = seg.charConf.slice(from, to);
  // A value is right only when every character is: the mean alone hid one doubtful character (4 of the 5
  // misread values of OCR corpora A and B were reported at ≥ 0.85 and a mismatch found with them was an
  // error). The weakest character caps it: 0.5 + half its probability, so one character at 0.6 makes the
  // whole value ≤ 0.8 (请核对, and a cross-document check warns). On the same corpora this moved 4 of the 5
  // misreads under 0.85 and 14 of 505 right values.
  const mean = confs.length ? confs.reduce((a, b) => a + b, 0) / confs.length : seg.confidence;
  const conf = confs.length ? Math.min(mean, 0.5 + 0.5 * Math.min(...confs)) : mean;
  return {
    value,
    confidence: Math.round(Math.min(1, conf * weight) * 1000) / 1000,
    region: quadRegion(subQuad(seg, from, to), page.width, page.height),
    source: 'ocr',
  };
}

/** Whether a check in progress may settle doubtful characters by the lexicon (a switch for measuring). */
let lexiconCheck = true;
export function setLexiconCheck(on: boolean): void {
  lexiconCheck = on;
}

/**
 * A box's text from `offset` on, its doubtful characters settled by the model's alternatives and the lexicon
 * (ocr/lexicon.ts) when `words` (hospital names and diagnoses). Same length as the text: offsets hold.
 */
function wordText(seg: Seg, offset: number, text: string, words: boolean): string {
  if (!words || !lexiconCheck || !seg.charAlts) return text;
  const lex = shippedLexicon();
  if (!lex) return text;
  const chars = [...norm(seg.text)];
  if (chars.length !== seg.charConf.length) return text;
  const fixed = correctByLexicon(lex, chars, seg.charConf, seg.charAlts, offset, chars.length);
  return fixed.changed.length ? fixed.chars.slice(offset).join('') : text;
}

function byLabel(page: Page, labels: RegExp[], parse: Parser, words = false): FieldReading | null {
  for (const label of labels) {
    for (const c of candidates(page, label)) {
      const p = parse(wordText(c.seg, c.offset, c.text, words));
      if (p) return reading(page, c.seg, c.offset + p.start, c.offset + p.end, p.value, c.weight);
    }
  }
  return null;
}

function rangeByLabel(page: Page, labels: RegExp[]): { start: FieldReading; end: FieldReading } | null {
  for (const label of labels) {
    for (const c of candidates(page, label)) {
      const r = parseRange(c.text);
      if (r) {
        return {
          start: reading(
            page,
            c.seg,
            c.offset + r.start.start,
            c.offset + r.start.end,
            r.start.value,
            c.weight,
          ),
          end: reading(page, c.seg, c.offset + r.end.start, c.offset + r.end.end, r.end.value, c.weight),
        };
      }
    }
  }
  return null;
}

/** Anywhere on the page (first match in reading order), optionally only in the first `rows` rows. */
function anywhere(
  page: Page,
  parse: Parser,
  rows = Infinity,
  test?: RegExp,
  words = false,
): FieldReading | null {
  for (const seg of page.segs) {
    if (seg.row >= rows) break;
    const t = norm(seg.text);
    if (test && !test.test(t)) continue;
    const p = parse(wordText(seg, 0, t, words));
    if (p) return reading(page, seg, p.start, p.end, p.value);
  }
  return null;
}

/** The hospital in a letterhead: the first box near the top that names one (and is not a label's value). */
function letterheadHospital(page: Page): FieldReading | null {
  return anywhere(page, parseHospital, 4, /^[^:]*$/, true);
}

// A bare 患者/病人 only with its colon (患者：王某): in running text 患者 starts a sentence (患者因…入院).
const NAME_LABELS = [/交款人(?!统一社会信用代码)/, /患者姓名|病人姓名/, /姓\s*名/, /(?:患者|病人)\s*:/];

function careSetting(page: Page): FieldReading | null {
  for (const seg of page.segs) {
    const t = norm(seg.text);
    const m = /(门诊|住院)[^:]{0,6}?(?:收费)?票据|(门诊|住院)(?:收费|费用)?(?:专用)?发票/.exec(t);
    if (m) {
      const which = m[1] ?? m[2]!;
      const at = m.index + m[0].indexOf(which);
      return reading(page, seg, at, at + 2, which === '住院' ? 'inpatient' : 'outpatient');
    }
  }
  return null;
}

function emergency(page: Page): FieldReading | null {
  for (const seg of page.segs) {
    const at = seg.text.indexOf('急诊');
    if (at >= 0) return reading(page, seg, at, at + 2, true);
  }
  return null;
}

type Extractor = (page: Page) => FieldReading | null;

const EXTRACTORS: { [K in FieldKind]: Record<string, Extractor | 'range'> } = {
  invoice: {
    patientName: (p) => byLabel(p, NAME_LABELS, parseName),
    hospital: (p) =>
      byLabel(p, [/收款单位(?:\(章\))?/, /开票单位|医疗机构名称|收费单位/], parseHospital, true),
    // A plain 日期 (日 期) last: not the 日期 of 住院日期, 就诊日期, 出生日期 or 打印日期.
    issueDate: (p) =>
      byLabel(p, [/开票日期/, /收费日期|结算日期|收款日期/, /(?<![院诊生印])日\s*期/], parseDate),
    totalAmount: (p) => byLabel(p, [/小写/, /合计(?:金额)?|总金额|总计|费用总额/], parseAmount),
    totalAmountInWords: (p) => byLabel(p, [/大写/], parseWords),
    invoiceCode: (p) => byLabel(p, [/票据代码|发票代码/], digitsParser(8, 12)),
    // Paper receipts print the number after No. (N°, NO.) instead of a 票据号码 label.
    invoiceNumber: (p) =>
      byLabel(p, [/票据号码|发票号码/, /(?<![A-Za-z])N[oO0°]\s*\.?/], digitsParser(8, 20)),
    checkCode: (p) => byLabel(p, [/校验码/], parseCheckCode),
    careSetting,
    careStart: 'range',
    careEnd: 'range',
    fundPaid: (p) => byLabel(p, [/(?:医保)?统筹(?:基金)?(?:支付|记账)/], parseAmount),
    // Last, the label's tail: a seal stamped over 个人现金支付 can hide its first characters; 金支付 not
    // after 基 is no other payment line (统筹基金支付, 大病保险基金支付 … all have 基).
    personalPaid: (p) => byLabel(p, [/个人现金支付|现金支付/, /(?<!基)金支付/], parseAmount),
  },
  itemized_bill: {
    patientName: (p) => byLabel(p, NAME_LABELS, parseName),
    hospital: letterheadHospital,
    totalAmount: (p) => byLabel(p, [/合计(?:金额)?|总(?:金额|费用)|费用总额/], parseAmount),
    careStart: 'range',
    careEnd: 'range',
  },
  diagnosis_certificate: {
    patientName: (p) => byLabel(p, NAME_LABELS, parseName),
    hospital: letterheadHospital,
    visitDate: (p) => byLabel(p, [/就诊日期|门诊日期|就诊时间/], parseDate),
    diagnosis: (p) => byLabel(p, [/(?:临床|疾病)?诊\s*断(?:意见|结果)?(?!\s*证\s*明)/], parseDiagnosis, true),
    emergency,
  },
  discharge_summary: {
    patientName: (p) => byLabel(p, NAME_LABELS, parseName),
    hospital: letterheadHospital,
    careStart: (p) => byLabel(p, [/入院日期|入院时间/], parseDate),
    careEnd: (p) => byLabel(p, [/出院日期|出院时间/], parseDate),
    diagnosis: (p) => byLabel(p, [/出院诊断/], parseDiagnosis, true),
  },
  referral_certificate: {
    patientName: (p) => byLabel(p, NAME_LABELS, parseName),
    fromHospital: (p) => byLabel(p, [/转出(?:医院|单位|医疗机构)/], parseHospital, true),
    toHospital: (p) => byLabel(p, [/转入(?:医院|单位|医疗机构)|转往(?:医院)?/], parseHospital, true),
    issueDate: (p) => byLabel(p, [/转诊日期|开具日期|出具日期/, /日\s*期/], parseDate),
  },
  id_card: {
    name: (p) => byLabel(p, [/姓\s*名/], parseName),
    idNumber: (p) => byLabel(p, [/公民身份号码|身份证号码?/], parseIdNumber) ?? anywhere(p, parseIdNumber),
  },
};

/** Receives each page's fields read without and with the lexicon check (scripts/ocr-corpus/score.ts). */
export type LexiconCompare = (kind: string, without: Fields, withCheck: Fields) => void;
let compare: LexiconCompare | null = null;
/** Turns the comparison on (a receiver) or off (null): with it on, every page's fields are found twice. */
export function setLexiconCompare(fn: LexiconCompare | null): void {
  compare = fn;
}

/** The fields of `kind` printed on the page. Kinds without fields give `{}`. */
export function extractFields(page: Page, kind: string): Fields {
  if (compare && lexiconCheck) {
    lexiconCheck = false;
    const without = findFields(page, kind);
    lexiconCheck = true;
    const withCheck = findFields(page, kind);
    compare(kind, without, withCheck);
    return withCheck;
  }
  return findFields(page, kind);
}

function findFields(page: Page, kind: string): Fields {
  const table = (EXTRACTORS as Record<string, Record<string, Extractor | 'range'>>)[kind];
  if (!table) return {};
  const out: Fields = {};
  let range: { start: FieldReading; end: FieldReading } | null | undefined;
  for (const [name, ex] of Object.entries(table)) {
    let r: FieldReading | null;
    if (ex === 'range') {
      range ??= rangeByLabel(page, [/住院时间|住院日期|住院期间|住院起止(?:日期|时间)?/, /入出院日期/]);
      r = range ? (name === 'careStart' ? range.start : range.end) : null;
      if (!r && (kind === 'itemized_bill' || kind === 'invoice')) {
        // No range printed: 入院日期 … 出院日期 as two fields (bills, and paper 住院 receipts that print them so).
        r = byLabel(page, [name === 'careStart' ? /入院日期|入院时间/ : /出院日期|出院时间/], parseDate);
      }
    } else r = ex(page);
    if (!r) continue;
    if (name === 'idNumber' && typeof r.value === 'string' && !validIdNumber(r.value)) {
      // Printed but misread somewhere (the check character disagrees): shown, but never trusted.
      r = { ...r, confidence: Math.min(r.confidence, 0.5) };
    }
    out[name] = r;
  }
  return out;
}

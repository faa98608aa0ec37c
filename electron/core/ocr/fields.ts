// Fields per kind from the text of a page: find a printed label, take the value after it in the same box,
// else the box to its right on the same row, else the box below it (form cells put the value under the
// label). Each value is parsed for its type (a name, a date in any of the printed forms, an amount, a
// code) and only kept when it parses: a field not printed is absent, never guessed, and a label whose cell
// is blank (a masked name, a form filled in part) gives nothing, not the text of the next cell.
//
// A field's confidence is the reading's, not the characters' (docs/contracts.md, "How sure a reading is"):
// the OCR's confidence in the value's characters × how surely the value belongs to its label (in its box
// right after it 1; the next box on its row 0.97; the cell right below it 0.95; anything else printed between
// them and it is not the label's value at all) × how well it has the field's type (a person's name is 2–4
// Han characters and no fee item, label or unit; an invoice total agrees with its 大写 when both are printed).
import { CONFIDENT_READING, type FieldKind, type FieldReading, type Fields } from '../../../shared/fields';
import { quadRegion, subQuad, type Page, type Seg } from './layout';
import { parseAmountInWords } from '../../../shared/amount-words';
import { ALT_MIN, correctByLexicon, shippedLexicon } from './lexicon';

/** One-to-one character replacements (indexes stay aligned with the recognised text). */
const NORMAL: Record<string, string> = {
  '：': ':',
  '（': '(',
  '）': ')',
  '，': ',',
  '￥': '¥',
  '．': '.',
  '－': '-',
  '｜': '|',
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
const HAN_RE = new RegExp(`[${HAN}]`);

function validDate(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31) return null;
  const iso = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  const t = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === iso ? iso : null;
}

// The day ends at 日, at a non-digit, or where a clock time follows with its space lost (2021.04.2415:26).
// 2020-08-311 is no date: a third digit after the day belongs to something else printed against it.
// Between digits the recogniser's usual slips of the date words are taken as them (年 read 午, 月 read 目 or
// 用, 日 read 曰), and a comma for the point (2021,04,24): nothing else is printed between a year's digits
// and a month's.
const DATE_SEP =
  /((?:19|20)\d{2})\s*[-/.,年午]\s*(\d{1,2})\s*[-/.,月目用]\s*(\d{1,2})(?:\s*[日曰]|(?!\d)|(?=\d{1,2}\s*[:时点]\s*\d))/y;
// The same for a date printed without separators (20210719), the time run into it when the space is lost.
const DATE_COMPACT = /((?:19|20)\d{2})(\d{2})(\d{2})(?:(?!\d)|(?=\d{1,2}\s*[:时点]\s*\d))/y;

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

/**
 * Letters the recogniser reads for digits inside a run of digits (2O21-O3-O5, 2021-l2-01): O o D for 0, l I
 * for 1, only where a digit is beside them. One for one, so offsets hold.
 */
function dateDigits(text: string): string {
  const c = [...text];
  const digitAt = (i: number): boolean => /\d/.test(c[i] ?? '');
  return c
    .map((ch, i) =>
      /[OoD]/.test(ch) && (digitAt(i - 1) || digitAt(i + 1))
        ? '0'
        : /[lI]/.test(ch) && (digitAt(i - 1) || digitAt(i + 1))
          ? '1'
          : ch,
    )
    .join('');
}

export const parseDate: Parser = (raw) => {
  const text = dateDigits(raw);
  for (let i = 0; i < text.length; i++) {
    if (!/[12]/.test(text[i]!) || (i > 0 && /\d/.test(text[i - 1]!))) continue;
    const d = dateAt(text, i);
    if (d) return d;
  }
  return null;
};

/** A stay: two dates joined by 至 / 到 / - / ~ / |. The value is [start, end]. */
function parseRange(text: string): { start: Parsed; end: Parsed } | null {
  const a = parseDate(text);
  if (!a) return null;
  // 2026年9月1日至…, 2026-09-01—…, 2026.09.01～…, 20210318|20210506, and 自2026年9月1日起至…止.
  const sep = /\s*起?\s*(?:至|到|--?|—|–|~|～|\|)\s*/y;
  sep.lastIndex = a.end;
  const m = sep.exec(text);
  if (!m) return null;
  const b = dateAt(text, a.end + m[0].length);
  return b ? { start: a, end: b } : null;
}

/** An amount printed as money: yuan with two decimals, thousands commas allowed, anywhere in the text. */
export const parseAmount: Parser = (text) => {
  const m = /(?<![\d.])(\d{1,3}(?:,\d{3})+|\d{1,9})\.(\d{2})(?!\d|\.\d)/.exec(text);
  if (!m) return null;
  return { value: Number(`${m[1]!.replace(/,/g, '')}.${m[2]!}`), start: m.index, end: m.index + m[0].length };
};

/**
 * An amount that is the whole value of its cell (right after its label, or alone in the next box), in the
 * forms receipts print besides 1,234.56: whole yuan (35000, 0), one decimal (6.0, 0.5), a bare point (0.),
 * a dot-matrix dash for the point (259-00), and the misread separators of a thousands group (13.795.66 or
 * 41,665,31: a separator before exactly three digits is a thousands mark, the last one before two is the
 * point). Only at the start of the value (after ¥ or 元 signs), and not when a date or a longer number
 * follows (2021.06.25 is no amount).
 */
export const parseMoney: Parser = (text) => {
  const lead = /^[\s:¥Y羊]*/.exec(text)![0].length;
  const rest = text.slice(lead);
  // A point followed by a letter (165.a3) is a misread figure, not an amount in whole yuan.
  const m = /^(\d{1,3}(?:[.,]\d{3})+|\d{1,9})(?:(?:[.,]|-|\.\s)(\d{1,2}))?\.?(?![\d.,\-A-Za-z])/.exec(rest);
  if (m) {
    const whole = Number(m[1]!.replace(/[.,]/g, ''));
    const dec = m[2] ?? '';
    const value = Math.round((whole + (dec ? Number(dec.padEnd(2, '0')) / 100 : 0)) * 100) / 100;
    return { value, start: lead, end: lead + m[0].length };
  }
  return null;
};

const WORD_CHARS = '零壹贰叁肆伍陆柒捌玖拾佰仟万亿元圆角分整正';
const WORD_CHAR_RE = new RegExp(`[${WORD_CHARS}]`);
export const parseWords: Parser = (text) => {
  // 参 is the everyday form 叁 was made from, and what the recogniser reads when a stroke of 叁 is faint or
  // under a seal; 参 is no amount word, so inside an amount it can only be 叁 (same length: offsets hold).
  const m = new RegExp(`[${WORD_CHARS}]{2,}`).exec(text.replace(/参/g, '叁'));
  if (!m || !/[元圆角分]/.test(m[0]) || parseAmountInWords(m[0]) === null) return null;
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
  '姓名|患者姓名|病人姓名|性别|年龄|民族|出生|住址|科别|科室|床号|病区|住院号|门诊号|病案号|病历号|职业|籍贯|婚姻|' +
  '住院时间|住院日期|入院日期|出院日期|入院时间|出院时间|就诊日期|门诊日期|开票日期|收费日期|结算日期|日期|' +
  '医保类型|医保类别|参保类型|人员类别|保险编号|备注|项目名称|收费项目|项目/规格|项目|名称|规格|单位|数量|单价|' +
  '金额|合计|小计|类别|诊断|科室意见|交款人|收款人|复核人|收款单位';
const FORM_WORD_RE = new RegExp(
  `^(?:${FORM_WORDS.split('|')
    .map((w) => [...w].join('\\s*'))
    .join('|')})\\s*(?:\\(.{0,4}\\))?\\s*:?$`,
);
/**
 * A label named by its head word with a qualifier before it (就诊科室, 住院科室, 开单科室, 出生日期, 人员类别):
 * no value a reader takes (a name, a hospital, a diagnosis, an insurance type, a number) ends in one of
 * these heads, so a box holding only such a phrase is a label, whatever the qualifier.
 */
const LABEL_HEAD_RE = new RegExp(
  `^[${HAN}]{1,4}(?:科室|科别|日期|时间|类型|类别)\\s*(?:\\(.{0,4}\\))?\\s*:?$`,
);

/** True when a box's text is only a form label (姓名, 性 别, 住院时间：, 金额(元), 就诊科室 …). */
export function isFormLabel(text: string): boolean {
  const t = norm(text).trim();
  return FORM_WORD_RE.test(t) || LABEL_HEAD_RE.test(t);
}

/** A box that starts with a label of its own (性别：女, 医保类型：): another field's cell, never this one's value. */
function isLabelled(text: string): boolean {
  return new RegExp(`^[${HAN}]{2,12}\\s*(?:\\([${HAN}]{1,3}\\))?\\s*:`).test(norm(text).trim());
}

/** A box that is some label's, not a value: a bare form label or a labelled cell. */
function isLabelBox(text: string): boolean {
  return isFormLabel(text) || isLabelled(text);
}

// The name ends where the next label on its line begins, that label's characters possibly spaced (性 别).
const NAME_RE = new RegExp(
  `^[${HAN}·]{2,6}?(?=性\\s*别|性$|年\\s*龄|科\\s*[别室]|住院号|门诊号|$|[^${HAN}·])`,
);
// A two-character name spaced to the width of three (张, a full-width space, 三), as forms align names: the
// spaces are no part of it.
const SPACED_NAME_RE = new RegExp(`^([${HAN}])\\s{1,2}([${HAN}])(?![${HAN}·])`);
export const parseName: Parser = (text) => {
  const spaced = SPACED_NAME_RE.exec(text);
  if (spaced && !isFormLabel(spaced[1]! + spaced[2]!))
    return { value: spaced[1]! + spaced[2]!, start: 0, end: spaced[0].length };
  const m = NAME_RE.exec(text);
  // Followed by a colon it is a label (突款人：, 患者姓名：), not a name.
  if (!m || isFormLabel(m[0]) || /^\s*:/.test(text.slice(m[0].length))) return null;
  return { value: m[0], start: 0, end: m[0].length };
};

/**
 * Words that are never part of a person's name but are printed in the cells around one: fee items (西药费,
 * 中药饮片, 检查费), the table's headings (收费项目, 项目名称), labels (患者姓名, 交款人) and amounts in words.
 */
const NOT_NAME = new RegExp(
  [
    '西药|中药|中成|草药|饮片|检查|检验|化验|治疗|手术|护理|床位|诊察|诊疗|诊查|挂号|材料|彩超|输血|输氧|放射|麻醉|',
    '项目|名称|规格|数量|单价|金额|合计|小计|收费|姓名|患者|病人|款人|单位|医院|科室|备注|类别|类型|自费|自付|统筹|',
    '医保|日期|时间|号码|代码|签名|签字|签章|盖章|性别|年龄|其他|其它|一般|住院|门诊|急诊|就诊|诊断|大写|小写|人民币|元整|科室|科别',
  ].join(''),
);

/**
 * How well a value has a person's name's type: 1 for 2–4 Han characters, 0.8 for 5–6 or a name with a
 * middle dot (维吾尔族 names; unusual enough that the person should look), 0 (not a name) for anything holding
 * a fee item, a label or a heading, or ending in 费 (费 begins names as a surname, never ends one).
 */
export function nameFit(name: string): number {
  if (NOT_NAME.test(name) || /.费/.test(name)) return 0;
  const han = name.replace(/·/g, '');
  if (!new RegExp(`^[${HAN}]+$`).test(han) || han.length < 2) return 0;
  if (name.includes('·')) return han.length <= 12 ? 0.8 : 0;
  return han.length <= 4 ? 1 : han.length <= 6 ? 0.8 : 0;
}

const digitsParser =
  (min: number, max: number): Parser =>
  (text) => {
    const m = new RegExp(`^\\s*(\\d{${min},${max}})(?!\\d)`).exec(text);
    return m ? { value: m[1]!, start: m[0].length - m[1]!.length, end: m[0].length } : null;
  };

/** A code of letters and digits (校验码, 业务流水号, 门诊号) right at the start of the value. */
const codeParser =
  (min: number, max: number, extra = ''): Parser =>
  (text) => {
    const m = new RegExp(`^\\s*([0-9A-Za-z${extra}]{${min},${max}})(?![0-9A-Za-z${extra}])`).exec(text);
    return m ? { value: m[1]!, start: m[0].length - m[1]!.length, end: m[0].length } : null;
  };

const parseCheckCode: Parser = codeParser(4, 20);

const HOSPITAL_RE = new RegExp(
  `[${HAN}()]{2,30}?(?:医院|卫生院|保健院|卫生服务中心|医疗中心|诊所|门诊部)(?:[${HAN}]{0,8}?(?:分院|院区))?(?:\\([${HAN}]{2,20}\\))?`,
);
/** The first hospital name in the text (a letterhead line, a 收款单位 cell). */
export const parseHospital: Parser = (text) => {
  const m = HOSPITAL_RE.exec(text);
  if (!m) return null;
  let end = m.index + m[0].length;
  // 山东省肿瘤防治研究院(山东省肿瘤医院): the shortest match ends inside the brackets; the closing one is
  // the name's too.
  const opened = (m[0].match(/\(/g) ?? []).length - (m[0].match(/\)/g) ?? []).length;
  if (opened === 1 && text[end] === ')') end++;
  return { value: text.slice(m.index, end), start: m.index, end };
};

/** A hospital name that is the whole start of its cell (after its label): nothing skipped before it. */
const parseHospitalCell: Parser = (text) => {
  const lead = /^[\s:]*/.exec(text)![0].length;
  const p = parseHospital(text.slice(lead));
  return p && p.start === 0 ? { ...p, start: lead, end: lead + p.end } : null;
};

/**
 * How well a value has a hospital name's type: a name starts with a Han character, its brackets close, and
 * it names more than the kind of institution (附属医院 or 中医院 alone is what is left when a seal hid the
 * name's start).
 */
export function hospitalFit(name: string): number {
  if (!HAN_RE.test(name[0] ?? '')) return 0;
  if ((name.match(/\(/g) ?? []).length !== (name.match(/\)/g) ?? []).length) return 0;
  const core = name
    .replace(/\([^()]*\)/g, '')
    .replace(/(?:医院|卫生院|保健院|卫生服务中心|医疗中心|诊所|门诊部)(?:.{0,8}(?:分院|院区))?$/, '');
  const generic =
    /^(?:附属|第[一二三四五六七八九十\d]+|人民|中医|中西医结合|专科|综合|妇幼|儿童|口腔|肿瘤|中心)+$/;
  return core.length < 2 || generic.test(core) ? 0 : 1;
}

/** An ICD-10 code as hospital systems print it before a diagnosis: (C50.801), （E11.900）. */
const ICD = '\\(\\s*[A-Z1]\\d{2}(?:\\.[0-9A-Za-z]{1,6})?\\s*\\)';

/**
 * The first diagnosis after its label: up to a space or punctuation, and up to the next list number (1.肺炎
 * 2.高血压 is often read without the space between them). A digit inside a diagnosis (2型糖尿病, 高血压病3级)
 * is kept: a list number is one or two digits followed by 、 or . and then a Han character. An ICD-10 code
 * printed before it in brackets ((C50.801)乳腺恶性肿瘤, as hospital systems print them) is not the diagnosis.
 */
export const parseDiagnosis: Parser = (raw) => {
  // The M of a TNM stage is 0 or 1: an O there is the recogniser's 0 (T2N2MO).
  const text = raw.replace(/(T[0-4X][a-d]?N[0-3X][a-c]?M)[Oo]/g, '$10');
  // It ends at a colon too (a ； read as ：) and where the next one's ICD code begins ((D25.900)子宫平滑肌瘤).
  const m = new RegExp(
    `^\\s*(?:\\d{1,2}\\s*[.、]\\s*)?(?:${ICD}\\s*)?((?:(?!\\d{1,2}\\s*[.、]\\s*[${HAN}]|${ICD})[^\\s,;；:。、]){2,30})`,
  ).exec(text);
  return m ? { value: m[1]!, start: m[0].length - m[1]!.length, end: m[0].length } : null;
};

/** Text after a label (医保类型：省内异地医保): Han words up to the next label or a space. */
const parseTextValue: Parser = (text) => {
  const m = new RegExp(`^\\s*([${HAN}A-Za-z]{2,16}?)(?=\\s|$|[^${HAN}A-Za-z]|[${HAN}]{2,8}:)`).exec(text);
  if (!m || isFormLabel(m[1]!)) return null;
  return { value: m[1]!, start: m[0].length - m[1]!.length, end: m[0].length };
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

/**
 * How surely a value belongs to the label it was found by (the middle factor of a field's confidence): in
 * the label's own box right after it; in the next box along the row with nothing between; in the cell
 * right below it with nothing between (a grid's value cell); a cell further along or one row further
 * down is less sure. Measured on no set: these order the places, they do not tune a score.
 */
export const BELONGS = { after: 1, right: 0.97, rightFar: 0.92, below: 0.95, belowFar: 0.9 } as const;

/**
 * How far along its row (in character heights) a label's value may start: a ruled header grid whose label
 * column is as wide as its longest label (交款人统一社会信用代码, 11 characters) puts a short label's value
 * up to ~10 characters after it.
 */
const FAR_CELL = 12;

interface Candidate {
  seg: Seg;
  /** Offset of `text` in the box's recognised text. */
  offset: number;
  text: string;
  /** How surely a value here belongs to the label (BELONGS). */
  belongs: number;
}

/**
 * Not a cell of the label's grid: a speck (a seal's stroke or a fold read as a character: under half the
 * label's height, or read at under 0.4) or a seal's words (over twice its height). Neither is "something
 * printed between" a label and its value.
 */
function isSpeck(s: Seg, label: Seg | number): boolean {
  const h = typeof label === 'number' ? label : label.h;
  return s.h < h * 0.5 || s.h > h * 2.2 || s.confidence < 0.4;
}

/** The height of the page's body text (the median box), for boxes whose own height is no guide. */
function bodyHeight(page: Page): number {
  const hs = page.segs.map((s) => s.h).sort((a, b) => a - b);
  return hs[hs.length >> 1] ?? 0;
}

/** Position (share of the box's width) of the edge before character `i` of a box's text. */
function charEdge(s: Seg, i: number): number {
  const n = s.charPos.length;
  if (n === 0 || i >= n) return 1;
  if (i <= 0) return 0;
  return (s.charPos[i - 1]! + s.charPos[i]!) / 2;
}

/** A label found on the page: the box it ends in and where in that box's text it ends. */
interface LabelHit {
  /** The box the label starts in (its left edge and row anchor the cell below). */
  first: Seg;
  /** The box the label ends in (one box, or the next when the detector split a spaced label: 诊 | 断：). */
  seg: Seg;
  /** Index in norm(seg.text) just after the label. */
  end: number;
}

/** Labels found per page (a label is looked for by several fields: 交款人 by the name and the blank check). */
const hitsOf = new WeakMap<Page, Map<string, LabelHit[]>>();

function labelHits(page: Page, label: RegExp): LabelHit[] {
  let known = hitsOf.get(page);
  if (!known) hitsOf.set(page, (known = new Map()));
  const key = `${label.source}/${label.flags}`;
  let hits = known.get(key);
  if (!hits) known.set(key, (hits = findLabel(page, label)));
  return hits;
}

function findLabel(page: Page, label: RegExp): LabelHit[] {
  const hits: LabelHit[] = [];
  for (const row of page.rows) {
    row.forEach((seg, i) => {
      const t = norm(seg.text);
      const m = label.exec(t);
      if (m) {
        hits.push({ first: seg, seg, end: m.index + m[0].length });
        return;
      }
      // A spaced label the detector cut in two boxes (诊 | 断：): matched across the pair, starting in this box
      // and ending in the next, which must follow closely on the same row.
      const next = row[i + 1];
      if (!next || next.u0 - seg.u1 > 2 * seg.h || label.exec(norm(next.text))) return;
      const joined = t + norm(next.text);
      const j = label.exec(joined);
      if (j && j.index < t.length && j.index + j[0].length > t.length)
        hits.push({ first: seg, seg: next, end: j.index + j[0].length - t.length });
    });
  }
  return hits;
}

/**
 * Where a label's value may be printed: after it in its box, in the next box along its row, or in the cell
 * right below it. The next box and the cell below are the label's only when nothing is printed between:
 * when the next box or the cell below holds another label (性别, 项目名称, 医保类型：), the label's own cell
 * is blank and the field is absent. Returns the candidates in that order and whether any was found.
 */
function candidates(page: Page, label: RegExp, alongOnly = false): Candidate[] {
  const out: Candidate[] = [];
  for (const { first, seg, end } of labelHits(page, label)) {
    const t = norm(seg.text);
    let after = end;
    while (after < t.length && /[\s:]/.test(t[after]!)) after++;
    if (after < t.length) out.push({ seg, offset: after, text: t.slice(after), belongs: BELONGS.after });
    // Where the label's own characters end along the row: detection boxes may overlap (the next box can
    // start under the label's box, which then ends in a stray copy of the value's first character).
    const labelEnd = seg.u0 + (seg.u1 - seg.u0) * charEdge(seg, end);
    const row = (page.rows[seg.row] ?? []).filter((s) => !isSpeck(s, seg));
    // A box starting with the label's own colon (诊 | 断 | ：2型糖尿病) may start under the label's box. A
    // value printed out of register (a pin printer's over a pre-printed form) may start under the label's
    // last character: up to one character's width (the label's height) before the label's end.
    const right = row.find(
      (s) =>
        s !== seg &&
        s.u0 > seg.u0 &&
        (s.u0 >= labelEnd - seg.h || (/^\s*[:：]/.test(s.text) && s.u1 > labelEnd + seg.h)),
    );
    // A ruled grid's label column can be wide (交款人统一社会信用代码 sets it; 票据代码's value starts ten
    // characters after it): the next box along the row is the label's value up to FAR_CELL characters away,
    // when nothing is printed between and it is no label (the next box of a blank cell is the next label).
    const rightValue = right && right.u0 - seg.u1 < seg.h * FAR_CELL && !isLabelBox(right.text);
    if (right && rightValue) {
      const far = right.u0 - seg.u1 > seg.h * 3;
      const lead = /^[\s:]*/.exec(norm(right.text))![0].length;
      out.push({
        seg: right,
        offset: lead,
        text: norm(right.text).slice(lead),
        belongs: far ? BELONGS.rightFar : BELONGS.right,
      });
    }
    // Printed out of register (dot-matrix values on a pre-printed form sit up to half a line off the form's
    // rows): the first box right of the label on the next row, when its centre is within 0.8 of the label's
    // height of the label's own.
    if (!rightValue) {
      const low = (page.rows[seg.row + 1] ?? []).find(
        (s) => !isSpeck(s, seg) && s.u0 >= labelEnd - seg.h && Math.abs(s.v - seg.v) < seg.h * 0.8,
      );
      if (low && low.u0 - seg.u1 < seg.h * 6 && !isLabelBox(low.text))
        out.push({ seg: low, offset: 0, text: norm(low.text), belongs: BELONGS.rightFar });
    }
    // The cell below: the first box under the label, starting under it or centred under it (a grid's value
    // cell is often wider than its label and centred, so it starts further left).
    if (alongOnly) continue;
    const u0 = first.u0;
    const u1 = seg.u1;
    const centre = (u0 + u1) / 2;
    let rowsDown = 0;
    for (let r = seg.row + 1; r < page.rows.length && rowsDown < 2; r++) {
      const below = page.rows[r]!.find(
        (s) =>
          !isSpeck(s, seg) &&
          s.u0 < u1 + seg.h &&
          s.u1 > u0 &&
          (s.u0 > u0 - seg.h * 2 || Math.abs((s.u0 + s.u1) / 2 - centre) < Math.max(u1 - u0, 2 * seg.h)),
      );
      if (!below) continue;
      rowsDown++;
      if (below.v - seg.v >= seg.h * 3.5) break;
      if (!isLabelBox(below.text))
        out.push({
          seg: below,
          offset: 0,
          text: norm(below.text),
          belongs: rowsDown === 1 ? BELONGS.below : BELONGS.belowFar,
        });
      break;
    }
  }
  return out;
}

/** The OCR's confidence in characters `from`..`to` of a box (the first factor of a field's confidence). */
function ocrConfidence(seg: Seg, from: number, to: number): number {
  const confs = seg.charConf.slice(from, to);
  // A value is right only when every character is: the mean alone hid one doubtful character (4 of the 5
  // misread values of OCR corpora A and B were reported at ≥ 0.85 and a mismatch found with them was an
  // error). The weakest character caps it: 0.5 + half its probability, so one character at 0.6 makes the
  // whole value ≤ 0.8 (请核对, and a cross-document check warns). On the same corpora this moved 4 of the 5
  // misreads under 0.85 and 14 of 505 right values.
  const mean = confs.length ? confs.reduce((a, b) => a + b, 0) / confs.length : seg.confidence;
  return confs.length ? Math.min(mean, 0.5 + 0.5 * Math.min(...confs)) : mean;
}

const round3 = (x: number): number => Math.round(Math.min(1, Math.max(0, x)) * 1000) / 1000;

function reading(
  page: Page,
  seg: Seg,
  from: number,
  to: number,
  value: FieldReading['value'],
  factor = 1,
): FieldReading {
  return {
    value,
    confidence: round3(ocrConfidence(seg, from, to) * factor),
    region: quadRegion(subQuad(seg, from, to), page.width, page.height),
    source: 'ocr',
  };
}

/** Whether a check in progress may settle doubtful characters by the lexicon (a switch for measuring). */
let lexiconCheck = true;
export function setLexiconCheck(on: boolean): void {
  lexiconCheck = on;
}

/** How a value's doubtful characters may be settled by the model's own alternatives. */
type Settle = 'none' | 'words' | 'amountWords';

/**
 * A box's text from `offset` on, its doubtful characters settled by the model's alternatives: by the lexicon
 * (ocr/lexicon.ts) for hospital names and diagnoses; for an amount in words, a character that is no amount
 * word (蛋 under a seal) becomes the amount word the model also gave ≥ ALT_MIN there (零). Same length as the
 * text: offsets hold.
 */
function settledText(seg: Seg, offset: number, text: string, settle: Settle): string {
  if (settle === 'none' || !seg.charAlts) return text;
  const chars = [...norm(seg.text)];
  if (chars.length !== seg.charConf.length) return text;
  if (settle === 'amountWords') {
    let changed = false;
    for (let i = offset; i < chars.length; i++) {
      if (WORD_CHAR_RE.test(chars[i]!) || chars[i] === '参') continue;
      const alt = (seg.charAlts[i] ?? []).find((a) => a.p >= ALT_MIN && WORD_CHAR_RE.test(a.ch));
      if (alt) {
        chars[i] = alt.ch;
        changed = true;
      }
    }
    return changed ? chars.slice(offset).join('') : text;
  }
  if (!lexiconCheck) return text;
  const lex = shippedLexicon();
  if (!lex) return text;
  const fixed = correctByLexicon(lex, chars, seg.charConf, seg.charAlts, offset, chars.length);
  return fixed.changed.length ? fixed.chars.slice(offset).join('') : text;
}

/**
 * Where a space the recogniser did not write lies inside `from`..`to` of a box: the first character whose
 * centre is at least WIDE_GAP character pitches after the previous one's (two diagnoses printed 2型糖尿病
 * and 左乳癌 with spaces between them are read as one run of characters, but the gap stays in the
 * characters' positions: 70 px between them against 23 px between the others). `to` when there is none.
 */
function lostSpace(seg: Seg, from: number, to: number): number {
  const width = seg.u1 - seg.u0;
  const chars = [...norm(seg.text)];
  if (seg.charPos.length !== chars.length) return to;
  // Steps between two Han characters only: Latin letters and digits are narrower (T2N2M0 would make every
  // step between Han characters look wide).
  const steps: Array<{ at: number; d: number }> = [];
  for (let i = from + 1; i < to; i++)
    if (HAN_RE.test(chars[i]!) && HAN_RE.test(chars[i - 1]!))
      steps.push({ at: i, d: (seg.charPos[i]! - seg.charPos[i - 1]!) * width });
  if (steps.length < 3) return to;
  const median = steps.map((s) => s.d).sort((a, b) => a - b)[steps.length >> 1]!;
  return steps.find((s) => s.d >= WIDE_GAP * median)?.at ?? to;
}
/**
 * A step between two Han characters' centres this many times the median step is a space: Han characters
 * are all one em wide, and a printed space adds at least most of one.
 */
const WIDE_GAP = 1.8;

interface ByLabel {
  /** How doubtful characters may be settled (hospital names, diagnoses, amounts in words). */
  settle?: Settle;
  /** Only after the label on its own line, never the cell below it. */
  alongOnly?: boolean;
  /** A text value ends where a wide gap between its characters shows a space the recogniser lost (diagnoses). */
  cutAtGap?: boolean;
  /** A value that fills its box to the end may go on at the start of the next line, under it (diagnoses). */
  wraps?: boolean;
  /**
   * A value printed without spaces (a hospital's name): a gap of a character's width between two of its
   * characters is a character the recogniser dropped (a seal's ink over it), never sure (请核对).
   */
  unbroken?: boolean;
  /** The value's type fit, 0..1 (0: not this field's value; the next place is tried), given the text read. */
  fit?: (value: FieldReading['value'], printed: string) => number;
}

/** Every reading of a field by its labels, best label first, then in reading order. */
function allByLabel(page: Page, labels: RegExp[], parse: Parser, opts: ByLabel = {}): FieldReading[] {
  const out: FieldReading[] = [];
  for (const label of labels) {
    for (const c of candidates(page, label, opts.alongOnly)) {
      const text = settledText(c.seg, c.offset, c.text, opts.settle ?? 'none');
      let p = parse(text);
      if (!p) continue;
      if (opts.cutAtGap && typeof p.value === 'string') {
        const end = lostSpace(c.seg, c.offset + p.start, c.offset + p.end) - c.offset;
        if (end < p.end) p = parse(text.slice(0, end));
        if (!p) continue;
      }
      const fit = opts.fit ? opts.fit(p.value, text.slice(p.start, p.end)) : 1;
      if (fit <= 0) continue;
      let r = reading(page, c.seg, c.offset + p.start, c.offset + p.end, p.value, c.belongs * fit);
      if (opts.unbroken && lostSpace(c.seg, c.offset + p.start, c.offset + p.end) < c.offset + p.end)
        r = { ...r, confidence: Math.min(r.confidence, round3(CONFIDENT_READING - 0.01)) };
      const rest = opts.wraps && typeof p.value === 'string' && text.slice(p.end).trim() === '';
      out.push((rest && wrappedOn(page, c.seg, [c.offset, c.offset + p.start], r)) || r);
    }
  }
  return out;
}

// The rest of a wrapped value: Han text (and the digits and letters inside a diagnosis) up to a space, a
// punctuation mark, a colon, the next list number or the next ICD code.
const WRAPPED_REST = new RegExp(`^((?:(?!\\d{1,2}\\s*[.、]\\s*[${HAN}]|${ICD})[^\\s,;；:。、]){1,20})`);

/**
 * A value printed to the end of its line that goes on at the start of the next (诊断：1.腰椎间盘 | 突出症
 * 2.…, the form's cell too narrow for it): the next row's first box, starting under the value's first
 * character or under its cell's start (the list number 1. before it), within a character's width, with
 * nothing left of it, one line below (its centre under 2.2 line heights down), holding no label and not
 * starting the next list item (2.) or ICD code. Its text up
 * to a space the recogniser wrote or lost is the value's rest; the weaker part's characters set the
 * confidence. A box further left (the next paragraph at the margin) or starting with a list number is no
 * continuation: the value ends where its line did.
 */
function wrappedOn(page: Page, seg: Seg, starts: number[], first: FieldReading): FieldReading | null {
  const next = (page.rows[seg.row + 1] ?? []).filter((s) => !isSpeck(s, seg));
  const cont = next[0];
  if (!cont || cont.v - seg.v > seg.h * 2.2) return null;
  const under = (i: number): boolean =>
    Math.abs(cont.u0 - (seg.u0 + (seg.u1 - seg.u0) * charEdge(seg, i))) <= seg.h;
  if (!starts.some(under)) return null;
  const t = norm(cont.text);
  if (isLabelBox(t) || /^\s*\d{1,2}\s*[.、]/.test(t)) return null;
  const m = WRAPPED_REST.exec(t);
  if (!m || !HAN_RE.test(m[1]![0]!)) return null;
  const end = lostSpace(cont, 0, m[1]!.length);
  const rest = reading(page, cont, 0, end, t.slice(0, end));
  const a = first.region!;
  const b = rest.region!;
  const x0 = Math.min(a.x, b.x);
  const y0 = Math.min(a.y, b.y);
  const r4 = (v: number): number => Math.round(v * 10000) / 10000;
  return {
    value: `${String(first.value)}${t.slice(0, end)}`,
    confidence: Math.min(first.confidence, rest.confidence),
    region: {
      x: r4(x0),
      y: r4(y0),
      w: r4(Math.max(a.x + a.w, b.x + b.w) - x0),
      h: r4(Math.max(a.y + a.h, b.y + b.h) - y0),
    },
    source: 'ocr',
  };
}

function byLabel(page: Page, labels: RegExp[], parse: Parser, opts: ByLabel = {}): FieldReading | null {
  for (const label of labels) {
    const found = allByLabel(page, [label], parse, opts);
    if (found.length) return found[0]!;
  }
  return null;
}

/** Whether any of the labels is printed on the page (its cell may be blank). */
function printed(page: Page, labels: RegExp[]): boolean {
  return labels.some((l) => labelHits(page, l).length > 0);
}

/**
 * A stay whose dates lost separators on a pin printer (2020-0924至2020-1016): each side of 至 / 到 / ~ read by
 * its digits alone (parseCollapsedDate), the second right after the separator and not before the first.
 */
function parseCollapsedRange(text: string): { start: Parsed; end: Parsed } | null {
  const sep = /\s*(?:至|到|~|～|\|)\s*/.exec(text);
  if (!sep) return null;
  const a = parseCollapsedDate(text.slice(0, sep.index));
  const from = sep.index + sep[0].length;
  const b = parseCollapsedDate(text.slice(from));
  if (!a || !b || b.start !== 0 || String(b.value) < String(a.value)) return null;
  return { start: a, end: { ...b, start: from + b.start, end: from + b.end } };
}

function rangeByLabel(page: Page, labels: RegExp[]): { start: FieldReading; end: FieldReading } | null {
  return (
    rangeBy(page, labels, parseRange) ?? collapsedRange(rangeBy(page, labels, parseCollapsedRange, COLLAPSED))
  );
}

/** A stay read from its digits alone is never sure, as a single date so read (collapsedDate). */
function collapsedRange(
  r: { start: FieldReading; end: FieldReading } | null,
): { start: FieldReading; end: FieldReading } | null {
  return r && { start: collapsedDate(r.start)!, end: collapsedDate(r.end)! };
}

function rangeBy(
  page: Page,
  labels: RegExp[],
  parse: (text: string) => { start: Parsed; end: Parsed } | null,
  factor = 1,
): { start: FieldReading; end: FieldReading } | null {
  for (const label of labels) {
    for (const c of candidates(page, label)) {
      const r = parse(c.text);
      const at = (d: Parsed): FieldReading =>
        reading(page, c.seg, c.offset + d.start, c.offset + d.end, d.value, c.belongs * factor);
      if (r) return { start: at(r.start), end: at(r.end) };
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
  settle: Settle = 'none',
  fit?: (value: FieldReading['value']) => number,
): FieldReading | null {
  for (const seg of page.segs) {
    if (seg.row >= rows) break;
    const t = norm(seg.text);
    if (test && !test.test(t)) continue;
    const p = parse(settledText(seg, 0, t, settle));
    if (!p) continue;
    const f = fit ? fit(p.value) : 1;
    if (f > 0) return reading(page, seg, p.start, p.end, p.value, f);
  }
  return null;
}

/**
 * An insurance type (职工基本医疗保险, 城乡居民, 自费, 省内异地 …) names no amount, payment, number or date: a
 * table heading under a blank 医保类型 cell (个人支付金额 on a pin-feed receipt) is not one.
 */
const fitInsurance = (v: FieldReading['value']): number =>
  typeof v === 'string' && !/金额|支付|合计|费用|号码|编号|日期|时间|项目|数量|单价|规格/.test(v) ? 1 : 0;

/** A number the hospital gives (门诊号, 业务流水号) has digits: CT of a fee item under a blank 住院号 is none. */
const hasDigit = (v: FieldReading['value']): number => (typeof v === 'string' && /\d/.test(v) ? 1 : 0);
const fitHospital = (v: FieldReading['value']): number => (typeof v === 'string' ? hospitalFit(v) : 0);
const fitName = (v: FieldReading['value']): number => (typeof v === 'string' ? nameFit(v) : 0);

/** The hospital in a letterhead: the first box near the top that names one (and is not a label's value). */
function letterheadHospital(page: Page): FieldReading | null {
  return anywhere(page, parseHospital, 4, /^[^:]*$/, 'words', fitHospital);
}

// A bare 患者/病人 only with its colon (患者：王某): in running text 患者 starts a sentence (患者因…入院).
// 交款人 is not the start of 交款人统一社会信用代码 (the payer's credit code, printed just above it), even
// with a character of that label misread; its 交 may be read 突 (a known slip of the recogniser).
const NAME_LABELS = [
  /[交突付缴]款人(?![统一社会信用代码]{2})/,
  /患者姓名|病人姓名|就诊人(?:姓名)?/,
  /姓\s*名/,
  /(?:患者|病人)\s*:/,
];

const names = (page: Page): FieldReading | null => byLabel(page, NAME_LABELS, parseName, { fit: fitName });

function careSetting(page: Page): FieldReading | null {
  // Along each row, so a title the detector cut in two (山东省医疗门诊） | 参收费票据) still reads whole.
  for (const row of page.rows) {
    const { text, at } = rowText(row);
    const m = /(门诊|住院)[^:]{0,6}?(?:收费)?票据|(门诊|住院)(?:收费|费用)?(?:专用)?发票/.exec(text);
    if (m) {
      const which = m[1] ?? m[2]!;
      const i = m.index + m[0].indexOf(which);
      const a = at[i]!;
      return reading(page, a.seg, a.i, a.i + 2, which === '住院' ? 'inpatient' : 'outpatient');
    }
  }
  // A title a seal made unreadable: the labels only a 住院 or only a 门诊 receipt prints say which it is.
  for (const seg of page.segs) {
    const t = norm(seg.text);
    const m = /住院(?:时间|号|科别|天数|日期)|(门诊号|就诊日期)/.exec(t);
    if (m) return reading(page, seg, m.index, m.index + 2, m[1] ? 'outpatient' : 'inpatient', 0.9);
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

/**
 * A row's text as one string, boxes in order: two boxes that overlap (the detector cut 2020年06月19日 into
 * 2020年06 and 6月19日) are joined without the characters of the second that lie inside the first. Each
 * character keeps its box and index, so a value found in the row can be given its box's region.
 */
function rowText(row: Seg[]): { text: string; at: Array<{ seg: Seg; i: number }> } {
  let text = '';
  const at: Array<{ seg: Seg; i: number }> = [];
  let prevEnd = -Infinity;
  for (const s of row) {
    const chars = [...norm(s.text)];
    if (text) {
      text += ' ';
      at.push(at[at.length - 1]!);
    }
    chars.forEach((c, i) => {
      const u = s.u0 + (s.u1 - s.u0) * (s.charPos[i] ?? (i + 0.5) / chars.length);
      if (u < prevEnd - s.h * 0.2) return;
      text += c;
      at.push({ seg: s, i });
    });
    prevEnd = Math.max(prevEnd, s.u1);
  }
  return { text, at };
}

// A date whose 年 月 日 are printed in the form's light red and not read: the year and the two numbers with
// only spaces between (2020 08 20).
const SPACED_DATE = /((?:19|20)\d{2})\s+(\d{1,2})\s+(\d{1,2})(?![\d:])/;
// Labels whose date is not the issue date.
const OTHER_DATE = /打印|住院|入院|出院|就诊|出生|计费|有效/;

/**
 * An invoice's date printed without a date label: beside 收款人 (or its 签章, 复核人) on the receipt's last
 * line, as paper receipts print it (2023年1月3日, or into 年 月 日 cells). The line is the boxes whose centre
 * lies within the payee box's height (dot-matrix values are printed out of register with the form's rows).
 * The date right of the label first, else any date on the line not labelled as another date (打印时间 …).
 * Less sure than a labelled date (BELONGS.rightFar).
 */
function unlabelledIssueDate(page: Page): FieldReading | null {
  // The payee's box may hold two lines the detector drew as one: specks are judged by the body text's height.
  const body = bodyHeight(page);
  for (const hit of labelHits(page, /收款人|\(签章\)|复核人/)) {
    const b = hit.seg;
    const line = page.segs
      .filter((s) => s === b || (!isSpeck(s, body) && Math.abs(s.v - b.v) < 0.6 * Math.max(b.h, s.h)))
      .sort((x, y) => x.u0 - y.u0);
    const { text, at } = rowText(line);
    const afterLabel = at.findIndex((a) => a.seg === b && a.i >= hit.end);
    const tries = afterLabel >= 0 ? [afterLabel, 0] : [0];
    for (const base of tries) {
      const found = dateIn(text.slice(base));
      if (!found) continue;
      const a = at[base + found.start]!;
      const z = at[base + found.end - 1]!;
      const factor = BELONGS.rightFar * (found.collapsed ? COLLAPSED : 1);
      const r = spanReading(page, line, a, z, found.value as string, factor);
      return found.collapsed ? collapsedDate(r) : r;
    }
  }
  return null;
}

/** The first date in a line's text not labelled as another date: printed with separators, or in 年 月 日 cells. */
function dateIn(raw: string): (Parsed & { collapsed: boolean }) | null {
  const t = dateDigits(raw);
  const other = (at: number): boolean => OTHER_DATE.test(t.slice(Math.max(0, at - 8), at));
  for (let i = 0; i < t.length; i++) {
    if (!/[12]/.test(t[i]!) || (i > 0 && /\d/.test(t[i - 1]!))) continue;
    const d = dateAt(t, i);
    if (d && !other(d.start)) return { ...d, collapsed: false };
  }
  const m = SPACED_DATE.exec(t);
  const iso = m ? validDate(Number(m[1]), Number(m[2]), Number(m[3])) : null;
  if (m && iso && !other(m.index))
    return { value: iso, start: m.index, end: m.index + m[0].length, collapsed: false };
  const c = parseCollapsedDate(t);
  return c && !other(c.start) ? { ...c, collapsed: true } : null;
}

/** A clock time's digits after a date whose separators are lost: h mm, hh mm, hh ? mm (its colon read as a digit), hh mm ss. */
function clockDigits(d: string): boolean {
  const hm = (h: string, m: string): boolean => Number(h) < 24 && Number(m) < 60;
  if (d === '') return true;
  if (d.length === 3) return hm(d.slice(0, 1), d.slice(1));
  if (d.length === 4) return hm(d.slice(0, 2), d.slice(2));
  if (d.length === 5) return hm(d.slice(0, 2), d.slice(3));
  if (d.length === 6) return hm(d.slice(0, 2), d.slice(2, 4)) && Number(d.slice(4)) < 60;
  return false;
}

/**
 * A date printed by a dot-matrix printer into a form's 年 月 日 cells, out of register with them: the cells'
 * words land anywhere among the digits (202201年22), the gaps between the numbers are lost or read as a colon
 * (202002:0708:30) and the clock printed after it loses its colon (2021 07 22 14:55 read 202107年2214155).
 * Its digits alone are read: a year, then month and day of two digits each (as printers pad them), then
 * nothing or a clock. Less sure than a date whose separators were read: the caller lowers its confidence.
 */
export const parseCollapsedDate: Parser = (raw) => {
  const text = dateDigits(raw);
  const run = /(?:19|20)\d{2}(?:[\s年月日:|.-]*\d)+/y;
  for (let i = 0; i < text.length; i++) {
    if (!/[12]/.test(text[i]!) || (i > 0 && /\d/.test(text[i - 1]!))) continue;
    run.lastIndex = i;
    const m = run.exec(text);
    if (!m) continue;
    const at = [...m[0]].flatMap((ch, k) => (/\d/.test(ch) ? [k] : []));
    if (at.length < 8) continue;
    const d = at.map((k) => m[0][k]).join('');
    const iso = validDate(Number(d.slice(0, 4)), Number(d.slice(4, 6)), Number(d.slice(6, 8)));
    if (iso && clockDigits(d.slice(8))) return { value: iso, start: i, end: i + at[7]! + 1 };
  }
  return null;
};

/** How much less sure a date read from its digits alone is than one whose separators were read. */
const COLLAPSED = 0.9;
/** A date read from its digits alone is never sure (shown 请核对): the digits' grouping was a guess. */
const collapsedDate = (r: FieldReading | null): FieldReading | null =>
  r && { ...r, confidence: Math.min(r.confidence, round3(CONFIDENT_READING - 0.01)) };

/** A value read across boxes of a line: the region covers them, the confidence is the weakest box's. */
function spanReading(
  page: Page,
  line: Seg[],
  a: { seg: Seg; i: number },
  z: { seg: Seg; i: number },
  value: string,
  factor: number,
): FieldReading {
  if (a.seg === z.seg) return reading(page, a.seg, a.i, z.i + 1, value, factor);
  const segs = line.filter((s) => s.u0 >= a.seg.u0 && s.u1 <= z.seg.u1);
  const parts = segs.map((s) =>
    s === a.seg
      ? reading(page, s, a.i, s.charConf.length, value, factor)
      : s === z.seg
        ? reading(page, s, 0, z.i + 1, value, factor)
        : reading(page, s, 0, s.charConf.length, value, factor),
  );
  const x0 = Math.min(...parts.map((p) => p.region!.x));
  const y0 = Math.min(...parts.map((p) => p.region!.y));
  const x1 = Math.max(...parts.map((p) => p.region!.x + p.region!.w));
  const y1 = Math.max(...parts.map((p) => p.region!.y + p.region!.h));
  const r = (v: number): number => Math.round(v * 10000) / 10000;
  return {
    value,
    confidence: Math.min(...parts.map((p) => p.confidence)),
    region: { x: r(x0), y: r(y0), w: r(x1 - x0), h: r(y1 - y0) },
    source: 'ocr',
  };
}

/** Digits of an amount in fen, for comparing a figure with its words. */
const fenDigits = (yuan: number): string => String(Math.round(yuan * 100));

/**
 * How a printed figure relates to the 大写 amount on the same paper: the same amount; one slip (one digit
 * read wrong, or the first digits lost under a seal or a fold: the figure's digits end the words' digits);
 * or another amount.
 */
export function figureAgainstWords(figure: number, words: number): 'same' | 'slip' | 'other' {
  const f = fenDigits(figure);
  const w = fenDigits(words);
  if (f === w) return 'same';
  if (f.length === w.length && [...f].filter((c, i) => c !== w[i]).length === 1) return 'slip';
  if (f.length >= 3 && f.length < w.length && w.endsWith(f)) return 'slip';
  return 'other';
}

/** Two readings that agree are surer than either: the chance both are wrong the same way is their product. */
const agreed = (a: number, b: number): number => round3(Math.min(0.995, 1 - (1 - a) * (1 - b)));

// 合计 as a total: at the start of its cell or after 金额/费用 (not 统筹合计 or a category subtotal).
const TOTAL_LABELS = [/小写/, /(?:^|金额|费用|[^\u4e00-\u9fa5])合计(?:金额)?|总金额|总计|费用总额/];

/** Figures on the row of the 大写 amount, right of it (合计(大写) … ¥ 102.41 on one line). */
function figuresBesideWords(page: Page): FieldReading[] {
  const out: FieldReading[] = [];
  for (const hit of labelHits(page, /大写/)) {
    const row = page.rows[hit.seg.row] ?? [];
    // Within the label's box, after the words; then each box right of it.
    const t = norm(hit.seg.text);
    const w = parseWords(t.slice(hit.end));
    if (w) {
      const from = hit.end + w.end;
      const p = parseMoney(t.slice(from)) ?? parseAmount(t.slice(from));
      if (p) out.push(reading(page, hit.seg, from + p.start, from + p.end, p.value, BELONGS.rightFar));
    }
    for (const s of row) {
      if (s.u0 <= hit.seg.u0 || s === hit.seg) continue;
      const st = norm(s.text);
      if (isLabelled(st) && !/小写/.test(st)) continue;
      const p = parseMoney(st.replace(/^.*?小写\)?/, (x) => ' '.repeat(x.length))) ?? parseAmount(st);
      if (p) out.push(reading(page, s, p.start, p.end, p.value, BELONGS.rightFar));
    }
  }
  return out;
}

/**
 * An invoice's total and its 大写, each checked by the other when both are printed: a figure that agrees
 * with the words is surer than either reading; a figure one slip away from words the reader is sure of is
 * taken from the words (51075.55 read where 伍万壹仟陆佰柒拾伍元伍角伍分 is printed; a seal over the first
 * digits); a figure that disagrees otherwise is kept but halved, so a check built on it only warns; a total
 * printed only in words is taken from them.
 */
function invoiceTotals(page: Page): Totals {
  let found = totalsOf.get(page);
  if (!found) totalsOf.set(page, (found = findTotals(page)));
  return found;
}
interface Totals {
  total: FieldReading | null;
  words: FieldReading | null;
}
/** One finding of a page's total and words, shared by its two fields. */
const totalsOf = new WeakMap<Page, Totals>();

function findTotals(page: Page): Totals {
  const words = byLabel(page, [/大写/], parseWords, { settle: 'amountWords' });
  const figures = [
    ...allByLabel(page, TOTAL_LABELS, parseMoney),
    ...allByLabel(page, TOTAL_LABELS, parseAmount),
    ...figuresBesideWords(page),
  ];
  const said = words ? wordsToAmount(String(words.value)) : null;
  if (!words || said === null) return wordsWithSlips(page, figures[0] ?? null, words);
  const same = figures.find((f) => figureAgainstWords(f.value as number, said) === 'same');
  if (same) {
    const c = agreed(same.confidence, words.confidence);
    return { total: { ...same, confidence: c }, words: { ...words, confidence: c } };
  }
  // A figure whose digits end the words' (its first digits lost under a seal) confirms the words' other
  // digits whatever the words' own confidence; one digit read otherwise is settled by the words only when
  // the reader is sure of them (a 大写 character misread rarely still parses as an amount).
  const slip = figures.find((f) => {
    const v = f.value as number;
    if (figureAgainstWords(v, said) !== 'slip') return false;
    return fenDigits(v).length < fenDigits(said).length || words.confidence >= 0.85;
  });
  if (slip) return { total: { ...slip, value: said, confidence: round3(words.confidence * 0.95) }, words };
  if (figures.length)
    return { total: { ...figures[0]!, confidence: round3(figures[0]!.confidence * 0.5) }, words };
  return { total: { ...words, value: said, confidence: round3(words.confidence * 0.9) }, words };
}

const DIGIT_WORDS = '零壹贰叁肆伍陆柒捌玖';

/**
 * A 大写 amount read with up to three characters that are no amount word (叠仟贰佰撕拾叁元玖角肆分: 叁 and 捌
 * misread on dot-matrix print), checked against the figure: each such character may be any digit word (the
 * units 仟 佰 拾 元 角 分 around them were read). The figure that one of those readings spells is confirmed
 * and the words are filled in from it (as sure as the figure, shown as 请核对 when below CONFIDENT_READING);
 * a figure none of them spells is doubted (a check using it warns: 489.43 beside 建佰零玖元球角盘分, whose
 * 零 says the tens are 0).
 */
function wordsWithSlips(page: Page, total: FieldReading | null, words: FieldReading | null): Totals {
  if (words || typeof total?.value !== 'number') return { total, words };
  const c = candidates(page, /大写/).find((x) => /[元圆角分]/.test(x.text));
  if (!c) return { total, words };
  const m = new RegExp(`[${HAN}]+`).exec(c.text.replace(/参/g, '叁'));
  if (!m) return { total, words };
  // From the first amount word (or a misread one just before it) to the last unit.
  const t = m[0];
  let a = 0;
  while (a < t.length - 1 && !WORD_CHAR_RE.test(t[a]!) && !WORD_CHAR_RE.test(t[a + 1]!)) a++;
  const z = Math.max(...[...'元圆角分整正'].map((u) => t.lastIndexOf(u))) + 1;
  if (z <= a) return { total, words };
  const run = t.slice(a, z);
  const chars = [...run];
  const slips = chars.flatMap((ch, i) => (WORD_CHAR_RE.test(ch) ? [] : [i]));
  if (slips.length === 0 || slips.length > 3 || chars.length - slips.length < 3) return { total, words };
  const want = fenDigits(total.value);
  for (let n = 0; n < 10 ** slips.length; n++) {
    const trial = [...chars];
    slips.forEach((at, k) => (trial[at] = DIGIT_WORDS[Math.floor(n / 10 ** k) % 10]!));
    const fen = parseAmountInWords(trial.join(''));
    if (fen !== null && String(fen) === want) {
      const start = c.offset + m.index + a;
      const filled = reading(page, c.seg, start, start + chars.length, trial.join(''), c.belongs);
      return {
        total,
        words: { ...filled, confidence: round3(Math.min(total.confidence, filled.confidence)) },
      };
    }
  }
  return { total: { ...total, confidence: Math.min(total.confidence, DOUBTED) }, words };
}

/**
 * Amounts after their label: the whole cell (parseMoney), else a money figure in it. A figure of ten yuan or
 * more read without its point (35000) is less sure: a point the recogniser lost (120094.49 read 12009449)
 * looks the same, so it is shown as 请核对 unless its characters are beyond doubt.
 */
function amountByLabel(page: Page, labels: RegExp[]): FieldReading | null {
  const noPoint = (v: FieldReading['value'], printed: string): number =>
    typeof v === 'number' && v >= 10 && !/[.,-]/.test(printed) ? 0.85 : 1;
  for (const label of labels) {
    const r = byLabel(page, [label], parseMoney, { fit: noPoint }) ?? byLabel(page, [label], parseAmount);
    if (r) return r;
  }
  return null;
}

type Extractor = (page: Page) => FieldReading | null;

const PAYEE_LABELS = [/收款单位\s*(?:\([^)]{1,3}\))?/, /开票单位|医疗机构名称|收费单位/];

/**
 * A 收款单位 name a seal cut in two boxes (收款单位（章）：河南省 | 中医院: the ring's stroke across the line
 * ends one box and starts the next): the value after the label, joined with the next box on the row when it
 * starts within a character's height of it (or overlaps it; rowText drops the repeated characters). The
 * weaker box's characters set the confidence.
 */
function hospitalAcrossBoxes(page: Page): FieldReading | null {
  for (const label of PAYEE_LABELS) {
    for (const hit of labelHits(page, label)) {
      const row = (page.rows[hit.seg.row] ?? []).filter((s) => !isSpeck(s, hit.seg) || s === hit.seg);
      const i = row.indexOf(hit.seg);
      const next = row[i + 1];
      if (i < 0 || !next || next.u0 - hit.seg.u1 > hit.seg.h || isLabelBox(next.text)) continue;
      const { text, at } = rowText([hit.seg, next]);
      const from = at.findIndex((a) => a.seg === hit.seg && a.i >= hit.end);
      if (from < 0) continue;
      const p = parseHospitalCell(text.slice(from).replace(' ', ''));
      if (!p || hospitalFit(p.value as string) <= 0) continue;
      // The join's space is dropped above: positions after it move by one.
      const gap = text.indexOf(' ', from);
      const pos = (k: number): number => (gap >= 0 && from + k >= gap ? from + k + 1 : from + k);
      return spanReading(
        page,
        [hit.seg, next],
        at[pos(p.start)]!,
        at[pos(p.end - 1)]!,
        p.value as string,
        BELONGS.right,
      );
    }
  }
  return null;
}

// A plain 日期 (日 期) last: not the 日期 of 住院日期, 就诊日期, 出生日期 or 打印日期.
const ISSUE_DATE_LABELS = [
  /开票日期|开具日期|填开日期|开票时间/,
  /(?:收费|结算|收款|缴费|交费)(?:日期|时间)/,
  /(?<![院诊生印费])日\s*期/,
];

/**
 * An invoice's date: after its label (its digits alone when the separators were lost, less sure), else
 * beside 收款人, else the one date the paper prints that no label calls another date. A receipt is printed
 * when it is issued or later: a date after the 打印时间 printed on the same paper is a misread digit
 * (2019-02-26 read 2019-02-28 beside 打印时间 2019-02-27), kept but not trusted (a check using it warns).
 */
function invoiceDate(page: Page): FieldReading | null {
  const r =
    byLabel(page, ISSUE_DATE_LABELS, parseDate) ??
    collapsedDate(byLabel(page, ISSUE_DATE_LABELS, parseCollapsedDate, { fit: () => COLLAPSED })) ??
    unlabelledIssueDate(page) ??
    soleDate(page);
  if (!r) return null;
  const printedAt = byLabel(page, [/打印(?:时间|日期)/], parseDate);
  if (printedAt && String(r.value) > String(printedAt.value))
    return { ...r, confidence: Math.min(r.confidence, DOUBTED) };
  return r;
}

/** The confidence a reading keeps when the paper itself contradicts it: shown, never trusted. */
const DOUBTED = 0.5;

/**
 * The date of an invoice that prints no date label and nothing beside 收款人: the one date on the paper (with
 * its separators read) that no label calls another date (住院, 入院, 出院, 就诊, 打印 …). Two different such
 * dates and it is not known which is the issue date: none is taken.
 */
function soleDate(page: Page): FieldReading | null {
  let found: FieldReading | null = null;
  for (const row of page.rows) {
    const { text, at } = rowText(row);
    const t = dateDigits(text);
    for (let i = 0; i < t.length; i++) {
      if (!/[12]/.test(t[i]!) || (i > 0 && /\d/.test(t[i - 1]!))) continue;
      const d = dateAt(t, i);
      if (!d) continue;
      i = d.end - 1;
      // Another date's label before it on its row, or a stay (…至…) it is part of.
      if (OTHER_DATE.test(t.slice(0, d.start)) || /(?:至|到|-|—|–|~|～|\|)\s*$/.test(t.slice(0, d.start)))
        continue;
      if (/^\s*起?\s*(?:至|到|-|—|–|~|～|\|)/.test(t.slice(d.end))) continue;
      if (found && found.value !== d.value) return null;
      found ??= spanReading(
        page,
        row,
        at[d.start]!,
        at[d.end - 1]!,
        d.value as string,
        BELONGS.rightFar * 0.9,
      );
    }
  }
  return found;
}

// 金 is often read 全 on thermal and dot-matrix print (基全, 现全): both accepted in payment labels.
const FUND_LABELS = [/(?:医保)?统筹(?:基[金全])?(?:支付|记账)(?!累计)/];
const PERSONAL_LABELS = [/个人现[金全]支付|(?<!个人账户)现[金全]支付/, /(?<!基)[金全]支付/];

const EXTRACTORS: { [K in FieldKind]: Record<string, Extractor | 'range'> } = {
  invoice: {
    patientName: names,
    hospital: (p) =>
      byLabel(p, PAYEE_LABELS, parseHospitalCell, { settle: 'words', fit: fitHospital, unbroken: true }) ??
      hospitalAcrossBoxes(p) ??
      letterheadHospital(p),
    issueDate: invoiceDate,
    totalAmount: (p) => invoiceTotals(p).total,
    totalAmountInWords: (p) => invoiceTotals(p).words,
    invoiceCode: (p) => byLabel(p, [/票据代码|发票代码/], digitsParser(6, 12)),
    // Paper receipts print the number after No. (N°, NO.) instead of a 票据号码 label.
    invoiceNumber: (p) =>
      byLabel(p, [/票据号码?|发票号码/, /(?<![A-Za-z])N[oO0°]\s*\.?/], digitsParser(8, 20)),
    checkCode: (p) => byLabel(p, [/校验码/], parseCheckCode),
    careSetting,
    careStart: 'range',
    careEnd: 'range',
    fundPaid: (p) => amountByLabel(p, FUND_LABELS),
    // Last, the label's tail: a seal stamped over 个人现金支付 can hide its first characters; 金支付 not
    // after 基 is no other payment line (统筹基金支付, 大病保险基金支付 … all have 基).
    personalPaid: (p) => amountByLabel(p, PERSONAL_LABELS),
    payerCreditCode: (p) => byLabel(p, [/交款人统一社会信用代码/], codeParser(6, 20, '*')),
    serialNumber: (p) => byLabel(p, [/业务流水号/], codeParser(2, 32), { fit: hasDigit }),
    visitNumber: (p) => byLabel(p, [/门诊号|住院号/], codeParser(2, 20), { fit: hasDigit }),
    visitDate: (p) => byLabel(p, [/就诊日期/], parseDate),
    insuranceType: (p) => byLabel(p, [/医保类[型别]|参保类型/], parseTextValue, { fit: fitInsurance }),
    accountPaid: (p) => amountByLabel(p, [/个人账户(?:支付)?|个人帐户(?:支付)?/]),
    coPay: (p) => amountByLabel(p, [/个人自付/]),
    selfPay: (p) => amountByLabel(p, [/个人自费/]),
  },
  itemized_bill: {
    patientName: names,
    hospital: letterheadHospital,
    totalAmount: (p) => byLabel(p, [/合计(?:金额)?|总(?:金额|费用)|费用总额/], parseAmount),
    careStart: 'range',
    careEnd: 'range',
  },
  diagnosis_certificate: {
    patientName: names,
    hospital: letterheadHospital,
    visitDate: (p) => byLabel(p, [/就诊日期|门诊日期|就诊时间/], parseDate),
    diagnosis: (p) =>
      byLabel(p, [/(?:临床|疾病)?诊\s*断(?:意见|结果)?(?!\s*证\s*明)/], parseDiagnosis, {
        settle: 'words',
        cutAtGap: true,
        wraps: true,
      }),
    emergency,
  },
  discharge_summary: {
    patientName: names,
    hospital: letterheadHospital,
    careStart: (p) => byLabel(p, [/入院日期|入院时间/], parseDate),
    careEnd: (p) => byLabel(p, [/出院日期|出院时间/], parseDate),
    diagnosis: (p) =>
      byLabel(p, [/出院诊断/], parseDiagnosis, { settle: 'words', cutAtGap: true, wraps: true }),
  },
  referral_certificate: {
    patientName: names,
    fromHospital: (p) =>
      byLabel(p, [/转出(?:医院|单位|医疗机构)/], parseHospitalCell, { settle: 'words', fit: fitHospital }),
    toHospital: (p) =>
      byLabel(p, [/转入(?:医院|单位|医疗机构)|转往(?:医院)?/], parseHospitalCell, {
        settle: 'words',
        fit: fitHospital,
      }),
    issueDate: (p) => byLabel(p, [/转诊日期|开具日期|出具日期/, /日\s*期/], parseDate),
  },
  id_card: {
    name: (p) => byLabel(p, [/姓\s*名/], parseName, { fit: fitName }),
    idNumber: (p) => byLabel(p, [/公民身份号码|身份证号码?/], parseIdNumber) ?? anywhere(p, parseIdNumber),
  },
};

/** Labels whose printed cell, when nothing is read in it, makes the field "blank" rather than not printed. */
const BLANK_LABELS: Record<string, RegExp[]> = {
  patientName: NAME_LABELS,
  name: [/姓\s*名/],
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
  return readFields(page, kind).fields;
}

export interface FoundFields {
  fields: Fields;
  /** Fields whose label is printed but whose cell holds nothing the reader could take (a blank or masked cell). */
  blank: string[];
}

/** The fields of `kind` printed on the page, and those whose printed cell is blank. */
export function readFields(page: Page, kind: string): FoundFields {
  if (compare && lexiconCheck) {
    lexiconCheck = false;
    const without = findFields(page, kind);
    lexiconCheck = true;
    const withCheck = findFields(page, kind);
    compare(kind, without.fields, withCheck.fields);
    return withCheck;
  }
  return findFields(page, kind);
}

function findFields(page: Page, kind: string): FoundFields {
  const table = (EXTRACTORS as Record<string, Record<string, Extractor | 'range'>>)[kind];
  if (!table) return { fields: {}, blank: [] };
  const out: Fields = {};
  const blank: string[] = [];
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
    if (!r) {
      const labels = BLANK_LABELS[name];
      if (labels && printed(page, labels)) blank.push(name);
      continue;
    }
    if (name === 'idNumber' && typeof r.value === 'string' && !validIdNumber(r.value)) {
      // Printed but misread somewhere (the check character disagrees): shown, but never trusted.
      r = { ...r, confidence: Math.min(r.confidence, 0.5) };
    }
    out[name] = r;
  }
  if (kind === 'invoice') {
    settleTotal(page, out);
    settleFund(page, out);
    settleCash(page, out);
  }
  return { fields: out, blank };
}

/**
 * A total whose figure and 大写 disagree (171382.90 printed beside 壹拾柒万壹仟叁佰捌拾贰元叁角整, one of them
 * misread) is settled by the payments when they are sure and add up to one of the two: 统筹 + 个人现金 (+ 个人账户
 * + 其他, each when read) = 合计. Still shown as 请核对 (the sum is the reader's too), unless both agree.
 */
function settleTotal(page: Page, out: Fields): void {
  const total = out.totalAmount;
  const words = out.totalAmountInWords;
  if (typeof total?.value !== 'number' || typeof words?.value !== 'string') return;
  const said = wordsToAmount(words.value);
  if (said === null || Math.round(said * 100) === Math.round(total.value * 100)) return;
  const parts = [out.fundPaid, out.personalPaid ?? amountByLabel(page, [/个人支付金额\s*:/])];
  if (out.personalPaid && out.accountPaid) parts.push(out.accountPaid);
  if (parts.some((r) => typeof r?.value !== 'number' || r.confidence < CONFIDENT_READING)) return;
  const sum = parts.reduce((a, r) => a + Math.round((r!.value as number) * 100), 0);
  const sure = Math.min(...parts.map((r) => r!.confidence));
  if (sum === Math.round(said * 100))
    out.totalAmount = { ...total, value: said, confidence: round3(Math.min(sure, words.confidence) * 0.95) };
}

const OTHER_PAY_LABELS = [/其他(?:医保)?支付|其它(?:医保)?支付/];
const FUND_LABEL_HIT = /(?:医保)?统筹(?:基[金全])?(?:支付|记账)(?!累计)/;

/**
 * The payments of an invoice add up to its total (医保统筹 + 个人账户 + 其他 + 个人现金 = 合计). When the total
 * and the cash payment are sure, the fund's share is what is left, and it checks the fund's own reading,
 * which on dot-matrix print often loses its point or a digit (165.a3 read 165, 118261.02 read 418261.0):
 * - the fund's cell read nothing and the cash payment is the whole total: the fund paid 0 (no payment is
 *   negative, so every other share is 0 too);
 * - a fund figure that is the rest but for its decimals or one digit of its yuan: the rest is taken, shown
 *   as 请核对 (two sure readings and the paper's sum against one reading: the person confirms);
 * - a fund figure far from the rest, every other share printed read: kept, but not trusted (a check using
 *   it warns). A
 * receipt that prints 个人支付金额 (all the person paid) instead of 个人现金支付 has the account inside it.
 */
function settleFund(page: Page, out: Fields): void {
  const total = out.totalAmount;
  // A receipt without a 个人现金支付 line prints what the person paid in all (个人支付金额: cash and account).
  const whole = out.personalPaid ? null : amountByLabel(page, [/个人支付金额\s*:/]);
  const cash = out.personalPaid ?? whole;
  if (typeof total?.value !== 'number' || typeof cash?.value !== 'number') return;
  if (total.confidence < CONFIDENT_READING || cash.confidence < CONFIDENT_READING) return;
  const fen = (v: number): number => Math.round(v * 100);
  let rest = fen(total.value) - fen(cash.value);
  if (rest < 0) return;
  const fund = out.fundPaid;
  const hit = labelHits(page, FUND_LABEL_HIT)[0];
  const from = Math.min(total.confidence, cash.confidence) * 0.95;
  if (!fund) {
    if (rest === 0 && hit)
      out.fundPaid = reading(page, hit.seg, 0, hit.end, 0, from / ocrConfidence(hit.seg, 0, hit.end));
    return;
  }
  if (typeof fund.value !== 'number') return;
  const account = out.accountPaid;
  // Along its line only: under a blank 其他医保支付： of a pin-feed receipt lies the next line (收款人's number).
  const other = allByLabel(page, OTHER_PAY_LABELS, parseMoney, { alongOnly: true })[0] ?? null;
  const shares = [
    ...(whole ? [] : [[account, [/个人账户|个人帐户/]] as const]),
    [other, OTHER_PAY_LABELS] as const,
  ];
  // A share printed with nothing read in its cell is most likely blank (0); whether it could also be a value
  // the reader missed decides only whether a fund figure that is far from the rest is doubted.
  let known = true;
  for (const [r, labels] of shares) {
    if (r && typeof r.value === 'number') rest -= fen(r.value);
    else if (printed(page, [...labels])) known = false;
  }
  if (rest < 0) return;
  const f = fen(fund.value);
  if (f === rest) return;
  const yuanOf = (x: number): string => String(Math.floor(x / 100));
  const oneDigit = (a: string, b: string): boolean =>
    a.length === b.length && [...a].filter((c, i) => c !== b[i]).length <= 1;
  if (Math.abs(f - rest) < 100 || oneDigit(yuanOf(f), yuanOf(rest)))
    out.fundPaid = {
      ...fund,
      value: rest / 100,
      confidence: round3(Math.min(from, CONFIDENT_READING - 0.01)),
    };
  else if (known) out.fundPaid = { ...fund, confidence: Math.min(fund.confidence, DOUBTED) };
}

/**
 * The cash payment read unsure (a seal over 个人现金支付：45092.61 left 5 at 0.81) when the paper's other shares
 * are all read sure: it is what the total leaves after them (合计 − 统筹 − 个人账户 − 其他), shown as 请核对 (the
 * sum is the reader's, the person confirms). Only when every payment line the paper prints was read: a share
 * printed with nothing read in it might be the missing money. A sure cash reading stands (settleFund checks
 * the fund against it); a cash line with nothing read stays absent.
 */
function settleCash(page: Page, out: Fields): void {
  const { totalAmount: total, fundPaid: fund, personalPaid: cash } = out;
  if (typeof total?.value !== 'number' || typeof fund?.value !== 'number') return;
  if (typeof cash?.value !== 'number' || cash.confidence >= CONFIDENT_READING) return;
  if (total.confidence < CONFIDENT_READING || fund.confidence < CONFIDENT_READING) return;
  const fen = (v: number): number => Math.round(v * 100);
  let rest = fen(total.value) - fen(fund.value);
  const other = allByLabel(page, OTHER_PAY_LABELS, parseMoney, { alongOnly: true })[0] ?? null;
  for (const [r, labels] of [
    [out.accountPaid, [/个人账户|个人帐户/]],
    [other, OTHER_PAY_LABELS],
  ] as const) {
    if (r) {
      if (typeof r.value !== 'number' || r.confidence < CONFIDENT_READING) return;
      rest -= fen(r.value);
    } else if (printed(page, [...labels])) return;
  }
  if (rest < 0 || rest === fen(cash.value)) return;
  const sure = Math.min(total.confidence, fund.confidence) * 0.95;
  out.personalPaid = {
    ...cash,
    value: rest / 100,
    confidence: round3(Math.min(sure, CONFIDENT_READING - 0.01)),
  };
}

// 中文大写金额 (the amount in words printed on every invoice, e.g. 壹万贰仟叁佰肆拾伍元陆角柒分) read into fen,
// so the rule engine can compare it with the amount in figures (amount_words_mismatch). Strict: anything
// that is not a well-formed amount is null, never a guess — a misread character must not look like a match.

const DIGITS: Readonly<Record<string, number>> = {
  零: 0,
  〇: 0,
  壹: 1,
  一: 1,
  贰: 2,
  貳: 2,
  二: 2,
  两: 2,
  叁: 3,
  參: 3,
  三: 3,
  肆: 4,
  四: 4,
  伍: 5,
  五: 5,
  陆: 6,
  陸: 6,
  六: 6,
  柒: 7,
  七: 7,
  捌: 8,
  八: 8,
  玖: 9,
  九: 9,
};
const SMALL_UNITS: Readonly<Record<string, number>> = {
  拾: 10,
  十: 10,
  佰: 100,
  百: 100,
  仟: 1000,
  千: 1000,
};
const WAN = /[万萬]/;
const YI = /[亿億]/;

/** A number below 10 000 written with 拾佰仟 (e.g. 贰仟零伍拾, 拾伍); null when malformed. Empty is 0. */
function parseSection(s: string): number | null {
  let total = 0;
  let digit: number | null = null;
  let lastUnit = 10_000;
  let zeroPending = false;
  let seen = false;
  for (const ch of s) {
    if (ch === '零' || ch === '〇') {
      // 零 stands for skipped places: only after a unit (贰仟零伍) or at the start of a lower section.
      if (digit !== null || zeroPending) return null;
      zeroPending = true;
      seen = true;
      continue;
    }
    const d = DIGITS[ch];
    if (d !== undefined) {
      if (digit !== null) return null;
      digit = d;
      seen = true;
      continue;
    }
    const unit = SMALL_UNITS[ch];
    if (unit === undefined || unit >= lastUnit) return null;
    // A skipped place needs its 零 only when a non-zero place follows; 拾 at the very start means 壹拾.
    let value = digit;
    if (value === null) {
      if (unit !== 10 || seen) return null;
      value = 1;
    }
    if (value === 0) return null;
    total += value * unit;
    lastUnit = unit;
    digit = null;
    zeroPending = false;
    seen = true;
  }
  if (digit !== null) {
    // A trailing digit is the ones place: 贰拾伍, 贰佰零伍; but 贰佰伍 means 250 in speech, not on an invoice.
    if (lastUnit !== 10_000 && lastUnit !== 10 && !zeroPending) return null;
    total += digit;
  }
  return total;
}

/** An integer written with sections 亿 and 万 (e.g. 壹亿零贰佰万零叁拾); null when malformed. */
function parseInteger(s: string, lower = false): number | null {
  const yi = s.split(YI);
  if (yi.length > 2) return null;
  if (yi.length === 2) {
    const high = parseInteger(yi[0]!);
    const low = parseInteger(yi[1]!, true);
    if (high === null || low === null || high === 0 || low >= 100_000_000) return null;
    return high * 100_000_000 + low;
  }
  const wan = s.split(WAN);
  if (wan.length > 2) return null;
  if (wan.length === 2) {
    const high = parseSection(wan[0]!);
    const low = parseSection(wan[1]!);
    if (high === null || low === null || high === 0) return null;
    return high * 10_000 + low;
  }
  // 零 opens only a lower section (壹万零伍佰); at the top it stands alone (零元伍角) or not at all.
  if (!lower && /^[零〇]./.test(s)) return null;
  return parseSection(s);
}

/**
 * Parses an amount in Chinese capital numerals into fen (1 yuan = 100 fen): 壹佰元整 → 10000,
 * 壹万贰仟叁佰肆拾伍元陆角柒分 → 1234567, 零元伍角 / 伍角 → 50. Accepts 圆 for 元, 正 for 整, a leading
 * 人民币/（大写）/¥ label, spaces, and the everyday numerals 一二三 that some printers use. Returns null for
 * anything that is not one well-formed amount.
 */
export function parseAmountInWords(text: string): number | null {
  let s = text
    .normalize('NFKC')
    .replace(/[\s:：]/g, '')
    .replace(/^(合计)?(金额)?(人民币)?(\(?大写\)?)?[¥￥]?/, '')
    .replace(/^(人民币)/, '');
  s = s.replace(/[整正]$/, '');
  if (s === '') return null;
  const m = /^(?:(.*?)[元圆])?(?:([^角分]*?)角)?(?:(.*?)分)?$/.exec(s);
  if (!m) return null;
  const [, yuanText, jiaoText, fenText] = m;
  if (yuanText === undefined && jiaoText === undefined && fenText === undefined) return null;
  let fen = 0;
  if (yuanText !== undefined) {
    if (yuanText === '') return null;
    const yuan = parseInteger(yuanText);
    if (yuan === null) return null;
    fen += yuan * 100;
  }
  const small = (part: string | undefined, scale: number, zeroFirst: boolean): number | null => {
    if (part === undefined) return 0;
    // 零 may stand before the 角 or 分 digit (壹元零伍分) but never alone.
    if (part === '零' || part === '〇') return 0;
    const digits = zeroFirst ? part.replace(/^[零〇]/, '') : part;
    if (digits.length !== 1) return null;
    const d = DIGITS[digits];
    return d === undefined ? null : d * scale;
  };
  const jiao = small(jiaoText, 10, true);
  const cents = small(fenText, 1, true);
  if (jiao === null || cents === null) return null;
  return fen + jiao + cents;
}

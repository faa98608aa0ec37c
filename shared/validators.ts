// Pure field validators that need no network (POLICY.md section 6). Used by zod schemas, the rule engine
// and the UI's as-you-type checks, so they return reasons instead of throwing.

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const ID_CHECK_CHARS = '10X98765432';

export type IdCheck =
  | { ok: true; birthDate: string; sex: 'male' | 'female' }
  | { ok: false; code: 'format' | 'birth_date' | 'check_char'; zh: string; en: string; expected?: string };

/** Calendar check for a YYYY-MM-DD string: rejects 2026-02-30 and friends. */
export function isRealDate(iso: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** GB 11643-1999 check character for the first 17 digits. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK_CHARS[sum % 11]!;
}

/**
 * Validates an 18-digit resident ID number: format, a real birth date (not in the future relative to
 * `today`), and the ISO 7064 MOD 11-2 check character.
 */
export function checkIdNumber(raw: string, today: string = new Date().toISOString().slice(0, 10)): IdCheck {
  const id = toHalfWidth(raw).trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) {
    return {
      ok: false,
      code: 'format',
      zh: '身份证号应为18位（最后一位可以是X）',
      en: 'ID number must be 17 digits plus a digit or X',
    };
  }
  const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (!isRealDate(birth) || birth > today || birth < '1880-01-01') {
    return {
      ok: false,
      code: 'birth_date',
      zh: `身份证号中的出生日期 ${birth} 不存在`,
      en: `birth date ${birth} in the ID number is impossible`,
    };
  }
  const expected = idCheckChar(id.slice(0, 17));
  if (id[17] !== expected) {
    return {
      ok: false,
      code: 'check_char',
      zh: `身份证号校验位不对（最后一位应为 ${expected}），请核对是否抄错`,
      en: `check character should be ${expected}; the number was probably mistyped`,
      expected,
    };
  }
  return { ok: true, birthDate: birth, sex: Number(id[16]) % 2 === 1 ? 'male' : 'female' };
}

/** Luhn (mod 10) check used by nearly all mainland bank card numbers. */
export function passesLuhn(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/**
 * `luhn`: for a number of a card's length (16-19 digits) whether it passes the check digit (a failure is only
 * a warning: a few card ranges fail it); null for an account number of another length, which 002 accepts
 * (本人银行卡或银行账号信息) and which has no check digit to test.
 */
export type BankCardCheck = { ok: true; luhn: boolean | null } | { ok: false; zh: string; en: string };

/** Only a number that is not digits is refused; its length never is (a 银行账号 may be longer or shorter). */
export function checkBankCard(raw: string): BankCardCheck {
  const digits = raw.replace(/[\s-]/g, '');
  if (!/^\d+$/.test(digits)) {
    return {
      ok: false,
      zh: '银行卡号或账号只能是数字',
      en: 'a bank card or account number is digits only',
    };
  }
  return { ok: true, luhn: /^\d{16,19}$/.test(digits) ? passesLuhn(digits) : null };
}

/** 11 digits starting with 1, as people write them: spaces, dashes, dots, brackets, a +86 / 0086 prefix. */
export function isMobilePhone(raw: string): boolean {
  const digits = raw.replace(/[\s\-().（）·]/g, '').replace(/^(?:\+86|0086|86(?=1\d{10}$))/, '');
  return /^1\d{10}$/.test(digits);
}

/** Shows only the last 4 digits: for the cover page, lists and logs. */
export function maskDigits(raw: string, keep = 4): string {
  const s = raw.replace(/\s/g, '');
  if (s.length <= keep) return s;
  return '*'.repeat(s.length - keep) + s.slice(-keep);
}

/**
 * 110105********002X: enough to tell whose number it is and match the ID card copy, not enough to reuse from
 * a lost printout or read over a shoulder. The app's screens and the bundle PDF mask the same way.
 */
export function maskIdNumber(raw: string): string {
  const s = raw.replace(/\s/g, '');
  if (s.length < 10) return maskDigits(s, Math.min(4, s.length));
  return s.slice(0, 6) + '*'.repeat(s.length - 10) + s.slice(-4);
}

/**
 * Full-width digits, letters and spaces (a Chinese IME in full-width mode types １１０…２Ｘ) as ASCII, so
 * numbers typed either way are the same number.
 */
export function toHalfWidth(raw: string): string {
  return raw
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ');
}

/** An ID, card or phone number as typed: half-width, no spaces or dashes, X upper-case. */
export function normalizeNumberInput(raw: string): string {
  return toHalfWidth(raw).replace(/[\s-]/g, '').toUpperCase();
}

export type AmountCheck = { ok: true; value: number | null } | { ok: false; zh: string; en: string };

/**
 * A yuan amount as people type it: `12345.67`, `12,345.67`, `￥12,345.67`, `12345元`, full-width digits.
 * Refused (never guessed): `1.234.56`, commas in the wrong places, more than two decimals.
 */
export function parseYuan(raw: string): AmountCheck {
  const s = toHalfWidth(raw)
    .replace(/[\s¥￥]/g, '')
    .replace(/元$/, '')
    .replace(/，/g, ',')
    .replace(/。/g, '.');
  if (s === '') return { ok: true, value: null };
  if (!/^(\d{1,3}(,\d{3})+|\d+)(\.\d{1,2})?$/.test(s))
    return {
      ok: false,
      zh: '金额写法不对：请写成 12345.67 或 12,345.67（最多两位小数）',
      en: 'Amount not understood: write 12345.67 or 12,345.67 (at most two decimals)',
    };
  return { ok: true, value: Number(s.replace(/,/g, '')) };
}

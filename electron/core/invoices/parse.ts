// Reading the payload of an invoice's QR code. Three formats carry the invoice's identity: the VAT invoice
// (`01,type,code,number,amount,YYYYMMDD,check,…`), the 数电 (fully digital) invoice, whose 20-digit number
// stands alone with an empty code, and the 财政电子票据 public hospitals issue (医疗收费电子票据), in the
// forms provinces print: the comma list `CZ-EI-<区划>,<版本>,<票据代码>,<票据号码>,<校验码>,<YYYYMMDD>,<金额>`,
// the same list Base64-encoded, or a verification URL whose query names the code, number, check code,
// amount and date. Anything else (hospital formats) is kept raw: the whole payload still identifies the
// paper, so duplicates are still found.

export type InvoiceFormat = 'vat' | 'digital' | 'fiscal' | 'raw';

export interface ParsedInvoice {
  format: InvoiceFormat;
  payload: string;
  /** Invoice type code from the QR (01 专票, 04 普票, 10 电子普票, 31/32 数电 …). */
  typeCode: string | null;
  code: string | null;
  number: string | null;
  /** Yuan, as printed in the QR. */
  amount: number | null;
  /** YYYY-MM-DD */
  issueDate: string | null;
  checkCode: string | null;
  /** What two copies of the same invoice share: the identity used to find duplicates. */
  key: string;
}

const AMOUNT = /^\d{1,12}(\.\d{1,2})?$/;

function isoFromCompact(d: string | undefined): string | null {
  if (!d || !/^\d{8}$/.test(d)) return null;
  const iso = `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;
  const t = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === iso ? iso : null;
}

function raw(payload: string): ParsedInvoice {
  return {
    format: 'raw',
    payload,
    typeCode: null,
    code: null,
    number: null,
    amount: null,
    issueDate: null,
    checkCode: null,
    key: `raw:${payload.trim()}`,
  };
}

/** 票据代码 (8 digits: 2 区划 + 2 类别 + 2 年份 + 2 序; some provinces add digits) and 票据号码 (10). */
const FISCAL_CODE = /^\d{8,12}$/;
const FISCAL_NUMBER = /^\d{8,20}$/;
const FISCAL_CHECK = /^[0-9A-Za-z]{4,20}$/;

function fiscal(
  payload: string,
  code: string | undefined,
  number: string | undefined,
  checkCode: string | undefined,
  amountText: string | undefined,
  dateText: string | undefined,
): ParsedInvoice | null {
  if (!code || !number || !FISCAL_CODE.test(code) || !FISCAL_NUMBER.test(number)) return null;
  // Amounts are printed with up to 5 decimals in some provinces (2851.41000); yuan to the fen.
  const amount =
    amountText && /^\d{1,12}(\.\d{1,6})?$/.test(amountText)
      ? Math.round(Number(amountText) * 100) / 100
      : null;
  const issueDate = isoFromCompact(dateText?.replace(/-/g, ''));
  return {
    format: 'fiscal',
    payload,
    typeCode: null,
    code,
    number,
    amount,
    issueDate,
    checkCode: checkCode && FISCAL_CHECK.test(checkCode) ? checkCode : null,
    key: `fiscal:${code}:${number}`,
  };
}

/** First query value among `names` (case-insensitive), from a URL's query string. */
function queryValue(params: URLSearchParams, names: string[]): string | undefined {
  for (const [k, v] of params) if (names.includes(k.toLowerCase())) return v.trim();
  return undefined;
}

function parseFiscal(text: string): ParsedInvoice | null {
  const list = (s: string): ParsedInvoice | null => {
    const f = s.split(',').map((x) => x.trim());
    if (!/^CZ-EI(-\d*)?$/i.test(f[0] ?? '')) return null;
    const [, , code, number, check, date, amount] = f;
    return fiscal(text, code, number, check, amount, date);
  };
  const direct = list(text);
  if (direct) return direct;
  // Base64 of the same list (some provinces encode it so the QR holds only [A-Za-z0-9+/=]).
  if (/^[A-Za-z0-9+/=_-]{16,}$/.test(text)) {
    const decoded = Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8');
    const inner = list(decoded);
    if (inner) return { ...inner, payload: text };
  }
  if (/^https?:\/\//i.test(text)) {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return null;
    }
    const q = url.searchParams;
    return fiscal(
      text,
      queryValue(q, ['billcode', 'einvoicecode', 'pjdm', 'code', 'invoicecode']),
      queryValue(q, ['billno', 'billnum', 'einvoicenumber', 'pjhm', 'number', 'invoiceno']),
      queryValue(q, ['random', 'checkcode', 'jym', 'verifycode']),
      queryValue(q, ['money', 'amount', 'totalamount', 'je']),
      queryValue(q, ['date', 'issuedate', 'kprq', 'billdate']),
    );
  }
  return null;
}

export function parseInvoicePayload(payload: string): ParsedInvoice {
  const text = payload.trim();
  const fiscalInvoice = parseFiscal(text);
  if (fiscalInvoice) return fiscalInvoice;
  const f = text.split(',').map((s) => s.trim());
  if (f.length < 6 || f[0] !== '01') return raw(payload);
  const [, typeCode = '', code = '', number = '', amountText = '', dateText, checkCode] = f;
  const amount = AMOUNT.test(amountText) ? Number(amountText) : null;
  const issueDate = isoFromCompact(dateText);
  if (!/^\d{2}$/.test(typeCode) || amount === null || issueDate === null) return raw(payload);
  const common = { payload, typeCode, amount, issueDate, checkCode: checkCode ? checkCode : null };
  if (code === '' && /^\d{20}$/.test(number)) {
    return { ...common, format: 'digital', code: null, number, key: `digital:${number}` };
  }
  if (/^\d{10}$|^\d{12}$/.test(code) && /^\d{8}$/.test(number)) {
    return { ...common, format: 'vat', code, number, key: `vat:${code}:${number}` };
  }
  return raw(payload);
}

/** The number people read off the paper (for search and messages): 数电 number, or code + number. */
export function invoiceLabel(inv: ParsedInvoice): string {
  // The stored invoice index keeps the number but not always the code: name only what is known (never "null").
  const codeWord = inv.format === 'fiscal' ? '票据代码' : '发票代码';
  const numberWord = inv.format === 'fiscal' ? '票据号码' : '发票号码';
  const hasCode = (inv.format === 'vat' || inv.format === 'fiscal') && !!inv.code;
  const parts = [
    hasCode ? `${codeWord} ${inv.code}` : '',
    inv.number ? `${hasCode ? '号码' : numberWord} ${inv.number}` : '',
  ].filter(Boolean);
  if ((inv.format === 'digital' || inv.format === 'vat' || inv.format === 'fiscal') && parts.length > 0)
    return parts.join(' ');
  return `二维码内容 ${inv.payload.length > 40 ? `${inv.payload.slice(0, 40)}…` : inv.payload}`;
}

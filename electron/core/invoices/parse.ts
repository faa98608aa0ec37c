// Reading the payload of an invoice's QR code. Two formats carry the invoice's identity: the VAT invoice
// (`01,type,code,number,amount,YYYYMMDD,check,…`) and the 数电 (fully digital) invoice, whose 20-digit number
// stands alone with an empty code. Anything else (财政电子票据 URLs, hospital formats) is kept raw: the whole
// payload still identifies the paper, so duplicates are still found.

export type InvoiceFormat = 'vat' | 'digital' | 'raw';

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

export function parseInvoicePayload(payload: string): ParsedInvoice {
  const text = payload.trim();
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
  if (inv.format === 'digital') return `发票号码 ${inv.number}`;
  if (inv.format === 'vat') return `发票代码 ${inv.code} 号码 ${inv.number}`;
  return `二维码内容 ${inv.payload.length > 40 ? `${inv.payload.slice(0, 40)}…` : inv.payload}`;
}

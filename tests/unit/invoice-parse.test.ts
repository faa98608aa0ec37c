// Invoice QR payloads: VAT invoices, 数电 invoices (20-digit number, no code), and everything else kept raw.
import { describe, expect, it } from 'vitest';
import { invoiceLabel, parseInvoicePayload } from '../../electron/core/invoices/parse';

describe('parseInvoicePayload', () => {
  it('reads a VAT invoice QR', () => {
    const inv = parseInvoicePayload(
      '01,10,044031900111,12345678,1234.56,20260910,12345678901234567890,A1B2,',
    );
    expect(inv).toMatchObject({
      format: 'vat',
      typeCode: '10',
      code: '044031900111',
      number: '12345678',
      amount: 1234.56,
      issueDate: '2026-09-10',
      checkCode: '12345678901234567890',
      key: 'vat:044031900111:12345678',
    });
    expect(invoiceLabel(inv)).toBe('发票代码 044031900111 号码 12345678');
  });

  it('reads a 数电 invoice: empty code, 20-digit number', () => {
    const inv = parseInvoicePayload('01,32,,24312000000123456789,88.00,20261001,,');
    expect(inv).toMatchObject({
      format: 'digital',
      code: null,
      number: '24312000000123456789',
      amount: 88,
      issueDate: '2026-10-01',
      checkCode: null,
    });
    expect(inv.key).toBe('digital:24312000000123456789');
  });

  it.each([
    ['a URL that names no invoice', 'https://example.invalid/verify?id=8f3a20c1'],
    ['a 财政电子票据 list with a short code', 'CZ-EI-32,1.1.0,3201,0012345678,a1b2c3,20260910,88.00'],
    ['an impossible date', '01,10,044031900111,12345678,1234.56,20260231,123,'],
    ['a non-numeric amount', '01,10,044031900111,12345678,abc,20260910,123,'],
    ['a number of the wrong length', '01,10,044031900111,1234567,12.00,20260910,123,'],
    ['too few fields', '01,10,044031900111'],
    ['another version', '02,10,044031900111,12345678,12.00,20260910,123,'],
  ])('keeps %s raw', (_name, payload) => {
    const inv = parseInvoicePayload(payload);
    expect(inv.format).toBe('raw');
    expect(inv.key).toBe(`raw:${payload}`);
    expect(inv.amount).toBeNull();
  });

  it('reads a 财政电子票据 (医疗收费电子票据) QR: code, number, check code, date, amount', () => {
    const inv = parseInvoicePayload('CZ-EI-32,1.1.0,32060126,0004731295,3f9a0c,20260912,3246.23');
    expect(inv).toMatchObject({
      format: 'fiscal',
      code: '32060126',
      number: '0004731295',
      checkCode: '3f9a0c',
      issueDate: '2026-09-12',
      amount: 3246.23,
      key: 'fiscal:32060126:0004731295',
    });
    expect(invoiceLabel(inv)).toBe('票据代码 32060126 号码 0004731295');
    // Five decimals, as some provinces print the amount; yuan to the fen.
    expect(parseInvoicePayload('CZ-EI-31,1.1.0,31060121,1052432406,406210,20210124,2851.41000').amount).toBe(
      2851.41,
    );
  });

  it('reads the same list Base64-encoded, and a verification URL', () => {
    const list = 'CZ-EI-42,1.1.0,42060121,0012345678,ab12cd,20261001,120.50';
    const b64 = parseInvoicePayload(Buffer.from(list).toString('base64'));
    expect(b64).toMatchObject({ format: 'fiscal', code: '42060121', number: '0012345678', amount: 120.5 });
    const url = parseInvoicePayload(
      'https://einvoice.example.invalid/verify?billCode=33010121&billNo=0012345678&random=9c8b7a&money=56.00&date=20261002',
    );
    expect(url).toMatchObject({
      format: 'fiscal',
      code: '33010121',
      number: '0012345678',
      checkCode: '9c8b7a',
      amount: 56,
      issueDate: '2026-10-02',
    });
  });

  it('the same invoice read twice gives the same key; two invoices differ', () => {
    const a = parseInvoicePayload('01,04,3200191130,00123456,50.00,20261001,11111,');
    const b = parseInvoicePayload(' 01,04,3200191130,00123456,50.00,20261001,11111, ');
    const c = parseInvoicePayload('01,04,3200191130,00123457,50.00,20261001,11111,');
    expect(a.key).toBe(b.key);
    expect(a.key).not.toBe(c.key);
  });
});

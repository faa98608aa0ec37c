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
    ['a URL (财政电子票据)', 'https://example.invalid/verify?billcode=33010121&billno=0012345678'],
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

  it('the same invoice read twice gives the same key; two invoices differ', () => {
    const a = parseInvoicePayload('01,04,3200191130,00123456,50.00,20261001,11111,');
    const b = parseInvoicePayload(' 01,04,3200191130,00123456,50.00,20261001,11111, ');
    const c = parseInvoicePayload('01,04,3200191130,00123457,50.00,20261001,11111,');
    expect(a.key).toBe(b.key);
    expect(a.key).not.toBe(c.key);
  });
});

// Storage (PostgreSQL): the invoice index, written from page facts in the transaction that writes the page
// (db/store/invoices.ts for SQLite).
import type { InvoiceOps } from '../contract';
import { invoiceRowValues, toStoredInvoice, type InvoiceRow } from '../rows';
import type { PgCx, PgOps } from './cx';

const SELECT_INVOICES = `SELECT i.claim_id, c.reference, p.name AS claimant_name, i.page_id, i.file_sha256, i.format,
    i.invoice_key, i.invoice_number, i.amount_fen, i.phash
  FROM claim_invoices i JOIN claims c ON c.id = i.claim_id JOIN people p ON p.id = c.claimant_id`;

export const indexInvoicePagePg: PgOps<InvoiceOps>['indexPage'] = async (cx: PgCx, page, at) => {
  await cx.run('DELETE FROM claim_invoices WHERE page_id = $1', [page.pageId]);
  const values = invoiceRowValues(page, at);
  if (!values) return;
  await cx.run(
    `INSERT INTO claim_invoices (claim_id, page_id, file_sha256, format, invoice_key, payload, invoice_code,
       invoice_number, amount_fen, issue_date, phash, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    values,
  );
};

export const pgInvoices: PgOps<InvoiceOps> = {
  indexPage: indexInvoicePagePg,
  async ofClaim(cx, claimId) {
    return (
      await cx.q<InvoiceRow>(`${SELECT_INVOICES} WHERE i.claim_id = $1 ORDER BY i.page_id`, [claimId])
    ).map(toStoredInvoice);
  },
  async byKey(cx, key, excludeClaimId) {
    return (
      await cx.q<InvoiceRow>(`${SELECT_INVOICES} WHERE i.invoice_key = $1 AND i.claim_id != $2`, [
        key,
        excludeClaimId,
      ])
    ).map(toStoredInvoice);
  },
  async byFile(cx, sha256, excludeClaimId) {
    return (
      await cx.q<InvoiceRow>(`${SELECT_INVOICES} WHERE i.file_sha256 = $1 AND i.claim_id != $2`, [
        sha256,
        excludeClaimId,
      ])
    ).map(toStoredInvoice);
  },
  async fingerprints(cx, excludeClaimId, withoutKeyOnly) {
    const rows = await cx.q<{ id: number; phash: string }>(
      `SELECT i.id, i.phash FROM claim_invoices i
       WHERE i.phash IS NOT NULL AND i.claim_id != $1 ${withoutKeyOnly ? 'AND i.invoice_key IS NULL' : ''}`,
      [excludeClaimId],
    );
    return rows.map((r) => ({ rowId: r.id, phash: r.phash }));
  },
  async byRowId(cx, rowId) {
    const r = await cx.one<InvoiceRow>(`${SELECT_INVOICES} WHERE i.id = $1`, [rowId]);
    return r ? toStoredInvoice(r) : null;
  },
};

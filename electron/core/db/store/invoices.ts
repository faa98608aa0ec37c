// Storage (SQLite): the invoice index (claim_invoices, migration 0020), written from page facts inside the
// transaction that adds or changes the page, read by duplicate detection and the claims board's search.
import type { PageFacts } from '../../../../shared/page-facts';
import type { Db } from '../contract';
import { invoiceRowValues, toStoredInvoice as toStored, type InvoiceRow } from '../rows';
import { sqliteOf } from '../sqlite';
import type { SyncInvoiceStore } from '../sync-contract';

const SELECT_INVOICES = `SELECT i.claim_id, c.reference, p.name AS claimant_name, i.page_id, i.file_sha256, i.format, i.invoice_key,
    i.invoice_number, i.amount_fen, i.phash
  FROM claim_invoices i JOIN claims c ON c.id = i.claim_id JOIN people p ON p.id = c.claimant_id`;

/**
 * Makes the index row of one page match its facts: the old row (if any) goes, and for an invoice page whose
 * QR was looked for a new row comes. Call inside the transaction that wrote the page.
 */
export function indexInvoicePage(
  db: Db,
  page: { claimId: number; pageId: number; sha256: string; isInvoice: boolean; facts: PageFacts | null },
  at: string,
): void {
  const sql = sqliteOf(db);
  sql.prepare('DELETE FROM claim_invoices WHERE page_id = ?').run(page.pageId);
  // Not an invoice, or a page stored before QR codes were read at import (the backfill reads it).
  const values = invoiceRowValues(page, at);
  if (!values) return;
  sql
    .prepare(
      `INSERT INTO claim_invoices (claim_id, page_id, file_sha256, format, invoice_key, payload, invoice_code, invoice_number,
         amount_fen, issue_date, phash, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(...values);
}

/** The claim's invoice codes and numbers read from QR codes, as search words (a search contributor). */
export function invoiceNumberSearchWords(db: Db, claimId: number): string[] {
  const text = sqliteOf(db)
    .prepare(
      `SELECT group_concat(coalesce(invoice_code, '') || ' ' || invoice_number, ' ') FROM claim_invoices
       WHERE claim_id = ? AND invoice_number IS NOT NULL`,
    )
    .pluck()
    .get(claimId) as string | null | undefined;
  return text ? [text] : [];
}

export const sqliteInvoices: SyncInvoiceStore = {
  indexPage: indexInvoicePage,

  ofClaim(db, claimId) {
    const rows = sqliteOf(db)
      .prepare(`${SELECT_INVOICES} WHERE i.claim_id = ? ORDER BY i.page_id`)
      .all(claimId) as InvoiceRow[];
    return rows.map(toStored);
  },

  byKey(db, key, excludeClaimId) {
    const rows = sqliteOf(db)
      .prepare(`${SELECT_INVOICES} WHERE i.invoice_key = ? AND i.claim_id != ?`)
      .all(key, excludeClaimId) as InvoiceRow[];
    return rows.map(toStored);
  },

  byFile(db, sha256, excludeClaimId) {
    const rows = sqliteOf(db)
      .prepare(`${SELECT_INVOICES} WHERE i.file_sha256 = ? AND i.claim_id != ?`)
      .all(sha256, excludeClaimId) as InvoiceRow[];
    return rows.map(toStored);
  },

  fingerprints(db, excludeClaimId, withoutKeyOnly) {
    const rows = sqliteOf(db)
      .prepare(
        `SELECT i.id, i.phash FROM claim_invoices i
         WHERE i.phash IS NOT NULL AND i.claim_id != ? ${withoutKeyOnly ? 'AND i.invoice_key IS NULL' : ''}`,
      )
      .raw()
      .all(excludeClaimId) as Array<[number, string]>;
    return rows.map(([rowId, phash]) => ({ rowId, phash }));
  },

  byRowId(db, rowId) {
    const r = sqliteOf(db).prepare(`${SELECT_INVOICES} WHERE i.id = ?`).get(rowId) as InvoiceRow | undefined;
    return r ? toStored(r) : null;
  },
};

// The invoice index (claim_invoices, migration 0020) written from page facts, inside the transaction that
// adds or changes the page: an invoice page's row always says what its current photo's QR code says. The
// QR and the hash were read once by analysePage; nothing here opens a file.
import type { PageFacts } from '../../../shared/page-facts';
import type { Db } from '../db/open';

/**
 * Makes the index row of one page match its facts: the old row (if any) goes, and for an invoice page whose
 * QR was looked for a new row comes. Call inside the transaction that wrote the page.
 */
export function indexInvoicePage(
  db: Db,
  page: { claimId: number; pageId: number; sha256: string; isInvoice: boolean; facts: PageFacts | null },
): void {
  db.prepare('DELETE FROM claim_invoices WHERE page_id = ?').run(page.pageId);
  // Not an invoice, or a page stored before QR codes were read at import (the backfill reads it).
  if (!page.isInvoice || !page.facts || page.facts.qr === null) return;
  const qr = page.facts.qr;
  const inv = qr.invoice;
  db.prepare(
    `INSERT INTO claim_invoices (claim_id, page_id, file_sha256, format, invoice_key, payload, invoice_code, invoice_number,
       amount_fen, issue_date, phash, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    page.claimId,
    page.pageId,
    page.sha256,
    inv?.format ?? (qr.payload === null ? 'none' : 'raw'),
    inv?.key ?? null,
    qr.payload,
    inv?.code ?? null,
    inv?.number ?? null,
    inv?.amount === null || inv?.amount === undefined ? null : Math.round(inv.amount * 100),
    inv?.issueDate ?? null,
    page.facts.fingerprint.phash,
    new Date().toISOString(),
  );
}

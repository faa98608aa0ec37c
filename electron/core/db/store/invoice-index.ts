// Storage: the invoice index (claim_invoices, migration 0020) as seen by the claims board's search.
import type { Db } from '../open';

/** The claim's invoice codes and numbers read from QR codes, as search words. */
export function invoiceNumberSearchWords(db: Db, claimId: number): string[] {
  const text = db
    .prepare(
      `SELECT group_concat(coalesce(invoice_code, '') || ' ' || invoice_number, ' ') FROM claim_invoices
       WHERE claim_id = ? AND invoice_number IS NOT NULL`,
    )
    .pluck()
    .get(claimId) as string | null | undefined;
  return text ? [text] : [];
}

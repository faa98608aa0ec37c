// Invoices of stored claims (migration 0020): recorded per invoice page, looked up to catch the same invoice
// handed in twice, and contributed to the claims board's search words so a claim is found by invoice number
// (db/store/search.ts lists that contributor).
import type { Db, StoredInvoice } from '../db/contract';
import { store } from '../db/store';
import { hammingDistance } from '../quality/phash';

export type { StoredInvoice } from '../db/contract';

/** A claim elsewhere that already holds this invoice. */
export interface InvoiceDuplicate {
  claimReference: string;
  claimId?: number | undefined;
  claimantName?: string | undefined;
  by: 'qr' | 'image';
  /** The very same file bytes (only meaningful with by: 'image'). */
  identicalFile?: boolean | undefined;
}

/**
 * Two invoice photos this close (of 64 bits) are the same photo re-saved or re-scaled. Stricter than the
 * quality check's same-picture threshold: invoices from one hospital share a layout, so only near-identical
 * pictures count, and only when their QR codes don't already say they differ.
 */
export const SAME_INVOICE_PHOTO_MAX_DISTANCE = 4;

export function listClaimInvoices(db: Db, claimId: number): StoredInvoice[] {
  return store.invoices.ofClaim(db, claimId);
}

/**
 * Stored invoices of other claims that are the same invoice as this one: the same QR identity, the same
 * file bytes, or (when either side has no readable QR) a near-identical photo.
 */
export function findInvoiceDuplicates(
  db: Db,
  invoice: { key: string | null; sha256?: string | null | undefined; phash: string | null },
  excludeClaimId?: number,
): InvoiceDuplicate[] {
  const out = new Map<number, InvoiceDuplicate>();
  const exclude = excludeClaimId ?? -1;
  const add = (r: StoredInvoice, by: InvoiceDuplicate['by'], identicalFile = false): void => {
    // A QR match is the strongest evidence; it replaces a photo match found for the same claim.
    const prev = out.get(r.claimId);
    if (prev && (prev.by === 'qr' || by === 'image')) return;
    out.set(r.claimId, {
      claimId: r.claimId,
      claimReference: r.claimReference,
      claimantName: r.claimantName,
      by,
      identicalFile,
    });
  };
  if (invoice.key) {
    for (const r of store.invoices.byKey(db, invoice.key, exclude)) add(r, 'qr');
  }
  if (invoice.sha256) {
    for (const r of store.invoices.byFile(db, invoice.sha256, exclude)) {
      add(r, r.key !== null && r.key === invoice.key ? 'qr' : 'image', true);
    }
  }
  if (invoice.phash) {
    // Two readable QR codes that differ are two invoices, however alike the photos look; the same code was
    // found above. So an invoice with a QR is compared only with stored pages that have none.
    const near = store.invoices
      .fingerprints(db, exclude, !!invoice.key)
      .filter((f) => hammingDistance(invoice.phash!, f.phash) <= SAME_INVOICE_PHOTO_MAX_DISTANCE);
    for (const { rowId } of near) {
      const r = store.invoices.byRowId(db, rowId);
      if (r) add(r, 'image');
    }
  }
  return [...out.values()];
}

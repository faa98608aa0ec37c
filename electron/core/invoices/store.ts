// Invoices of stored claims (migration 0020): recorded per invoice page, looked up to catch the same invoice
// handed in twice, and contributed to the claims board's search words so a claim is found by invoice number
// (db/store/search.ts lists that contributor).
import type { Db, Session, StoredInvoice } from '../db/contract';
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

/** The invoice whose twins are looked for: its QR identity, file bytes and photo fingerprint. */
export interface InvoiceIdentity {
  key: string | null;
  sha256?: string | null | undefined;
  phash: string | null;
}

/**
 * What the invoice index answered for one invoice, merged into one entry per other claim: a QR match is the
 * strongest evidence and replaces a photo match found for the same claim.
 */
function mergeDuplicates(
  invoice: InvoiceIdentity,
  found: { byKey: StoredInvoice[]; byFile: StoredInvoice[]; nearPhoto: StoredInvoice[] },
): InvoiceDuplicate[] {
  const out = new Map<number, InvoiceDuplicate>();
  const add = (r: StoredInvoice, by: InvoiceDuplicate['by'], identicalFile = false): void => {
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
  for (const r of found.byKey) add(r, 'qr');
  for (const r of found.byFile) add(r, r.key !== null && r.key === invoice.key ? 'qr' : 'image', true);
  for (const r of found.nearPhoto) add(r, 'image');
  return [...out.values()];
}

/** Two readable QR codes that differ are two invoices, however alike the photos look (the same code is
 * found by key), so an invoice with a QR is compared only with stored pages that have none. */
const nearPhoto = (invoice: InvoiceIdentity, f: { phash: string }): boolean =>
  hammingDistance(invoice.phash!, f.phash) <= SAME_INVOICE_PHOTO_MAX_DISTANCE;

/**
 * Stored invoices of other claims that are the same invoice as this one: the same QR identity, the same
 * file bytes, or (when either side has no readable QR) a near-identical photo.
 */
export function findInvoiceDuplicates(
  db: Db,
  invoice: InvoiceIdentity,
  excludeClaimId?: number,
): InvoiceDuplicate[] {
  const exclude = excludeClaimId ?? -1;
  const near = invoice.phash
    ? store.invoices.fingerprints(db, exclude, !!invoice.key).filter((f) => nearPhoto(invoice, f))
    : [];
  return mergeDuplicates(invoice, {
    byKey: invoice.key ? store.invoices.byKey(db, invoice.key, exclude) : [],
    byFile: invoice.sha256 ? store.invoices.byFile(db, invoice.sha256, exclude) : [],
    nearPhoto: near.flatMap(({ rowId }) => store.invoices.byRowId(db, rowId) ?? []),
  });
}

/** findInvoiceDuplicates through the storage contract (either engine). */
export async function findInvoiceDuplicatesThrough(
  s: Session,
  invoice: InvoiceIdentity,
  excludeClaimId?: number,
): Promise<InvoiceDuplicate[]> {
  const exclude = excludeClaimId ?? -1;
  const near = invoice.phash
    ? (await s.invoices.fingerprints(exclude, !!invoice.key)).filter((f) => nearPhoto(invoice, f))
    : [];
  const nearRows: StoredInvoice[] = [];
  for (const { rowId } of near) {
    const r = await s.invoices.byRowId(rowId);
    if (r) nearRows.push(r);
  }
  return mergeDuplicates(invoice, {
    byKey: invoice.key ? await s.invoices.byKey(invoice.key, exclude) : [],
    byFile: invoice.sha256 ? await s.invoices.byFile(invoice.sha256, exclude) : [],
    nearPhoto: nearRows,
  });
}

// Invoices of stored claims (migration 0020): recorded per invoice page, looked up to catch the same invoice
// handed in twice, and contributed to the claims board's search words so a claim is found by invoice number
// (db/store/search.ts lists that contributor).
import type { Db } from '../db/contract';
import { store } from '../db/store';
import type { PageFacts } from '../../../shared/page-facts';
import { analyseInThread } from '../pages/pipeline';
import { listDocuments, refreshSearchText, getClaim, setPageFacts } from '../repo';
import { storedFilePath } from '../files/store';
import { hammingDistance } from '../quality/phash';
import type { Workspace } from '../workspace';
import type { InvoiceDuplicate } from '../rules/engine';
import type { StoredInvoice } from '../db/contract';

export type { StoredInvoice } from '../db/contract';

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

/**
 * Brings a stored claim's invoice index up to date and returns it. Pages imported since migration 0040 were
 * indexed in the transaction that stored them; this only reads the QR of invoice pages stored before
 * (facts without a QR reading), once: the reading is kept in their facts, so it never happens again.
 * Called at import time (CLI `import`), never by evaluation.
 */
export async function indexClaimInvoices(ws: Workspace, claimId: number): Promise<StoredInvoice[]> {
  getClaim(ws.db, claimId);
  const pending: Array<{ pageId: number; sha256: string; facts: PageFacts }> = [];
  for (const doc of listDocuments(ws.db, claimId).filter((d) => d.kind === 'invoice')) {
    for (const page of doc.pages) {
      if (page.facts?.qr) continue;
      const read = await analyseInThread(
        { path: storedFilePath(ws.dataDir, page.sha256), sha256: page.sha256, kind: doc.kind },
        // Only the QR when the page was already checked: its stored report stays as it was.
        {
          readQr: true,
          checks: page.facts?.quality === undefined || page.facts?.quality === null,
          reader: undefined,
        },
      );
      const facts: PageFacts = page.facts
        ? {
            ...page.facts,
            qr: read.qr,
            fingerprint: { ...page.facts.fingerprint, phash: read.fingerprint.phash },
          }
        : read;
      pending.push({ pageId: page.id, sha256: page.sha256, facts });
    }
  }
  if (pending.length > 0) {
    store.engine.transaction(ws.db, () => {
      const at = new Date().toISOString();
      for (const p of pending) {
        setPageFacts(ws.db, p.pageId, p.facts);
        store.invoices.indexPage(
          ws.db,
          { claimId, pageId: p.pageId, sha256: p.sha256, isInvoice: true, facts: p.facts },
          at,
        );
      }
      refreshSearchText(ws.db, claimId);
    });
  }
  return listClaimInvoices(ws.db, claimId);
}

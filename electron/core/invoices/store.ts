// Invoices of stored claims (migration 0020): recorded per invoice page, looked up to catch the same invoice
// handed in twice, and contributed to the claims board's search words so a claim is found by invoice number
// (db/store/search.ts lists that contributor).
import type { Db } from '../db/open';
import type { PageFacts } from '../../../shared/page-facts';
import { analyseInThread } from '../pages/pipeline';
import { listDocuments, refreshSearchText, getClaim, setPageFacts } from '../repo';
import { storedFilePath } from '../files/store';
import { hammingDistance } from '../quality/phash';
import type { Workspace } from '../workspace';
import type { InvoiceDuplicate } from '../rules/engine';
import { indexInvoicePage } from './rows';

/**
 * Two invoice photos this close (of 64 bits) are the same photo re-saved or re-scaled. Stricter than the
 * quality check's same-picture threshold: invoices from one hospital share a layout, so only near-identical
 * pictures count, and only when their QR codes don't already say they differ.
 */
export const SAME_INVOICE_PHOTO_MAX_DISTANCE = 4;

export interface StoredInvoice {
  claimId: number;
  claimReference: string;
  claimantName: string;
  pageId: number;
  sha256: string;
  format: 'vat' | 'digital' | 'fiscal' | 'raw' | 'none';
  key: string | null;
  number: string | null;
  amount: number | null;
  phash: string | null;
}

interface InvoiceRow {
  claim_id: number;
  reference: string;
  claimant_name: string;
  page_id: number;
  file_sha256: string;
  format: StoredInvoice['format'];
  invoice_key: string | null;
  invoice_number: string | null;
  amount_fen: number | null;
  phash: string | null;
}

const SELECT_INVOICES = `SELECT i.claim_id, c.reference, p.name AS claimant_name, i.page_id, i.file_sha256, i.format, i.invoice_key,
    i.invoice_number, i.amount_fen, i.phash
  FROM claim_invoices i JOIN claims c ON c.id = i.claim_id JOIN people p ON p.id = c.claimant_id`;

function toStored(r: InvoiceRow): StoredInvoice {
  return {
    claimId: r.claim_id,
    claimReference: r.reference,
    claimantName: r.claimant_name,
    pageId: r.page_id,
    sha256: r.file_sha256,
    format: r.format,
    key: r.invoice_key,
    number: r.invoice_number,
    amount: r.amount_fen === null ? null : r.amount_fen / 100,
    phash: r.phash,
  };
}

export function listClaimInvoices(db: Db, claimId: number): StoredInvoice[] {
  return (
    db.prepare(`${SELECT_INVOICES} WHERE i.claim_id = ? ORDER BY i.page_id`).all(claimId) as InvoiceRow[]
  ).map(toStored);
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
  const add = (r: InvoiceRow, by: InvoiceDuplicate['by'], identicalFile = false): void => {
    // A QR match is the strongest evidence; it replaces a photo match found for the same claim.
    const prev = out.get(r.claim_id);
    if (prev && (prev.by === 'qr' || by === 'image')) return;
    out.set(r.claim_id, {
      claimId: r.claim_id,
      claimReference: r.reference,
      claimantName: r.claimant_name,
      by,
      identicalFile,
    });
  };
  if (invoice.key) {
    for (const r of db
      .prepare(`${SELECT_INVOICES} WHERE i.invoice_key = ? AND i.claim_id != ?`)
      .all(invoice.key, exclude) as InvoiceRow[])
      add(r, 'qr');
  }
  if (invoice.sha256) {
    for (const r of db
      .prepare(`${SELECT_INVOICES} WHERE i.file_sha256 = ? AND i.claim_id != ?`)
      .all(invoice.sha256, exclude) as InvoiceRow[]) {
      add(r, r.invoice_key !== null && r.invoice_key === invoice.key ? 'qr' : 'image', true);
    }
  }
  if (invoice.phash) {
    // Two readable QR codes that differ are two invoices, however alike the photos look; the same code was
    // found above. So an invoice with a QR is compared only with stored pages that have none.
    const hashes = db
      .prepare(
        `SELECT i.id, i.phash FROM claim_invoices i
         WHERE i.phash IS NOT NULL AND i.claim_id != ? ${invoice.key ? 'AND i.invoice_key IS NULL' : ''}`,
      )
      .raw()
      .all(exclude) as Array<[number, string]>;
    const near = hashes
      .filter(([, h]) => hammingDistance(invoice.phash!, h) <= SAME_INVOICE_PHOTO_MAX_DISTANCE)
      .map(([id]) => id);
    for (const id of near) {
      const r = db.prepare(`${SELECT_INVOICES} WHERE i.id = ?`).get(id) as InvoiceRow | undefined;
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
        { readQr: true, checks: page.facts?.quality === undefined || page.facts?.quality === null },
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
    ws.db.transaction(() => {
      for (const p of pending) {
        setPageFacts(ws.db, p.pageId, p.facts);
        indexInvoicePage(ws.db, {
          claimId,
          pageId: p.pageId,
          sha256: p.sha256,
          isInvoice: true,
          facts: p.facts,
        });
      }
      refreshSearchText(ws.db, claimId);
    })();
  }
  return listClaimInvoices(ws.db, claimId);
}

// Invoices of stored claims (migration 0020): recorded per invoice page, looked up to catch the same invoice
// handed in twice, and contributed to the claims board's search words so a claim is found by invoice number.
import type { Db } from '../db/open';
import { listDocuments, refreshSearchText, registerSearchContributor, getClaim } from '../repo';
import { storedFilePath } from '../files/store';
import { hammingDistance } from '../quality/phash';
import type { Workspace } from '../workspace';
import type { InvoiceDuplicate } from '../rules/engine';
import { scanInvoiceFile, type ScannedInvoice } from './scan';

/**
 * Two invoice photos this close (of 64 bits) are the same photo re-saved or re-scaled. Stricter than the
 * quality check's same-picture threshold: invoices from one hospital share a layout, so only near-identical
 * pictures count, and only when their QR codes don't already say they differ.
 */
export const SAME_INVOICE_PHOTO_MAX_DISTANCE = 4;

registerSearchContributor(
  `SELECT group_concat(coalesce(invoice_code, '') || ' ' || invoice_number, ' ') FROM claim_invoices
   WHERE claim_id = ? AND invoice_number IS NOT NULL`,
);

export interface StoredInvoice {
  claimId: number;
  claimReference: string;
  claimantName: string;
  pageId: number;
  sha256: string;
  format: 'vat' | 'digital' | 'raw' | 'none';
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

function insertInvoice(
  db: Db,
  claimId: number,
  pageId: number,
  sha256: string,
  scanned: ScannedInvoice,
): void {
  const p = scanned.parsed;
  db.prepare(
    `INSERT INTO claim_invoices (claim_id, page_id, file_sha256, format, invoice_key, payload, invoice_code, invoice_number,
       amount_fen, issue_date, phash, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(page_id) DO NOTHING`,
  ).run(
    claimId,
    pageId,
    sha256,
    p?.format ?? 'none',
    p?.key ?? null,
    p?.payload ?? null,
    p?.code ?? null,
    p?.number ?? null,
    p?.amount === null || p?.amount === undefined ? null : Math.round(p.amount * 100),
    p?.issueDate ?? null,
    scanned.phash,
    new Date().toISOString(),
  );
}

/**
 * Reads the QR code and hash of every invoice page of a stored claim that has not been read yet, and records
 * them in one transaction (the slow reading happens before it). Call after importing invoice documents.
 * Returns the claim's invoices.
 */
export async function indexClaimInvoices(ws: Workspace, claimId: number): Promise<StoredInvoice[]> {
  getClaim(ws.db, claimId);
  const known = new Set(listClaimInvoices(ws.db, claimId).map((i) => i.pageId));
  const pending: Array<{ pageId: number; sha256: string; scanned: ScannedInvoice }> = [];
  for (const doc of listDocuments(ws.db, claimId).filter((d) => d.kind === 'invoice')) {
    for (const page of doc.pages) {
      if (known.has(page.id)) continue;
      let scanned: ScannedInvoice;
      try {
        scanned = await scanInvoiceFile(storedFilePath(ws.dataDir, page.sha256));
      } catch {
        // An unreadable photo is the quality check's finding; record that it has no QR so we don't retry forever.
        scanned = { parsed: null, phash: null };
      }
      pending.push({ pageId: page.id, sha256: page.sha256, scanned });
    }
  }
  if (pending.length > 0) {
    ws.db.transaction(() => {
      for (const p of pending) insertInvoice(ws.db, claimId, p.pageId, p.sha256, p.scanned);
      refreshSearchText(ws.db, claimId);
    })();
  }
  return listClaimInvoices(ws.db, claimId);
}

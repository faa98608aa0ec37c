// Storage: page-level edits in the claim editor: remove one page, replace it with a retaken photo, move it
// within its document. Each is one short transaction; the new file is stored (slow) before it starts.
import type { Db } from '../open';
import { getDocument, type NewPage } from '../../repo';
import { refreshSearchText } from './search';
import { ClaimDeskError } from '../../errors';
import { indexInvoicePage } from '../../invoices/rows';
import type { ClaimDocument, DocumentPage } from '../../../../shared/schemas';

interface PageRef {
  id: number;
  document_id: number;
  position: number;
  claim_id: number;
}

export function findPage(db: Db, pageId: number): PageRef {
  const row = db
    .prepare(
      `SELECT dp.id, dp.document_id, dp.position, d.claim_id FROM document_pages dp
       JOIN documents d ON d.id = dp.document_id WHERE dp.id = ?`,
    )
    .get(pageId) as PageRef | undefined;
  if (!row)
    throw new ClaimDeskError('not_found', `找不到第 ${pageId} 号页面`, `page ${pageId} not found`, {
      field: 'pageId',
    });
  return row;
}

function touchClaim(db: Db, claimId: number): void {
  db.prepare('UPDATE claims SET updated_at = ? WHERE id = ?').run(new Date().toISOString(), claimId);
  refreshSearchText(db, claimId);
}

/**
 * Removes one page; removing a document's last page removes the document, so no empty document remains.
 * Its invoice index row goes with it (ON DELETE CASCADE) and the search words are rebuilt, in one transaction.
 */
export function removePage(db: Db, pageId: number): void {
  db.transaction(() => {
    const page = findPage(db, pageId);
    db.prepare('DELETE FROM document_pages WHERE id = ?').run(pageId);
    const left = db
      .prepare('SELECT id FROM document_pages WHERE document_id = ? ORDER BY position, id')
      .all(page.document_id) as Array<{
      id: number;
    }>;
    if (left.length === 0) db.prepare('DELETE FROM documents WHERE id = ?').run(page.document_id);
    else
      left.forEach((p, i) =>
        db.prepare('UPDATE document_pages SET position = ? WHERE id = ?').run(i + 1, p.id),
      );
    touchClaim(db, page.claim_id);
  }).immediate();
}

/**
 * Points the page at a new (already stored and analysed) file; position and document stay. Every row
 * derived from the page changes in the same transaction: its facts, its invoice index row (the old photo's
 * QR code and amount go), and the claim's search words.
 */
export function replacePage(db: Db, pageId: number, file: NewPage): DocumentPage {
  const docId = db
    .transaction(() => {
      const page = findPage(db, pageId);
      db.prepare(
        'INSERT INTO files (sha256, size, mime, created_at) VALUES (?, ?, ?, ?) ON CONFLICT(sha256) DO NOTHING',
      ).run(file.sha256, file.size, file.mime, new Date().toISOString());
      db.prepare(
        'UPDATE document_pages SET file_sha256 = ?, original_name = ?, facts_json = ? WHERE id = ?',
      ).run(file.sha256, file.originalName, file.facts === null ? null : JSON.stringify(file.facts), pageId);
      const kind = db.prepare('SELECT kind FROM documents WHERE id = ?').pluck().get(page.document_id);
      indexInvoicePage(db, {
        claimId: page.claim_id,
        pageId,
        sha256: file.sha256,
        isInvoice: kind === 'invoice',
        facts: file.facts,
      });
      touchClaim(db, page.claim_id);
      return page.document_id;
    })
    .immediate();
  const updated = getDocument(db, docId).pages.find((p) => p.id === pageId);
  if (!updated) throw new Error(`page ${pageId} vanished during replace`);
  return updated;
}

/** Swaps the page with its neighbour; at either end it stays where it is. */
export function movePage(db: Db, pageId: number, direction: 'up' | 'down'): ClaimDocument {
  const docId = db
    .transaction(() => {
      const page = findPage(db, pageId);
      const neighbour = db
        .prepare(
          direction === 'up'
            ? 'SELECT id, position FROM document_pages WHERE document_id = ? AND position < ? ORDER BY position DESC LIMIT 1'
            : 'SELECT id, position FROM document_pages WHERE document_id = ? AND position > ? ORDER BY position ASC LIMIT 1',
        )
        .get(page.document_id, page.position) as { id: number; position: number } | undefined;
      if (neighbour) {
        db.prepare('UPDATE document_pages SET position = ? WHERE id = ?').run(neighbour.position, page.id);
        db.prepare('UPDATE document_pages SET position = ? WHERE id = ?').run(page.position, neighbour.id);
        touchClaim(db, page.claim_id);
      }
      return page.document_id;
    })
    .immediate();
  return getDocument(db, docId);
}

/** The stored file and quality report behind a page. */
export function pageFile(
  db: Db,
  pageId: number,
): { sha256: string; mime: string; quality: unknown; originalName: string } {
  const row = db
    .prepare(
      `SELECT dp.file_sha256 AS sha256, f.mime, json_extract(dp.facts_json, '$.quality') AS quality_json, dp.original_name FROM document_pages dp
       JOIN files f ON f.sha256 = dp.file_sha256 WHERE dp.id = ?`,
    )
    .get(pageId) as
    { sha256: string; mime: string; quality_json: string | null; original_name: string } | undefined;
  if (!row)
    throw new ClaimDeskError('not_found', `找不到第 ${pageId} 号页面`, `page ${pageId} not found`, {
      field: 'pageId',
    });
  return {
    sha256: row.sha256,
    mime: row.mime,
    originalName: row.original_name,
    quality: row.quality_json === null ? null : (JSON.parse(row.quality_json) as unknown),
  };
}

/** How many documents each of `claimIds` holds (claims without any are absent from the map). */
export function documentCounts(db: Db, claimIds: readonly number[]): Map<number, number> {
  const counts = new Map<number, number>();
  if (claimIds.length === 0) return counts;
  const rows = db
    .prepare(
      `SELECT claim_id, count(*) AS n FROM documents WHERE claim_id IN (${claimIds.map(() => '?').join(',')}) GROUP BY claim_id`,
    )
    .all(...claimIds) as Array<{ claim_id: number; n: number }>;
  for (const r of rows) counts.set(r.claim_id, r.n);
  return counts;
}

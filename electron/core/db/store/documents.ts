// Storage (SQLite): documents and their pages (with their analysed facts), the confirmations a person made
// by looking at a paper, and the fields a person typed for a page. Every write that changes a page also
// rewrites the rows derived from it (invoice index, search words) in the same transaction.
import type { DocumentKind, DocumentOrigin } from '../../../../shared/domain';
import type { FieldValue } from '../../../../shared/fields';
import type { PageFacts } from '../../../../shared/page-facts';
import type { ClaimDocument } from '../../../../shared/schemas';
import type { Db, Edit, NewPage, PageRef, PageUsingFile } from '../contract';
import { toPage, type PageRow } from '../rows';
import { sqliteOf } from '../sqlite';
import type { SyncDocumentStore } from '../sync-contract';
import { touchClaim } from './claims';
import { indexInvoicePage } from './invoices';
import { assertVersion, stampColumns } from './versions';

function factsJson(facts: PageFacts | null): string | null {
  return facts === null ? null : JSON.stringify(facts);
}

/**
 * After a page left a document (removed, or moved to another kind): the pages left are numbered 1…n again,
 * and a document with no page left goes, so no empty document remains.
 */
function closeGap(store: Db, documentId: number): void {
  const db = sqliteOf(store);
  const left = db
    .prepare('SELECT id FROM document_pages WHERE document_id = ? ORDER BY position, id')
    .pluck()
    .all(documentId) as number[];
  if (left.length === 0) db.prepare('DELETE FROM documents WHERE id = ?').run(documentId);
  else
    left.forEach((id, i) => db.prepare('UPDATE document_pages SET position = ? WHERE id = ?').run(i + 1, id));
}

function getDocument(store: Db, id: number): ClaimDocument | null {
  const db = sqliteOf(store);
  const doc = db.prepare('SELECT * FROM documents WHERE id = ?').get(id) as
    | { id: number; claim_id: number; kind: string; position: number; origin: string; created_at: string }
    | undefined;
  if (!doc) return null;
  const pages = db
    .prepare(
      `SELECT dp.*, f.mime, f.size FROM document_pages dp JOIN files f ON f.sha256 = dp.file_sha256
       WHERE dp.document_id = ? ORDER BY dp.position`,
    )
    .all(id) as PageRow[];
  return {
    id: doc.id,
    claimId: doc.claim_id,
    kind: doc.kind as DocumentKind,
    position: doc.position,
    origin: doc.origin as DocumentOrigin,
    createdAt: doc.created_at,
    pages: pages.map(toPage),
  };
}

function insertDocument(
  store: Db,
  claimId: number,
  kind: DocumentKind,
  origin: DocumentOrigin,
  pages: readonly NewPage[],
  at: string,
): number {
  const db = sqliteOf(store);
  return db.transaction(() => {
    const pos = (
      db
        .prepare('SELECT coalesce(max(position), 0) + 1 AS p FROM documents WHERE claim_id = ?')
        .get(claimId) as { p: number }
    ).p;
    const info = db
      .prepare('INSERT INTO documents (claim_id, kind, position, origin, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(claimId, kind, pos, origin, at);
    const docId = Number(info.lastInsertRowid);
    const insFile = db.prepare(
      'INSERT INTO files (sha256, size, mime, created_at) VALUES (?, ?, ?, ?) ON CONFLICT(sha256) DO NOTHING',
    );
    const insPage = db.prepare(
      `INSERT INTO document_pages (document_id, position, file_sha256, original_name, facts_json, updated_at,
         updated_by_desk, updated_by_person) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const [desk, person] = stampColumns(store);
    pages.forEach((p, i) => {
      insFile.run(p.sha256, p.size, p.mime, at);
      const pageId = Number(
        insPage.run(docId, i + 1, p.sha256, p.originalName, factsJson(p.facts), at, desk, person)
          .lastInsertRowid,
      );
      // The claims board's invoice index is written with the page, from the QR its analysis read.
      const row = { claimId, pageId, sha256: p.sha256, facts: p.facts };
      indexInvoicePage(store, { ...row, isInvoice: kind === 'invoice' }, at);
    });
    touchClaim(store, claimId, at);
    return docId;
  })();
}

/** A page's change (new facts, file, kind or typed field) is a new version of it, by this desk. */
const BUMP_PAGE = 'version = version + 1, updated_at = ?, updated_by_desk = ?, updated_by_person = ?';

function bumpPage(store: Db, pageId: number, at: string, expected: number | null = null): void {
  const changed = sqliteOf(store)
    .prepare(`UPDATE document_pages SET ${BUMP_PAGE} WHERE id = ? AND (? IS NULL OR version = ?)`)
    .run(at, ...stampColumns(store), pageId, expected, expected).changes;
  if (changed === 0) assertVersion(store, 'page', pageId, expected);
}

export const sqliteDocuments: SyncDocumentStore = {
  insert: insertDocument,

  document: getDocument,

  idsOfClaim(db, claimId) {
    return sqliteOf(db)
      .prepare('SELECT id FROM documents WHERE claim_id = ? ORDER BY position, id')
      .pluck()
      .all(claimId) as number[];
  },

  remove(store, documentId, at) {
    const db = sqliteOf(store);
    db.transaction(() => {
      const claimId = db.prepare('SELECT claim_id FROM documents WHERE id = ?').pluck().get(documentId) as
        number | undefined;
      if (claimId === undefined) return;
      // Pages, their invoice rows, confirmations and typed fields go with it (ON DELETE CASCADE).
      db.prepare('DELETE FROM documents WHERE id = ?').run(documentId);
      touchClaim(store, claimId, at);
    })();
  },

  claimOfDocument(db, documentId) {
    const id = sqliteOf(db).prepare('SELECT claim_id FROM documents WHERE id = ?').pluck().get(documentId) as
      number | undefined;
    return id ?? null;
  },

  counts(db, claimIds) {
    const counts = new Map<number, number>();
    if (claimIds.length === 0) return counts;
    const rows = sqliteOf(db)
      .prepare(
        `SELECT claim_id, count(*) AS n FROM documents WHERE claim_id IN (${claimIds.map(() => '?').join(',')}) GROUP BY claim_id`,
      )
      .all(...claimIds) as Array<{ claim_id: number; n: number }>;
    for (const r of rows) counts.set(r.claim_id, r.n);
    return counts;
  },

  kindHoldingFile(db, claimId, sha256) {
    const kind = sqliteOf(db)
      .prepare(
        `SELECT d.kind FROM document_pages dp JOIN documents d ON d.id = dp.document_id
         WHERE d.claim_id = ? AND dp.file_sha256 = ? LIMIT 1`,
      )
      .pluck()
      .get(claimId, sha256) as string | undefined;
    return kind ?? null;
  },

  page(db, pageId): PageRef | null {
    const row = sqliteOf(db)
      .prepare(
        `SELECT dp.id, dp.document_id AS documentId, dp.position, d.claim_id AS claimId FROM document_pages dp
         JOIN documents d ON d.id = dp.document_id WHERE dp.id = ?`,
      )
      .get(pageId) as PageRef | undefined;
    return row ?? null;
  },

  pageKind(db, pageId) {
    const kind = sqliteOf(db)
      .prepare(
        `SELECT d.kind FROM document_pages dp JOIN documents d ON d.id = dp.document_id WHERE dp.id = ?`,
      )
      .pluck()
      .get(pageId) as string | undefined;
    return kind ?? null;
  },

  setPageFacts(db, pageId, facts) {
    sqliteOf(db)
      .prepare(`UPDATE document_pages SET facts_json = ?, ${BUMP_PAGE} WHERE id = ?`)
      .run(factsJson(facts), new Date().toISOString(), ...stampColumns(db), pageId);
  },

  /** Removing a document's last page removes the document, so no empty document remains. */
  removePage(store, page, at) {
    const db = sqliteOf(store);
    db.transaction(() => {
      db.prepare('DELETE FROM document_pages WHERE id = ?').run(page.id);
      closeGap(store, page.documentId);
      touchClaim(store, page.claimId, at);
    })();
  },

  replacePage(store, page, file, at) {
    const db = sqliteOf(store);
    db.transaction(() => {
      db.prepare(
        'INSERT INTO files (sha256, size, mime, created_at) VALUES (?, ?, ?, ?) ON CONFLICT(sha256) DO NOTHING',
      ).run(file.sha256, file.size, file.mime, at);
      db.prepare(
        `UPDATE document_pages SET file_sha256 = ?, original_name = ?, facts_json = ?, ${BUMP_PAGE} WHERE id = ?`,
      ).run(file.sha256, file.originalName, factsJson(file.facts), at, ...stampColumns(store), page.id);
      const kind = db.prepare('SELECT kind FROM documents WHERE id = ?').pluck().get(page.documentId);
      indexInvoicePage(
        store,
        {
          claimId: page.claimId,
          pageId: page.id,
          sha256: file.sha256,
          isInvoice: kind === 'invoice',
          facts: file.facts,
        },
        at,
      );
      touchClaim(store, page.claimId, at);
    })();
  },

  reassignPage(store, page, kind, facts, at) {
    const db = sqliteOf(store);
    return db.transaction(() => {
      const current = db.prepare('SELECT kind FROM documents WHERE id = ?').pluck().get(page.documentId);
      let target = page.documentId;
      if (current !== kind) {
        const existing = db
          .prepare(
            'SELECT id FROM documents WHERE claim_id = ? AND kind = ? ORDER BY position DESC, id DESC LIMIT 1',
          )
          .pluck()
          .get(page.claimId, kind) as number | undefined;
        target =
          existing ??
          Number(
            db
              .prepare(
                `INSERT INTO documents (claim_id, kind, position, origin, created_at)
                 VALUES (?, ?, (SELECT coalesce(max(position), 0) + 1 FROM documents WHERE claim_id = ?), 'imported', ?)`,
              )
              .run(page.claimId, kind, page.claimId, at).lastInsertRowid,
          );
        const end = db
          .prepare('SELECT coalesce(max(position), 0) + 1 FROM document_pages WHERE document_id = ?')
          .pluck()
          .get(target) as number;
        db.prepare('UPDATE document_pages SET document_id = ?, position = ? WHERE id = ?').run(
          target,
          end,
          page.id,
        );
        closeGap(store, page.documentId);
      }
      db.prepare(`UPDATE document_pages SET facts_json = ?, ${BUMP_PAGE} WHERE id = ?`).run(
        factsJson(facts),
        at,
        ...stampColumns(store),
        page.id,
      );
      const sha256 = db
        .prepare('SELECT file_sha256 FROM document_pages WHERE id = ?')
        .pluck()
        .get(page.id) as string;
      indexInvoicePage(
        store,
        { claimId: page.claimId, pageId: page.id, sha256, isInvoice: kind === 'invoice', facts },
        at,
      );
      touchClaim(store, page.claimId, at);
      return target;
    })();
  },

  movePage(store, page, direction, at) {
    const db = sqliteOf(store);
    return db.transaction(() => {
      const neighbour = db
        .prepare(
          direction === 'up'
            ? 'SELECT id, position FROM document_pages WHERE document_id = ? AND position < ? ORDER BY position DESC LIMIT 1'
            : 'SELECT id, position FROM document_pages WHERE document_id = ? AND position > ? ORDER BY position ASC LIMIT 1',
        )
        .get(page.documentId, page.position) as { id: number; position: number } | undefined;
      if (!neighbour) return false;
      db.prepare('UPDATE document_pages SET position = ? WHERE id = ?').run(neighbour.position, page.id);
      db.prepare('UPDATE document_pages SET position = ? WHERE id = ?').run(page.position, neighbour.id);
      touchClaim(store, page.claimId, at);
      return true;
    })();
  },

  pageFile(db, pageId) {
    const row = sqliteOf(db)
      .prepare(
        `SELECT dp.file_sha256 AS sha256, f.mime, json_extract(dp.facts_json, '$.quality') AS quality_json,
           json_extract(dp.facts_json, '$.upright') AS upright, dp.original_name FROM document_pages dp
         JOIN files f ON f.sha256 = dp.file_sha256 WHERE dp.id = ?`,
      )
      .get(pageId) as
      | {
          sha256: string;
          mime: string;
          quality_json: string | null;
          upright: number | null;
          original_name: string;
        }
      | undefined;
    if (!row) return null;
    return {
      sha256: row.sha256,
      mime: row.mime,
      originalName: row.original_name,
      quality: row.quality_json === null ? null : (JSON.parse(row.quality_json) as unknown),
      // Only a turn the reading stored; anything else (an older or damaged row) shows the photo as taken.
      upright: row.upright === 90 || row.upright === 180 || row.upright === 270 ? row.upright : 0,
    };
  },

  referencedFiles(db) {
    return sqliteOf(db).prepare('SELECT DISTINCT file_sha256 FROM document_pages').pluck().all() as string[];
  },

  pagesUsingFile(db, sha256) {
    return sqliteOf(db)
      .prepare(
        `SELECT c.id AS claimId, c.reference, d.kind, p.original_name AS originalName
           FROM document_pages p JOIN documents d ON d.id = p.document_id JOIN claims c ON c.id = d.claim_id
          WHERE p.file_sha256 = ? ORDER BY c.id, d.position, p.position`,
      )
      .all(sha256) as PageUsingFile[];
  },

  setConfirmation(store, documentId, check, confirmed, at) {
    const db = sqliteOf(store);
    if (confirmed)
      db.prepare(
        `INSERT INTO document_confirmations (document_id, check_name, confirmed_at) VALUES (?, ?, ?)
         ON CONFLICT(document_id, check_name) DO NOTHING`,
      ).run(documentId, check, at);
    else
      db.prepare('DELETE FROM document_confirmations WHERE document_id = ? AND check_name = ?').run(
        documentId,
        check,
      );
  },

  confirmations(db, documentId) {
    return sqliteOf(db)
      .prepare('SELECT check_name FROM document_confirmations WHERE document_id = ? ORDER BY check_name')
      .pluck()
      .all(documentId) as string[];
  },

  claimConfirmations(db, claimId) {
    const rows = sqliteOf(db)
      .prepare(
        `SELECT c.document_id, c.check_name FROM document_confirmations c
         JOIN documents d ON d.id = c.document_id WHERE d.claim_id = ? ORDER BY c.document_id, c.check_name`,
      )
      .all(claimId) as Array<{ document_id: number; check_name: string }>;
    const out = new Map<number, string[]>();
    for (const r of rows) out.set(r.document_id, [...(out.get(r.document_id) ?? []), r.check_name]);
    return out;
  },

  /** A typed field is a change of its page: a new page version (refused on a stale `edit`). */
  setFieldCorrection(store, pageId, field, value, at, edit?: Edit) {
    const db = sqliteOf(store);
    db.transaction(() => {
      bumpPage(store, pageId, at, edit?.expectedVersion ?? null);
      if (value === null)
        db.prepare('DELETE FROM page_field_corrections WHERE page_id = ? AND field = ?').run(pageId, field);
      else
        db.prepare(
          `INSERT INTO page_field_corrections (page_id, field, value_json, corrected_at) VALUES (?, ?, ?, ?)
           ON CONFLICT(page_id, field) DO UPDATE SET value_json = excluded.value_json, corrected_at = excluded.corrected_at`,
        ).run(pageId, field, JSON.stringify(value), at);
    })();
  },

  fieldCorrections(db, pageId) {
    const rows = sqliteOf(db)
      .prepare('SELECT field, value_json FROM page_field_corrections WHERE page_id = ? ORDER BY field')
      .all(pageId) as Array<{ field: string; value_json: string }>;
    return Object.fromEntries(rows.map((r) => [r.field, JSON.parse(r.value_json) as FieldValue]));
  },

  claimFieldCorrections(db, claimId) {
    const rows = sqliteOf(db)
      .prepare(
        `SELECT c.page_id, c.field, c.value_json FROM page_field_corrections c
         JOIN document_pages dp ON dp.id = c.page_id JOIN documents d ON d.id = dp.document_id
         WHERE d.claim_id = ? ORDER BY c.page_id, c.field`,
      )
      .all(claimId) as Array<{ page_id: number; field: string; value_json: string }>;
    const values = new Map<number, Record<string, FieldValue>>();
    for (const r of rows) {
      const page = values.get(r.page_id) ?? {};
      page[r.field] = JSON.parse(r.value_json) as FieldValue;
      values.set(r.page_id, page);
    }
    return values;
  },
};

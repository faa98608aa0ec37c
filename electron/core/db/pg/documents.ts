// Storage (PostgreSQL): documents, pages with their facts, confirmations and typed fields; every write that
// changes a page rewrites its derived rows (invoice index, search words) in the same transaction
// (db/store/documents.ts for SQLite).
import type { FieldValue } from '../../../../shared/fields';
import type { PageFacts } from '../../../../shared/page-facts';
import type { ClaimDocument, DocumentPage } from '../../../../shared/schemas';
import type { DocumentKind, DocumentOrigin } from '../../../../shared/domain';
import type { DocumentOps, PageRef, PageUsingFile } from '../contract';
import { toPage, type PageRow } from '../rows';
import type { PgCx, PgOps } from './cx';
import { touchPg } from './claims';
import { indexInvoicePagePg } from './invoices';
import { assertPgVersion, stampValues } from './versions';

const factsJson = (facts: PageFacts | null) => (facts === null ? null : JSON.stringify(facts));

async function renumber(cx: PgCx, documentId: number): Promise<void> {
  const left = await cx.q<{ id: number }>(
    'SELECT id FROM document_pages WHERE document_id = $1 ORDER BY position, id',
    [documentId],
  );
  if (left.length === 0) await cx.run('DELETE FROM documents WHERE id = $1', [documentId]);
  else
    for (const [i, r] of left.entries())
      await cx.run('UPDATE document_pages SET position = $1 WHERE id = $2', [i + 1, r.id]);
}

async function kindOf(cx: PgCx, documentId: number): Promise<string | undefined> {
  return (await cx.one<{ kind: string }>('SELECT kind FROM documents WHERE id = $1', [documentId]))?.kind;
}

/** A page's change is a new version of it, by this desk (refused when `expected` is stale). */
async function bumpPage(cx: PgCx, pageId: number, at: string, expected: number | null = null): Promise<void> {
  const changed = await cx.run(
    `UPDATE document_pages SET version = version + 1, updated_at = $1, updated_by_desk = $2, updated_by_person = $3
     WHERE id = $4 AND ($5::int IS NULL OR version = $5)`,
    [at, ...stampValues(cx), pageId, expected],
  );
  if (changed === 0) await assertPgVersion(cx, 'page', pageId, expected);
}

export const pgDocuments: PgOps<DocumentOps> = {
  insert(cx, claimId, kind: DocumentKind, origin: DocumentOrigin, pages, at) {
    return cx.atomic(async (tx) => {
      const { id: docId } = (await tx.one<{ id: number }>(
        `INSERT INTO documents (claim_id, kind, position, origin, created_at)
         VALUES ($1, $2, (SELECT coalesce(max(position), 0) + 1 FROM documents WHERE claim_id = $1), $3, $4)
         RETURNING id`,
        [claimId, kind, origin, at],
      ))!;
      for (const [i, p] of pages.entries()) {
        await tx.run(
          `INSERT INTO files (sha256, size, mime, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (sha256) DO NOTHING`,
          [p.sha256, p.size, p.mime, at],
        );
        const { id: pageId } = (await tx.one<{ id: number }>(
          `INSERT INTO document_pages (document_id, position, file_sha256, original_name, facts_json, updated_at,
             updated_by_desk, updated_by_person) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
          [docId, i + 1, p.sha256, p.originalName, factsJson(p.facts), at, ...stampValues(tx)],
        ))!;
        await indexInvoicePagePg(
          tx,
          { claimId, pageId, sha256: p.sha256, facts: p.facts, isInvoice: kind === 'invoice' },
          at,
        );
      }
      await touchPg(tx, claimId, at);
      return docId;
    });
  },

  async document(cx, id): Promise<ClaimDocument | null> {
    const doc = await cx.one<{
      id: number;
      claim_id: number;
      kind: string;
      position: number;
      origin: string;
      created_at: string;
    }>('SELECT * FROM documents WHERE id = $1', [id]);
    if (!doc) return null;
    const pages = await cx.q<PageRow>(
      `SELECT dp.*, f.mime, f.size FROM document_pages dp JOIN files f ON f.sha256 = dp.file_sha256
       WHERE dp.document_id = $1 ORDER BY dp.position`,
      [id],
    );
    return {
      id: doc.id,
      claimId: doc.claim_id,
      kind: doc.kind as DocumentKind,
      position: doc.position,
      origin: doc.origin as DocumentOrigin,
      createdAt: doc.created_at,
      pages: pages.map((p): DocumentPage => toPage(p)),
    };
  },

  async idsOfClaim(cx, claimId) {
    return (
      await cx.q<{ id: number }>('SELECT id FROM documents WHERE claim_id = $1 ORDER BY position, id', [
        claimId,
      ])
    ).map((r) => r.id);
  },

  remove(cx, documentId, at) {
    return cx.atomic(async (tx) => {
      const row = await tx.one<{ claim_id: number }>('SELECT claim_id FROM documents WHERE id = $1', [
        documentId,
      ]);
      if (!row) return;
      await tx.run('DELETE FROM documents WHERE id = $1', [documentId]);
      await touchPg(tx, row.claim_id, at);
    });
  },

  async claimOfDocument(cx, documentId) {
    return (
      (await cx.one<{ claim_id: number }>('SELECT claim_id FROM documents WHERE id = $1', [documentId]))
        ?.claim_id ?? null
    );
  },

  async counts(cx, claimIds) {
    const counts = new Map<number, number>();
    if (claimIds.length === 0) return counts;
    const rows = await cx.q<{ claim_id: number; n: number }>(
      'SELECT claim_id, count(*)::int AS n FROM documents WHERE claim_id = ANY($1::int[]) GROUP BY claim_id',
      [[...claimIds]],
    );
    for (const r of rows) counts.set(r.claim_id, r.n);
    return counts;
  },

  async kindHoldingFile(cx, claimId, sha256) {
    return (
      (
        await cx.one<{ kind: string }>(
          `SELECT d.kind FROM document_pages dp JOIN documents d ON d.id = dp.document_id
           WHERE d.claim_id = $1 AND dp.file_sha256 = $2 LIMIT 1`,
          [claimId, sha256],
        )
      )?.kind ?? null
    );
  },

  async page(cx, pageId): Promise<PageRef | null> {
    return (
      (await cx.one<PageRef>(
        `SELECT dp.id, dp.document_id AS "documentId", dp.position, d.claim_id AS "claimId" FROM document_pages dp
         JOIN documents d ON d.id = dp.document_id WHERE dp.id = $1`,
        [pageId],
      )) ?? null
    );
  },

  async pageKind(cx, pageId) {
    return (
      (
        await cx.one<{ kind: string }>(
          'SELECT d.kind FROM document_pages dp JOIN documents d ON d.id = dp.document_id WHERE dp.id = $1',
          [pageId],
        )
      )?.kind ?? null
    );
  },

  async setPageFacts(cx, pageId, facts) {
    await cx.run(
      `UPDATE document_pages SET facts_json = $1, version = version + 1, updated_at = $2, updated_by_desk = $3,
         updated_by_person = $4 WHERE id = $5`,
      [factsJson(facts), new Date().toISOString(), ...stampValues(cx), pageId],
    );
  },

  removePage(cx, page, at) {
    return cx.atomic(async (tx) => {
      await tx.run('DELETE FROM document_pages WHERE id = $1', [page.id]);
      await renumber(tx, page.documentId);
      await touchPg(tx, page.claimId, at);
    });
  },

  replacePage(cx, page, file, at) {
    return cx.atomic(async (tx) => {
      await tx.run(
        `INSERT INTO files (sha256, size, mime, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (sha256) DO NOTHING`,
        [file.sha256, file.size, file.mime, at],
      );
      await tx.run(
        'UPDATE document_pages SET file_sha256 = $1, original_name = $2, facts_json = $3 WHERE id = $4',
        [file.sha256, file.originalName, factsJson(file.facts), page.id],
      );
      await bumpPage(tx, page.id, at);
      const kind = await kindOf(tx, page.documentId);
      await indexInvoicePagePg(
        tx,
        {
          claimId: page.claimId,
          pageId: page.id,
          sha256: file.sha256,
          isInvoice: kind === 'invoice',
          facts: file.facts,
        },
        at,
      );
      await touchPg(tx, page.claimId, at);
    });
  },

  reassignPage(cx, page, kind, facts, at) {
    return cx.atomic(async (tx) => {
      let target = page.documentId;
      if ((await kindOf(tx, page.documentId)) !== kind) {
        const existing = await tx.one<{ id: number }>(
          'SELECT id FROM documents WHERE claim_id = $1 AND kind = $2 ORDER BY position DESC, id DESC LIMIT 1',
          [page.claimId, kind],
        );
        target =
          existing?.id ??
          (await tx.one<{ id: number }>(
            `INSERT INTO documents (claim_id, kind, position, origin, created_at)
             VALUES ($1, $2, (SELECT coalesce(max(position), 0) + 1 FROM documents WHERE claim_id = $1), 'imported', $3)
             RETURNING id`,
            [page.claimId, kind, at],
          ))!.id;
        await tx.run(
          `UPDATE document_pages SET document_id = $1,
             position = (SELECT coalesce(max(position), 0) + 1 FROM document_pages WHERE document_id = $1) WHERE id = $2`,
          [target, page.id],
        );
        await renumber(tx, page.documentId);
      }
      await tx.run('UPDATE document_pages SET facts_json = $1 WHERE id = $2', [factsJson(facts), page.id]);
      await bumpPage(tx, page.id, at);
      const { file_sha256: sha256 } = (await tx.one<{ file_sha256: string }>(
        'SELECT file_sha256 FROM document_pages WHERE id = $1',
        [page.id],
      ))!;
      await indexInvoicePagePg(
        tx,
        { claimId: page.claimId, pageId: page.id, sha256, isInvoice: kind === 'invoice', facts },
        at,
      );
      await touchPg(tx, page.claimId, at);
      return target;
    });
  },

  movePage(cx, page, direction, at) {
    return cx.atomic(async (tx) => {
      const neighbour = await tx.one<{ id: number; position: number }>(
        direction === 'up'
          ? 'SELECT id, position FROM document_pages WHERE document_id = $1 AND position < $2 ORDER BY position DESC LIMIT 1'
          : 'SELECT id, position FROM document_pages WHERE document_id = $1 AND position > $2 ORDER BY position ASC LIMIT 1',
        [page.documentId, page.position],
      );
      if (!neighbour) return false;
      await tx.run('UPDATE document_pages SET position = $1 WHERE id = $2', [neighbour.position, page.id]);
      await tx.run('UPDATE document_pages SET position = $1 WHERE id = $2', [page.position, neighbour.id]);
      await touchPg(tx, page.claimId, at);
      return true;
    });
  },

  async pageFile(cx, pageId) {
    const row = await cx.one<{
      sha256: string;
      mime: string;
      facts_json: string | null;
      original_name: string;
    }>(
      `SELECT dp.file_sha256 AS sha256, f.mime, dp.facts_json, dp.original_name FROM document_pages dp
       JOIN files f ON f.sha256 = dp.file_sha256 WHERE dp.id = $1`,
      [pageId],
    );
    if (!row) return null;
    const facts =
      row.facts_json === null
        ? null
        : (JSON.parse(row.facts_json) as { quality?: unknown; upright?: unknown });
    const upright = facts?.upright;
    return {
      sha256: row.sha256,
      mime: row.mime,
      originalName: row.original_name,
      quality: facts?.quality ?? null,
      upright: upright === 90 || upright === 180 || upright === 270 ? upright : 0,
    };
  },

  async referencedFiles(cx) {
    return (await cx.q<{ sha: string }>('SELECT DISTINCT file_sha256 AS sha FROM document_pages')).map(
      (r) => r.sha,
    );
  },

  async pagesUsingFile(cx, sha256) {
    return cx.q<PageUsingFile & Record<string, unknown>>(
      `SELECT c.id AS "claimId", c.reference, d.kind, p.original_name AS "originalName"
         FROM document_pages p JOIN documents d ON d.id = p.document_id JOIN claims c ON c.id = d.claim_id
        WHERE p.file_sha256 = $1 ORDER BY c.id, d.position, p.position`,
      [sha256],
    );
  },

  async setConfirmation(cx, documentId, check, confirmed, at) {
    if (confirmed)
      await cx.run(
        `INSERT INTO document_confirmations (document_id, check_name, confirmed_at) VALUES ($1, $2, $3)
         ON CONFLICT (document_id, check_name) DO NOTHING`,
        [documentId, check, at],
      );
    else
      await cx.run('DELETE FROM document_confirmations WHERE document_id = $1 AND check_name = $2', [
        documentId,
        check,
      ]);
  },

  async confirmations(cx, documentId) {
    return (
      await cx.q<{ check_name: string }>(
        'SELECT check_name FROM document_confirmations WHERE document_id = $1 ORDER BY check_name',
        [documentId],
      )
    ).map((r) => r.check_name);
  },

  async claimConfirmations(cx, claimId) {
    const rows = await cx.q<{ document_id: number; check_name: string }>(
      `SELECT c.document_id, c.check_name FROM document_confirmations c
       JOIN documents d ON d.id = c.document_id WHERE d.claim_id = $1 ORDER BY c.document_id, c.check_name`,
      [claimId],
    );
    const out = new Map<number, string[]>();
    for (const r of rows) out.set(r.document_id, [...(out.get(r.document_id) ?? []), r.check_name]);
    return out;
  },

  setFieldCorrection(cx, pageId, field, value: FieldValue | null, at, edit) {
    return cx.atomic(async (tx) => {
      await bumpPage(tx, pageId, at, edit?.expectedVersion ?? null);
      if (value === null)
        await tx.run('DELETE FROM page_field_corrections WHERE page_id = $1 AND field = $2', [pageId, field]);
      else
        await tx.run(
          `INSERT INTO page_field_corrections (page_id, field, value_json, corrected_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT (page_id, field) DO UPDATE SET value_json = excluded.value_json, corrected_at = excluded.corrected_at`,
          [pageId, field, JSON.stringify(value), at],
        );
    });
  },

  async fieldCorrections(cx, pageId) {
    const rows = await cx.q<{ field: string; value_json: string }>(
      'SELECT field, value_json FROM page_field_corrections WHERE page_id = $1 ORDER BY field',
      [pageId],
    );
    return Object.fromEntries(rows.map((r) => [r.field, JSON.parse(r.value_json) as FieldValue]));
  },

  async claimFieldCorrections(cx, claimId) {
    const rows = await cx.q<{ page_id: number; field: string; value_json: string }>(
      `SELECT c.page_id, c.field, c.value_json FROM page_field_corrections c
       JOIN document_pages dp ON dp.id = c.page_id JOIN documents d ON d.id = dp.document_id
       WHERE d.claim_id = $1 ORDER BY c.page_id, c.field`,
      [claimId],
    );
    const values = new Map<number, Record<string, FieldValue>>();
    for (const r of rows) {
      const page = values.get(r.page_id) ?? {};
      page[r.field] = JSON.parse(r.value_json) as FieldValue;
      values.set(r.page_id, page);
    }
    return values;
  },
};

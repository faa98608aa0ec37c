// Storage (PostgreSQL): the facts beside a claim's status, requested items, archive and trash
// (db/store/claim-facts.ts for SQLite).
import type { ClaimFactsOps } from '../contract';
import { toItem, toStatusChangeRow, type ItemRow } from '../rows';
import type { PgOps } from './cx';
import { assertPgVersion, stampValues } from './versions';

const ITEM_COLUMNS = 'id, claim_id, text, created_at, done_at';

export const pgClaimFacts: PgOps<ClaimFactsOps> = {
  recordChangeFacts(cx, claimId, happenedOn, requested, at) {
    return cx.atomic(async (tx) => {
      const { id } = (await tx.one<{ id: number }>(
        'SELECT max(id) AS id FROM claim_status_history WHERE claim_id = $1',
        [claimId],
      ))!;
      await tx.run('UPDATE claim_status_history SET happened_on = $1 WHERE id = $2', [happenedOn, id]);
      for (const text of requested)
        await tx.run(
          `INSERT INTO claim_requested_items (claim_id, history_id, text, created_at, updated_at, updated_by_desk,
             updated_by_person) VALUES ($1, $2, $3, $4, $4, $5, $6)`,
          [claimId, id, text, at, ...stampValues(tx)],
        );
    });
  },

  async historyWithFacts(cx, claimId) {
    const rows = await cx.q<Parameters<typeof toStatusChangeRow>[0]>(
      `SELECT from_status, to_status, note, changed_at, happened_on, desk, person FROM claim_status_history
       WHERE claim_id = $1 ORDER BY id`,
      [claimId],
    );
    return rows.map(toStatusChangeRow);
  },

  async latestChanges(cx, claimIds) {
    if (claimIds.length === 0) return [];
    return cx.q<{ claimId: number; happenedOn: string | null; changedAt: string }>(
      `SELECT h.claim_id AS "claimId", h.happened_on AS "happenedOn", h.changed_at AS "changedAt"
       FROM claim_status_history h
       WHERE h.id IN (SELECT max(id) FROM claim_status_history WHERE claim_id = ANY($1::int[]) GROUP BY claim_id)`,
      [claimIds],
    );
  },

  async requestedItems(cx, claimId) {
    return (
      await cx.q<ItemRow>(
        `SELECT ${ITEM_COLUMNS} FROM claim_requested_items WHERE claim_id = $1 ORDER BY id`,
        [claimId],
      )
    ).map(toItem);
  },

  async requestedItem(cx, itemId) {
    const r = await cx.one<ItemRow>(`SELECT ${ITEM_COLUMNS} FROM claim_requested_items WHERE id = $1`, [
      itemId,
    ]);
    return r ? toItem(r) : null;
  },

  async setRequestedItemDone(cx, itemId, doneAt, edit) {
    const expected = edit?.expectedVersion ?? null;
    const changed = await cx.run(
      `UPDATE claim_requested_items SET done_at = $1, updated_at = $2, version = version + 1, updated_by_desk = $3,
         updated_by_person = $4 WHERE id = $5 AND ($6::int IS NULL OR version = $6)`,
      [doneAt, new Date().toISOString(), ...stampValues(cx), itemId, expected],
    );
    if (changed === 0) await assertPgVersion(cx, 'requested_item', itemId, expected);
  },

  async exists(cx, claimId) {
    return (await cx.one('SELECT 1 FROM claims WHERE id = $1', [claimId])) !== undefined;
  },

  async setArchived(cx, ids, archivedAt) {
    if (ids.length === 0) return 0;
    return cx.run(
      `UPDATE claims SET archived_at = $1, version = version + 1, updated_by_desk = $3, updated_by_person = $4
       WHERE id = ANY($2::int[]) AND archived_at IS ${archivedAt !== null ? 'NULL' : 'NOT NULL'}`,
      [archivedAt, [...ids], ...stampValues(cx)],
    );
  },

  async setDeleted(cx, ids, deletedAt) {
    if (ids.length === 0) return 0;
    return cx.run(
      `UPDATE claims SET deleted_at = $1, version = version + 1, updated_by_desk = $3, updated_by_person = $4
       WHERE id = ANY($2::int[]) AND deleted_at IS ${deletedAt !== null ? 'NULL' : 'NOT NULL'}`,
      [deletedAt, [...ids], ...stampValues(cx)],
    );
  },

  purgeDeleted(cx, deletedBefore) {
    return cx.atomic(async (tx) => {
      const ids = (
        await tx.q<{ id: number }>(
          'SELECT id FROM claims WHERE deleted_at IS NOT NULL AND deleted_at <= $1',
          [deletedBefore],
        )
      ).map((r) => r.id);
      if (ids.length === 0) return { claims: 0, unusedFiles: [] };
      const shas = (
        await tx.q<{ sha: string }>(
          `SELECT DISTINCT p.file_sha256 AS sha FROM document_pages p JOIN documents d ON d.id = p.document_id
           WHERE d.claim_id = ANY($1::int[])`,
          [ids],
        )
      ).map((r) => r.sha);
      await tx.run('DELETE FROM claims WHERE id = ANY($1::int[])', [ids]);
      const unused: string[] = [];
      for (const sha of shas) {
        if (await tx.one('SELECT 1 FROM document_pages WHERE file_sha256 = $1 LIMIT 1', [sha])) continue;
        await tx.run('DELETE FROM files WHERE sha256 = $1', [sha]);
        unused.push(sha);
      }
      return { claims: ids.length, unusedFiles: unused };
    });
  },
};

// Storage (SQLite): the facts kept beside a claim's status: the day a change happened, what the office asked
// for (补充材料) as checklist items, and the claim's place off the board (archived, deleted awaiting purge).
// Rows in, plain data out; the rules on dates, reasons and the undo window are core's (claim-status.ts,
// claim-trash.ts).
import type { Db, Edit, StatusChangeRow } from '../contract';
import { toItem, toStatusChangeRow, type ItemRow } from '../rows';
import { sqliteOf } from '../sqlite';
import type { SyncClaimFactsStore } from '../sync-contract';
import { assertVersion, stampColumns } from './versions';
const ITEM_COLUMNS = 'id, claim_id, text, created_at, done_at';
/** Archiving or deleting a claim is a change of it: a new version, by this desk. */
const BUMP = 'version = version + 1, updated_by_desk = ?, updated_by_person = ?';
const marks = (n: number) => Array.from({ length: n }, () => '?').join(',');

export const sqliteClaimFacts: SyncClaimFactsStore = {
  recordChangeFacts(db: Db, claimId: number, happenedOn: string, requested: readonly string[], at: string) {
    const s = sqliteOf(db);
    const { id } = s
      .prepare('SELECT max(id) AS id FROM claim_status_history WHERE claim_id = ?')
      .get(claimId) as { id: number };
    s.prepare('UPDATE claim_status_history SET happened_on = ? WHERE id = ?').run(happenedOn, id);
    const insert = s.prepare(
      `INSERT INTO claim_requested_items (claim_id, history_id, text, created_at, updated_at, updated_by_desk, updated_by_person)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const text of requested) insert.run(claimId, id, text, at, at, ...stampColumns(db));
  },

  historyWithFacts(db: Db, claimId: number): StatusChangeRow[] {
    const rows = sqliteOf(db)
      .prepare(
        `SELECT from_status, to_status, note, changed_at, happened_on, desk, person FROM claim_status_history
         WHERE claim_id = ? ORDER BY id`,
      )
      .all(claimId) as Array<Parameters<typeof toStatusChangeRow>[0]>;
    return rows.map(toStatusChangeRow);
  },

  latestChanges(db: Db, claimIds: readonly number[]) {
    if (claimIds.length === 0) return [];
    return sqliteOf(db)
      .prepare(
        `SELECT h.claim_id AS claimId, h.happened_on AS happenedOn, h.changed_at AS changedAt
         FROM claim_status_history h
         WHERE h.id IN (SELECT max(id) FROM claim_status_history WHERE claim_id IN (${marks(claimIds.length)})
                        GROUP BY claim_id)`,
      )
      .all(...claimIds) as Array<{ claimId: number; happenedOn: string | null; changedAt: string }>;
  },

  requestedItems(db: Db, claimId: number) {
    return (
      sqliteOf(db)
        .prepare(`SELECT ${ITEM_COLUMNS} FROM claim_requested_items WHERE claim_id = ? ORDER BY id`)
        .all(claimId) as ItemRow[]
    ).map(toItem);
  },

  requestedItem(db: Db, itemId: number) {
    const row = sqliteOf(db)
      .prepare(`SELECT ${ITEM_COLUMNS} FROM claim_requested_items WHERE id = ?`)
      .get(itemId) as ItemRow | undefined;
    return row ? toItem(row) : null;
  },

  setRequestedItemDone(db: Db, itemId: number, doneAt: string | null, edit?: Edit) {
    const expected = edit?.expectedVersion ?? null;
    const changed = sqliteOf(db)
      .prepare(
        `UPDATE claim_requested_items SET done_at = ?, updated_at = ?, version = version + 1, updated_by_desk = ?,
           updated_by_person = ? WHERE id = ? AND (? IS NULL OR version = ?)`,
      )
      .run(doneAt, new Date().toISOString(), ...stampColumns(db), itemId, expected, expected).changes;
    if (changed === 0) assertVersion(db, 'requested_item', itemId, expected);
  },

  exists(db: Db, claimId: number) {
    return sqliteOf(db).prepare('SELECT 1 FROM claims WHERE id = ?').get(claimId) !== undefined;
  },

  setArchived(db: Db, ids: readonly number[], archivedAt: string | null) {
    const set = sqliteOf(db).prepare(
      `UPDATE claims SET archived_at = ?, ${BUMP} WHERE id = ? AND archived_at IS ${archivedAt !== null ? 'NULL' : 'NOT NULL'}`,
    );
    const [desk, person] = stampColumns(db);
    return ids.reduce((n, id) => n + set.run(archivedAt, desk, person, id).changes, 0);
  },

  setDeleted(db: Db, ids: readonly number[], deletedAt: string | null) {
    const set = sqliteOf(db).prepare(
      `UPDATE claims SET deleted_at = ?, ${BUMP} WHERE id = ? AND deleted_at IS ${deletedAt !== null ? 'NULL' : 'NOT NULL'}`,
    );
    const [desk, person] = stampColumns(db);
    return ids.reduce((n, id) => n + set.run(deletedAt, desk, person, id).changes, 0);
  },

  purgeDeleted(db: Db, deletedBefore: string) {
    const s = sqliteOf(db);
    const ids = s
      .prepare('SELECT id FROM claims WHERE deleted_at IS NOT NULL AND deleted_at <= ?')
      .pluck()
      .all(deletedBefore) as number[];
    if (ids.length === 0) return { claims: 0, unusedFiles: [] };
    const shas = s
      .prepare(
        `SELECT DISTINCT p.file_sha256 FROM document_pages p JOIN documents d ON d.id = p.document_id
         WHERE d.claim_id IN (${marks(ids.length)})`,
      )
      .pluck()
      .all(...ids) as string[];
    s.prepare(`DELETE FROM claims WHERE id IN (${marks(ids.length)})`).run(...ids);
    const stillUsed = s.prepare('SELECT 1 FROM document_pages WHERE file_sha256 = ? LIMIT 1');
    const dropFile = s.prepare('DELETE FROM files WHERE sha256 = ?');
    const unused = shas.filter((sha) => !stillUsed.get(sha));
    for (const sha of unused) dropFile.run(sha);
    return { claims: ids.length, unusedFiles: unused };
  },
};

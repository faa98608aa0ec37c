// Storage (SQLite): row versions and who changed a row last (migration 0090). The desk and person come from
// the connection (set by the asynchronous engine, sqlite-engine.ts); today's synchronous callers write NULL.
import type { Db, EditStamp, VersionedRow } from '../contract';
import { toStamp, type StampRow } from '../rows';
import { actorOf, sqliteOf } from '../sqlite';
import { StaleWriteError } from '../stale';

/** The table behind each versioned row, and the column its change time is in. */
export const VERSIONED_TABLES: Record<VersionedRow, { table: string; at: string }> = {
  household: { table: 'households', at: 'updated_at' },
  person: { table: 'people', at: 'updated_at' },
  claim: { table: 'claims', at: 'updated_at' },
  page: { table: 'document_pages', at: 'updated_at' },
  requested_item: { table: 'claim_requested_items', at: 'updated_at' },
};

/** [desk, person] of the writer, for the updated_by_desk/updated_by_person (or desk/person) columns. */
export function stampColumns(db: Db): [string | null, string | null] {
  const actor = actorOf(db);
  return [actor?.desk ?? null, actor?.person ?? null];
}

export function stampOf(db: Db, row: VersionedRow, id: number): EditStamp | null {
  const { table, at } = VERSIONED_TABLES[row];
  const r = sqliteOf(db)
    .prepare(
      `SELECT version, ${at} AS updated_at, updated_by_desk, updated_by_person FROM ${table} WHERE id = ?`,
    )
    .get(id) as StampRow | undefined;
  return r ? toStamp(r) : null;
}

/**
 * Called when a conditional update changed no row: refuses with who and when if the row exists at another
 * version than `expected`; a row that does not exist stays the caller's business (as before versions).
 */
export function assertVersion(db: Db, row: VersionedRow, id: number, expected: number | null): void {
  if (expected === null) return;
  const now = stampOf(db, row, id);
  if (now && now.version !== expected) throw new StaleWriteError(row, id, expected, now);
}

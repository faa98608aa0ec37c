// Storage (PostgreSQL): row versions and who changed a row last, as db/store/versions.ts does for SQLite.
import type { EditStamp, VersionedRow } from '../contract';
import { toStamp, type StampRow } from '../rows';
import { StaleWriteError } from '../stale';
import type { PgCx } from './cx';

const TABLES: Record<VersionedRow, string> = {
  household: 'households',
  person: 'people',
  claim: 'claims',
  page: 'document_pages',
  requested_item: 'claim_requested_items',
};

export function stampValues(cx: PgCx): [string, string | null] {
  return [cx.actor.desk, cx.actor.person];
}

export async function pgStamp(cx: PgCx, row: VersionedRow, id: number): Promise<EditStamp | null> {
  const r = await cx.one<StampRow>(
    `SELECT version, updated_at, updated_by_desk, updated_by_person FROM ${TABLES[row]} WHERE id = $1`,
    [id],
  );
  return r ? toStamp(r) : null;
}

/** After a conditional update changed nothing: refuse with who and when when the row moved on. */
export async function assertPgVersion(
  cx: PgCx,
  row: VersionedRow,
  id: number,
  expected: number | null,
): Promise<void> {
  if (expected === null) return;
  const now = await pgStamp(cx, row, id);
  if (now && now.version !== expected) throw new StaleWriteError(row, id, expected, now);
}

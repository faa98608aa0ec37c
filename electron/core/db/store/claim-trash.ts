// Storage: archive (off the board, kept, restorable) and delete with undo. Deleting marks the claim; for
// UNDO_WINDOW_MS it can be brought back whole. After that (at the next delete, or the next start) it is purged:
// its rows go (documents, pages, history cascade) and each stored file goes only when no other page, of any
// claim, still uses the same bytes (files are stored once by hash and shared).
import { rm } from 'node:fs/promises';
import { ClaimDeskError } from '../../errors';
import { storedFilePath } from '../../files/store';
import type { Db } from '../contract';
import { sqliteOf } from '../sqlite';

/** How long the "撤销" notice offers to bring a deleted claim back (the renderer shows it this long). */
export const UNDO_WINDOW_MS = 10_000;

function assertClaims(db: Db, ids: readonly number[]): void {
  const found = sqliteOf(db).prepare('SELECT id FROM claims WHERE id = ?');
  for (const id of ids)
    if (!found.get(id))
      throw new ClaimDeskError('not_found', `找不到报销单 ${id}`, `claim ${id} not found`, { field: 'ids' });
}

/** Archives (or restores from the archive) the claims; answers how many changed. */
export function setClaimsArchived(db: Db, ids: readonly number[], archived: boolean): number {
  assertClaims(db, ids);
  const set = sqliteOf(db).prepare(
    archived
      ? 'UPDATE claims SET archived_at = ? WHERE id = ? AND archived_at IS NULL'
      : 'UPDATE claims SET archived_at = NULL WHERE id = ? AND archived_at IS NOT NULL',
  );
  const at = new Date().toISOString();
  return sqliteOf(db).transaction(() =>
    ids.reduce((n, id) => n + (archived ? set.run(at, id) : set.run(id)).changes, 0),
  )();
}

/** Marks the claims deleted (hidden everywhere); they stay whole until purged. */
export function softDeleteClaims(db: Db, ids: readonly number[], now = new Date()): number {
  assertClaims(db, ids);
  const set = sqliteOf(db).prepare('UPDATE claims SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL');
  const at = now.toISOString();
  return sqliteOf(db).transaction(() => ids.reduce((n, id) => n + set.run(at, id).changes, 0))();
}

/** Undo: the claims come back exactly as they were (nothing was removed yet). */
export function undeleteClaims(db: Db, ids: readonly number[]): number {
  const set = sqliteOf(db).prepare(
    'UPDATE claims SET deleted_at = NULL WHERE id = ? AND deleted_at IS NOT NULL',
  );
  const n = sqliteOf(db).transaction(() => ids.reduce((k, id) => k + set.run(id).changes, 0))();
  if (n < ids.length)
    throw new ClaimDeskError(
      'not_found',
      '撤销时间已过，报销单已经彻底删除',
      'too late to undo: the claims were removed',
      { field: 'ids' },
    );
  return n;
}

export interface PurgeResult {
  claims: number;
  /** Stored files removed (no page of any other claim used them). */
  files: number;
}

/**
 * Removes claims deleted before `olderThan` for good, and the stored files only they used. The rows go in one
 * transaction; the files are unlinked after it commits (a crash in between leaves an unused file, which the
 * backup check counts as an orphan, never a page without its file).
 */
export async function purgeDeletedClaims(db: Db, dataDir: string, olderThan: Date): Promise<PurgeResult> {
  const gone = sqliteOf(db)
    .transaction(() => {
      const ids = sqliteOf(db)
        .prepare('SELECT id FROM claims WHERE deleted_at IS NOT NULL AND deleted_at <= ?')
        .pluck()
        .all(olderThan.toISOString()) as number[];
      if (ids.length === 0) return { claims: 0, shas: [] as string[] };
      const marks = ids.map(() => '?').join(',');
      const shas = sqliteOf(db)
        .prepare(
          `SELECT DISTINCT p.file_sha256 FROM document_pages p JOIN documents d ON d.id = p.document_id
         WHERE d.claim_id IN (${marks})`,
        )
        .pluck()
        .all(...ids) as string[];
      sqliteOf(db)
        .prepare(`DELETE FROM claims WHERE id IN (${marks})`)
        .run(...ids);
      const stillUsed = sqliteOf(db).prepare('SELECT 1 FROM document_pages WHERE file_sha256 = ? LIMIT 1');
      const dropFile = sqliteOf(db).prepare('DELETE FROM files WHERE sha256 = ?');
      const unused = shas.filter((sha) => !stillUsed.get(sha));
      for (const sha of unused) dropFile.run(sha);
      return { claims: ids.length, shas: unused };
    })
    .immediate();
  for (const sha of gone.shas) await rm(storedFilePath(dataDir, sha), { force: true });
  return { claims: gone.claims, files: gone.shas.length };
}

// Archive (off the board, kept, restorable) and delete with undo. Deleting marks the claim; for
// UNDO_WINDOW_MS it can be brought back whole. After that (at the next delete, or the next start) it is purged:
// its rows go (documents, pages, history cascade) and each stored file goes only when no other page, of any
// claim, still uses the same bytes (files are stored once by hash and shared).
import { rm } from 'node:fs/promises';
import { ClaimDeskError } from './errors';
import { storedFilePath } from './files/store';
import type { Db } from './db/contract';
import { store } from './db/store';

/** How long the "撤销" notice offers to bring a deleted claim back (the renderer shows it this long). */
export const UNDO_WINDOW_MS = 10_000;

function assertClaims(db: Db, ids: readonly number[]): void {
  for (const id of ids)
    if (!store.claimFacts.exists(db, id))
      throw new ClaimDeskError('not_found', `找不到报销单 ${id}`, `claim ${id} not found`, { field: 'ids' });
}

/** Archives (or restores from the archive) the claims; answers how many changed. */
export function setClaimsArchived(db: Db, ids: readonly number[], archived: boolean): number {
  assertClaims(db, ids);
  const at = archived ? new Date().toISOString() : null;
  return store.engine.transaction(db, () => store.claimFacts.setArchived(db, ids, at));
}

/** Marks the claims deleted (hidden everywhere); they stay whole until purged. */
export function softDeleteClaims(db: Db, ids: readonly number[], now = new Date()): number {
  assertClaims(db, ids);
  return store.engine.transaction(db, () => store.claimFacts.setDeleted(db, ids, now.toISOString()));
}

/** Undo: the claims come back exactly as they were (nothing was removed yet). */
export function undeleteClaims(db: Db, ids: readonly number[]): number {
  const n = store.engine.transaction(db, () => store.claimFacts.setDeleted(db, ids, null));
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
  const gone = store.engine.transaction(
    db,
    () => store.claimFacts.purgeDeleted(db, olderThan.toISOString()),
    {
      immediate: true,
    },
  );
  for (const sha of gone.unusedFiles) await rm(storedFilePath(dataDir, sha), { force: true });
  return { claims: gone.claims, files: gone.unusedFiles.length };
}

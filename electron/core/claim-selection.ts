// "Select all N matching" on the claims board: every claim id the board's search and status filter
// match, in the board's order. Read through the board's own page query, so the selection can never match
// different claims than the rows the person is looking at.
import { MAX_BATCH } from '../../shared/ipc';
import type { Db } from './db/contract';
import { listClaims, type ClaimListQuery } from './repo';

const CHUNK = 500;

/** Ids of the claims matching the board's query (its page and page size ignored), at most `cap`. */
export function matchingClaimIds(
  db: Db,
  query: Omit<ClaimListQuery, 'page' | 'pageSize'>,
  cap = MAX_BATCH,
): { ids: number[]; total: number } {
  const ids: number[] = [];
  let total = 0;
  for (let page = 1; ids.length < cap; page++) {
    const r = listClaims(db, { ...query, page, pageSize: CHUNK });
    total = r.total;
    ids.push(...r.items.map((c) => c.id));
    if (r.items.length < CHUNK) break;
  }
  return { ids: ids.slice(0, cap), total };
}

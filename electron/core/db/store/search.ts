// Storage (SQLite): the claims board's full-text search words (FTS5 tables claims_search_tri and
// claims_search_chr). A claim's words are its own fields plus what the contributors passed in add (invoice
// numbers read from QR codes). The default list is fixed here, not filled by importing a module, so every
// caller that rebuilds a claim's words gets the same words; a caller may pass its own list.
import type { Db, SearchContributor } from '../contract';
import { charTokens, searchText } from '../rows';
import { sqliteOf } from '../sqlite';
import type { SyncSearchStore } from '../sync-contract';
import { invoiceNumberSearchWords } from './invoices';

export type { SearchContributor } from '../contract';

/** The contributors every claim's search words are built with unless a caller passes others. */
export const CLAIM_SEARCH_CONTRIBUTORS: readonly SearchContributor[] = [invoiceNumberSearchWords];

export { charTokens } from '../rows';

/** An FTS5 phrase: the user's text quoted, with quotes doubled, so no query syntax leaks through. */
export function ftsPhrase(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

/** Rebuilds the claim's search index entries; call inside the transaction that changed it. */
export function refreshSearchText(
  db: Db,
  claimId: number,
  contributors: readonly SearchContributor[] = CLAIM_SEARCH_CONTRIBUTORS,
): void {
  const sql = sqliteOf(db);
  const base = sql
    .prepare(
      `SELECT c.reference, c.hospital, c.treatment_region, c.applicant_name, p.name, p.id_number
       FROM claims c JOIN people p ON p.id = c.claimant_id WHERE c.id = ?`,
    )
    .raw()
    .get(claimId) as Array<string | null> | undefined;
  if (!base) return;
  const words = [...base];
  for (const contribute of contributors) words.push(...contribute(db, claimId));
  const text = searchText(words);
  sql.prepare('DELETE FROM claims_search_tri WHERE rowid = ?').run(claimId);
  sql.prepare('DELETE FROM claims_search_chr WHERE rowid = ?').run(claimId);
  sql.prepare('INSERT INTO claims_search_tri (rowid, text) VALUES (?, ?)').run(claimId, text);
  sql.prepare('INSERT INTO claims_search_chr (rowid, text) VALUES (?, ?)').run(claimId, charTokens(text));
}

export const sqliteSearch: SyncSearchStore = { refresh: refreshSearchText };

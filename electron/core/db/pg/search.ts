// Storage (PostgreSQL): the claims board's search words, with exactly the FTS5 search's meaning
// (db/store/search.ts, db/store/claims.ts):
//   - 3+ characters: the lower-cased text contains the query (FTS5 trigram phrase = substring); here LIKE
//     '%query%' on claims.search_text, found through its pg_trgm index and checked row by row by LIKE itself;
//   - 1–2 characters: the query's letters and digits appear one after the other among the text's letters and
//     digits (FTS5 unicode61 one-token-per-character phrase, which also folds Latin diacritics); here the
//     text's every 1- and 2-character run of letters and digits is stored (claims.search_grams) and the query's
//     run is looked up in its array index.
import { searchChars, searchText } from '../rows';
import type { PgCx } from './cx';

/** FTS5 unicode61 (remove_diacritics=1) folds é to e: the same fold for the 1–2-character pieces. */
function fold(ch: string): string {
  const base = ch.normalize('NFD').replace(/\p{M}/gu, '');
  return base.length === 1 ? base : ch;
}

/** The 1- and 2-character runs of a text's letters and digits. */
export function searchGrams(text: string): string[] {
  const chars = searchChars(text).map(fold);
  const grams = new Set<string>(chars);
  for (let i = 0; i + 1 < chars.length; i++) grams.add(chars[i]! + chars[i + 1]!);
  return [...grams];
}

/** The run a 1–2-character query looks for, or '' when it has no letter or digit (matches nothing). */
export function shortQueryGram(query: string): string {
  return searchChars(query).map(fold).join('');
}

/** LIKE's own characters escaped, so the query is matched as typed. */
export function likeContains(query: string): string {
  return `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The claim's invoice codes and numbers read from QR codes (the same words as the SQLite contributor). */
async function invoiceWords(cx: PgCx, claimId: number): Promise<string[]> {
  const rows = await cx.q<{ w: string }>(
    `SELECT coalesce(invoice_code, '') || ' ' || invoice_number AS w FROM claim_invoices
     WHERE claim_id = $1 AND invoice_number IS NOT NULL ORDER BY id`,
    [claimId],
  );
  return rows.length ? [rows.map((r) => r.w).join(' ')] : [];
}

/** Rebuilds a claim's search words; call inside the transaction that changed it. */
export async function refreshSearch(cx: PgCx, claimId: number): Promise<void> {
  const base = await cx.one<Record<string, string | null>>(
    `SELECT c.reference, c.hospital, c.treatment_region, c.applicant_name, p.name, p.id_number
     FROM claims c JOIN people p ON p.id = c.claimant_id WHERE c.id = $1`,
    [claimId],
  );
  if (!base) return;
  const text = searchText([
    base.reference,
    base.hospital,
    base.treatment_region,
    base.applicant_name,
    base.name,
    base.id_number,
    ...(await invoiceWords(cx, claimId)),
  ]);
  await cx.run('UPDATE claims SET search_text = $2, search_grams = $3 WHERE id = $1', [
    claimId,
    text,
    searchGrams(text),
  ]);
}

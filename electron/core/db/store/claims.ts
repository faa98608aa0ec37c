// Storage (SQLite): claims, their status history, the claims board's list query, and the pledge mark.
// Inputs are already validated and the life-cycle rules already applied (repo.ts); rows in, plain data out.
import type { ClaimStatus } from '../../../../shared/lifecycle';
import type { Claim, StatusChange } from '../../../../shared/schemas';
import {
  SEARCH_COUNT_CAP,
  type ClaimListPage,
  type ClaimListQuery,
  type ClaimSort,
  type Db,
  type Edit,
  type EditStamp,
} from '../contract';
import { claimColumns, makeReference, toClaim, toStamp, type ClaimRow, type StampRow } from '../rows';
import { sqliteOf } from '../sqlite';
import type { SyncClaimStore } from '../sync-contract';
import { assertVersion, stampColumns } from './versions';
import { charTokens, ftsPhrase, refreshSearchText } from './search';

const CLAIM_SELECT = `SELECT c.*, p.name AS claimant_name FROM claims c JOIN people p ON p.id = c.claimant_id`;

/** Above this many search hits, walking the sort index beats sorting the hits (measured in bench/db.ts). */
const BROAD_SEARCH_HITS = 2_000;
const SORT_INDEX: Record<ClaimSort, string | null> = {
  updated: 'claims_updated',
  created: null,
  care_end: 'claims_care_end',
};

const ORDER_BY: Record<ClaimSort, string> = {
  updated: 'c.updated_at DESC, c.id DESC',
  created: 'c.id DESC',
  // Claims not yet handed in first (only they have a deadline), oldest care first: closest to the deadline.
  care_end: "c.status IN ('draft', 'ready') DESC, c.care_end_date ASC, c.id ASC",
};

/** One page of the claims board, newest first by default. Search is a case-insensitive substring match. */
function listClaims(store: Db, query: ClaimListQuery): ClaimListPage {
  const db = sqliteOf(store);
  const pageSize = Math.min(Math.max(query.pageSize ?? 50, 1), 500);
  const page = Math.max(query.page ?? 1, 1);
  // Deleted claims (waiting out their undo window) never show; archived ones only under their own filter.
  const where: string[] = [
    'c.deleted_at IS NULL',
    query.archived ? 'c.archived_at IS NOT NULL' : 'c.archived_at IS NULL',
  ];
  const params: unknown[] = [];
  if (query.status) {
    where.push('c.status = ?');
    params.push(query.status);
  }
  const search = query.search?.trim().toLowerCase() ?? '';
  let searchSql = '';
  if (search) {
    // 3+ characters: trigram index. Shorter: one token per character, matched as a phrase.
    const trigram = Array.from(search).length >= 3;
    const tokens = trigram ? search : charTokens(search);
    // Punctuation-only input has no searchable characters: it matches nothing rather than everything.
    if (!tokens) return { items: [], total: 0, totalCapped: false, page, pageSize };
    const table = trigram ? 'claims_search_tri' : 'claims_search_chr';
    searchSql = `SELECT rowid FROM ${table} WHERE ${table} MATCH ?`;
    where.push(`c.id IN (${searchSql})`);
    params.push(ftsPhrase(tokens));
  }
  const whereSql = `WHERE ${where.join(' AND ')}`;
  const sort = query.sort ?? 'updated';
  let total: number;
  let broad = false;
  if (!search) {
    total = (db.prepare(`SELECT count(*) AS n FROM claims c ${whereSql}`).get(...params) as { n: number }).n;
  } else {
    const cap = SEARCH_COUNT_CAP + 1;
    const hits = (
      db.prepare(`SELECT count(*) AS n FROM (${searchSql} LIMIT ?)`).get(params[params.length - 1], cap) as {
        n: number;
      }
    ).n;
    // Counted through the claims' own filter: the search hits include archived and deleted claims.
    total = (
      db
        .prepare(`SELECT count(*) AS n FROM (SELECT 1 FROM claims c ${whereSql} LIMIT ?)`)
        .get(...params, cap) as { n: number }
    ).n;
    broad = hits > BROAD_SEARCH_HITS;
  }
  // A broad search (a common surname, a big hospital) is fastest walking the sort index until the page is
  // full; a narrow one is fastest fetching its few hits and sorting them. SQLite can't know which.
  const from = broad && SORT_INDEX[sort] ? `claims c INDEXED BY ${SORT_INDEX[sort]}` : 'claims c';
  // Page through ids first, then read only the rows shown: deep pages stay cheap.
  const ids = db
    .prepare(`SELECT c.id FROM ${from} ${whereSql} ORDER BY ${ORDER_BY[sort]} LIMIT ? OFFSET ?`)
    .pluck()
    .all(...params, pageSize, (page - 1) * pageSize) as number[];
  const rows = ids.length
    ? (db
        .prepare(`${CLAIM_SELECT} WHERE c.id IN (${ids.map(() => '?').join(',')})`)
        .all(...ids) as ClaimRow[])
    : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return {
    items: ids.map((id) => toClaim(byId.get(id)!)),
    total: search && total > SEARCH_COUNT_CAP ? SEARCH_COUNT_CAP : total,
    totalCapped: search !== '' && total > SEARCH_COUNT_CAP,
    page,
    pageSize,
  };
}

export function touchClaim(db: Db, claimId: number, at: string): void {
  sqliteOf(db).prepare('UPDATE claims SET updated_at = ? WHERE id = ?').run(at, claimId);
  refreshSearchText(db, claimId);
}

/** The claim and its version, from one statement (the asynchronous contract's `claims.claim`). */
export function claimWithStamp(db: Db, id: number): (Claim & { stamp: EditStamp }) | null {
  const row = sqliteOf(db).prepare(`${CLAIM_SELECT} WHERE c.id = ?`).get(id) as
    (ClaimRow & StampRow) | undefined;
  return row ? { ...toClaim(row), stamp: toStamp(row) } : null;
}

export const sqliteClaims: SyncClaimStore = {
  insert(store, fields, at) {
    const db = sqliteOf(store);
    return db.transaction(() => {
      const info = db
        .prepare(
          `INSERT INTO claims (reference, claimant_id, applicant_relation, applicant_person_id, applicant_name, applicant_id_number,
             care_setting, hospital, treatment_region, visit_date, admission_date, discharge_date, filing_type, filing_date,
             special_drugs, total_amount_fen, notes, status, created_at, updated_at, updated_by_desk, updated_by_person)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'draft', ?, ?, ?, ?)`,
        )
        .run(`tmp-${at}-${Math.random()}`, ...claimColumns(fields), at, at, ...stampColumns(store));
      const newId = Number(info.lastInsertRowid);
      db.prepare('UPDATE claims SET reference = ? WHERE id = ?').run(makeReference(newId, at), newId);
      db.prepare(
        'INSERT INTO claim_status_history (claim_id, from_status, to_status, note, changed_at, desk, person) VALUES (?, NULL, ?, ?, ?, ?, ?)',
      ).run(newId, 'draft', '新建', at, ...stampColumns(store));
      refreshSearchText(store, newId);
      return newId;
    })();
  },

  update(store, id, fields, at, edit?: Edit) {
    const db = sqliteOf(store);
    db.transaction(() => {
      const expected = edit?.expectedVersion ?? null;
      const changed = db
        .prepare(
          `UPDATE claims SET claimant_id = ?, applicant_relation = ?, applicant_person_id = ?, applicant_name = ?, applicant_id_number = ?,
             care_setting = ?, hospital = ?, treatment_region = ?, visit_date = ?, admission_date = ?, discharge_date = ?,
             filing_type = ?, filing_date = ?, special_drugs = ?, total_amount_fen = ?, notes = ?, updated_at = ?,
             version = version + 1, updated_by_desk = ?, updated_by_person = ?
           WHERE id = ? AND (? IS NULL OR version = ?)`,
        )
        .run(...claimColumns(fields), at, ...stampColumns(store), id, expected, expected).changes;
      if (changed === 0) return assertVersion(store, 'claim', id, expected);
      refreshSearchText(store, id);
    })();
  },

  claim(db, id) {
    const row = sqliteOf(db).prepare(`${CLAIM_SELECT} WHERE c.id = ?`).get(id) as ClaimRow | undefined;
    return row ? toClaim(row) : null;
  },

  byReference(db, reference) {
    const row = sqliteOf(db).prepare(`${CLAIM_SELECT} WHERE c.reference = ?`).get(reference) as
      ClaimRow | undefined;
    return row ? toClaim(row) : null;
  },

  idsOfClaimant(db, personId) {
    return sqliteOf(db)
      .prepare('SELECT id FROM claims WHERE claimant_id = ?')
      .pluck()
      .all(personId) as number[];
  },

  list: listClaims,

  recordTransition(store, claimId, from, to, note, at, edit?: Edit) {
    const db = sqliteOf(store);
    db.transaction(() => {
      const expected = edit?.expectedVersion ?? null;
      const changed = db
        .prepare(
          `UPDATE claims SET status = ?, updated_at = ?, version = version + 1, updated_by_desk = ?, updated_by_person = ?
           WHERE id = ? AND (? IS NULL OR version = ?)`,
        )
        .run(to, at, ...stampColumns(store), claimId, expected, expected).changes;
      if (changed === 0) return assertVersion(store, 'claim', claimId, expected);
      db.prepare(
        'INSERT INTO claim_status_history (claim_id, from_status, to_status, note, changed_at, desk, person) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ).run(claimId, from, to, note, at, ...stampColumns(store));
    })();
  },

  history(db, claimId): StatusChange[] {
    const rows = sqliteOf(db)
      .prepare(
        'SELECT from_status, to_status, note, changed_at FROM claim_status_history WHERE claim_id = ? ORDER BY id',
      )
      .all(claimId) as Array<{
      from_status: string | null;
      to_status: string;
      note: string;
      changed_at: string;
    }>;
    return rows.map((r) => ({
      from: r.from_status as ClaimStatus | null,
      to: r.to_status as ClaimStatus,
      note: r.note,
      changedAt: r.changed_at,
    }));
  },

  touch: touchClaim,

  setPledgeSigned(store, claimId, signed, at) {
    const db = sqliteOf(store);
    if (signed)
      db.prepare(
        `INSERT INTO claim_pledge_signatures (claim_id, signed_at) VALUES (?, ?) ON CONFLICT(claim_id) DO NOTHING`,
      ).run(claimId, at);
    else db.prepare('DELETE FROM claim_pledge_signatures WHERE claim_id = ?').run(claimId);
  },

  isPledgeSigned(db, claimId) {
    return (
      sqliteOf(db).prepare('SELECT 1 FROM claim_pledge_signatures WHERE claim_id = ?').get(claimId) !==
      undefined
    );
  },
};

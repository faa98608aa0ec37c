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
import type { Statement } from 'better-sqlite3';
import { claimColumns, makeReference, toClaim, toStamp, type ClaimRow, type StampRow } from '../rows';
import { sqliteOf, type SqliteDb } from '../sqlite';
import type { SyncClaimStore } from '../sync-contract';
import { assertVersion, stampColumns } from './versions';
import { charTokens, ftsPhrase, refreshSearchText } from './search';

/**
 * The board's statements, prepared once per connection: preparing a search statement costs ~1 ms of CPU
 * (FTS5 sets up its tables for each), several times a page's own work when done on every request.
 */
const boardStatements = new WeakMap<SqliteDb, Map<string, Statement>>();
function prepared(db: SqliteDb, sql: string): Statement {
  let byText = boardStatements.get(db);
  if (!byText) boardStatements.set(db, (byText = new Map()));
  let st = byText.get(sql);
  if (!st) byText.set(sql, (st = db.prepare(sql)));
  return st;
}

const CLAIM_SELECT = `SELECT c.*, p.name AS claimant_name FROM claims c JOIN people p ON p.id = c.claimant_id`;

/** Above this many search hits, walking the sort index beats sorting the hits (measured in bench/db.ts). */
const BROAD_SEARCH_HITS = 2_000;
/**
 * The board's indexes (migration 0090): each leads with the two marks every board query tests (deleted_at,
 * archived_at), so the filter is an equality on the index and a count or a deep page never reads a row.
 */
const SORT_INDEX: Record<ClaimSort, string> = {
  updated: 'claims_board_updated',
  created: 'claims_board_created',
  care_end: 'claims_board_care_end',
};

const ORDER_BY: Record<ClaimSort, string> = {
  updated: 'c.updated_at DESC, c.id DESC',
  created: 'c.id DESC',
  // Claims not yet handed in first (only they have a deadline), oldest care first: closest to the deadline.
  // Written exactly as in the claims_board_care_end index (migration 0090), or SQLite sorts every claim.
  care_end: "c.status IN ('draft', 'ready') DESC, c.care_end_date ASC, c.id ASC",
};

/** Sort-index entries a broad search reads per step of its walk (walkByRanges). */
const WALK_STEP = 256;
/** A walk expected to read more steps than this (a deep page) takes the whole hit list at once instead. */
const WALK_MAX_STEPS = 4;
/** Ids this close together are looked up in the search index as one range (one query reads the gap too). */
const WALK_GAP = 256;
/** A step whose ids fall into more ranges than this (an order unrelated to the ids) gives the walk up. */
const WALK_MAX_RANGES = 16;

/**
 * A broad search's page, walking the sort index in steps and asking the search index which ids of each
 * step match, by id range: the search index reads only the hits within those ranges. The alternative,
 * `c.id IN (hits)`, builds the whole hit list first (a search matching every one of 100,000 claims: ~16 ms
 * of CPU before the first row). Claims changed lately are mostly the ones made lately, so a step's ids fall
 * into a few ranges; when they do not, or the page lies deep, answers null and the caller takes the hit list.
 */
function walkByRanges(
  db: SqliteDb,
  walkSql: string,
  params: unknown[],
  table: string,
  phrase: string,
  offset: number,
  limit: number,
): number[] | null {
  // Even if every claim matched, a page this deep lies beyond the steps the walk may take.
  if (offset + limit > WALK_MAX_STEPS * WALK_STEP) return null;
  const step = prepared(db, `${walkSql} LIMIT ? OFFSET ?`).pluck();
  // CAST: better-sqlite3 binds a JS number as REAL, and FTS5 uses only INTEGER rowid bounds (with REAL ones it
  // reads every hit and filters them: 9 ms instead of 0.2 ms a step).
  const hitsIn = prepared(
    db,
    `SELECT rowid FROM ${table} WHERE ${table} MATCH ? AND rowid BETWEEN CAST(? AS INTEGER) AND CAST(? AS INTEGER)`,
  ).pluck();
  const out: number[] = [];
  let skip = offset;
  for (let n = 0; n < WALK_MAX_STEPS; n++) {
    const ids = step.all(...params, WALK_STEP, n * WALK_STEP) as number[];
    if (ids.length === 0) return out;
    const sorted = [...ids].sort((a, b) => a - b);
    const ranges: Array<[number, number]> = [[sorted[0]!, sorted[0]!]];
    for (const id of sorted) {
      const last = ranges[ranges.length - 1]!;
      if (id - last[1] <= WALK_GAP) last[1] = id;
      else ranges.push([id, id]);
    }
    if (ranges.length > WALK_MAX_RANGES) return null;
    const hit = new Set<number>();
    for (const [lo, hi] of ranges) for (const id of hitsIn.all(phrase, lo, hi) as number[]) hit.add(id);
    for (const id of ids) {
      if (!hit.has(id)) continue;
      if (skip > 0) skip--;
      else if (out.push(id) === limit) return out;
    }
    if (ids.length < WALK_STEP) return out;
  }
  return null;
}

/** One page of the claims board, newest first by default. Search is a case-insensitive substring match. */
function listClaims(store: Db, query: ClaimListQuery): ClaimListPage {
  const db = sqliteOf(store);
  const pageSize = Math.min(Math.max(query.pageSize ?? 50, 1), 500);
  const page = Math.max(query.page ?? 1, 1);
  const offset = (page - 1) * pageSize;
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
  const sort = query.sort ?? 'updated';
  const order = ORDER_BY[sort];
  const search = query.search?.trim().toLowerCase() ?? '';
  let total: number;
  let ids: number[];
  if (!search) {
    // The status filter's count reads claims_board_status, the others claims_board_created (the smallest).
    const counter = query.status ? 'claims_board_status' : 'claims_board_created';
    const filter = `WHERE ${where.join(' AND ')}`;
    total = (
      prepared(db, `SELECT count(*) AS n FROM claims c INDEXED BY ${counter} ${filter}`).get(...params) as {
        n: number;
      }
    ).n;
    // Page through ids first, then read only the rows shown: deep pages stay cheap.
    ids = prepared(db, `SELECT c.id FROM claims c ${filter} ORDER BY ${order} LIMIT ? OFFSET ?`)
      .pluck()
      .all(...params, pageSize, offset) as number[];
  } else {
    // 3+ characters: trigram index. Shorter: one token per character, matched as a phrase.
    const trigram = Array.from(search).length >= 3;
    const tokens = trigram ? search : charTokens(search);
    // Punctuation-only input has no searchable characters: it matches nothing rather than everything.
    if (!tokens) return { items: [], total: 0, totalCapped: false, page, pageSize };
    const table = trigram ? 'claims_search_tri' : 'claims_search_chr';
    const phrase = ftsPhrase(tokens);
    const filter = where.join(' AND ');
    // Counted as the hits stream out of the search index, each looked up by id and tested against the
    // board's filter, up to the cap: never the whole hit list first.
    total = (
      prepared(
        db,
        `SELECT count(*) AS n FROM (SELECT 1 FROM ${table} CROSS JOIN claims c ON c.id = ${table}.rowid
           WHERE ${table} MATCH ? AND ${filter} LIMIT ?)`,
      ).get(phrase, ...params, SEARCH_COUNT_CAP + 1) as { n: number }
    ).n;
    const inHits = `c.id IN (SELECT rowid FROM ${table} WHERE ${table} MATCH ?)`;
    if (total > BROAD_SEARCH_HITS) {
      // A broad search (a common surname, a big hospital) is fastest walking the sort index until the page
      // is full, which SQLite can't know: it is told the index.
      const walk = query.status && sort === 'updated' ? 'claims_board_status' : SORT_INDEX[sort];
      const walkSql = `SELECT c.id FROM claims c INDEXED BY ${walk} WHERE ${filter} ORDER BY ${order}`;
      ids =
        walkByRanges(db, walkSql, params, table, phrase, offset, pageSize) ??
        (prepared(
          db,
          `SELECT c.id FROM claims c INDEXED BY ${walk} WHERE ${filter} AND ${inHits} ORDER BY ${order} LIMIT ? OFFSET ?`,
        )
          .pluck()
          .all(...params, phrase, pageSize, offset) as number[]);
    } else {
      // A narrow one is fastest fetching its few hits by id and sorting them (NOT INDEXED: else SQLite, seeing
      // the board's filter as an equality on a sort index, walks every claim for the sake of the order).
      ids = prepared(
        db,
        `SELECT c.id FROM claims c NOT INDEXED WHERE ${filter} AND ${inHits} ORDER BY ${order} LIMIT ? OFFSET ?`,
      )
        .pluck()
        .all(...params, phrase, pageSize, offset) as number[];
    }
  }
  const rows = ids.length
    ? (prepared(db, `${CLAIM_SELECT} WHERE c.id IN (${ids.map(() => '?').join(',')})`).all(
        ...ids,
      ) as ClaimRow[])
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

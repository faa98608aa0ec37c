// Storage (PostgreSQL): claims, their status history, the claims board's list query and the pledge mark
// (db/store/claims.ts for SQLite). Claim references come from the identity sequence every desk shares.
import type { StatusChange } from '../../../../shared/schemas';
import { SEARCH_COUNT_CAP, type ClaimListPage, type ClaimOps, type ClaimSort } from '../contract';
import { claimColumns, makeReference, toClaim, toStamp, type ClaimRow, type StampRow } from '../rows';
import { params, type PgCx, type PgOps } from './cx';
import { likeContains, refreshSearch, shortQueryGram } from './search';
import { assertPgVersion, stampValues } from './versions';

/** Every column but the search words (kept for the board's filter, never read back). */
const CLAIM_COLUMNS = `c.id, c.reference, c.claimant_id, c.applicant_relation, c.applicant_person_id, c.applicant_name,
  c.applicant_id_number, c.care_setting, c.hospital, c.treatment_region, c.visit_date, c.admission_date,
  c.discharge_date, c.filing_type, c.filing_date, c.special_drugs, c.total_amount_fen, c.notes, c.status,
  c.created_at, c.updated_at, c.archived_at, c.deleted_at, c.version, c.updated_by_desk, c.updated_by_person`;
const CLAIM_SELECT = `SELECT ${CLAIM_COLUMNS}, p.name AS claimant_name FROM claims c JOIN people p ON p.id = c.claimant_id`;

const ORDER_BY: Record<ClaimSort, string> = {
  updated: 'c.updated_at DESC, c.id DESC',
  created: 'c.id DESC',
  // As SQLite: claims not yet handed in first, oldest care first (SQLite sorts NULL first too).
  care_end: "(c.status IN ('draft', 'ready')) DESC, c.care_end_date ASC NULLS FIRST, c.id ASC",
};

export async function touchPg(cx: PgCx, claimId: number, at: string): Promise<void> {
  await cx.run('UPDATE claims SET updated_at = $1 WHERE id = $2', [at, claimId]);
  await refreshSearch(cx, claimId);
}

async function list(cx: PgCx, query: Parameters<ClaimOps['list']>[0]): Promise<ClaimListPage> {
  const pageSize = Math.min(Math.max(query.pageSize ?? 50, 1), 500);
  const page = Math.max(query.page ?? 1, 1);
  const where: string[] = [
    'c.deleted_at IS NULL',
    query.archived ? 'c.archived_at IS NOT NULL' : 'c.archived_at IS NULL',
  ];
  const values: unknown[] = [];
  if (query.status) {
    values.push(query.status);
    where.push(`c.status = $${values.length}`);
  }
  const search = query.search?.trim().toLowerCase() ?? '';
  if (search) {
    if (Array.from(search).length >= 3) {
      values.push(likeContains(search));
      where.push(`c.search_text LIKE $${values.length}`);
    } else {
      const gram = shortQueryGram(search);
      // Punctuation-only input has no searchable characters: it matches nothing rather than everything.
      if (!gram) return { items: [], total: 0, totalCapped: false, page, pageSize };
      values.push([gram]);
      where.push(`c.search_grams @> $${values.length}::text[]`);
    }
  }
  const whereSql = `WHERE ${where.join(' AND ')}`;
  const sort = query.sort ?? 'updated';
  const n = values.length;
  // Page through ids first, then join only the rows shown (deep pages stay cheap); the page and the count go
  // out together (two connections of the pool outside a transaction).
  const pageSql = `SELECT ${CLAIM_COLUMNS}, p.name AS claimant_name
    FROM (SELECT c.id, row_number() OVER () AS n
          FROM (SELECT c.id FROM claims c ${whereSql} ORDER BY ${ORDER_BY[sort]} LIMIT $${n + 1} OFFSET $${n + 2}) c) page
    JOIN claims c ON c.id = page.id JOIN people p ON p.id = c.claimant_id ORDER BY page.n`;
  const countSql = search
    ? `SELECT count(*)::int AS n FROM (SELECT 1 FROM claims c ${whereSql} LIMIT $${n + 1}) hits`
    : `SELECT count(*)::int AS n FROM claims c ${whereSql}`;
  const readPage = () => cx.q<ClaimRow>(pageSql, [...values, pageSize, (page - 1) * pageSize]);
  const count = () => cx.one<{ n: number }>(countSql, search ? [...values, SEARCH_COUNT_CAP + 1] : values);
  // Inside a transaction both go to its one connection, one after the other.
  const [rows, counted] = cx.pooled
    ? await Promise.all([readPage(), count()])
    : [await readPage(), await count()];
  const total = counted!.n;
  return {
    items: rows.map(toClaim),
    total: search && total > SEARCH_COUNT_CAP ? SEARCH_COUNT_CAP : total,
    totalCapped: search !== '' && total > SEARCH_COUNT_CAP,
    page,
    pageSize,
  };
}

const CLAIM_SET = `claimant_id = $1, applicant_relation = $2, applicant_person_id = $3, applicant_name = $4,
  applicant_id_number = $5, care_setting = $6, hospital = $7, treatment_region = $8, visit_date = $9,
  admission_date = $10, discharge_date = $11, filing_type = $12, filing_date = $13, special_drugs = $14,
  total_amount_fen = $15, notes = $16`;

export const pgClaims: PgOps<ClaimOps> = {
  insert(cx, fields, at) {
    return cx.atomic(async (tx) => {
      // The id comes first from the shared sequence, so the reference is written with the row.
      const { id } = (await tx.one<{ id: number }>(
        `SELECT nextval(pg_get_serial_sequence('claims', 'id'))::int AS id`,
      ))!;
      await tx.run(
        `INSERT INTO claims (id, reference, claimant_id, applicant_relation, applicant_person_id, applicant_name,
           applicant_id_number, care_setting, hospital, treatment_region, visit_date, admission_date, discharge_date,
           filing_type, filing_date, special_drugs, total_amount_fen, notes, status, created_at, updated_at,
           updated_by_desk, updated_by_person)
         VALUES ($1, $2, ${params(16, 3)}, 'draft', $19, $19, $20, $21)`,
        [id, makeReference(id, at), ...claimColumns(fields), at, ...stampValues(tx)],
      );
      await tx.run(
        `INSERT INTO claim_status_history (claim_id, from_status, to_status, note, changed_at, desk, person)
         VALUES ($1, NULL, 'draft', '新建', $2, $3, $4)`,
        [id, at, ...stampValues(tx)],
      );
      await refreshSearch(tx, id);
      return id;
    });
  },

  update(cx, id, fields, at, edit) {
    return cx.atomic(async (tx) => {
      const expected = edit?.expectedVersion ?? null;
      const changed = await tx.run(
        `UPDATE claims SET ${CLAIM_SET}, updated_at = $17, version = version + 1, updated_by_desk = $18,
           updated_by_person = $19 WHERE id = $20 AND ($21::int IS NULL OR version = $21)`,
        [...claimColumns(fields), at, ...stampValues(tx), id, expected],
      );
      if (changed === 0) return assertPgVersion(tx, 'claim', id, expected);
      await refreshSearch(tx, id);
    });
  },

  async claim(cx, id) {
    const r = await cx.one<ClaimRow & StampRow>(`${CLAIM_SELECT} WHERE c.id = $1`, [id]);
    return r ? { ...toClaim(r), stamp: toStamp(r) } : null;
  },

  async byReference(cx, reference) {
    const r = await cx.one<ClaimRow>(`${CLAIM_SELECT} WHERE c.reference = $1`, [reference]);
    return r ? toClaim(r) : null;
  },

  async idsOfClaimant(cx, personId) {
    return (await cx.q<{ id: number }>('SELECT id FROM claims WHERE claimant_id = $1', [personId])).map(
      (r) => r.id,
    );
  },

  list,

  recordTransition(cx, claimId, from, to, note, at, edit) {
    return cx.atomic(async (tx) => {
      const expected = edit?.expectedVersion ?? null;
      const changed = await tx.run(
        `UPDATE claims SET status = $1, updated_at = $2, version = version + 1, updated_by_desk = $3,
           updated_by_person = $4 WHERE id = $5 AND ($6::int IS NULL OR version = $6)`,
        [to, at, ...stampValues(tx), claimId, expected],
      );
      if (changed === 0) return assertPgVersion(tx, 'claim', claimId, expected);
      await tx.run(
        `INSERT INTO claim_status_history (claim_id, from_status, to_status, note, changed_at, desk, person)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [claimId, from, to, note, at, ...stampValues(tx)],
      );
    });
  },

  async history(cx, claimId): Promise<StatusChange[]> {
    const rows = await cx.q<{
      from_status: string | null;
      to_status: string;
      note: string;
      changed_at: string;
    }>(
      'SELECT from_status, to_status, note, changed_at FROM claim_status_history WHERE claim_id = $1 ORDER BY id',
      [claimId],
    );
    return rows.map((r) => ({
      from: r.from_status as StatusChange['from'],
      to: r.to_status as StatusChange['to'],
      note: r.note,
      changedAt: r.changed_at,
    }));
  },

  touch: (cx, claimId, at) => cx.atomic((tx) => touchPg(tx, claimId, at)),

  async setPledgeSigned(cx, claimId, signed, at) {
    if (signed)
      await cx.run(
        `INSERT INTO claim_pledge_signatures (claim_id, signed_at) VALUES ($1, $2) ON CONFLICT (claim_id) DO NOTHING`,
        [claimId, at],
      );
    else await cx.run('DELETE FROM claim_pledge_signatures WHERE claim_id = $1', [claimId]);
  },

  async isPledgeSigned(cx, claimId) {
    return (
      (await cx.one('SELECT 1 FROM claim_pledge_signatures WHERE claim_id = $1', [claimId])) !== undefined
    );
  },
};

// Storage (PostgreSQL): households and people (db/store/people.ts for SQLite).
import type { PeopleOps } from '../contract';
import {
  personColumns,
  toHousehold,
  toPerson,
  toStamp,
  type HouseholdRow,
  type PersonRow,
  type StampRow,
} from '../rows';
import type { PgOps } from './cx';
import { refreshSearch } from './search';
import { assertPgVersion, stampValues } from './versions';

export const pgPeople: PgOps<PeopleOps> = {
  async insertHousehold(cx, h, at) {
    const r = await cx.one<{ id: number }>(
      `INSERT INTO households (name, notes, created_at, updated_at, updated_by_desk, updated_by_person)
       VALUES ($1, $2, $3, $3, $4, $5) RETURNING id`,
      [h.name, h.notes, at, ...stampValues(cx)],
    );
    return r!.id;
  },

  async household(cx, id) {
    const r = await cx.one<HouseholdRow & StampRow>('SELECT * FROM households WHERE id = $1', [id]);
    return r ? { ...toHousehold(r), stamp: toStamp(r) } : null;
  },

  async listHouseholds(cx) {
    // SQLite's COLLATE NOCASE: ASCII letters folded, then code-point order.
    const rows = await cx.q<HouseholdRow & { member_count: number }>(
      `SELECT h.*, (SELECT count(*)::int FROM people p WHERE p.household_id = h.id) AS member_count
       FROM households h
       ORDER BY translate(h.name, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), h.id`,
    );
    return rows.map((r) => ({ ...toHousehold(r), memberCount: r.member_count }));
  },

  async insertPerson(cx, p, at) {
    const r = await cx.one<{ id: number }>(
      `INSERT INTO people (household_id, name, id_number, relation, insurance_type, insured_region, phone,
         bank_name, bank_number, bank_holder, created_at, updated_at, updated_by_desk, updated_by_person)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, $12, $13) RETURNING id`,
      [...personColumns(p), at, ...stampValues(cx)],
    );
    return r!.id;
  },

  updatePerson(cx, id, p, at, edit) {
    return cx.atomic(async (tx) => {
      const expected = edit?.expectedVersion ?? null;
      const changed = await tx.run(
        `UPDATE people SET household_id = $1, name = $2, id_number = $3, relation = $4, insurance_type = $5,
           insured_region = $6, phone = $7, bank_name = $8, bank_number = $9, bank_holder = $10, updated_at = $11,
           version = version + 1, updated_by_desk = $12, updated_by_person = $13
         WHERE id = $14 AND ($15::int IS NULL OR version = $15)`,
        [...personColumns(p), at, ...stampValues(tx), id, expected],
      );
      if (changed === 0) return assertPgVersion(tx, 'person', id, expected);
      const claims = await tx.q<{ id: number }>('SELECT id FROM claims WHERE claimant_id = $1', [id]);
      for (const c of claims) await refreshSearch(tx, c.id);
    });
  },

  async person(cx, id) {
    const r = await cx.one<PersonRow & StampRow>('SELECT * FROM people WHERE id = $1', [id]);
    return r ? { ...toPerson(r), stamp: toStamp(r) } : null;
  },

  async personIdByIdNumber(cx, householdId, idNumber) {
    const r = await cx.one<{ id: number }>(
      'SELECT id FROM people WHERE household_id = $1 AND id_number = $2',
      [householdId, idNumber],
    );
    return r?.id ?? null;
  },

  async listPeople(cx, householdId) {
    const rows =
      householdId === undefined
        ? await cx.q<PersonRow>('SELECT * FROM people ORDER BY household_id, id')
        : await cx.q<PersonRow>('SELECT * FROM people WHERE household_id = $1 ORDER BY id', [householdId]);
    return rows.map(toPerson);
  },

  async renameHousehold(cx, id, name, at, edit) {
    const expected = edit?.expectedVersion ?? null;
    const changed = await cx.run(
      `UPDATE households SET name = $1, updated_at = $2, version = version + 1, updated_by_desk = $3,
         updated_by_person = $4 WHERE id = $5 AND ($6::int IS NULL OR version = $6)`,
      [name, at, ...stampValues(cx), id, expected],
    );
    if (changed === 0) await assertPgVersion(cx, 'household', id, expected);
  },

  async claimCountOfPerson(cx, id) {
    const r = await cx.one<{ n: number }>(
      'SELECT count(*)::int AS n FROM claims WHERE claimant_id = $1 OR applicant_person_id = $1',
      [id],
    );
    return r!.n;
  },

  async deletePerson(cx, id) {
    await cx.run('DELETE FROM people WHERE id = $1', [id]);
  },
};

// Storage (SQLite): households and people. Inputs are already validated (repo.ts); rows in, plain data out.
import type { Household, Person, PersonFields } from '../../../../shared/schemas';
import type { Db, Edit, EditStamp } from '../contract';
import {
  personColumns,
  toHousehold,
  toPerson,
  toStamp,
  type HouseholdRow,
  type PersonRow,
  type StampRow,
} from '../rows';
import { sqliteOf } from '../sqlite';
import type { SyncPeopleStore } from '../sync-contract';
import { refreshSearchText } from './search';
import { assertVersion, stampColumns } from './versions';

export function householdWithStamp(db: Db, id: number): (Household & { stamp: EditStamp }) | null {
  const row = sqliteOf(db).prepare('SELECT * FROM households WHERE id = ?').get(id) as
    (HouseholdRow & StampRow) | undefined;
  return row ? { ...toHousehold(row), stamp: toStamp(row) } : null;
}

export function personWithStamp(db: Db, id: number): (Person & { stamp: EditStamp }) | null {
  const row = sqliteOf(db).prepare('SELECT * FROM people WHERE id = ?').get(id) as
    (PersonRow & StampRow) | undefined;
  return row ? { ...toPerson(row), stamp: toStamp(row) } : null;
}

export const sqlitePeople: SyncPeopleStore = {
  insertHousehold(db: Db, h: { name: string; notes: string }, at: string): number {
    const info = sqliteOf(db)
      .prepare(
        'INSERT INTO households (name, notes, created_at, updated_at, updated_by_desk, updated_by_person) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(h.name, h.notes, at, at, ...stampColumns(db));
    return Number(info.lastInsertRowid);
  },

  household(db: Db, id: number): Household | null {
    const row = sqliteOf(db).prepare('SELECT * FROM households WHERE id = ?').get(id) as
      HouseholdRow | undefined;
    return row ? toHousehold(row) : null;
  },

  listHouseholds(db: Db): Array<Household & { memberCount: number }> {
    const rows = sqliteOf(db)
      .prepare(
        `SELECT h.*, (SELECT count(*) FROM people p WHERE p.household_id = h.id) AS member_count
         FROM households h ORDER BY h.name COLLATE NOCASE, h.id`,
      )
      .all() as Array<HouseholdRow & { member_count: number }>;
    return rows.map((r) => ({ ...toHousehold(r), memberCount: r.member_count }));
  },

  insertPerson(db: Db, p: PersonFields, at: string): number {
    const info = sqliteOf(db)
      .prepare(
        `INSERT INTO people (household_id, name, id_number, relation, insurance_type, insured_region, phone,
           bank_name, bank_number, bank_holder, created_at, updated_at, updated_by_desk, updated_by_person)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(...personColumns(p), at, at, ...stampColumns(db));
    return Number(info.lastInsertRowid);
  },

  /** Also rebuilds the search words of the person's claims (their name and ID number are searchable). */
  updatePerson(db: Db, id: number, p: PersonFields, at: string, edit?: Edit): void {
    const sql = sqliteOf(db);
    sql.transaction(() => {
      const expected = edit?.expectedVersion ?? null;
      const changed = sql
        .prepare(
          `UPDATE people SET household_id = ?, name = ?, id_number = ?, relation = ?, insurance_type = ?, insured_region = ?,
             phone = ?, bank_name = ?, bank_number = ?, bank_holder = ?, updated_at = ?,
             version = version + 1, updated_by_desk = ?, updated_by_person = ?
           WHERE id = ? AND (? IS NULL OR version = ?)`,
        )
        .run(...personColumns(p), at, ...stampColumns(db), id, expected, expected).changes;
      if (changed === 0) return assertVersion(db, 'person', id, expected);
      const claims = sql.prepare('SELECT id FROM claims WHERE claimant_id = ?').pluck().all(id) as number[];
      for (const claimId of claims) refreshSearchText(db, claimId);
    })();
  },

  person(db: Db, id: number): Person | null {
    const row = sqliteOf(db).prepare('SELECT * FROM people WHERE id = ?').get(id) as PersonRow | undefined;
    return row ? toPerson(row) : null;
  },

  personIdByIdNumber(db: Db, householdId: number, idNumber: string): number | null {
    const id = sqliteOf(db)
      .prepare('SELECT id FROM people WHERE household_id = ? AND id_number = ?')
      .pluck()
      .get(householdId, idNumber) as number | undefined;
    return id ?? null;
  },

  renameHousehold(db: Db, id: number, name: string, at: string, edit?: Edit): void {
    const expected = edit?.expectedVersion ?? null;
    const changed = sqliteOf(db)
      .prepare(
        `UPDATE households SET name = ?, updated_at = ?, version = version + 1, updated_by_desk = ?, updated_by_person = ?
         WHERE id = ? AND (? IS NULL OR version = ?)`,
      )
      .run(name, at, ...stampColumns(db), id, expected, expected).changes;
    if (changed === 0) assertVersion(db, 'household', id, expected);
  },

  claimCountOfPerson(db: Db, id: number): number {
    return sqliteOf(db)
      .prepare('SELECT count(*) FROM claims WHERE claimant_id = ? OR applicant_person_id = ?')
      .pluck()
      .get(id, id) as number;
  },

  deletePerson(db: Db, id: number): void {
    sqliteOf(db).prepare('DELETE FROM people WHERE id = ?').run(id);
  },

  listPeople(db: Db, householdId?: number): Person[] {
    const sql = sqliteOf(db);
    const rows = (
      householdId === undefined
        ? sql.prepare('SELECT * FROM people ORDER BY household_id, id').all()
        : sql.prepare('SELECT * FROM people WHERE household_id = ? ORDER BY id').all(householdId)
    ) as PersonRow[];
    return rows.map(toPerson);
  },
};

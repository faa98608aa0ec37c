// Storage (SQLite): households and people. Inputs are already validated (repo.ts); rows in, plain data out.
import type { Household, Person, PersonFields } from '../../../../shared/schemas';
import type { Db, PeopleStore } from '../contract';
import { sqliteOf } from '../sqlite';
import { refreshSearchText } from './search';

interface HouseholdRow {
  id: number;
  name: string;
  notes: string;
  created_at: string;
  updated_at: string;
}

function toHousehold(r: HouseholdRow): Household {
  return { id: r.id, name: r.name, notes: r.notes, createdAt: r.created_at, updatedAt: r.updated_at };
}

interface PersonRow {
  id: number;
  household_id: number;
  name: string;
  id_number: string;
  relation: string;
  insurance_type: string;
  insured_region: string;
  phone: string | null;
  bank_name: string | null;
  bank_number: string | null;
  bank_holder: string | null;
  created_at: string;
  updated_at: string;
}

function toPerson(r: PersonRow): Person {
  return {
    id: r.id,
    householdId: r.household_id,
    name: r.name,
    idNumber: r.id_number,
    relation: r.relation as Person['relation'],
    insuranceType: r.insurance_type as Person['insuranceType'],
    insuredRegion: r.insured_region,
    phone: r.phone,
    bankAccount:
      r.bank_name && r.bank_number && r.bank_holder
        ? { bank: r.bank_name, number: r.bank_number, holder: r.bank_holder }
        : null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function personColumns(p: PersonFields): unknown[] {
  return [
    p.householdId,
    p.name,
    p.idNumber,
    p.relation,
    p.insuranceType,
    p.insuredRegion,
    p.phone,
    p.bankAccount?.bank ?? null,
    p.bankAccount?.number ?? null,
    p.bankAccount?.holder ?? null,
  ];
}

export const sqlitePeople: PeopleStore = {
  insertHousehold(db: Db, h: { name: string; notes: string }, at: string): number {
    const info = sqliteOf(db)
      .prepare('INSERT INTO households (name, notes, created_at, updated_at) VALUES (?, ?, ?, ?)')
      .run(h.name, h.notes, at, at);
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
           bank_name, bank_number, bank_holder, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(...personColumns(p), at, at);
    return Number(info.lastInsertRowid);
  },

  /** Also rebuilds the search words of the person's claims (their name and ID number are searchable). */
  updatePerson(db: Db, id: number, p: PersonFields, at: string): void {
    const sql = sqliteOf(db);
    sql.transaction(() => {
      sql
        .prepare(
          `UPDATE people SET household_id = ?, name = ?, id_number = ?, relation = ?, insurance_type = ?, insured_region = ?,
             phone = ?, bank_name = ?, bank_number = ?, bank_holder = ?, updated_at = ? WHERE id = ?`,
        )
        .run(...personColumns(p), at, id);
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

  renameHousehold(db: Db, id: number, name: string, at: string): void {
    sqliteOf(db).prepare('UPDATE households SET name = ?, updated_at = ? WHERE id = ?').run(name, at, id);
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

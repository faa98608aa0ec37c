// Migration 0120 (issue 25): a claim keeps its filing as the record gives it (offline, filed place, start and
// end dates), on a real SQLite file; and a claim stored with the old `helper` applicant becomes the insured
// person's own, the helper's name and ID number kept in its notes.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { databasePath } from '../../electron/core/db/open';
import { createClaim, createHousehold, createPerson, getClaim, updateClaim } from '../../electron/core/repo';
import { evaluateStoredClaim } from '../../electron/core/claim-evaluation';
import { openWorkspace } from '../../electron/core/workspace';
import { makeTempDir } from '../helpers/tmp';

const temps: Array<() => void> = [];
afterEach(() => temps.splice(0).forEach((c) => c()));
function tempDir(): string {
  const t = makeTempDir();
  temps.push(t.cleanup);
  return t.dir;
}

const T = '2026-10-01T00:00:00.000Z';

describe('migration 0120 filing-record', () => {
  it('turns a stored helper applicant into the insured person’s own claim, keeping the helper’s name', async () => {
    const dir = tempDir();
    mkdirSync(dir, { recursive: true });
    // The store as the previous release left it (schema 90), with one claim "applied for" by a helper.
    const db90 = new Database(databasePath(dir));
    for (const m of MIGRATIONS.filter((x) => x.version <= 90)) db90.exec(m.sql);
    db90.pragma('user_version = 90');
    db90
      .prepare('INSERT INTO households (id, name, created_at, updated_at) VALUES (1, ?, ?, ?)')
      .run('王家', T, T);
    db90
      .prepare(
        `INSERT INTO people (id, household_id, name, id_number, relation, insurance_type, insured_region, created_at, updated_at)
         VALUES (1, 1, '王秀英', '11010519491231002X', 'self', 'resident', '北京市', ?, ?)`,
      )
      .run(T, T);
    db90
      .prepare(
        `INSERT INTO claims (id, reference, claimant_id, applicant_relation, applicant_name, applicant_id_number,
           care_setting, hospital, treatment_region, visit_date, filing_type, filing_date, notes, status, created_at, updated_at)
         VALUES (1, 'BX20261001-00001', 1, 'helper', '刘敏', '110105198503030014', 'outpatient', '北京市朝阳医院', '北京市',
           '2026-10-01', 'referral', '2026-09-20', '复诊', 'draft', ?, ?)`,
      )
      .run(T, T);
    db90.close();

    const ws = await openWorkspace(dir);
    try {
      const c = getClaim(ws.db, 1);
      expect(c.fields.applicant).toEqual({ relation: 'self' });
      expect(c.fields.notes).toBe('复诊\n帮忙办理的人：刘敏（身份证号 110105198503030014）');
      // An old filing reads back with the new facts unset.
      expect(c.fields.crossRegion).toEqual({
        filingType: 'referral',
        filingDate: '2026-09-20',
        offline: false,
        filedPlace: null,
        startDate: null,
        endDate: null,
      });
      // And it evaluates: a self claim asks for nothing of a helper.
      const report = await evaluateStoredClaim(ws, 1, { today: '2026-11-01' });
      expect(report.requirements.map((r) => r.id)).not.toContain('authorization');
    } finally {
      ws.close();
    }
  });

  it('stores an offline filing with its place and dates, and the evaluation reads them', async () => {
    const ws = await openWorkspace(tempDir());
    try {
      const h = createHousehold(ws.db, { name: '王家' });
      const p = createPerson(ws.db, {
        householdId: h.id,
        name: '王秀英',
        idNumber: '11010519491231002X',
        relation: 'self',
        insuranceType: 'resident',
        insuredRegion: '江苏省南京市',
      });
      const fields = {
        claimantId: p.id,
        careSetting: 'outpatient',
        hospital: '上海市第一人民医院',
        treatmentRegion: '上海市',
        visitDate: '2026-10-01',
        crossRegion: {
          filingType: 'other_temporary',
          filingDate: '2026-09-01',
          offline: true,
          filedPlace: '浙江省杭州市',
          startDate: '2026-09-01',
          endDate: '2026-09-30',
        },
      };
      const claim = createClaim(ws.db, fields);
      expect(getClaim(ws.db, claim.id).fields.crossRegion).toEqual(fields.crossRegion);
      const report = await evaluateStoredClaim(ws, claim.id, { today: '2026-11-01' });
      const codes = report.problems.map((x) => x.code);
      expect(codes).toContain('filing_place_mismatch');
      expect(codes).toContain('filing_expired');
      expect(report.reminders.map((r) => r.id)).toContain('offline-filing-record');
      // Cleared again on edit: the columns follow the form.
      updateClaim(ws.db, claim.id, {
        ...fields,
        crossRegion: { filingType: 'referral', filingDate: '2026-09-01' },
      });
      expect(getClaim(ws.db, claim.id).fields.crossRegion).toEqual({
        filingType: 'referral',
        filingDate: '2026-09-01',
        offline: false,
        filedPlace: null,
        startDate: null,
        endDate: null,
      });
      // An end date before the start is refused with the field named.
      expect(() =>
        createClaim(ws.db, { ...fields, crossRegion: { ...fields.crossRegion, endDate: '2026-08-01' } }),
      ).toThrow(/备案结束日期早于开始日期/);
    } finally {
      ws.close();
    }
  });
});

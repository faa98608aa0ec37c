// People and households on a real SQLite file: a household renamed (not to nothing), a person removed only
// when no claim names them (as patient or as the relative acting for them), the refusal saying why.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createClaim,
  createHousehold,
  createPerson,
  deletePerson,
  getHousehold,
  listPeople,
  renameHousehold,
} from '../../electron/core/repo';
import { openWorkspace, type Workspace } from '../../electron/core/workspace';
import { idCheckChar } from '../../shared/validators';

const id = (first17: string) => first17 + idCheckChar(first17);
let dir: string;
let ws: Workspace;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'claimdesk-people-'));
  ws = await openWorkspace(join(dir, 'data'));
});
afterAll(async () => {
  ws.close();
  await rm(dir, { recursive: true, force: true });
});

const person = (householdId: number, name: string, idNumber: string, relation = 'self') =>
  createPerson(ws.db, {
    householdId,
    name,
    idNumber,
    relation,
    insuranceType: 'employee',
    insuredRegion: '北京市',
  });

describe('households and people', () => {
  it('renames a household, refusing an empty name', () => {
    const h = createHousehold(ws.db, { name: '王家' });
    expect(renameHousehold(ws.db, h.id, '  王秀英一家 ').name).toBe('王秀英一家');
    expect(() => renameHousehold(ws.db, h.id, '  ')).toThrow(/户名不能为空/);
    expect(getHousehold(ws.db, h.id).name).toBe('王秀英一家');
  });

  it('removes a person on no claim; refuses the patient and the acting relative of a claim', () => {
    const h = createHousehold(ws.db, { name: '张家' });
    const patient = person(h.id, '张大爷', id('11010519400101001'));
    const son = person(h.id, '张伟', id('11010519700101123'), 'child');
    const spare = person(h.id, '张丽', id('11010519750505224'), 'child');
    createClaim(ws.db, {
      claimantId: patient.id,
      careSetting: 'outpatient',
      hospital: '北京协和医院',
      treatmentRegion: '北京市',
      visitDate: '2026-09-10',
      crossRegion: null,
      applicant: { relation: 'child', personId: son.id, name: son.name, idNumber: son.idNumber },
    });
    deletePerson(ws.db, spare.id);
    expect(() => deletePerson(ws.db, patient.id)).toThrow('张大爷 在 1 份报销单上');
    expect(() => deletePerson(ws.db, son.id)).toThrow('张伟 在 1 份报销单上');
    expect(listPeople(ws.db, h.id).map((p) => p.name)).toEqual(['张大爷', '张伟']);
  });

  it('masks the number in the duplicate-person refusal', () => {
    const h = createHousehold(ws.db, { name: '李家' });
    const n = id('11010519491231002');
    person(h.id, '李梅', n);
    expect(() => person(h.id, '李梅二', n)).toThrow(`${n.slice(0, 6)}********${n.slice(-4)}`);
    try {
      person(h.id, '李梅二', n);
    } catch (e) {
      expect(String((e as Error).message)).not.toContain(n);
    }
  });
});

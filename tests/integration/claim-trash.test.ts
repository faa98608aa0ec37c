// Archive and delete with undo on a real data folder (real SQLite file, real content-addressed file store):
// undo brings a deleted claim back whole; the purge removes the claim and only the stored files no other
// claim's page uses (two claims sharing one photo keep it).
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useIpcSession } from '../helpers/ipc-session';
import { purgeDeletedClaims } from '../../electron/core/claim-trash';
import { storedFilePath } from '../../electron/core/files/store';
import { sqliteOf } from '../../electron/core/db/sqlite';

const SAMPLES = resolve(import.meta.dirname, '../../resources/samples');
const session = useIpcSession('claimdesk-trash-');
const { state, grants, call, ok } = session;

let person = 0;
async function claim(hospital: string): Promise<number> {
  if (!person) {
    const h = await ok('createHousehold', { name: '回收家' });
    person = (
      await ok('createPerson', {
        householdId: h.id,
        name: '冯八',
        idNumber: '11010519491231002X',
        relation: 'self',
        insuranceType: 'employee',
        insuredRegion: '江苏省南京市',
      })
    ).id;
  }
  return (
    await ok('createClaim', {
      claimantId: person,
      careSetting: 'outpatient',
      hospital,
      treatmentRegion: '江苏省南京市',
      visitDate: '2026-09-10',
      crossRegion: null,
    })
  ).id;
}
async function attach(claimId: number, kind: string, sample: string): Promise<string> {
  const [g] = await grants.grant([join(SAMPLES, sample)]);
  const doc = await ok('importDocument', { claimId, kind, files: [g!.token] });
  return doc.pages[0]!.sha256;
}
const boardIds = async (req: object = {}) => (await ok('listClaims', req)).items.map((c) => c.id);

describe('archive', () => {
  it('hides from the board, shows under 已归档 (and in its search), and comes back', async () => {
    const id = await claim('归档医院');
    await ok('archiveClaims', { ids: [id], archived: true });
    expect(await boardIds()).not.toContain(id);
    expect(await boardIds({ search: '归档医院' })).toEqual([]);
    expect((await ok('listClaims', { search: '归档医院' })).total).toBe(0);
    expect(await boardIds({ archived: true })).toEqual([id]);
    expect((await ok('listClaimIds', { archived: true })).ids).toEqual([id]);
    await ok('archiveClaims', { ids: [id], archived: false });
    expect(await boardIds()).toContain(id);
    expect(await boardIds({ archived: true })).toEqual([]);
  });
});

describe('delete with undo', () => {
  let a = 0;
  let b = 0;
  let shared = '';
  let onlyA = '';

  it('undo brings the claim back whole: papers, pages, history', async () => {
    a = await claim('删除医院');
    b = await claim('保留医院');
    shared = await attach(a, 'invoice', 'invoice.jpg');
    expect(await attach(b, 'invoice', 'invoice.jpg')).toBe(shared); // same bytes, stored once
    onlyA = await attach(a, 'diagnosis_certificate', 'diagnosis.jpg');
    const before = await ok('getClaim', { id: a });

    const d = await ok('deleteClaims', { ids: [a] });
    expect(d).toEqual({ deleted: 1, undoMs: 10_000 });
    expect(await boardIds()).not.toContain(a);
    expect(await boardIds({ search: '删除医院' })).toEqual([]);
    await ok('undeleteClaims', { ids: [a] });
    expect(await boardIds()).toContain(a);
    // Deleting and undoing are two edits of the claim's row: its version moves on (another desk's save
    // made before them must be refused); everything else comes back as it was.
    const after = await ok('getClaim', { id: a });
    expect(after.stamp?.version ?? 0).toBeGreaterThan(before.stamp?.version ?? 0);
    expect({ ...after, stamp: undefined }).toEqual({ ...before, stamp: undefined });
    expect(existsSync(storedFilePath(state.ws.dataDir, onlyA))).toBe(true);
  });

  it('the purge removes the claim and the files only it used; the shared photo stays for the other claim', async () => {
    await ok('deleteClaims', { ids: [a] });
    // Inside the undo window nothing is purged.
    expect(await purgeDeletedClaims(state.ws.db, state.ws.dataDir, new Date(Date.now() - 10_000))).toEqual({
      claims: 0,
      files: 0,
    });
    const r = await purgeDeletedClaims(state.ws.db, state.ws.dataDir, new Date(Date.now() + 1000));
    expect(r).toEqual({ claims: 1, files: 1 });
    expect(await call('getClaim', { id: a })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(existsSync(storedFilePath(state.ws.dataDir, onlyA))).toBe(false);
    expect(existsSync(storedFilePath(state.ws.dataDir, shared))).toBe(true);
    const files = sqliteOf(state.ws.db).prepare('SELECT sha256 FROM files').pluck().all() as string[];
    expect(files).toContain(shared);
    expect(files).not.toContain(onlyA);
    // The other claim is untouched, its photo still readable.
    const other = await ok('getClaim', { id: b });
    expect(other.documents[0]!.pages[0]!.sha256).toBe(shared);
    expect((await ok('getThumbnail', { pageId: other.documents[0]!.pages[0]!.id })).dataUrl).toMatch(
      /^data:/,
    );
    // Too late to undo: said plainly.
    expect(await call('undeleteClaims', { ids: [a] })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });
});

// Repositories and import on a real SQLite file and a real file store.
import { sqliteOf } from '../../electron/core/db/sqlite';
import { chmodSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ClaimDeskError, InvalidInputError } from '../../electron/core/errors';
import { verifyStoredFile } from '../../electron/core/files/store';
import { importDocument } from '../../electron/core/import';
import {
  claimHistory,
  createClaim,
  createHousehold,
  createPerson,
  getClaim,
  listClaims,
  listDocuments,
  transitionClaim,
  updateClaim,
} from '../../electron/core/repo';
import { openWorkspace, type Workspace } from '../../electron/core/workspace';
import { idCheckChar } from '../../shared/validators';
import {
  SAMPLE_CLAIMANT,
  SAMPLE_INPATIENT_CLAIM,
  seedSampleClaim,
  withOverrides,
} from '../helpers/sample-claim';
import { makeTempDir } from '../helpers/tmp';

let tmp: { dir: string; cleanup: () => void };
let ws: Workspace;

const PERSON = { ...SAMPLE_CLAIMANT, relation: 'self' };
const CLAIM = withOverrides(SAMPLE_INPATIENT_CLAIM, { specialDrugs: undefined });

async function photo(name: string, seed: number): Promise<string> {
  const path = join(tmp.dir, name);
  await sharp({
    create: { width: 320, height: 240, channels: 3, background: { r: seed % 255, g: 200, b: 180 } },
  })
    .jpeg()
    .toFile(path);
  return path;
}

function claimant(): number {
  return seedSampleClaim(ws.db, { claim: null }).claimantId;
}

beforeEach(async () => {
  tmp = makeTempDir();
  ws = await openWorkspace(join(tmp.dir, 'data'));
});
afterEach(() => {
  ws.close();
  tmp.cleanup();
});

describe('households, people and claims', () => {
  it('stores a claim with its fields, a readable reference and a first history entry', () => {
    const id = createClaim(ws.db, { ...CLAIM, claimantId: claimant() }).id;
    const c = getClaim(ws.db, id);
    expect(c.reference).toMatch(/^BX\d{8}-\d{5}$/);
    expect(c.claimantName).toBe('张三');
    expect(c.fields.totalAmount).toBe(12345.67);
    expect(c.fields.crossRegion).toEqual({
      filingType: 'referral',
      filingDate: '2026-08-30',
      offline: false,
      filedPlace: null,
      startDate: null,
      endDate: null,
    });
    expect(claimHistory(ws.db, id).map((h) => h.to)).toEqual(['draft']);
  });

  it.each([
    [{ idNumber: '110105194912310021' }, 'idNumber', /校验位/],
    [{ idNumber: '110105194902300012' }, 'idNumber', /出生日期/],
    [{ relation: 'uncle' }, 'relation', /近亲属/],
    [{ phone: '12345' }, 'phone', /手机号/],
  ])('refuses a person with %o, naming the field', (patch, field, message) => {
    const h = createHousehold(ws.db, { name: '李家' });
    const err = (() => {
      try {
        createPerson(ws.db, { ...PERSON, householdId: h.id, ...patch });
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(InvalidInputError);
    expect((err as InvalidInputError).field).toBe(field);
    expect((err as InvalidInputError).zh).toMatch(message);
    expect(sqliteOf(ws.db).prepare('SELECT count(*) AS n FROM people').get()).toEqual({ n: 0 });
  });

  it('refuses a discharge date before admission and keeps what was stored', () => {
    const id = claimant();
    const ok = createClaim(ws.db, { ...CLAIM, claimantId: id });
    expect(() =>
      createClaim(ws.db, {
        ...CLAIM,
        claimantId: id,
        admissionDate: '2026-09-10',
        dischargeDate: '2026-09-01',
      }),
    ).toThrow(/出院日期2026年9月1日早于入院日期2026年9月10日/);
    expect(listClaims(ws.db).items.map((c) => c.id)).toEqual([ok.id]);
  });

  it('moves along the life cycle, refuses skipped steps, and keeps every change in the history', () => {
    const id = createClaim(ws.db, { ...CLAIM, claimantId: claimant() }).id;
    for (const to of [
      'ready',
      'submitted',
      'under_review',
      'more_info_requested',
      'submitted',
      'under_review',
      'paying',
      'paid',
    ]) {
      transitionClaim(ws.db, id, to, `to ${to}`);
    }
    expect(() => transitionClaim(ws.db, id, 'submitted')).toThrow(ClaimDeskError);
    expect(() => transitionClaim(ws.db, id, 'bogus')).toThrow(InvalidInputError);
    const history = claimHistory(ws.db, id);
    expect(history.map((h) => h.to)).toEqual([
      'draft',
      'ready',
      'submitted',
      'under_review',
      'more_info_requested',
      'submitted',
      'under_review',
      'paying',
      'paid',
    ]);
    expect(history.slice(1).every((h, i) => h.from === history[i]!.to)).toBe(true);
    expect(getClaim(ws.db, id).status).toBe('paid');
  });

  it('refuses draft → paid with a message naming both statuses', () => {
    const id = createClaim(ws.db, { ...CLAIM, claimantId: claimant() }).id;
    expect(() => transitionClaim(ws.db, id, 'paid')).toThrow(/草稿.*已到账/);
    expect(getClaim(ws.db, id).status).toBe('draft');
  });

  it('editing a ready claim sends it back to draft', () => {
    const id = createClaim(ws.db, { ...CLAIM, claimantId: claimant() }).id;
    transitionClaim(ws.db, id, 'ready');
    const c = updateClaim(ws.db, id, {
      ...CLAIM,
      claimantId: getClaim(ws.db, id).fields.claimantId,
      hospital: '复旦大学附属华山医院',
    });
    expect(c.status).toBe('draft');
    expect(c.fields.hospital).toBe('复旦大学附属华山医院');
  });

  it('searches by claimant, hospital and reference, filters by status, and pages', () => {
    const p = claimant();
    const h2 = createHousehold(ws.db, { name: '王家' });
    const wang = createPerson(ws.db, {
      ...PERSON,
      name: '王五',
      idNumber: '11010519800101001' + idCheckChar('11010519800101001'),
      householdId: h2.id,
    });
    for (let i = 0; i < 30; i++)
      createClaim(ws.db, {
        ...CLAIM,
        claimantId: i % 3 === 0 ? wang.id : p,
        hospital: i % 2 ? '仁济医院' : '华山医院',
      });
    expect(listClaims(ws.db, { search: '王五' }).total).toBe(10);
    expect(listClaims(ws.db, { search: '仁济' }).total).toBe(15);
    expect(listClaims(ws.db, { search: '仁济医院' }).total).toBe(15);
    expect(listClaims(ws.db, { search: '王' }).total).toBe(10);
    expect(listClaims(ws.db, { search: '济华' }).total).toBe(0);
    expect(listClaims(ws.db, { search: '"*' }).total).toBe(0);
    expect(listClaims(ws.db, { search: 'or "' }).total).toBe(0);
    const first = listClaims(ws.db, { pageSize: 7 });
    expect(first.total).toBe(30);
    expect(first.items).toHaveLength(7);
    const last = listClaims(ws.db, { pageSize: 7, page: 5 });
    expect(last.items).toHaveLength(2);
    const ref = first.items[0]!.reference;
    expect(listClaims(ws.db, { search: ref.toLowerCase() }).items.map((c) => c.reference)).toEqual([ref]);
    transitionClaim(ws.db, first.items[0]!.id, 'ready');
    expect(listClaims(ws.db, { status: 'ready' }).total).toBe(1);
    expect(() => listClaims(ws.db, { status: 'nope' as never })).toThrow(InvalidInputError);
  });
});

describe('importing files', () => {
  it('stores the same image imported twice only once, with two pages pointing at it', async () => {
    const id = createClaim(ws.db, { ...CLAIM, claimantId: claimant() }).id;
    const a = await photo('a.jpg', 1);
    const copy = join(tmp.dir, 'copy-of-a.jpg');
    writeFileSync(copy, readFileSync(a));
    await importDocument(ws, { claimId: id, kind: 'invoice', paths: [a] });
    const doc = await importDocument(ws, { claimId: id, kind: 'invoice', paths: [copy] });
    expect(doc.pages[0]!.originalName).toBe('copy-of-a.jpg');
    const shaDirs = readdirSync(join(ws.dataDir, 'files')).filter((d) => d !== 'tmp');
    const storedFiles = shaDirs.flatMap((d) => readdirSync(join(ws.dataDir, 'files', d)));
    expect(storedFiles).toHaveLength(1);
    expect(sqliteOf(ws.db).prepare('SELECT count(*) AS n FROM files').get()).toEqual({ n: 1 });
    expect(sqliteOf(ws.db).prepare('SELECT count(*) AS n FROM document_pages').get()).toEqual({ n: 2 });
    expect(await verifyStoredFile(ws.dataDir, doc.pages[0]!.sha256)).toBe('ok');
  });

  it('imports several files as the pages of one document, in order', async () => {
    const id = createClaim(ws.db, { ...CLAIM, claimantId: claimant() }).id;
    const files = [await photo('p1.jpg', 10), await photo('p2.jpg', 20), await photo('p3.jpg', 30)];
    const doc = await importDocument(ws, { claimId: id, kind: 'itemized_bill', paths: files });
    expect(doc.pages.map((p) => [p.position, p.originalName, p.mime])).toEqual([
      [1, 'p1.jpg', 'image/jpeg'],
      [2, 'p2.jpg', 'image/jpeg'],
      [3, 'p3.jpg', 'image/jpeg'],
    ]);
  });

  it('a missing file names the file, and nothing of the batch is stored', async () => {
    const id = createClaim(ws.db, { ...CLAIM, claimantId: claimant() }).id;
    const good = await photo('good.jpg', 5);
    await expect(
      importDocument(ws, { claimId: id, kind: 'invoice', paths: [good, join(tmp.dir, 'nope.jpg')] }),
    ).rejects.toThrow(/找不到文件.*nope\.jpg/);
    expect(listDocuments(ws.db, id)).toEqual([]);
    expect(sqliteOf(ws.db).prepare('SELECT count(*) AS n FROM files').get()).toEqual({ n: 0 });
  });

  it('refuses a text file renamed to .jpg and an unknown kind', async () => {
    const id = createClaim(ws.db, { ...CLAIM, claimantId: claimant() }).id;
    const fake = join(tmp.dir, 'fake.jpg');
    writeFileSync(fake, '这不是图片 this is not an image');
    await expect(importDocument(ws, { claimId: id, kind: 'invoice', paths: [fake] })).rejects.toThrow(
      /不支持的文件类型/,
    );
    await expect(
      importDocument(ws, { claimId: id, kind: 'receipt', paths: [await photo('x.jpg', 3)] }),
    ).rejects.toThrow(InvalidInputError);
  });

  it('an unreadable source file is reported by name and nothing is stored', async () => {
    if (process.getuid?.() === 0) {
      // root reads any file regardless of mode; a directory given as a file exercises the same path.
      const id = createClaim(ws.db, { ...CLAIM, claimantId: claimant() }).id;
      await expect(importDocument(ws, { claimId: id, kind: 'invoice', paths: [tmp.dir] })).rejects.toThrow(
        ClaimDeskError,
      );
      return;
    }
    const id = createClaim(ws.db, { ...CLAIM, claimantId: claimant() }).id;
    const locked = await photo('locked.jpg', 7);
    chmodSync(locked, 0o000);
    await expect(importDocument(ws, { claimId: id, kind: 'invoice', paths: [locked] })).rejects.toThrow(
      /locked\.jpg/,
    );
  });
});

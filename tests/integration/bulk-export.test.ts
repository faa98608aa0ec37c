// Bulk export through the handlers on a real data folder (real SQLite, real file store, real export): one
// claim whose stored photo has gone missing fails with its reason while the others are exported; names are
// readable and never overwrite; printing refuses files this app did not export, and merges those it did.
import { execFileSync } from 'node:child_process';
import { mkdir, readdir, unlink, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundleFileName, freeFileName } from '../../electron/core/export/bulk';
import { storedFilePath } from '../../electron/core/files/store';
import type { ProgressEvent } from '../../shared/ipc';
import { useIpcSession } from '../helpers/ipc-session';

const SAMPLES = resolve(import.meta.dirname, '../../resources/samples');
const printed: string[] = [];
const progress: ProgressEvent[] = [];
let folderChoice: string | null = null;
const session = useIpcSession(
  'claimdesk-bulk-',
  {
    chooseFolder: async () => folderChoice,
    printPdf: async (p) => {
      printed.push(p);
      return true;
    },
  },
  { onProgress: (e) => void progress.push(e) },
);
const { state, grants, call, ok } = session;
let dir: string;
let out: string;

beforeAll(async () => {
  dir = session.dir;
  out = join(dir, 'out');
  await mkdir(out);
});

describe('file names', () => {
  it('reads reference and person, drops characters file systems refuse', () => {
    expect(bundleFileName('BX20260901-0001', '王秀英')).toBe('BX20260901-0001-王秀英-报销材料.pdf');
    expect(bundleFileName('BX1', 'a/b:c*?')).toBe('BX1-a_b_c__-报销材料.pdf');
  });
  it('takes the next free “(n)” name instead of overwriting', async () => {
    const f = join(dir, 'names');
    await mkdir(f);
    await writeFile(join(f, 'a.pdf'), 'x');
    await writeFile(join(f, 'a (2).pdf'), 'x');
    expect(freeFileName(f, 'a.pdf', new Set())).toBe('a (3).pdf');
    expect(freeFileName(f, 'a.pdf', new Set(['a (3).pdf']))).toBe('a (4).pdf');
    expect(freeFileName(f, 'b.pdf', new Set())).toBe('b.pdf');
  });
});

describe('exportBundles', () => {
  const ids: number[] = [];
  let broken = 0;

  it('exports every claim it can, and reports the one whose photo is gone with a Chinese reason', async () => {
    const h = await ok('createHousehold', { name: '批量家' });
    const p = await ok('createPerson', {
      householdId: h.id,
      name: '王秀英',
      idNumber: '11010519491231002X',
      relation: 'self',
      insuranceType: 'employee',
      insuredRegion: '江苏省南京市',
    });
    for (const hospital of ['甲医院', '乙医院', '丙医院']) {
      const c = await ok('createClaim', {
        claimantId: p.id,
        careSetting: 'outpatient',
        hospital,
        treatmentRegion: '江苏省南京市',
        visitDate: '2026-09-10',
        crossRegion: null,
      });
      ids.push(c.id);
    }
    // The second claim gets a real photo, whose stored copy then disappears (a damaged data folder).
    broken = ids[1]!;
    const [grant] = await grants.grant([join(SAMPLES, 'invoice.jpg')]);
    const doc = await ok('importDocument', { claimId: broken, kind: 'invoice', files: [grant!.token] });
    await unlink(storedFilePath(state.ws.dataDir, doc.pages[0]!.sha256));

    folderChoice = null;
    expect(await ok('exportBundles', { ids })).toBeNull(); // dialog closed: nothing written
    expect(await readdir(out)).toEqual([]);

    folderChoice = out;
    progress.length = 0;
    const r = await ok('exportBundles', { ids });
    expect(r!.folder).toBe(out);
    const byId = new Map(r!.items.map((i) => [i.claimId, i]));
    expect(byId.get(broken)).toMatchObject({ outcome: 'failed', path: null });
    expect(byId.get(broken)!.reason).toMatch(/[\u4e00-\u9fff]/);
    for (const id of [ids[0]!, ids[2]!]) {
      const item = byId.get(id)!;
      expect(item).toMatchObject({ outcome: 'done', incomplete: true });
      const text = execFileSync('pdftotext', [item.path!, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
      expect(text).toContain(item.reference);
    }
    expect((await readdir(out)).filter((f) => f.endsWith('.pdf'))).toHaveLength(2);
    // One bar counted in claims: 0/3, 1/3, 2/3 with each claim's reference, then 3/3.
    const batch = progress.filter((e) => e.task === 'batch');
    expect(batch.map((e) => `${e.done}/${e.total}`)).toEqual(['0/3', '1/3', '2/3', '3/3']);
    expect(batch[1]!.label).toContain(byId.get(broken)!.reference);
  });

  it('a second export into the same folder keeps the first files and adds “(2)” copies', async () => {
    const before = await readdir(out);
    const r = await ok('exportBundles', { ids: [ids[0]!] });
    expect(r!.items[0]!.path).toMatch(/ \(2\)\.pdf$/);
    const after = await readdir(out);
    for (const f of before) expect(after).toContain(f);
    expect(after).toHaveLength(before.length + 1);
  });

  it('prints exported bundles as one merged job, and refuses any other file', async () => {
    const files = (await readdir(out)).filter((f) => f.endsWith('.pdf')).map((f) => join(out, f));
    let pages = 0;
    for (const f of files) pages += (await PDFDocument.load(await readFile(f))).getPageCount();
    const r = await ok('printBundles', { paths: files });
    expect(r).toEqual({ printed: true, pages });
    expect(printed).toHaveLength(1);
    const stranger = join(dir, 'stranger.pdf');
    await writeFile(stranger, '%PDF-1.4');
    expect(await call('printBundles', { paths: [stranger] })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(printed).toHaveLength(1);
  });
});

// The channel handlers on a real data folder (real SQLite file, real sharp, the real quality checker and rule
// engine), through the same dispatcher the window uses. Only the dialogs and the shell are stand-ins.
import { sqliteOf } from '../../electron/core/db/sqlite';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { useIpcSession } from '../helpers/ipc-session';
import { dispatch } from '../../electron/core/api/dispatch';
import { exportInWorker } from '../../electron/core/api/export-in-worker';
import { FileGrants, GRANT_LIFETIME_MS } from '../../electron/core/api/grants';
import { createHandlers, type Platform } from '../../electron/core/api/handlers';
import { openWorkspace } from '../../electron/core/workspace';
import { readDataLocation, writeDataLocation } from '../../electron/main/data-location';
import { IPC_METHODS, type IpcMethod } from '../../shared/ipc';

const SAMPLES = resolve(import.meta.dirname, '../../resources/samples');
const shell: Array<[string, string]> = [];
let nextSave: string | null = null;

const session = useIpcSession('claimdesk-ipc-', {
  chooseSavePath: async () => nextSave,
  openPath: async (p) => void shell.push(['open', p]),
  showInFolder: async (p) => void shell.push(['show', p]),
  printPdf: async (p) => (shell.push(['print', p]), true),
});
const { state, grants, call, ok } = session;

describe('handlers on a real data folder', () => {
  let claimId = 0;
  let pageIds: number[] = [];

  it('creates a household, a person and a claim, and lists it with its deadline', async () => {
    const h = await ok('createHousehold', { name: '王家' });
    const p = await ok('createPerson', {
      householdId: h.id,
      name: '王秀英',
      idNumber: '11010519491231002X',
      relation: 'self',
      insuranceType: 'employee',
      insuredRegion: '北京市',
    });
    const bad = await call('createPerson', {
      householdId: h.id,
      name: '错号',
      idNumber: '110105194912310021',
      relation: 'self',
      insuranceType: 'employee',
      insuredRegion: '北京市',
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'idNumber' } });
    const c = await ok('createClaim', {
      claimantId: p.id,
      careSetting: 'inpatient',
      hospital: '上海市第一人民医院',
      treatmentRegion: '上海市',
      admissionDate: '2026-09-01',
      dischargeDate: '2026-09-10',
      crossRegion: { filingType: 'referral', filingDate: '2026-08-30' },
    });
    claimId = c.id;
    const list = await ok('listClaims', { search: '第一人民' });
    expect(list.total).toBe(1);
    // National pack: six months after discharge; 2026-10-01 → 2027-03-10.
    expect(list.items[0]!.deadline).toMatchObject({ date: '2027-03-10', daysLeft: 160, dueSoon: false });
  });

  it('imports granted files only, checks each page, and draws thumbnails', async () => {
    const forged = await call('importDocument', {
      claimId,
      kind: 'invoice',
      files: ['AAAAAAAAAAAAAAAAAAAAAAAA'],
    });
    expect(forged).toMatchObject({ ok: false, error: { code: 'file_missing' } });

    const blurred = join(session.dir, 'blurred.jpg');
    await sharp(join(SAMPLES, 'invoice.jpg')).blur(5).jpeg().toFile(blurred);
    const g = await grants.grant(
      [join(SAMPLES, 'invoice.jpg'), blurred, join(SAMPLES, 'itemized-bill.jpg')],
      ['发票1.jpg', '发票2.jpg', '清单.jpg'],
    );
    const doc = await ok('importDocument', { claimId, kind: 'invoice', files: g.map((x) => x.token) });
    pageIds = doc.pages.map((p) => p.id);
    expect(doc.pages.map((p) => p.originalName)).toEqual(['发票1.jpg', '发票2.jpg', '清单.jpg']);
    const verdicts = doc.pages.map((p) => (p.quality as { verdict: string }).verdict);
    expect(verdicts[1]).toBe('fail');

    const quality = await ok('getPageQuality', { pageId: pageIds[1] });
    expect(quality?.findings.map((f) => f.code)).toContain('blurry');

    const thumb = await ok('getThumbnail', { pageId: pageIds[0], maxSize: 200 });
    expect(thumb.dataUrl).toMatch(/^data:image\/jpeg;base64,/);
    const meta = await sharp(Buffer.from(thumb.dataUrl!.split(',')[1]!, 'base64')).metadata();
    expect(meta.format).toBe('jpeg');
    expect(Math.max(meta.width!, meta.height!)).toBe(200);
  });

  it('moves, replaces and removes pages', async () => {
    const moved = await ok('movePage', { pageId: pageIds[2], direction: 'up' });
    expect(moved.pages.map((p) => p.originalName)).toEqual(['发票1.jpg', '清单.jpg', '发票2.jpg']);
    const top = await ok('movePage', { pageId: pageIds[0], direction: 'up' });
    expect(top.pages[0]!.id).toBe(pageIds[0]);

    const [g] = await grants.grant([join(SAMPLES, 'referral.jpg')], ['重拍.jpg']);
    const replaced = await ok('replacePage', { pageId: pageIds[1], file: g!.token });
    expect(replaced).toMatchObject({ id: pageIds[1], originalName: '重拍.jpg', position: 3 });
    expect((replaced.quality as { verdict: string }).verdict).not.toBe('fail');

    await ok('removePage', { pageId: pageIds[2] });
    let detail = await ok('getClaim', { id: claimId });
    expect(detail.documents[0]!.pages.map((p) => p.position)).toEqual([1, 2]);
    await ok('removePage', { pageId: pageIds[0] });
    await ok('removePage', { pageId: pageIds[1] });
    detail = await ok('getClaim', { id: claimId });
    // The last page gone takes its document with it: no empty document is left behind.
    expect(detail.documents).toEqual([]);
    expect(await call('removePage', { pageId: pageIds[1] })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });

  it('evaluates the claim with the rule engine', async () => {
    const report = await ok('evaluateClaim', { id: claimId });
    expect(report.complete).toBe(false);
    expect(report.requirements.find((r) => r.id === 'referral-certificate')).toMatchObject({
      status: 'missing',
    });
    expect(report.requirements.every((r) => r.source.length > 0)).toBe(true);
  });

  it('refuses to export an incomplete claim unless asked, and opens only what it exported', async () => {
    nextSave = join(session.dir, 'out', '报销.pdf');
    await rm(join(session.dir, 'out'), { recursive: true, force: true });
    await import('node:fs/promises').then((fs) => fs.mkdir(join(session.dir, 'out')));
    expect(await call('exportBundle', { claimId, withImages: false })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });

    const [g] = await grants.grant([join(SAMPLES, 'invoice.jpg')]);
    await ok('importDocument', { claimId, kind: 'invoice', files: [g!.token] });
    const r = await ok('exportBundle', { claimId, withImages: true, allowIncomplete: true });
    expect(r?.path).toBe(nextSave);
    expect(r?.pages).toBeGreaterThanOrEqual(4);
    expect(r?.images.length).toBe(1);

    expect(await call('openExported', { path: '/etc/passwd' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await call('printExported', { path: `${nextSave}/../报销.pdf` })).toMatchObject({ ok: false });
    await ok('openExported', { path: nextSave });
    await ok('showExportedInFolder', { path: r!.imagesDir! });
    await ok('printExported', { path: nextSave });
    expect(shell).toEqual([
      ['open', nextSave],
      ['show', r!.imagesDir],
      ['print', nextSave],
    ]);
    nextSave = null;
    expect(await ok('exportBundle', { claimId, withImages: false, allowIncomplete: true })).toBeNull();
  });

  it('builds the same bundle in a worker thread, with progress, as the desktop app does', async () => {
    const out = join(session.dir, 'out', '报销-worker.pdf');
    const progress: string[] = [];
    const worker = {
      url: new URL('../helpers/ts-worker.mjs', import.meta.url),
      argv: [resolve(import.meta.dirname, '../../electron/core/api/export-worker.ts')],
    };
    const r = await exportInWorker(worker, state.ws.dataDir, {
      claimId,
      outFile: out,
      imagesDir: null,
      allowIncomplete: true,
      today: '2026-10-01',
      onProgress: (done, total, label) => progress.push(`${done}/${total} ${label}`),
    });
    expect(r.pages).toBeGreaterThanOrEqual(4);
    // One step per stored file prepared, then one for laying out the PDF.
    const files = (await ok('getClaim', { id: claimId })).documents.reduce((n, d) => n + d.pages.length, 0);
    expect(files).toBeGreaterThan(0);
    for (let k = 1; k <= files; k++)
      expect(progress).toContainEqual(expect.stringMatching(`^${k}/${files + 1} `));
    expect(progress.at(-1)).toBe(`${files + 1}/${files + 1} 完成`);
    const refused = exportInWorker(worker, state.ws.dataDir, {
      claimId,
      outFile: join(session.dir, 'out', 'x.pdf'),
      imagesDir: null,
      allowIncomplete: false,
      today: '2026-10-01',
      onProgress: () => undefined,
    });
    await expect(refused).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('keeps settings, and backs up and restores the database', async () => {
    expect(await ok('getSettings', {})).toEqual({ language: 'zh-CN', textSize: 'normal', maskNumbers: true });
    await ok('saveSettings', { language: 'en', textSize: 'x-large', maskNumbers: false });
    const backup = await ok('createBackup', {});
    expect((await ok('listBackups', {})).map((b) => b.name)).toContain(backup.name);
    await ok('createClaim', {
      claimantId: 1,
      careSetting: 'outpatient',
      hospital: '备份后新增',
      treatmentRegion: '北京市',
      visitDate: '2026-09-20',
    });
    expect((await ok('listClaims', {})).total).toBe(2);

    expect(await call('restoreBackup', { name: '../claimdesk.sqlite3' })).toMatchObject({ ok: false });
    const restored = await ok('restoreBackup', { name: backup.name });
    expect(restored.claims).toBe(1);
    expect(restored.missingFiles).toBe(0);
    expect((await ok('listClaims', {})).total).toBe(1);
    expect((await ok('getSettings', {})).textSize).toBe('x-large');
    // The database that was replaced is kept, so the restore itself can be undone.
    expect((await ok('listBackups', {})).map((b) => b.kind)).toContain('pre-restore');

    expect(await ok('getBackupSchedule', {})).toMatchObject({ enabled: true });
    expect(await ok('saveBackupSchedule', { everyHours: 12, keep: 5 })).toMatchObject({
      everyHours: 12,
      keep: 5,
    });
    expect(await call('saveBackupSchedule', { keep: 0 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', field: 'keep' },
    });
  });
});

describe('file grants', () => {
  it('forget tokens after their lifetime and refuse folders', async () => {
    let now = 1_000;
    const g = new FileGrants(() => now);
    const f = join(session.dir, 'a.txt');
    await writeFile(f, 'x');
    const [grant] = await g.grant([f]);
    expect(g.resolve(grant!.token).path).toBe(f);
    expect(grant!.token).toMatch(/^[A-Za-z0-9_-]{24}$/);
    now += GRANT_LIFETIME_MS + 1;
    expect(() => g.resolve(grant!.token)).toThrow(/失效/);
    await expect(g.grant([session.dir])).rejects.toThrow(/文件夹/);
    await expect(g.grant([join(session.dir, 'missing.jpg')])).rejects.toThrow(/找不到/);
  });
});

describe('changing the data folder', () => {
  it('is unavailable where the shell cannot restart', async () => {
    expect(await call('changeDataDir', {})).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });

  it('opens the new folder before switching, and refuses one it cannot use', async () => {
    const switched: string[] = [];
    let choice: string | null = join(session.dir, '新数据');
    const platform: Platform = {
      shell: 'electron',
      version: 'test',
      chooseFiles: async () => [],
      chooseSavePath: async () => null,
      openPath: async () => undefined,
      showInFolder: async () => undefined,
      printPdf: async () => true,
      chooseDataFolder: async () => choice,
      switchDataFolder: async (d) => void switched.push(d),
    };
    const h = createHandlers(state, platform);
    // One handler per channel of the catalogue, each answered by exactly one concern module.
    expect(Object.keys(h).sort()).toEqual([...IPC_METHODS].sort());
    const run = (m: IpcMethod) =>
      dispatch(h, m, {}, { emitProgress: () => undefined }, { validateResponses: true });
    expect(await run('changeDataDir')).toEqual({ ok: true, value: { dataDir: choice, restarting: true } });
    expect(switched).toEqual([choice]);
    const probe = await openWorkspace(choice!);
    expect((sqliteOf(probe.db).prepare('SELECT count(*) AS n FROM claims').get() as { n: number }).n).toBe(0);
    probe.close();

    choice = null;
    expect(await run('changeDataDir')).toEqual({ ok: true, value: null });
    const aFile = join(session.dir, 'not-a-folder');
    await writeFile(aFile, 'x');
    choice = aFile;
    const refused = await run('changeDataDir');
    expect(refused.ok).toBe(false);
    expect(switched).toHaveLength(1);
  });

  it('remembers the folder in a pointer file, ignoring a damaged one', async () => {
    const cfg = await mkdtemp(join(tmpdir(), 'claimdesk-cfg-'));
    expect(readDataLocation(cfg)).toBeNull();
    await writeDataLocation(cfg, '/srv/claimdesk');
    expect(readDataLocation(cfg)).toBe('/srv/claimdesk');
    await writeFile(join(cfg, 'data-location.json'), '{"dataDir": "relative/path"}');
    expect(readDataLocation(cfg)).toBeNull();
    await writeFile(join(cfg, 'data-location.json'), '{broken');
    expect(readDataLocation(cfg)).toBeNull();
    await rm(cfg, { recursive: true, force: true });
  });
});

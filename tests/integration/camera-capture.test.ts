// The capture view's calls through the dispatcher the window uses, on a real data folder: a preview frame
// checked in the live worker thread (the same verdict as in this thread), a photo taken kept in captures/,
// granted and imported like any dropped stack (read, sorted under its requirement, its checks stored), and
// the kept photo removed once its bytes are stored — never before.
import { readdir, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capturesDir, pruneCaptures } from '../../electron/core/api/captures';
import { dispatch, type ApiHandlers } from '../../electron/core/api/dispatch';
import { FileGrants } from '../../electron/core/api/grants';
import { createHandlers, type ApiState } from '../../electron/core/api/handlers';
import { LiveFrameWorker } from '../../electron/core/api/live-in-worker';
import { analyseLiveFrame, liveRaster, motionGrid } from '../../electron/core/quality/live';
import { openWorkspace } from '../../electron/core/workspace';
import { LIVE_MAX_SIDE } from '../../shared/capture';
import type { Envelope, IpcMethod, IpcResponse } from '../../shared/ipc';
import { CENTRED, jpegOf, previewOf, samplePaper, shoot } from '../helpers/camera-scenes';
import { seedSampleClaim } from '../helpers/sample-claim';
import { makeTempDir } from '../helpers/tmp';

const WORKER = {
  url: new URL('../helpers/ts-worker.mjs', import.meta.url),
  argv: [resolve(import.meta.dirname, '../../electron/core/api/live-worker.ts')],
};
const W = 1600;
const H = 1200;

let tmp: { dir: string; cleanup: () => void };
let state: ApiState;
let live: LiveFrameWorker;
let handlers: ApiHandlers;
let claimId: number;

async function call<M extends IpcMethod>(method: M, payload: unknown): Promise<Envelope<IpcResponse<M>>> {
  return (await dispatch(
    handlers,
    method,
    payload,
    { emitProgress: () => undefined },
    {
      validateResponses: true,
    },
  )) as Envelope<IpcResponse<M>>;
}
async function ok<M extends IpcMethod>(method: M, payload: unknown): Promise<IpcResponse<M>> {
  const r = await call(method, payload);
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.value;
}

beforeAll(async () => {
  tmp = makeTempDir('claimdesk-camera-');
  state = { ws: await openWorkspace(join(tmp.dir, 'data')) };
  live = new LiveFrameWorker(WORKER);
  handlers = createHandlers(
    state,
    {
      shell: 'test',
      version: 'test',
      chooseFiles: async () => [],
      chooseSavePath: async () => null,
      openPath: async () => undefined,
      showInFolder: async () => undefined,
      printPdf: async () => false,
      today: () => '2026-10-01',
    },
    new FileGrants(),
    undefined,
    undefined,
    live.analyse,
  );
  claimId = seedSampleClaim(state.ws.db).claimId!;
});
afterAll(async () => {
  await live.close();
  state.ws.close();
  tmp.cleanup();
});

describe('a preview frame through analyseLiveFrame', () => {
  it('is checked in the live worker with the verdict analyseLiveFrame gives in this thread', async () => {
    const p = await previewOf(
      await shoot(W, H, { paper: await samplePaper('invoice'), at: CENTRED }),
      W,
      H,
      LIVE_MAX_SIDE,
    );
    const frame = { ...p, captureWidth: W, captureHeight: H };
    const grid = motionGrid(liveRaster(frame));
    const here = analyseLiveFrame({ ...frame, previousGrid: grid });
    const v = await ok('analyseLiveFrame', {
      width: p.width,
      height: p.height,
      rgb: Buffer.from(p.rgb).toString('base64'),
      captureWidth: W,
      captureHeight: H,
      previousGrid: Buffer.from(grid).toString('base64'),
    });
    expect(v.instruction).toBe('ready');
    expect(v).toMatchObject({
      instruction: here.instruction,
      paper: here.paper,
      passing: here.passing,
      still: here.still,
      outline: here.outline,
      motion: here.motion,
    });
    expect(Buffer.from(v.grid, 'base64')).toEqual(Buffer.from(here.grid));
    expect(Buffer.from(v.signature!, 'base64')).toEqual(Buffer.from(here.signature!.buffer));
    // The signature comes back for the paper taken: the same frame is then the same paper.
    const again = await ok('analyseLiveFrame', {
      width: p.width,
      height: p.height,
      rgb: Buffer.from(p.rgb).toString('base64'),
      captureWidth: W,
      captureHeight: H,
      previousGrid: v.grid,
      takenSignatures: [v.signature],
    });
    expect(again.sameAsTaken).toBe(true);
  }, 60_000);

  it('refuses a frame whose pixels do not match its size, naming it', async () => {
    const r = await call('analyseLiveFrame', {
      width: 64,
      height: 48,
      rgb: Buffer.alloc(100).toString('base64'),
      captureWidth: 640,
      captureHeight: 480,
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input', message: '画面数据不完整' } });
    const big = await call('analyseLiveFrame', {
      width: 4000,
      height: 3000,
      rgb: '',
      captureWidth: 1,
      captureHeight: 1,
    });
    expect(big.ok).toBe(false);
  });
});

describe('a photo taken', () => {
  it('is kept in captures/, then imported like a dropped stack: read, sorted, checked', async () => {
    const jpeg = await jpegOf(
      await shoot(W, H, { paper: await samplePaper('invoice'), at: CENTRED }),
      W,
      H,
      90,
    );
    const grant = await ok('saveCapture', { type: 'image/jpeg', photo: jpeg.toString('base64') });
    expect(grant.name).toMatch(/^拍照-\d{8}-\d{6}-\d+\.jpg$/);
    expect(grant.size).toBe(jpeg.length);
    const kept = join(capturesDir(state.ws.dataDir), grant.name);
    expect((await stat(kept)).size).toBe(jpeg.length);

    const result = await ok('importStack', { claimId, files: [grant.token] });
    expect(result.rejected).toEqual([]);
    expect(result.placed).toHaveLength(1);
    expect(result.placed[0]).toMatchObject({ kind: 'invoice', name: grant.name });
    const q = await ok('getPageQuality', { pageId: result.placed[0]!.pageId });
    expect(q!.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const report = await ok('evaluateClaim', { id: claimId });
    // The paper is the claim's first document and fills its requirement (which then compares what was read
    // off it: the sample invoice names 王秀英, the seeded claimant is someone else).
    const invoice = report.requirements.find((r) => r.id === 'invoice');
    expect(invoice?.documents).toEqual([0]);
    expect(invoice?.status).not.toBe('missing');
    expect(report.problems.map((p) => p.code)).toContain('name_mismatch');

    // Another photo, never stored (the person left before creating the claim), stays at the clean-up;
    // the stored one goes.
    const other = await ok('saveCapture', {
      type: 'image/jpeg',
      photo: (await jpegOf(await shoot(W, H, {}), W, H)).toString('base64'),
    });
    expect(await pruneCaptures(state.ws.dataDir)).toBe(1);
    expect(await readdir(capturesDir(state.ws.dataDir))).toEqual([other.name]);
  }, 180_000);

  it('on 新建报销 is read without being stored, and a blurred one says why to take it again', async () => {
    const diagnosis = await samplePaper('diagnosis');
    const photo = async (defocusSigma: number) =>
      ok('saveCapture', {
        type: 'image/jpeg',
        photo: (
          await jpegOf(await shoot(W, H, { paper: diagnosis, at: CENTRED, defocusSigma }), W, H, 90)
        ).toString('base64'),
      });
    const good = await photo(0);
    const blurred = await photo(5);
    const r = await ok('readStack', { files: [good.token, blurred.token] });
    expect(r.read.map((x) => x.name)).toEqual([good.name, blurred.name]);
    expect(r.read[0]!.kind).toBe('diagnosis_certificate');
    expect(r.read[0]!.retake).toEqual([]);
    expect(r.read[1]!.retake!.map((f) => f.code)).toContain('blurry');
  }, 180_000);

  it('refuses bytes that are not the photo the camera said, writing nothing', async () => {
    const before = await readdir(capturesDir(state.ws.dataDir));
    const r = await call('saveCapture', {
      type: 'image/jpeg',
      photo: Buffer.from('<html>').toString('base64'),
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'unsupported_file' } });
    expect(await readdir(capturesDir(state.ws.dataDir))).toEqual(before);
  });

  it('keeps a photo never stored for 30 days, then lets it go', async () => {
    const dir = capturesDir(state.ws.dataDir);
    const name = '拍照-20260101-080000-99.jpg';
    await writeFile(join(dir, name), Buffer.from([0xff, 0xd8, 0xff, 0xe0]));
    expect(await pruneCaptures(state.ws.dataDir, Date.now() + 29 * 86_400_000)).toBe(0);
    expect(await readdir(dir)).toContain(name);
    expect(await pruneCaptures(state.ws.dataDir, Date.now() + 31 * 86_400_000)).toBeGreaterThanOrEqual(1);
    expect(await readdir(dir)).not.toContain(name);
  });
});

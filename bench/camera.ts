// The camera (issue 24). Targets: live analysis ≤ 30 ms per 1280×720 frame (p95); the preview ≥ 24 fps
// while analysing; capture-to-sorted ≤ 3 s per paper.
//  1. In Node, the live checks per 1280×720 frame: frames filmed from the sample papers (still, a hand
//     sliding one in, under a hotspot, out of focus, a bare desk), scaled to the 640-px preview as the view
//     does, sent through the camera handler (base64 in, verdict out) to the live worker thread. Beside it,
//     the same worker checking the whole 1280×720 frame (what checking full frames would cost), same frames,
//     rounds interleaved. The worker is the built one the app starts (dist/app/live-worker.mjs): run from
//     source through tsx, every closure the pixel loops make gets a name set on it (esbuild's keepNames),
//     which made a bare-desk frame ~3× slower than in the app.
//  2. The capture path against the drop path, in Node: one photo kept by main then imported as a stack
//     (saveCapture + importStack), and the same photo dropped (importStack), interleaved: the camera's own
//     cost on top of the normal path.
//  3. In Chromium with the fake camera (tests/e2e/camera-bench.spec.ts): the preview's frame rate while
//     analysing beside the camera with no analysis, the renderer's round trip per frame, capture-to-sorted.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cameraHandlers } from '../electron/core/api/handlers/camera';
import { FileGrants } from '../electron/core/api/grants';
import { LiveFrameWorker } from '../electron/core/api/live-in-worker';
import { importStack } from '../electron/core/import-stack';
import { openWorkspace } from '../electron/core/workspace';
import { LIVE_MAX_SIDE } from '../shared/capture';
import { CENTRED, jpegOf, previewOf, samplePaper, shoot, type Shot } from '../tests/helpers/camera-scenes';
import { seedSampleClaim } from '../tests/helpers/sample-claim';
import { makeTempDir } from '../tests/helpers/tmp';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const W = 1280;
const H = 720;

function pct(values: readonly number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length === 0 ? 0 : s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}
const ms = (v: number) => `${v.toFixed(1)} ms`;

async function scenes(): Promise<Shot[]> {
  const invoice = await samplePaper('invoice');
  const diagnosis = await samplePaper('diagnosis');
  const shots: Shot[] = [
    {},
    { paper: invoice, at: CENTRED },
    { paper: diagnosis, at: CENTRED },
    { paper: diagnosis, at: CENTRED, glareAt: { x: 0.5, y: 0.4 } },
    { paper: invoice, at: CENTRED, defocusSigma: 3 },
  ];
  for (let i = 0; i < 10; i++)
    shots.push({
      paper: invoice,
      at: { ...CENTRED, cx: 1.2 - i * 0.07 },
      hand: { x: 1.4 - i * 0.07, y: 0.55 },
      smearPx: 14,
    });
  return shots;
}

async function liveChecks(): Promise<void> {
  const tmp = makeTempDir('claimdesk-bench-camera-');
  const worker = new LiveFrameWorker({ url: resolve(REPO, 'dist/app/live-worker.mjs') });
  try {
    const handlers = cameraHandlers({
      state: { ws: { dataDir: tmp.dir } },
      grants: new FileGrants(),
      analyseLive: worker.analyse,
    });
    const frames = [];
    for (const shot of await scenes()) {
      const rgb = await shoot(W, H, shot);
      const p = await previewOf(rgb, W, H, LIVE_MAX_SIDE);
      frames.push({ full: rgb, preview: p, b64: Buffer.from(p.rgb).toString('base64') });
    }
    // Warm the worker (its first frame loads the module).
    await handlers.analyseLiveFrame({
      width: frames[0]!.preview.width,
      height: frames[0]!.preview.height,
      rgb: frames[0]!.b64,
      captureWidth: W,
      captureHeight: H,
    });
    const live: number[] = [];
    const inWorker: number[] = [];
    const full: number[] = [];
    // CPU time of the process (this thread waiting, the worker checking) per call: what the load stretches less.
    const liveCpu: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      let grid: string | null = null;
      for (const f of frames) {
        const t0 = performance.now();
        const c0 = process.cpuUsage();
        const v = await handlers.analyseLiveFrame({
          width: f.preview.width,
          height: f.preview.height,
          rgb: f.b64,
          captureWidth: W,
          captureHeight: H,
          previousGrid: grid,
        });
        live.push(performance.now() - t0);
        const c = process.cpuUsage(c0);
        liveCpu.push((c.user + c.system) / 1000);
        inWorker.push(v.elapsedMs);
        grid = v.grid;
        // A copy each time: the worker is handed the frame's buffer.
        const rgb = new Uint8Array(f.full);
        const t1 = performance.now();
        await worker.analyse({ width: W, height: H, rgb, captureWidth: W, captureHeight: H });
        full.push(performance.now() - t1);
      }
    }
    console.log(
      `live checks per 1280×720 frame (${live.length} frames: still, sliding in, glare, out of focus, bare desk; target p95 ≤ 30 ms):\n` +
        `  preview 640×360 through the handler and the live worker: p50 ${ms(pct(live, 50))} · p95 ${ms(pct(live, 95))} · max ${ms(Math.max(...live))}\n` +
        `  its CPU time (all threads) per frame: p50 ${ms(pct(liveCpu, 50))} · p95 ${ms(pct(liveCpu, 95))}\n` +
        `  the same worker on the whole 1280×720 frame (peer): p50 ${ms(pct(full, 50))} · p95 ${ms(pct(full, 95))}\n` +
        `  ratio live/peer p95: ${(pct(live, 95) / pct(full, 95)).toFixed(2)}×`,
    );
  } finally {
    await worker.close();
    tmp.cleanup();
  }
}

async function captureVsDrop(): Promise<void> {
  const tmp = makeTempDir('claimdesk-bench-capture-');
  const ws = await openWorkspace(join(tmp.dir, 'data'));
  try {
    const claimId = seedSampleClaim(ws.db).claimId;
    const grants = new FileGrants();
    const handlers = cameraHandlers({
      state: { ws },
      grants,
      analyseLive: async () => {
        throw new Error('not used');
      },
    });
    const papers = ['invoice', 'diagnosis', 'itemized-bill'];
    const capture: number[] = [];
    const drop: number[] = [];
    for (let round = 0; round < Math.max(1, Math.min(ROUNDS, 3)); round++)
      for (const [i, name] of papers.entries()) {
        const shot = {
          paper: await samplePaper(name),
          at: { ...CENTRED, cx: 0.5 + 0.01 * round + 0.003 * i },
        };
        // Distinct bytes each time (a stack refuses the same file twice).
        const jpeg = await jpegOf(await shoot(1600, 1200, shot), 1600, 1200, 90 - round);
        const dropped = join(tmp.dir, `drop-${round}-${i}.jpg`);
        writeFileSync(
          dropped,
          await jpegOf(await shoot(1600, 1200, { ...shot, light: 0.99 }), 1600, 1200, 90 - round),
        );
        const t0 = performance.now();
        const g = await handlers.saveCapture({ type: 'image/jpeg', photo: jpeg.toString('base64') });
        await importStack(ws, { claimId, files: [grants.resolve(g.token)] });
        capture.push(performance.now() - t0);
        const t1 = performance.now();
        await importStack(ws, { claimId, files: [{ path: dropped, name: `drop-${i}.jpg` }] });
        drop.push(performance.now() - t1);
      }
    console.log(
      `a 1600×1200 photo to its requirement in Node, in this thread (check, OCR reading, store, sort; ${capture.length} photos each way, interleaved):\n` +
        `  taken (saveCapture + importStack): median ${ms(pct(capture, 50))} · max ${ms(Math.max(...capture))}\n` +
        `  dropped (importStack, the peer):   median ${ms(pct(drop, 50))} · max ${ms(Math.max(...drop))}\n` +
        `  ratio taken/dropped, median: ${(pct(capture, 50) / pct(drop, 50)).toFixed(2)}×`,
    );
  } finally {
    ws.close();
    tmp.cleanup();
  }
}

function inBrowser(): void {
  const out = join(REPO, 'test-results', 'camera-bench.json');
  rmSync(out, { force: true });
  const test = spawnSync('npx', ['playwright', 'test', 'tests/e2e/camera-bench.spec.ts', '--reporter=line'], {
    cwd: REPO,
    stdio: 'inherit',
    env: { ...process.env, CLAIMDESK_BENCH_CAMERA: '1' },
  });
  if (test.status !== 0) process.exitCode = 1;
  // The spec keeps the preview's figures before the capture part: print what it measured.
  if (!existsSync(out)) return;
  const f = JSON.parse(readFileSync(out, 'utf8')) as {
    fpsPeer: number;
    fpsLive: number;
    checksPerSecond: number;
    roundTripP50: number;
    roundTripP95: number;
    workerP95: number;
    grabP95: number;
    captureToSortedMs?: number[];
  };
  console.log(
    `in Chromium, fake camera 1280×720 at 30 fps (target ≥ 24 fps while analysing):\n` +
      `  preview while the view checks every new frame: ${f.fpsLive.toFixed(1)} fps; the camera alone (peer): ${f.fpsPeer.toFixed(1)} fps; ratio ${(f.fpsLive / f.fpsPeer).toFixed(2)}\n` +
      `  ${f.checksPerSecond.toFixed(1)} checks a second; round trip p50 ${ms(f.roundTripP50)} · p95 ${ms(f.roundTripP95)} (main's part p95 ${ms(f.workerP95)}; the renderer's grab, scale and encode p95 ${ms(f.grabP95)})\n` +
      `capture-to-sorted in the app (photo in the strip → placed under its requirement, 1600×1200, target ≤ 3 s): ${f.captureToSortedMs ? f.captureToSortedMs.map((t) => `${(t / 1000).toFixed(1)} s`).join(', ') : 'not measured (the capture part failed, see above)'}`,
  );
}

export async function run(): Promise<void> {
  // The app as built: the live worker for part 1, the renderer for part 3 (`npm run bench` builds Node only).
  const build = spawnSync('node', ['scripts/build.mjs'], { cwd: REPO, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('build failed');
  await liveChecks();
  await captureVsDrop();
  inBrowser();
}

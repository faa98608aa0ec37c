// Does the window stay responsive while 20 phone photos (12 MP) are imported through 整叠放入? The real
// renderer in Chromium, the real check worker with the real OCR models, the files chosen with 选择文件… (as
// in the desktop app, only paths travel, not bytes). While they are read, the page records:
//   - the gaps of a 50 ms interval timer and of requestAnimationFrame (how long the page's own event loop
//     was blocked: a click in that time waits for it), and
//   - the round trip of a cheap call to main (getSettings) every 100 ms (main's event loop, IPC included).
// Bound: 200 ms. Below ~100 ms a response feels instant; past 200 ms a click or key feels ignored (the
// usual response-time limits, e.g. RAIL's 100 ms and Chrome's long-task budgets). Longest and 95th
// percentile are printed and written to test-results/import-responsiveness.json.
// Takes 2–4 minutes on a 2-core machine, so it runs in `npm run bench import`, not in the e2e suite.
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import sharp from 'sharp';
import { expect, test, openFirstClaim } from './fixtures';
import { seedPerson, seedShanghaiClaim } from './support/api';
import { SAMPLES_DIR } from './support/sample-photos';

/** Longer than this, a click or key press feels ignored. */
const MAX_STALL_MS = 200;
const PHOTOS = 20;
const PAPERS = ['invoice', 'itemized-bill', 'diagnosis', 'discharge-summary', 'id-card'];

function percentile(values: readonly number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length === 0 ? 0 : s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}

// Playwright's trace serialises the page's DOM at every action and expect poll, on the page's own thread:
// the measurement must not count its own recorder.
test.use({ trace: 'off' });

test.skip(
  process.env.CLAIMDESK_BENCH_IMPORT !== '1',
  'a 2–4 minute measurement: run it with `npm run bench import`',
);

test('20 photos imported through 整叠放入 keep the window responsive', async ({ app: page, server }) => {
  test.setTimeout(900_000);
  const dir = await mkdtemp(join(tmpdir(), 'claimdesk-import-resp-'));
  // 20 distinct 12-MP photos (3000×4000) of the sample papers, each with its own exposure.
  const photos: string[] = [];
  for (let i = 0; i < PHOTOS; i++) {
    const file = join(dir, `照片-${String(i + 1).padStart(2, '0')}.jpg`);
    await sharp(join(SAMPLES_DIR, `${PAPERS[i % PAPERS.length]}.jpg`))
      .rotate()
      .resize(3000, 4000, { fit: 'fill' })
      .modulate({ brightness: 0.94 + (i % 7) * 0.015 })
      .jpeg({ quality: 90 })
      .toFile(file);
    photos.push(file);
  }
  const claimant = await seedPerson(server, '王秀英');
  await seedShanghaiClaim(server, claimant);
  await openFirstClaim(page);
  const stack = page.locator('section.stack-drop');
  await expect(stack.getByRole('heading', { name: '整叠放入' })).toBeVisible();

  // The recorder, in the page. Typed loosely: the e2e tsconfig has no DOM library.
  await page.evaluate(() => {
    type Rec = {
      gaps: number[];
      frames: number[];
      rtts: number[];
      progress: string[];
      stop: boolean;
      /** [when, what, ms]: every wait over 100 ms, to say when it happened. */
      long: [number, string, number][];
      doneAt: number | null;
      /** How many samples each series had when the import's summary appeared (the redraw follows). */
      doneIdx: { gaps: number; frames: number; rtts: number } | null;
    };
    const g = globalThis as unknown as {
      __rec: Rec;
      setInterval(f: () => void, ms: number): number;
      setTimeout(f: () => void, ms: number): number;
      requestAnimationFrame(f: (t: number) => void): number;
      document: { querySelector(s: string): { textContent: string | null } | null };
      claimdesk: { getSettings(req: object): Promise<unknown> };
    };
    const rec: Rec = {
      gaps: [],
      frames: [],
      rtts: [],
      progress: [],
      stop: false,
      long: [],
      doneAt: null,
      doneIdx: null,
    };
    g.__rec = rec;
    let last = performance.now();
    const timer = g.setInterval(() => {
      const now = performance.now();
      rec.gaps.push(now - last);
      if (now - last > 150) rec.long.push([Math.round(now), 'timer', Math.round(now - last)]);
      last = now;
      if (rec.doneAt === null && g.document.querySelector('.stack-summary')) {
        rec.doneAt = Math.round(now);
        rec.doneIdx = { gaps: rec.gaps.length, frames: rec.frames.length, rtts: rec.rtts.length };
      }
      const line = g.document.querySelector('.stack-drop .progress-line span')?.textContent;
      if (line && rec.progress.at(-1) !== line) rec.progress.push(line);
      if (rec.stop) clearInterval(timer);
    }, 50);
    let lastFrame = performance.now();
    const frame = (t: number) => {
      rec.frames.push(t - lastFrame);
      if (t - lastFrame > 100) rec.long.push([Math.round(t), 'frame', Math.round(t - lastFrame)]);
      lastFrame = t;
      if (!rec.stop) g.requestAnimationFrame(frame);
    };
    g.requestAnimationFrame(frame);
    void (async () => {
      while (!rec.stop) {
        const t0 = performance.now();
        await g.claimdesk.getSettings({});
        rec.rtts.push(performance.now() - t0);
        if (performance.now() - t0 > 100)
          rec.long.push([Math.round(t0), 'ipc', Math.round(performance.now() - t0)]);
        await new Promise((r) => g.setTimeout(() => r(null), 100));
      }
    })();
  });

  // The peer: the same page and recorder, idle for 5 s just before, in the same run on the same machine.
  await page.waitForTimeout(5_000);
  const idle = await page.evaluate(() => {
    const g = globalThis as unknown as { __rec: { gaps: number[]; frames: number[]; rtts: number[] } };
    return { gaps: g.__rec.gaps.length, frames: g.__rec.frames.length, rtts: g.__rec.rtts.length };
  });

  const started = Date.now();
  const pageStart = await page.evaluate(() => Math.round(performance.now()));
  server.queueChosenFiles(photos);
  await stack.getByRole('button', { name: '选择文件…' }).click();
  await expect(stack.locator('.stack-summary')).toBeVisible({ timeout: 840_000 });
  // Until the claim shows every page's thumbnail: the reload after the import is part of what the person waits for.
  await expect(page.locator('.page-name')).toHaveCount(PHOTOS, { timeout: 120_000 });
  const seconds = (Date.now() - started) / 1000;
  const rec = await page.evaluate(() => {
    const g = globalThis as unknown as {
      __rec: {
        gaps: number[];
        frames: number[];
        rtts: number[];
        progress: string[];
        stop: boolean;
        long: [number, string, number][];
        doneAt: number | null;
        doneIdx: { gaps: number; frames: number; rtts: number } | null;
      };
    };
    g.__rec.stop = true;
    return g.__rec;
  });

  // A 50 ms timer that fired after g ms was blocked for g − 50 ms.
  const stall = (gaps: number[]) => gaps.map((g) => Math.max(0, g - 50));
  const done = rec.doneIdx ?? { gaps: rec.gaps.length, frames: rec.frames.length, rtts: rec.rtts.length };
  const stats = (part: 'idle' | 'import' | 'reading' | 'redraw') => {
    // idle: the 5 s before; reading: files chosen → summary shown; redraw: the claim drawn again after it.
    const bounds = (series: 'gaps' | 'frames' | 'rtts'): [number, number] =>
      part === 'idle'
        ? [0, idle[series]]
        : part === 'import'
          ? [idle[series], Infinity]
          : part === 'reading'
            ? [idle[series], done[series]]
            : [done[series], Infinity];
    const cut = <T>(v: T[], series: 'gaps' | 'frames' | 'rtts') => v.slice(...bounds(series));
    const blocked = stall(cut(rec.gaps, 'gaps'));
    const frames = cut(rec.frames, 'frames');
    const rtts = cut(rec.rtts, 'rtts');
    return {
      timerSamples: blocked.length,
      timerStallMaxMs: Math.round(Math.max(...blocked)),
      timerStallP95Ms: Math.round(percentile(blocked, 95)),
      frames: frames.length,
      frameGapMaxMs: Math.round(Math.max(...frames)),
      frameGapP95Ms: Math.round(percentile(frames, 95)),
      ipcCalls: rtts.length,
      ipcRoundTripMedianMs: Math.round(percentile(rtts, 50)),
      ipcRoundTripP95Ms: Math.round(percentile(rtts, 95)),
      ipcRoundTripMaxMs: Math.round(Math.max(...rtts)),
    };
  };
  const figures = {
    photos: PHOTOS,
    seconds: Math.round(seconds),
    progressLinesSeen: rec.progress.length,
    importDoneAfterS: rec.doneAt === null ? null : Math.round((rec.doneAt - pageStart) / 100) / 10,
    // Waits over 100 ms: seconds after the files were chosen, what waited, how long.
    longWaits: rec.long.map(([t, what, ms]) => `${((t - pageStart) / 1000).toFixed(1)} s ${what} ${ms} ms`),
    ...stats('import'),
    reading: stats('reading'),
    redraw: stats('redraw'),
    idle: stats('idle'),
  };
  console.log(JSON.stringify(figures, null, 2));
  const out = resolve(import.meta.dirname, '../../test-results');
  await mkdir(out, { recursive: true });
  await writeFile(join(out, 'import-responsiveness.json'), JSON.stringify(figures, null, 2));
  await rm(dir, { recursive: true, force: true });

  // The measurement ran the whole time, and the import showed its progress file by file.
  expect(figures.ipcCalls).toBeGreaterThan(seconds * 3);
  expect(rec.progress.length).toBeGreaterThanOrEqual(PHOTOS / 2);
  expect(figures.timerStallMaxMs).toBeLessThanOrEqual(MAX_STALL_MS);
  expect(figures.frameGapMaxMs).toBeLessThanOrEqual(MAX_STALL_MS);
  expect(figures.ipcRoundTripMaxMs).toBeLessThanOrEqual(MAX_STALL_MS);
});

// Responsiveness while 20 twelve-megapixel photos are imported through 整叠放入 (issue 11): the real renderer
// in Chromium, the real check worker and OCR models. The measurement and its 200 ms bound live in
// tests/e2e/import-responsiveness.spec.ts (2–4 minutes, too long for the e2e suite); this runs it and prints
// its figures: the page's own stalls (50 ms timer, animation frames) and a main round trip (getSettings)
// during the import, beside the peer: the same page and recorder idle for 5 s just before, in the same run.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('..', import.meta.url));

interface Figures {
  timerStallMaxMs: number;
  timerStallP95Ms: number;
  frameGapMaxMs: number;
  frameGapP95Ms: number;
  ipcRoundTripMedianMs: number;
  ipcRoundTripP95Ms: number;
  ipcRoundTripMaxMs: number;
  ipcCalls: number;
}

const ratio = (a: number, b: number) => `${(a / Math.max(b, 1)).toFixed(1)}×`;

export async function run(): Promise<void> {
  // The renderer is needed too (`npm run bench` builds the Node side only).
  const build = spawnSync('node', ['scripts/build.mjs'], { cwd: REPO, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('build failed');
  const test = spawnSync(
    'npx',
    ['playwright', 'test', 'tests/e2e/import-responsiveness.spec.ts', '--reporter=line'],
    { cwd: REPO, stdio: 'inherit', env: { ...process.env, CLAIMDESK_BENCH_IMPORT: '1' } },
  );
  const figures = JSON.parse(
    readFileSync(join(REPO, 'test-results', 'import-responsiveness.json'), 'utf8'),
  ) as Figures & { seconds: number; reading: Figures; redraw: Figures; idle: Figures };
  const row = (label: string, f: Figures) =>
    `  ${label.padEnd(8)} timer stall ${f.timerStallMaxMs} / ${f.timerStallP95Ms} ms · frame gap ${f.frameGapMaxMs} / ${f.frameGapP95Ms} ms · round trip ${f.ipcRoundTripMaxMs} / ${f.ipcRoundTripP95Ms} ms (median ${f.ipcRoundTripMedianMs}, ${f.ipcCalls} calls)`;
  console.log(
    `20 photos (12 MP) through 整叠放入 in ${figures.seconds} s; longest / p95, bound 200 ms:\n` +
      row('import', figures) +
      '\n' +
      row('reading', figures.reading) +
      '\n' +
      row('redraw', figures.redraw) +
      '\n' +
      row('idle', figures.idle) +
      `\n  ratio import/idle, longest: timer ${ratio(figures.timerStallMaxMs, figures.idle.timerStallMaxMs)}, frame ${ratio(figures.frameGapMaxMs, figures.idle.frameGapMaxMs)}, round trip ${ratio(figures.ipcRoundTripMaxMs, figures.idle.ipcRoundTripMaxMs)}`,
  );
  if (test.status !== 0) process.exitCode = 1;
}

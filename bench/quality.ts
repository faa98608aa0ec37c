// Photo checks on 12-megapixel phone photos (4000×3000 JPEG), beside two references measured on the same
// files in the same run, interleaved file by file: sharp's bare greyscale decode (the floor for any sharp-based
// check) and OpenCV's usual one-metric blur gate (imread, cvtColor, Laplacian().var(), timed inside Python). Then a batch of 50
// through the real CLI with its own peak resident memory (cli-peak-memory.ts: VmHWM, not getrusage's maxRSS,
// which on Linux starts from this process's size at the fork).
// Targets (issues 3, 21): full check ≤ 0.7× OpenCV, ≤ 2× bare decode; batch of 50 peak RSS ≤ 600 MB;
// and a batch of 1,000 files must not grow by more than a few tens of KB per file.
import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp, { type Sharp } from 'sharp';
import { checkFile } from '../electron/core/pages/check';
import { makeCorpus } from '../scripts/make-quality-corpus';
import { runCliCheck } from './cli-peak-memory';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

function median(v: number[]): number {
  const s = [...v].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

// A long-lived Python process answers one timing per path on stdin, so OpenCV is measured interleaved with
// our check and sharp's decode (same load on a shared machine), without counting interpreter start-up.
const OPENCV_SERVER = `
import sys, time, cv2
for line in sys.stdin:
    p = line.rstrip("\\n")
    t0 = time.perf_counter()
    c0 = time.process_time()
    img = cv2.imread(p)
    g = cv2.cvtColor(img, cv2.COLOR_BGR2GRAY)
    v = cv2.Laplacian(g, cv2.CV_64F).var()
    print((time.perf_counter() - t0) * 1000, (time.process_time() - c0) * 1000, flush=True)
`;

/** Wall and CPU time of one run, ms (CPU: every thread of the process, so libvips' and OpenCV's too). */
interface Timing {
  wall: number;
  cpu: number;
}

interface OpenCvGate {
  time(path: string): Promise<Timing>;
  close(): void;
}

function startOpenCv(): OpenCvGate | null {
  const probe = spawnSync('/usr/bin/python3', ['-c', 'import cv2'], { encoding: 'utf8' });
  if (probe.status !== 0) return null;
  const child = spawn('/usr/bin/python3', ['-c', OPENCV_SERVER], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  const waiting: ((t: Timing) => void)[] = [];
  lines.on('line', (l) => {
    const [wall, cpu] = l.split(' ').map(Number);
    waiting.shift()?.({ wall: wall!, cpu: cpu! });
  });
  return {
    time: (path) =>
      new Promise((resolve) => {
        waiting.push(resolve);
        child.stdin.write(`${path}\n`);
      }),
    close: () => child.stdin.end(),
  };
}

/** Wall and CPU time of `fn` in this process. */
async function timed(fn: () => Promise<unknown>): Promise<Timing> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await fn();
  const c = process.cpuUsage(c0);
  return { wall: performance.now() - t0, cpu: (c.user + c.system) / 1000 };
}

/**
 * The check beside sharp's bare decode and OpenCV's gate on `files`, interleaved file by file, `ROUNDS` times;
 * prints medians of wall and CPU time and the ratios.
 */
async function timeChecks(files: readonly string[], kind: string | undefined): Promise<void> {
  // Warm-up: first calls load libvips codecs and JIT the analysis loops.
  for (const f of files.slice(0, 2)) await checkFile(f);
  const full: Timing[] = [];
  const decode: Timing[] = [];
  const opencv: Timing[] = [];
  const cv = startOpenCv();
  if (cv) for (const f of files.slice(0, 2)) await cv.time(f);
  for (let r = 0; r < ROUNDS; r++) {
    for (const f of files) {
      decode.push(await timed(() => sharp(f).greyscale().raw().toBuffer()));
      full.push(await timed(() => checkFile(f, kind ? { kind } : {})));
      if (cv) opencv.push(await cv.time(f));
    }
  }
  cv?.close();
  const m = (v: Timing[], k: keyof Timing): number => median(v.map((t) => t[k]));
  const row = (what: string, v: Timing[]): string =>
    `${what.padEnd(48)} ${m(v, 'wall').toFixed(0).padStart(5)} ms wall ${m(v, 'cpu').toFixed(0).padStart(5)} ms CPU`;
  const ratio = (v: Timing[]): string =>
    `check/it = ${(m(full, 'wall') / m(v, 'wall')).toFixed(2)}× wall, ${(m(full, 'cpu') / m(v, 'cpu')).toFixed(2)}× CPU`;
  console.log(row('median full check (all findings, seal included):', full));
  console.log(
    `${row('median sharp greyscale decode (full size):', decode)}   → ${ratio(decode)} (target ≤ 2×)`,
  );
  if (cv) {
    console.log(
      `${row('median OpenCV imread+cvtColor+Laplacian.var:', opencv)}   → ${ratio(opencv)} (target ≤ 0.7×)`,
    );
  } else {
    console.log(
      'OpenCV reference not measured: /usr/bin/python3 cannot import cv2 (apt install python3-opencv)',
    );
  }
}

/** A 640×480 grey photo of its own noise pattern (seeded by `i`), softened a little: no two are the same. */
function smallDistinctPhoto(i: number): Sharp {
  const w = 640;
  const h = 480;
  const px = Buffer.alloc(w * h);
  let s = i * 7919 + 1;
  for (let k = 0; k < px.length; k++) {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    px[k] = 120 + (s >> 24);
  }
  return sharp(px, { raw: { width: w, height: h, channels: 1 } })
    .blur(1 + (i % 5))
    .jpeg({ quality: 80 });
}

export async function run(): Promise<void> {
  const dir = join(tmpdir(), `claimdesk-bench-quality-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  try {
    const entries = await makeCorpus(dir, {
      long: 4000,
      docs: ['invoice', 'itemized_bill', 'diagnosis_certificate'],
      filter: (c) => ['clean-a', 'blur-4', 'glare-0.1'].includes(c.name),
    });
    const files = entries.map((e) => join(dir, e.file));
    const meta = await sharp(files[0]!).metadata();
    console.log(
      `${files.length} photos, ${meta.width}×${meta.height} JPEG (${((meta.width! * meta.height!) / 1e6).toFixed(1)} MP), ${ROUNDS} rounds each`,
    );

    await timeChecks(files, 'diagnosis_certificate');
    // Photos the generators did not make (BENCH_QUALITY_DIRS, folders separated by ':'), each as it is.
    for (const other of (process.env.BENCH_QUALITY_DIRS ?? '').split(':').filter(Boolean)) {
      const photos = readdirSync(other)
        .filter((f) => /\.(jpe?g|png|webp)$/i.test(f))
        .sort()
        .map((f) => join(other, f));
      console.log(`\n${photos.length} photos from ${other}:`);
      await timeChecks(photos, 'invoice');
    }
    if (process.env.BENCH_QUALITY_BATCH === '0') return;

    // Batch of 50 through the CLI, in its own process so its peak RSS is the check's alone.
    const batch: string[] = [];
    for (let i = 0; i < 50; i++) {
      const p = join(dir, `batch-${i}.jpg`);
      copyFileSync(files[i % files.length]!, p);
      batch.push(p);
    }
    const benchRssMb = process.memoryUsage().rss / 1024 / 1024;
    const batch50 = runCliCheck(batch);
    console.log(
      `batch of 50 via CLI: ${batch50.count} reports, ${(batch50.wallMs / 1000).toFixed(1)} s wall (${(batch50.wallMs / 50).toFixed(0)} ms/photo incl. start-up), peak RSS ${batch50.peakRssMb.toFixed(0)} MB (target ≤ 600 MB; this bench process: ${benchRssMb.toFixed(0)} MB, what getrusage's maxRSS would have reported at least)`,
    );

    // A long batch: 1,000 different small photos. What grows with the batch is the per-file fingerprint kept
    // for duplicate detection (and the reports), so this shows memory per file, not per pixel.
    const many: string[] = [];
    for (let i = 0; i < 1000; i++) {
      const p = join(dir, `many-${i}.jpg`);
      await smallDistinctPhoto(i).toFile(p);
      many.push(p);
    }
    const batch1000 = runCliCheck(many);
    console.log(
      `batch of 1,000 small photos via CLI: ${batch1000.count} reports, ${(batch1000.wallMs / 1000).toFixed(1)} s wall, peak RSS ${batch1000.peakRssMb.toFixed(0)} MB`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Photo checks on 12-megapixel phone photos (4000×3000 JPEG), beside two references measured on the same
// files in the same run, interleaved file by file: sharp's bare greyscale decode (the floor for any sharp-based
// check) and OpenCV's usual one-metric blur gate (imread, cvtColor, Laplacian().var(), timed inside Python). Then a batch of 50
// through the real CLI with its peak resident memory.
// Targets (issue 3): full check ≤ 1.0× OpenCV (aim ≤ 0.85×), ≤ 2× bare decode; batch of 50 peak RSS ≤ 600 MB;
// and a batch of 1,000 files must not grow by more than a few tens of KB per file.
import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp, { type Sharp } from 'sharp';
import { checkFile } from '../electron/core/pages/check';
import { makeCorpus } from '../scripts/make-quality-corpus';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const REPO = fileURLToPath(new URL('..', import.meta.url));

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
    img = cv2.imread(p)
    g = cv2.cvtColor(img, cv2.COLOR_BGR2GRAY)
    v = cv2.Laplacian(g, cv2.CV_64F).var()
    print((time.perf_counter() - t0) * 1000, flush=True)
`;

interface OpenCvGate {
  time(path: string): Promise<number>;
  close(): void;
}

function startOpenCv(): OpenCvGate | null {
  const probe = spawnSync('/usr/bin/python3', ['-c', 'import cv2'], { encoding: 'utf8' });
  if (probe.status !== 0) return null;
  const child = spawn('/usr/bin/python3', ['-c', OPENCV_SERVER], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  const waiting: ((ms: number) => void)[] = [];
  lines.on('line', (l) => waiting.shift()?.(Number(l)));
  return {
    time: (path) =>
      new Promise((resolve) => {
        waiting.push(resolve);
        child.stdin.write(`${path}\n`);
      }),
    close: () => child.stdin.end(),
  };
}

/** `claimdesk check --json` over `files` in its own process, so its peak RSS is the check's alone. */
function runCliCheck(files: readonly string[]): { count: number; wallMs: number; peakRssMb: number } {
  const runner = `process.on('exit', () => process.stderr.write('MAXRSS_KB=' + process.resourceUsage().maxRSS + '\\n'));
process.argv = [process.argv[0], 'claimdesk', 'check', '--json', ...${JSON.stringify(files)}];
await import(${JSON.stringify(join(REPO, 'dist', 'cli.mjs'))});`;
  const t0 = performance.now();
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', runner], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const wallMs = performance.now() - t0;
  const peakRssMb = Number(/MAXRSS_KB=(\d+)/.exec(child.stderr)?.[1] ?? NaN) / 1024;
  const count = child.stdout ? (JSON.parse(child.stdout) as unknown[]).length : 0;
  return { count, wallMs, peakRssMb };
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

    // Warm-up: first calls load libvips codecs and JIT the analysis loops.
    for (const f of files.slice(0, 2)) await checkFile(f);

    const full: number[] = [];
    const decode: number[] = [];
    const cv = startOpenCv();
    const opencvTimes: number[] = [];
    if (cv) for (const f of files.slice(0, 2)) await cv.time(f);
    for (let r = 0; r < ROUNDS; r++) {
      for (const f of files) {
        let t = performance.now();
        await sharp(f).greyscale().raw().toBuffer();
        decode.push(performance.now() - t);
        t = performance.now();
        await checkFile(f, { kind: 'diagnosis_certificate' });
        full.push(performance.now() - t);
        if (cv) opencvTimes.push(await cv.time(f));
      }
    }
    cv?.close();
    const opencv = cv ? opencvTimes : null;
    const mFull = median(full);
    const mDecode = median(decode);
    console.log(`median full check (all findings, seal included): ${mFull.toFixed(0)} ms`);
    console.log(
      `median sharp greyscale decode (full size):        ${mDecode.toFixed(0)} ms   → check/decode = ${(mFull / mDecode).toFixed(2)}× (target ≤ 2×)`,
    );
    if (opencv) {
      const mCv = median(opencv);
      console.log(
        `median OpenCV imread+cvtColor+Laplacian.var:      ${mCv.toFixed(0)} ms   → check/OpenCV = ${(mFull / mCv).toFixed(2)}× (target ≤ 1.0×)`,
      );
    } else {
      console.log(
        'OpenCV reference not measured: /usr/bin/python3 cannot import cv2 (apt install python3-opencv)',
      );
    }

    // Batch of 50 through the CLI, in its own process so its peak RSS is the check's alone.
    const batch: string[] = [];
    for (let i = 0; i < 50; i++) {
      const p = join(dir, `batch-${i}.jpg`);
      copyFileSync(files[i % files.length]!, p);
      batch.push(p);
    }
    const batch50 = runCliCheck(batch);
    console.log(
      `batch of 50 via CLI: ${batch50.count} reports, ${(batch50.wallMs / 1000).toFixed(1)} s wall (${(batch50.wallMs / 50).toFixed(0)} ms/photo incl. start-up), peak RSS ${batch50.peakRssMb.toFixed(0)} MB (target ≤ 600 MB)`,
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

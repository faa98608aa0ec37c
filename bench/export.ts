// Bundle export of 20 twelve-megapixel phone photos (3000×4000 JPEG) plus a 2-page e-invoice PDF, beside
// Debian's img2pdf on the same 20 photos (which only wraps the JPEGs losslessly: no crop, no straightening,
// no re-encode, no cover or checklist). Each side runs BENCH_ROUNDS times; medians are printed.
// Targets (issue 5): ours ≤ 3 s and ≤ 8 MB. The ratios to img2pdf are printed for the record.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { exportClaimBundle } from '../electron/core/export/index';
import type { BundleInput } from '../electron/core/export/types';
import type { QualityReport } from '../shared/quality';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const REPO = fileURLToPath(new URL('..', import.meta.url));
const SAMPLES = join(REPO, 'resources', 'samples');
const SOURCES = [
  'invoice',
  'itemized-bill',
  'diagnosis',
  'discharge-summary',
  'referral',
  'medical-record',
  'id-card',
  'insurance-card',
  'bank-card',
];
/** Where the paper lies in the sample photos (close to make-samples' quads); used as the detected corners. */
const CORNERS = [
  { x: 0.1, y: 0.08 },
  { x: 0.9, y: 0.09 },
  { x: 0.91, y: 0.92 },
  { x: 0.08, y: 0.91 },
];

function median(v: number[]): number {
  const s = [...v].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

/** 20 distinct 12-MP photos: the sample photos enlarged to 3000×4000, each with its own exposure. */
async function makePhotos(dir: string): Promise<string[]> {
  const files: string[] = [];
  for (let i = 0; i < 20; i++) {
    const file = join(dir, `photo-${String(i + 1).padStart(2, '0')}.jpg`);
    await sharp(join(SAMPLES, `${SOURCES[i % SOURCES.length]}.jpg`))
      .rotate()
      .resize(3000, 4000, { fit: 'fill' })
      .modulate({ brightness: 0.94 + (i % 5) * 0.03 })
      .jpeg({ quality: 90 })
      .toFile(file);
    files.push(file);
  }
  return files;
}

function inputFor(photos: string[], straighten: boolean): BundleInput {
  const quality = (file: string): QualityReport => ({
    file,
    verdict: 'pass',
    findings: [],
    metrics: straighten
      ? { width: 3000, height: 4000, corners: CORNERS, cornersConfidence: 0.95 }
      : { width: 3000, height: 4000 },
    elapsedMs: 0,
  });
  return {
    claim: {
      claimant: {
        name: '王秀英',
        idNumber: '11010519491231002X',
        insuranceType: 'employee',
        insuredRegion: '北京市',
      },
      applicant: { relation: 'self' },
      careSetting: 'inpatient',
      hospital: '上海市第一人民医院',
      treatmentRegion: '上海市',
      admissionDate: '2026-09-01',
      dischargeDate: '2026-09-10',
    },
    documents: [
      ...photos.map((p) => ({ kind: 'medical_record' as const, files: [{ path: p, quality: quality(p) }] })),
      { kind: 'invoice' as const, files: [{ path: join(SAMPLES, 'e-invoice.pdf') }] },
    ],
    evaluation: { complete: true, requirements: [], problems: [] },
    today: '2026-11-20',
  };
}

export async function run(): Promise<void> {
  const dir = join(tmpdir(), `claimdesk-bench-export-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  try {
    const photos = await makePhotos(dir);
    const inputMb = photos.reduce((s, f) => s + statSync(f).size, 0) / 1048576;
    console.log(
      `input: 20 photos 3000×4000 (${inputMb.toFixed(1)} MB of JPEG) + 2-page e-invoice PDF; ${ROUNDS} rounds, medians`,
    );

    const img2pdfOut = join(dir, 'img2pdf.pdf');
    const img2pdfTimes: number[] = [];
    let img2pdfOk = true;
    for (let r = 0; r < ROUNDS; r++) {
      const t0 = performance.now();
      const res = spawnSync('img2pdf', ['--pagesize', 'A4', '-o', img2pdfOut, ...photos]);
      img2pdfTimes.push(performance.now() - t0);
      if (res.status !== 0) img2pdfOk = false;
    }

    const rows: Array<{ name: string; ms: number; bytes: number; pages: number; rss: number }> = [];
    for (const straighten of [false, true]) {
      const out = join(dir, `ours-${straighten}.pdf`);
      const times: number[] = [];
      let bytes = 0;
      let pages = 0;
      let timings: Record<string, number> = {};
      for (let r = 0; r < ROUNDS; r++) {
        const t0 = performance.now();
        const res = await exportClaimBundle(inputFor(photos, straighten), { out });
        times.push(performance.now() - t0);
        bytes = res.bytes;
        pages = res.pages;
        timings = res.timings;
      }
      console.log(`  ${straighten ? 'straighten' : 'whole'}: last round phases ${JSON.stringify(timings)}`);
      rows.push({
        name: straighten ? 'ClaimDesk bundle, crop + straighten' : 'ClaimDesk bundle, whole photos',
        ms: median(times),
        bytes,
        pages,
        rss: process.memoryUsage().rss,
      });
    }

    const ref = img2pdfOk ? { ms: median(img2pdfTimes), bytes: statSync(img2pdfOut).size } : null;
    console.log('');
    console.log('| what | time | size | pages | vs img2pdf time | vs img2pdf size |');
    console.log('|---|---|---|---|---|---|');
    for (const r of rows) {
      const vs = ref
        ? `| ${(r.ms / ref.ms).toFixed(2)}× | ${(r.bytes / ref.bytes).toFixed(2)}× |`
        : '| n/a | n/a |';
      console.log(
        `| ${r.name} | ${(r.ms / 1000).toFixed(2)} s | ${(r.bytes / 1048576).toFixed(2)} MB | ${r.pages} ${vs}`,
      );
    }
    if (ref)
      console.log(
        `| img2pdf --pagesize A4 (Debian) | ${(ref.ms / 1000).toFixed(2)} s | ${(ref.bytes / 1048576).toFixed(2)} MB | 20 | 1× | 1× |`,
      );
    else console.log('img2pdf not installed: no reference (apt-get install img2pdf)');
    const worst = rows.reduce((a, b) => (a.ms > b.ms ? a : b));
    console.log('');
    console.log(
      `targets: ≤ 3 s → ${worst.ms <= 3000 ? 'met' : 'NOT met'} (${(worst.ms / 1000).toFixed(2)} s); ≤ 8 MB → ${rows.every((r) => r.bytes <= 8 * 1048576) ? 'met' : 'NOT met'}; process RSS ${(worst.rss / 1048576).toFixed(0)} MB`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

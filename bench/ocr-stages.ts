// `npm run bench ocr-stages` (or `npx tsx bench/ocr-stages.ts`): where the time of one `read` of a 12 MP
// invoice photo goes. Reads the bench's photos (bench/ocr.ts, same seeds) BENCH_ROUNDS rounds in one
// process, the same steps `readPaper` takes (decode to the analysis raster, fingerprint, OCR, rows + kind +
// fields, QR), and prints per stage the wall-clock and the CPU time of the whole process (all threads,
// `process.cpuUsage`) per photo. The first round warms the sessions up and is left out. On a shared
// machine the wall-clock stretches with the load; the CPU time is the measure to compare.
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeImage } from '../electron/core/quality/decode';
import { loadRaster } from '../electron/core/quality/raster';
import { fingerprintOf } from '../electron/core/quality/checks';
import { decodeQrInGrey } from '../electron/core/invoices/qr';
import { ocrImage } from '../electron/core/ocr/engine';
import { loadModels } from '../electron/core/ocr/models';
import { setRecLanes, setStageMeter, stage } from '../electron/core/ocr/toggles';
import { layoutPage } from '../electron/core/ocr/layout';
import { classifyPage } from '../electron/core/ocr/classify';
import { extractFields } from '../electron/core/ocr/fields';
import { shoot } from '../scripts/ocr-corpus/shots';

const PHOTOS = Number(process.env.BENCH_OCR_PHOTOS ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
/** Recognition lanes to compare, interleaved photo by photo (`BENCH_REC_LANES=2,1`). */
const LANES: (1 | 2)[] = (process.env.BENCH_REC_LANES ?? '2')
  .split(',')
  .map((v) => (Number(v) === 1 ? 1 : 2) as 1 | 2);

interface Tally {
  wall: number;
  cpu: number;
  calls: number;
  notes: Map<string, number>;
}

export async function run(): Promise<void> {
  const dir = join(tmpdir(), 'claimdesk-bench-ocr');
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  for (let i = 0; i < PHOTOS; i++) {
    const file = join(dir, `invoice-${i}.jpg`);
    // Same seeds as bench/ocr.ts, so the photos are the same files.
    if (!existsSync(file)) writeFileSync(file, (await shoot('invoice', 9100 + i, i)).jpeg);
    files.push(file);
  }
  await loadModels();
  // BENCH_WITH_PEER=1: the same-model peer reads each photo between ours (untimed), as in bench/ocr.ts, to
  // see what sharing the process with it costs our stages.
  const peer =
    process.env.BENCH_WITH_PEER === '1' ? await (await import('@gutenye/ocr-node')).default.create() : null;
  // Per lane setting: stage tallies, photos counted, each read's wall/CPU.
  const runs = LANES.map((lanes) => ({
    lanes,
    tallies: new Map<string, Tally>(),
    photos: 0,
    perRead: [] as string[],
  }));
  let current = runs[0]!;
  let counting = false;
  setStageMeter({
    add(name, wall, cpu, note) {
      if (!counting) return;
      const t = current.tallies.get(name) ?? { wall: 0, cpu: 0, calls: 0, notes: new Map() };
      t.wall += wall;
      t.cpu += cpu;
      t.calls++;
      if (note) t.notes.set(note, (t.notes.get(note) ?? 0) + 1);
      current.tallies.set(name, t);
    },
  });
  const load0 = loadavg()[0]!;
  for (let round = 0; round < ROUNDS; round++) {
    counting = round > 0 || ROUNDS === 1;
    for (const file of files) {
      for (const r of runs) {
        current = r;
        setRecLanes(r.lanes);
        const w0 = performance.now();
        const c0 = process.cpuUsage();
        await stage('photo', async () => {
          const raster = await stage('decode', async () =>
            loadRaster(await decodeImage(file, { verify: false })),
          );
          await stage('fingerprint', () => fingerprintOf(raster));
          const image = {
            data: raster.rgb,
            width: raster.width,
            height: raster.height,
            channels: 3 as const,
          };
          const { segments } = await stage('ocr', () => ocrImage(image));
          await stage('rows+kind+fields', () => {
            const page = layoutPage(segments, image.width, image.height);
            return extractFields(page, classifyPage(page).kind);
          });
          await stage('qr', () => decodeQrInGrey(raster.grey, raster.width, raster.height));
        });
        const c1 = process.cpuUsage(c0);
        r.perRead.push(`${(performance.now() - w0).toFixed(0)}/${((c1.user + c1.system) / 1000).toFixed(0)}`);
        if (counting) r.photos++;
      }
      if (peer) await peer.detect(file);
    }
  }
  setStageMeter(null);
  setRecLanes(2);
  const load1 = loadavg()[0]!;
  console.log(
    `${files.length} photos × ${ROUNDS} rounds (first left out), per photo; load average ${load0.toFixed(1)} → ${load1.toFixed(1)}`,
  );
  for (const r of runs) {
    console.log(`\nrecognition lanes: ${r.lanes}`);
    console.log(`each read in order, wall/CPU ms (the first round included): ${r.perRead.join(', ')}`);
    console.log('| stage | wall ms | CPU ms | calls per photo | shapes (count) |');
    console.log('|---|---|---|---|---|');
    for (const [name, t] of r.tallies) {
      const notes = [...t.notes]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 6)
        .map(([n, c]) => `${n} (${c})`)
        .join(', ');
      console.log(
        `| ${name} | ${(t.wall / r.photos).toFixed(0)} | ${(t.cpu / r.photos).toFixed(0)} | ${(t.calls / r.photos).toFixed(1)} | ${notes} |`,
      );
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();

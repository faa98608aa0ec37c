// Memory of the OCR engine over many photos of different sizes in one process (issue 11): every photo
// gives the detector its own input shape and the recogniser its own crop widths, and onnxruntime keeps
// buffers between runs (its arena), so RSS must level off rather than climb with each new shape.
//   npx tsx scripts/ocr-memory.ts [photos=200]
// Photos: the bench's 12 MP invoices (bench/ocr-stages.ts makes them) cut and scaled to a different size
// each time (long side 900–4000 px, random crop of 60–100 % of each side, seeded), read as `read` does.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { readPaper } from '../electron/core/pages/reader';
import { rng } from './quality-corpus/documents';
import { shoot } from './ocr-corpus/shots';

const N = Number(process.argv[2] ?? 200);
const dir = join(tmpdir(), 'claimdesk-ocr-memory');
mkdirSync(dir, { recursive: true });
const sources: Buffer[] = [];
for (let i = 0; i < 3; i++) {
  const file = join(tmpdir(), 'claimdesk-bench-ocr', `invoice-${i}.jpg`);
  sources.push(existsSync(file) ? await sharp(file).toBuffer() : (await shoot('invoice', 9100 + i, i)).jpeg);
}
const rand = rng(20261127);
const mb = (): number => Math.round(process.memoryUsage().rss / 1048576);
const marks: string[] = [];
const file = join(dir, 'photo.jpg');
const started = performance.now();
for (let i = 1; i <= N; i++) {
  const src = sources[i % sources.length]!;
  const fw = 0.6 + rand() * 0.4;
  const fh = 0.6 + rand() * 0.4;
  const side = Math.round(900 + rand() * 3100);
  const left = Math.round(rand() * (1 - fw) * 4032);
  const top = Math.round(rand() * (1 - fh) * 3024);
  writeFileSync(
    file,
    await sharp(src)
      .extract({ left, top, width: Math.round(fw * 4032), height: Math.round(fh * 3024) })
      .resize(side, side, { fit: 'inside' })
      .jpeg({ quality: 90 })
      .toBuffer(),
  );
  await readPaper(file);
  if (i === 1 || i % Math.max(1, Math.round(N / 8)) === 0) marks.push(`${i}: ${mb()} MB`);
}
console.log(
  `${N} photos of different sizes read in ${Math.round((performance.now() - started) / 1000)} s; RSS after ${marks.join(', ')}`,
);

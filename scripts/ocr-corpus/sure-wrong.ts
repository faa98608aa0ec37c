// Lists the values a corpus folder's photos are read wrong at a confidence a cross-document check would
// block on (≥ CONFIDENT_READING), and how many wrong values are read below it (shown 请核对, a check warns):
//   npx tsx scripts/ocr-corpus/sure-wrong.ts DIR [--cache CACHE_DIR]
// A value read where the paper's cell is blank counts as wrong.
import { join } from 'node:path';
import { CONFIDENT_READING } from '../../shared/fields';
import { readPaper } from '../../electron/core/pages/reader';
import { readCached } from './ocr-cache';
import { corpusPhotos } from './score';

const args = process.argv.slice(2);
const dir = args[0]!;
const at = args.indexOf('--cache');
const cache = at >= 0 ? args[at + 1]! : null;
let sure = 0;
let unsure = 0;
for (const t of corpusPhotos(dir)) {
  const f = t.file;
  const path = join(dir, f);
  const r = cache
    ? await readCached(path, cache, t.kind as never)
    : await readPaper(path, { kind: t.kind as never });
  for (const [name, want] of Object.entries(t.truth)) {
    const got = r.fields[name];
    if (!got || got.value === want) continue;
    if (got.confidence >= CONFIDENT_READING) {
      sure++;
      console.log(`${f} ${name}: want ${String(want)} read ${String(got.value)} @${got.confidence}`);
    } else unsure++;
  }
}
console.log(`wrong values at ≥ ${CONFIDENT_READING}: ${sure}; wrong values below it (请核对): ${unsure}`);

// Prints what the reader saw on photos: each row's boxes (text, mean confidence, position along the row),
// then the kind and fields found. For looking into a miss: `npx tsx scripts/ocr-corpus/dump.ts [--cache DIR]
// PHOTO...`. Prints to the terminal only; nothing is written beside the photos.
import { layoutPage } from '../../electron/core/ocr/layout';
import { readCached } from './ocr-cache';
import { existsSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';

const args = process.argv.slice(2);
const at = args.indexOf('--cache');
const cache = at >= 0 ? args[at + 1]! : null;
const files = args.filter((a, i) => !a.startsWith('--') && (at < 0 || i !== at + 1));
for (const f of files) {
  const r = await readCached(f, cache);
  console.log(`=== ${f}: ${r.kind} (${r.kindConfidence})`);
  if (cache) {
    // The boxes as laid out, from the cached OCR.
    const { statSync } = await import('node:fs');
    const st = statSync(f);
    const key = createHash('sha256').update(`${f}\0${st.size}\0${st.mtimeMs}`).digest('hex').slice(0, 24);
    const file = `${cache}/${key}.json`;
    if (existsSync(file)) {
      const { upright } = JSON.parse(readFileSync(file, 'utf8'));
      const page = layoutPage(upright.segments, upright.width, upright.height);
      page.rows.forEach((row, i) =>
        console.log(
          `${String(i).padStart(3)} ` +
            row
              .map(
                (s) =>
                  `[${Math.round(s.u0)}-${Math.round(s.u1)} h${Math.round(s.h)} v${Math.round(s.v)}] ${s.text} (${s.confidence.toFixed(2)})`,
              )
              .join('  |  '),
        ),
      );
    }
  }
  for (const [k, v] of Object.entries(r.fields))
    console.log(`  ${k}: ${JSON.stringify(v.value)} @${v.confidence} ${v.source}`);
}

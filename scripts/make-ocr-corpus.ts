// Builds the OCR corpus (photographed claim papers with the truth of what is printed) and scores the reader:
//   npx tsx scripts/make-ocr-corpus.ts [--out DIR] [--per-kind N] [--frame 2400x1800] [--no-score]
// Writes DIR/<n>-<kind>.jpg + .json (truth), then prints classification accuracy and per-field exact accuracy
// (a field counts as right only when the value equals the printed one exactly; a missing field is wrong).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FieldValue } from '../shared/fields';
import { PAPER_KINDS } from './ocr-corpus/papers';
import { formatScore, scoreCorpus } from './ocr-corpus/score';
import { shoot } from './ocr-corpus/shots';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const arg = (name: string, fallback: string): string => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const out = arg('--out', join(REPO, 'tests', 'fixtures', 'generated', 'ocr-corpus'));
const perKind = Number(arg('--per-kind', '8'));
const [fw, fh] = arg('--frame', '2400x1800').split('x').map(Number) as [number, number];

interface Truth {
  kind: string;
  layout: string;
  font: string;
  truth: Record<string, FieldValue>;
}

mkdirSync(out, { recursive: true });
if (!args.includes('--reuse')) {
  let n = 0;
  for (const kind of PAPER_KINDS) {
    // Invoices twice over: paper and electronic layouts are the papers read most.
    const count = kind === 'invoice' ? perKind * 2 : perKind;
    for (let i = 0; i < count; i++, n++) {
      const shot = await shoot(kind, 5000 + n, i, { w: fw, h: fh });
      const base = join(out, `${String(n).padStart(3, '0')}-${kind}`);
      writeFileSync(`${base}.jpg`, shot.jpeg);
      const truth: Truth = {
        kind,
        layout: shot.paper.layout,
        font: shot.paper.font,
        truth: shot.paper.truth,
      };
      writeFileSync(`${base}.json`, JSON.stringify({ ...truth, conditions: shot.conditions }, null, 1));
      process.stdout.write('.');
    }
  }
  console.log(`\n${n} photos in ${out}`);
}

if (!args.includes('--no-score')) {
  const score = await scoreCorpus(out);
  console.log(`\n${formatScore(score)}\nframes ${fw}×${fh}`);
}

// Builds the OCR corpus (photographed claim papers with the truth of what is printed) and scores the reader:
//   npx tsx scripts/make-ocr-corpus.ts [--out DIR] [--per-kind N] [--frame 2400x1800] [--no-score]
// Writes DIR/<n>-<kind>.jpg + .json (truth), then prints classification accuracy and per-field exact accuracy
// (a field counts as right only when the value equals the printed one exactly; a missing field is wrong).
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FieldValue } from '../shared/fields';
import { readPaper } from '../electron/core/ocr/page-reader';
import { PAPER_KINDS } from './ocr-corpus/papers';
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
  const perField = new Map<string, { right: number; total: number }>();
  let kindRight = 0;
  let papers = 0;
  const times: number[] = [];
  const misses: string[] = [];
  for (const f of readdirSync(out)
    .filter((x) => x.endsWith('.jpg'))
    .sort()) {
    const t = JSON.parse(readFileSync(join(out, f.replace(/\.jpg$/, '.json')), 'utf8')) as Truth;
    const r = await readPaper(join(out, f));
    times.push(r.elapsedMs);
    papers++;
    if (r.kind === t.kind) kindRight++;
    else misses.push(`${f}: kind ${r.kind}`);
    // Fields are scored on the right kind (a misclassified paper is counted above, not twice).
    const fields =
      r.kind === t.kind ? r.fields : (await readPaper(join(out, f), { kind: t.kind as never })).fields;
    for (const [name, want] of Object.entries(t.truth)) {
      const key = `${t.kind}.${name}`;
      const s = perField.get(key) ?? { right: 0, total: 0 };
      s.total++;
      if (fields[name]?.value === want) s.right++;
      else misses.push(`${f}: ${name} want ${String(want)} got ${String(fields[name]?.value)}`);
      perField.set(key, s);
    }
    for (const name of Object.keys(fields)) {
      if (!(name in t.truth))
        misses.push(`${f}: ${name} read but not printed (${String(fields[name]!.value)})`);
    }
  }
  times.sort((a, b) => a - b);
  console.log(`\nclassification: ${kindRight}/${papers} (${((100 * kindRight) / papers).toFixed(1)} %)`);
  console.log(`median read time: ${times[Math.floor(times.length / 2)]} ms per photo (${fw}×${fh})`);
  console.log('| field | right / printed | exact |');
  console.log('|---|---|---|');
  for (const [key, s] of [...perField.entries()].sort()) {
    console.log(`| ${key} | ${s.right} / ${s.total} | ${((100 * s.right) / s.total).toFixed(1)} % |`);
  }
  if (misses.length) console.log(`\nmisses:\n  ${misses.join('\n  ')}`);
}

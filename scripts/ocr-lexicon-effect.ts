// What the lexicon check (electron/core/ocr/lexicon.ts) changes on OCR corpora: every photo is read once
// (`read`'s own path, scripts/ocr-corpus/score.ts) and its fields are found twice from the same OCR, without
// and with the check, each scored against the truth. Prints, per corpus, every field the check changed:
// fixed (wrong → right), broken (right → wrong), other (wrong → another wrong), and both scores.
//   npx tsx scripts/ocr-lexicon-effect.ts DIR [DIR…]
import type { Fields, FieldValue } from '../shared/fields';
import { setSealLines, type SealLines } from '../electron/core/ocr/toggles';
import { setLexiconCompare } from '../electron/core/ocr/fields';
import { lexiconStats } from '../electron/core/ocr/lexicon';
import { scoreCorpus } from './ocr-corpus/score';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
// --seal-lines once|alternatives|best: how the lines a seal crosses are read (engine.ts secondLook).
const at = args.indexOf('--seal-lines');
if (at >= 0) setSealLines(args.splice(at, 2)[1] as SealLines);
const dirs = args;
if (!dirs.length) {
  console.error('usage: npx tsx scripts/ocr-lexicon-effect.ts DIR [DIR…]');
  process.exit(2);
}
for (const dir of dirs) {
  let pending: { kind: string; without: Fields; withCheck: Fields }[] = [];
  setLexiconCompare((kind, without, withCheck) => pending.push({ kind, without, withCheck }));
  let fixed = 0;
  let broken = 0;
  let other = 0;
  let rightWithout = 0;
  let rightWith = 0;
  let printed = 0;
  // Right values reported below 0.85 (shown as 请核对), without and with the check.
  let doubtWithout = 0;
  let doubtWith = 0;
  const lines: string[] = [];
  const score = await scoreCorpus(dir, (f) => {
    const t = JSON.parse(readFileSync(join(dir, f.replace(/\.jpg$/, '.json')), 'utf8')) as {
      kind: string;
      truth: Record<string, FieldValue>;
    };
    const seen = pending.filter((p) => p.kind === t.kind).pop();
    pending = [];
    if (!seen) return;
    for (const [name, want] of Object.entries(t.truth)) {
      printed++;
      if (seen.without[name]?.value === want) {
        rightWithout++;
        if (seen.without[name]!.confidence < 0.85) doubtWithout++;
      }
      if (seen.withCheck[name]?.value === want) {
        rightWith++;
        if (seen.withCheck[name]!.confidence < 0.85) doubtWith++;
      }
    }
    for (const name of new Set([...Object.keys(seen.without), ...Object.keys(seen.withCheck)])) {
      const want = t.truth[name];
      const a = seen.without[name]?.value;
      const b = seen.withCheck[name]?.value;
      if (a === b) continue;
      const what = a === want ? 'BROKEN' : b === want ? 'fixed' : 'other';
      if (what === 'BROKEN') broken++;
      else if (what === 'fixed') fixed++;
      else other++;
      lines.push(
        `  ${what}: ${f} ${name}: ${String(a)} → ${String(b)} (conf ${seen.withCheck[name]?.confidence}; truth ${String(want)})`,
      );
    }
  });
  console.log(
    `${dir}: fields ${rightWithout} → ${rightWith} right of ${printed} printed;` +
      ` changed: ${fixed} fixed, ${broken} broken, ${other} other;` +
      ` right values below 0.85: ${doubtWithout} → ${doubtWith}`,
  );
  for (const l of lines) console.log(l);
  console.log(`  classification ${score.kindRight} / ${score.papers}; misses with the check:`);
  for (const m of score.misses) console.log(`    ${m}`);
}
console.log('lexicon load', lexiconStats());

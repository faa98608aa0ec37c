// Scores a folder of corpus photos (any of A, B, C: <name>.jpg beside <name>.json) as `read` reads them:
//   npx tsx scripts/ocr-corpus/score-dir.ts DIR [--cache CACHE_DIR] [--json OUT]
// With --cache the OCR of each photo is kept (ocr-cache.ts): after a change to the field rules the folder
// is scored again in seconds. --json writes the per-field figures for comparing two runs.
import { writeFileSync } from 'node:fs';
import { formatScore, scoreCorpus } from './score';

const args = process.argv.slice(2);
const opt = (name: string): string | null => {
  const i = args.indexOf(name);
  return i >= 0 ? (args[i + 1] ?? null) : null;
};
const dir = args[0];
if (!dir || dir.startsWith('--')) {
  console.error('usage: score-dir.ts DIR [--cache CACHE_DIR] [--json OUT]');
  process.exit(2);
}
const score = await scoreCorpus(dir, () => process.stderr.write('.'), { cache: opt('--cache') });
console.log(`\n${formatScore(score)}`);
const out = opt('--json');
if (out)
  writeFileSync(
    out,
    JSON.stringify(
      { kindRight: score.kindRight, papers: score.papers, perField: Object.fromEntries(score.perField) },
      null,
      1,
    ),
  );

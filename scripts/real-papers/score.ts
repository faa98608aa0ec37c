// Scores `read` on the 16 real development papers of issue 21 against the labels written by eye
// (docs/real-papers/read-labels.json):
//   npx tsx scripts/real-papers/score.ts [--cache DIR] [--json OUT]
// The images come from tests/helpers/real-papers.ts (never from the repository). Without --cache every photo
// is read by `read`'s own path (readPaper); with it, the OCR of each photo is kept in DIR and only the
// rows, kind and fields are found again (scripts/ocr-corpus/ocr-cache.ts), for trying a field rule quickly.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DocumentKind } from '../../shared/domain';
import { readPaper } from '../../electron/core/pages/reader';
import { realPapersDir } from '../../tests/helpers/real-papers';
import { readCached } from '../ocr-corpus/ocr-cache';
import { formatRealScore, loadLabels, newScore, tallyPaper } from './labels';

const args = process.argv.slice(2);
const opt = (name: string): string | null => {
  const i = args.indexOf(name);
  return i >= 0 ? (args[i + 1] ?? null) : null;
};
const cache = opt('--cache');
const dir = realPapersDir();
if (!dir) {
  console.error('the real development papers are not on this machine (see tests/helpers/real-papers.ts)');
  process.exit(2);
}
const labels = loadLabels();
const score = newScore();
const read = (file: string, kind?: DocumentKind) =>
  cache ? readCached(file, cache, kind) : readPaper(file, kind ? { kind } : {});
const times: number[] = [];
const dump: Record<string, unknown> = {};
for (const [name, label] of Object.entries(labels)) {
  const file = join(dir, name);
  const r = await read(file);
  times.push(r.elapsedMs);
  const fields = r.kind === label.kind ? r.fields : (await read(file, label.kind as DocumentKind)).fields;
  tallyPaper(score, name, label, r.kind, fields);
  dump[name] = { kind: r.kind, kindConfidence: r.kindConfidence, fields };
  process.stderr.write('.');
}
times.sort((a, b) => a - b);
console.log(`\n${formatRealScore(score)}\n\nmedian read ${times[times.length >> 1]} ms`);
const out = opt('--json');
if (out) writeFileSync(out, JSON.stringify(dump, null, 1));

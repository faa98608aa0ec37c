// Builds OCR corpus C — claim papers drawn on a Skia canvas in faces, layouts and wording A and B do not
// have (scripts/ocr-corpus-c/papers.ts), captured by a model of its own (scripts/ocr-corpus-c/shots.ts) —
// and scores the reader on it as A and B are scored (a blank cell's truth is null: a value read there is
// invented):
//   npx tsx scripts/make-ocr-corpus-c.ts [--out DIR] [--per-kind N] [--seed BASE] [--reuse] [--no-score]
//                                        [--cache DIR]
// Writes DIR/<n>-<kind>.jpg + .json (kind, layout, face, truth, frame, conditions). DIR defaults to
// tests/fixtures/generated/ocr-corpus-c (git-ignored). Invoices three times over (the national e-invoice,
// a pin-feed paper receipt and a grid receipt in turn), then 出院记录 and 诊断证明书. Set C is for
// confirming: it is scored, never tuned on.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { corpusCPlan, makePaperC } from './ocr-corpus-c/papers';
import { shootC } from './ocr-corpus-c/shots';
import { formatScore, scoreCorpus } from './ocr-corpus/score';

const REPO = fileURLToPath(new URL('..', import.meta.url));
export const DEFAULT_OCR_CORPUS_C_DIR = join(REPO, 'tests', 'fixtures', 'generated', 'ocr-corpus-c');

/** Writes photo `n` of the plan (and its truth) into `out`; returns the photo's path. */
export async function writePhotoC(out: string, n: number, seed: number, perKind: number): Promise<string> {
  const { kind, variant } = corpusCPlan(perKind)[n]!;
  const paper = makePaperC(kind, seed + n, variant);
  const shot = await shootC(paper, seed + n, n);
  const base = join(out, `${String(n).padStart(3, '0')}-${kind}`);
  writeFileSync(`${base}.jpg`, shot.jpeg);
  const { rgba: _pixels, ...meta } = paper;
  writeFileSync(
    `${base}.json`,
    JSON.stringify({ ...meta, frame: shot.frame, conditions: shot.conditions }, null, 1),
  );
  return `${base}.jpg`;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const arg = (name: string, fallback: string): string => {
    const i = args.indexOf(name);
    return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
  };
  const out = arg('--out', DEFAULT_OCR_CORPUS_C_DIR);
  const perKind = Number(arg('--per-kind', '6'));
  const seed = Number(arg('--seed', '12000'));
  mkdirSync(out, { recursive: true });
  if (!args.includes('--reuse')) {
    const started = Date.now();
    const plan = corpusCPlan(perKind);
    for (const { n } of plan) {
      await writePhotoC(out, n, seed, perKind);
      process.stdout.write('.');
    }
    console.log(`\n${plan.length} photos in ${out} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  }
  if (!args.includes('--no-score')) {
    const cache = args.includes('--cache') ? arg('--cache', '') : null;
    console.log(`\n${formatScore(await scoreCorpus(out, undefined, { cache }))}`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();

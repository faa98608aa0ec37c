// Builds OCR corpus B — claim papers made apart from corpus A (Chromium-laid-out HTML in other faces and
// the layouts and wording of real papers, scripts/ocr-corpus-b/papers.ts, photographed through the second
// camera model, scripts/ocr-corpus-b/shots.ts) — and scores the reader on it exactly as corpus A is scored:
//   npx tsx scripts/make-ocr-corpus-b.ts [--out DIR] [--per-kind N] [--seed BASE] [--reuse] [--no-score]
// Writes DIR/<n>-<kind>.jpg + .json (kind, layout, face, truth, conditions). DIR defaults to
// tests/fixtures/generated/ocr-corpus-b (git-ignored). Seeds are BASE + n (BASE 9000: the corpus scored in the
// README; another BASE gives fresh papers and photos of the same plan, to confirm on what was never looked at).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { closeBrowser } from './quality-corpus-b/documents';
import { KINDS_B, makePaperB } from './ocr-corpus-b/papers';
import { shootB } from './ocr-corpus-b/shots';
import { formatScore, scoreCorpus } from './ocr-corpus/score';

const REPO = fileURLToPath(new URL('..', import.meta.url));
export const DEFAULT_OCR_CORPUS_B_DIR = join(REPO, 'tests', 'fixtures', 'generated', 'ocr-corpus-b');

/** The corpus's papers in order: invoices twice over (electronic and paper alternate), then each kind. */
export function corpusBPlan(
  perKind: number,
): Array<{ n: number; kind: (typeof KINDS_B)[number]; variant: number }> {
  const plan = [];
  let n = 0;
  for (const kind of KINDS_B) {
    const count = kind === 'invoice' ? perKind * 2 : perKind;
    for (let variant = 0; variant < count; variant++, n++) plan.push({ n, kind, variant });
  }
  return plan;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const arg = (name: string, fallback: string): string => {
    const i = args.indexOf(name);
    return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
  };
  const out = arg('--out', DEFAULT_OCR_CORPUS_B_DIR);
  const perKind = Number(arg('--per-kind', '6'));
  const seed = Number(arg('--seed', '9000'));
  mkdirSync(out, { recursive: true });
  if (!args.includes('--reuse')) {
    const started = Date.now();
    try {
      for (const { n, kind, variant } of corpusBPlan(perKind)) {
        const paper = await makePaperB(kind, seed + n, variant);
        const shot = await shootB(paper, seed + n, n);
        const base = join(out, `${String(n).padStart(3, '0')}-${kind}`);
        writeFileSync(`${base}.jpg`, shot.jpeg);
        const { html: _html, ...meta } = paper;
        writeFileSync(
          `${base}.json`,
          JSON.stringify({ ...meta, frame: shot.frame, conditions: shot.conditions }, null, 1),
        );
        if (args.includes('--html')) writeFileSync(`${base}.html`, paper.html);
        process.stdout.write('.');
      }
    } finally {
      await closeBrowser();
    }
    console.log(
      `\n${corpusBPlan(perKind).length} photos in ${out} (${((Date.now() - started) / 1000).toFixed(0)} s)`,
    );
  }
  if (!args.includes('--no-score')) console.log(`\n${formatScore(await scoreCorpus(out))}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();

// Builds the photo-quality calibration corpus and scores `checkFile` on it.
//   npx tsx scripts/make-quality-corpus.ts [--out DIR] [--long 4000] [--only NAME-SUBSTRING] [--no-score] [--reuse]
// (--reuse rescores the photos in DIR; give it the --long they were made at, as the labels depend on it.)
// Writes DIR/<doc>-<case>.jpg and DIR/labels.json, then prints per-code recall and false-alarm rate.
// DIR defaults to tests/fixtures/generated/quality-corpus (git-ignored; this script makes it on demand).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FINDING_CODES, type FindingCode, type QualityReport } from '../shared/quality';
import { checkFile } from '../electron/core/pages/check';
import { sealKindsFromRules } from '../electron/core/rules/seal-kinds';
import { casesFor, frameFor, type CorpusCase } from './quality-corpus/cases';
import { DOC_TYPES, renderDocument, type DocType, type RenderedDoc } from './quality-corpus/documents';
import { photograph, placePage } from './quality-corpus/photograph';

/** Kinds that need a seal, from the national rule pack (as `claimdesk check --kind` uses them). */
const sealKinds = sealKindsFromRules();

export interface CorpusEntry extends CorpusCase {
  file: string;
}

const REPO = fileURLToPath(new URL('..', import.meta.url));
export const DEFAULT_CORPUS_DIR = join(REPO, 'tests', 'fixtures', 'generated', 'quality-corpus');

/** Generates the corpus (or the cases whose name matches `filter`) into `dir`; returns the labels. */
export async function makeCorpus(
  dir: string,
  options: {
    long?: number;
    filter?: (c: CorpusCase) => boolean;
    docs?: readonly DocType[];
    log?: (s: string) => void;
  } = {},
): Promise<CorpusEntry[]> {
  mkdirSync(dir, { recursive: true });
  const long = options.long ?? 4000;
  const entries: CorpusEntry[] = [];
  for (const doc of options.docs ?? DOC_TYPES) {
    // Seeds and backgrounds come from the case's place in the full corpus, so a partial run (a test, the
    // bench) makes exactly the photos the full calibration run makes.
    const d = DOC_TYPES.indexOf(doc);
    const rendered = new Map<string, RenderedDoc>();
    for (const [k, c] of casesFor(doc, d, long).entries()) {
      if (options.filter && !options.filter(c)) continue;
      const key = JSON.stringify([c.seal, c.variant ?? {}]);
      if (!rendered.has(key))
        rendered.set(
          key,
          await renderDocument(doc, {
            seed: 100 + d,
            seal: c.seal,
            ...(c.variant ? { variant: c.variant } : {}),
          }),
        );
      const page = rendered.get(key)!;
      const frame = frameFor(doc, long);
      const quad = placePage(page, frame.width, frame.height, c.page);
      const { outLong, ...shot } = c.shot;
      const jpeg = await photograph(page, {
        ...shot,
        ...(outLong ? { downscale: outLong / Math.max(frame.width, frame.height) } : {}),
        seed: 1000 * d + k + 1,
        frameWidth: frame.width,
        frameHeight: frame.height,
        quad,
        background: c.background,
      });
      const file = `${doc}-${c.name}.jpg`;
      writeFileSync(join(dir, file), jpeg);
      entries.push({ ...c, file });
      options.log?.(`  ${file}`);
    }
  }
  // A partial run (a filter) updates its entries in an existing labels.json instead of replacing the corpus.
  const labelsFile = join(dir, 'labels.json');
  let all = entries;
  if (options.filter && existsSync(labelsFile)) {
    const previous = JSON.parse(readFileSync(labelsFile, 'utf8')) as CorpusEntry[];
    const fresh = new Set(entries.map((e) => e.file));
    all = [...previous.filter((e) => !fresh.has(e.file)), ...entries];
  }
  writeFileSync(labelsFile, JSON.stringify(all, null, 2));
  return entries;
}

export interface CodeScore {
  code: FindingCode;
  positives: number;
  caughtAsError: number;
  caughtAtAll: number;
  negatives: number;
  falseErrors: number;
  falseWarnings: number;
}

/** What scoring needs of a labelled photo (both calibration sets have these). */
export interface ScoredEntry {
  file: string;
  kind: string;
  reject: readonly FindingCode[];
  tolerate?: readonly FindingCode[];
}

/** Per-code recall (error-level) and false alarms on photos a reviewer accepts for that code. */
export function scoreCorpus(
  entries: readonly ScoredEntry[],
  reports: readonly QualityReport[],
  needSeal: readonly string[] = sealKinds,
): { scores: CodeScore[]; misses: string[] } {
  const misses: string[] = [];
  const scores = FINDING_CODES.filter((c) => c !== 'unreadable_file' && c !== 'duplicate_image').map(
    (code) => {
      const s: CodeScore = {
        code,
        positives: 0,
        caughtAsError: 0,
        caughtAtAll: 0,
        negatives: 0,
        falseErrors: 0,
        falseWarnings: 0,
      };
      entries.forEach((e, i) => {
        const found = reports[i]!.findings.filter((f) => f.code === code);
        const asError = found.some((f) => f.severity === 'error');
        if (e.reject.includes(code)) {
          s.positives++;
          if (asError) s.caughtAsError++;
          else misses.push(`${e.file}: ${code} not flagged as error${found.length ? ' (warning only)' : ''}`);
          if (found.length) s.caughtAtAll++;
        } else if (!e.tolerate?.includes(code)) {
          if (code === 'seal_missing' && !needSeal.includes(e.kind)) return;
          s.negatives++;
          if (asError) {
            s.falseErrors++;
            misses.push(`${e.file}: false ${code} error`);
          } else if (found.length) s.falseWarnings++;
        }
      });
      return s;
    },
  );
  return { scores, misses };
}

/**
 * The false-alarm summary. A photo with no fault to reject is either **acceptable** (nothing tolerated: any
 * finding on it, warning or error, is a false alarm — the ≤ 5 % target) or **in a warning band** (its label
 * tolerates a finding, e.g. text 10–13 px tall by the physics or a blur of 0.16–0.25 of the text height:
 * a warning there is the fair call, so it is counted apart, not as a false alarm). Findings on such a
 * photo that its label does not tolerate are false alarms all the same and are listed.
 */
export function summariseAlarms(entries: readonly ScoredEntry[], reports: readonly QualityReport[]): string {
  const pct = (a: number, b: number): string => `${a} of ${b} (${((100 * a) / Math.max(1, b)).toFixed(0)}%)`;
  const noFault = entries.map((e, i) => ({ e, r: reports[i]! })).filter(({ e }) => e.reject.length === 0);
  const clear = noFault.filter(({ e }) => !e.tolerate?.length);
  const inBand = noFault.filter(({ e }) => e.tolerate?.length);
  const flagged = clear.filter(({ r }) => r.findings.length > 0);
  const untolerated = inBand.filter(({ e, r }) => r.findings.some((f) => !e.tolerate!.includes(f.code)));
  const warned = inBand.filter(({ r }) => r.findings.length > 0);
  const lines = [
    `acceptable photos (no fault, nothing tolerated): ${clear.length}, flagged (error or warning): ${pct(flagged.length, clear.length)}`,
    ...flagged.map(
      ({ e, r }) => `  flagged: ${e.file} ${r.findings.map((f) => `${f.code}/${f.severity}`).join(',')}`,
    ),
    `photos in a warning band (the label tolerates a finding): ${inBand.length}, given a finding: ${warned.length}, of which errors: ${warned.filter(({ r }) => r.verdict === 'fail').length}, findings not tolerated: ${untolerated.length}`,
    ...warned.map(
      ({ e, r }) =>
        `  ${e.file} (tolerates ${e.tolerate!.join(',')}): ${r.findings.map((f) => `${f.code}/${f.severity}`).join(',')}`,
    ),
    `counting every photo with no fault alike: flagged ${pct(flagged.length + warned.length, noFault.length)}`,
  ];
  return lines.join('\n');
}

export function formatScores(scores: readonly CodeScore[]): string {
  const pct = (a: number, b: number): string => (b ? `${a}/${b} (${((100 * a) / b).toFixed(0)}%)` : '–');
  const rows = scores.map(
    (s) =>
      `| ${s.code} | ${pct(s.caughtAsError, s.positives)} | ${pct(s.falseErrors, s.negatives)} | ${pct(s.falseWarnings, s.negatives)} |`,
  );
  return [
    '| code | bad photos caught as error (recall) | good photos failed (false alarm) | good photos warned |',
    '|---|---|---|---|',
    ...rows,
  ].join('\n');
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const opt = (name: string): string | undefined => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const dir = opt('--out') ?? DEFAULT_CORPUS_DIR;
  const only = opt('--only');
  const started = Date.now();
  let entries: CorpusEntry[];
  if (args.includes('--reuse')) {
    // Score an existing corpus again (after changing the checker) without re-rendering it.
    // Labels are made again from the cases (at --long, which must be the size the photos were made at), so a
    // change of labelling rule is scored without regenerating the photos.
    const long = Number(opt('--long') ?? 4000);
    const made = new Set(
      (JSON.parse(readFileSync(join(dir, 'labels.json'), 'utf8')) as CorpusEntry[]).map((e) => e.file),
    );
    entries = DOC_TYPES.flatMap((doc, d) =>
      casesFor(doc, d, long).map((c) => ({ ...c, file: `${doc}-${c.name}.jpg` })),
    ).filter((e) => made.has(e.file) && (!only || e.name.includes(only)));
  } else {
    console.log(`generating corpus in ${dir}`);
    entries = await makeCorpus(dir, {
      long: Number(opt('--long') ?? 4000),
      ...(only ? { filter: (c: CorpusCase) => c.name.includes(only) } : {}),
      log: (s) => console.log(s),
    });
    console.log(`${entries.length} photos in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
  if (args.includes('--no-score')) return;
  const reports: QualityReport[] = [];
  for (const e of entries) {
    const r = await checkFile(join(dir, e.file), { kind: e.kind, sealKinds });
    reports.push(r);
    const m = r.metrics;
    console.log(
      `${e.file.padEnd(44)} ${r.verdict.padEnd(4)} ${r.findings
        .map((f) => `${f.code}${f.severity === 'warning' ? '?' : ''}`)
        .join(',')
        .padEnd(
          40,
        )} text=${String(m.textHeightPx)} blurR=${String(m.blurRatio)} dark=${String(m.inkKeptDark)} blur=${String(m.blurMm)} paper=${String(m.paperLevel)} ink=${String(m.inkLevel)} clip=${String(m.clippedFraction)} glare=${String(m.glareFraction)} conf=${String(m.cornersConfidence)} trusted=${String(m.pageTrusted)} seal=${String(m.sealRingCoverage ?? '')}/${String(m.sealOutlineError ?? '')} ${r.elapsedMs}ms`,
    );
  }
  const { scores, misses } = scoreCorpus(entries, reports);
  console.log(`\n${formatScores(scores)}\n`);
  console.log(summariseAlarms(entries, reports));
  if (misses.length) console.log(`\nmisses:\n  ${misses.join('\n  ')}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();

// The photo checks on the 16 real development papers of issue 21 (tests/helpers/real-papers.ts), scored
// against the labels written by eye before the checker ran (docs/real-papers/check-labels.json).
//   npx tsx scripts/real-papers-check.ts [--json]
// The images are unlicensed and never committed; without them this prints why and exits 0.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { QualityReport } from '../shared/quality';
import { checkFile } from '../electron/core/pages/check';
import { sealKindsFromRules } from '../electron/core/rules/seal-kinds';
import { realPapersDir } from '../tests/helpers/real-papers';

const REPO = fileURLToPath(new URL('..', import.meta.url));

export interface RealLabel {
  kind: string;
  acceptable: boolean;
  defects: string[];
  tolerated: string[];
  seals: { shape: string; colour: string; state: string }[];
  sealAskIsRight: boolean;
  note: string;
}

export function realLabels(): Record<string, RealLabel> {
  const raw = JSON.parse(readFileSync(join(REPO, 'docs', 'real-papers', 'check-labels.json'), 'utf8')) as {
    files: Record<string, RealLabel>;
  };
  return raw.files;
}

/** A red seal (fresh or printed in red) was seen on the paper by eye. */
export function redSealed(l: RealLabel): boolean {
  return l.seals.some((s) => /red|pink/.test(s.colour) && !/printed 财政部监制/.test(s.state));
}

export interface RealScore {
  file: string;
  label: RealLabel;
  report: QualityReport;
  /** Error findings the label does not allow (a false blocking error). */
  falseErrors: string[];
  /** Warnings the label does not tolerate. */
  falseWarnings: string[];
  /** A red-sealed paper told its seal is missing (any severity). */
  sealCalledMissing: boolean;
}

export function scoreReal(file: string, label: RealLabel, report: QualityReport): RealScore {
  const allowed = new Set([...label.defects, ...label.tolerated]);
  if (label.sealAskIsRight) allowed.add('seal_missing');
  const falseErrors = report.findings
    .filter(
      (f) =>
        f.severity === 'error' &&
        !label.defects.includes(f.code) &&
        !(label.sealAskIsRight && f.code === 'seal_missing'),
    )
    .map((f) => f.code);
  const falseWarnings = report.findings
    .filter((f) => f.severity === 'warning' && !allowed.has(f.code))
    .map((f) => f.code);
  return {
    file,
    label,
    report,
    falseErrors,
    falseWarnings,
    sealCalledMissing: redSealed(label) && report.findings.some((f) => f.code === 'seal_missing'),
  };
}

export async function checkRealPapers(dir: string): Promise<RealScore[]> {
  const labels = realLabels();
  // As `claimdesk check --kind` does: the rule pack says which kinds need a seal.
  const sealKinds = sealKindsFromRules();
  const out: RealScore[] = [];
  for (const [file, label] of Object.entries(labels)) {
    const report = await checkFile(join(dir, file), { kind: label.kind, sealKinds, displayName: file });
    out.push(scoreReal(file, label, report));
  }
  return out;
}

export function summariseReal(scores: readonly RealScore[]): string {
  const acceptable = scores.filter((s) => s.label.acceptable);
  const withFalseError = acceptable.filter((s) => s.falseErrors.length > 0);
  const warned = acceptable.filter((s) => s.falseWarnings.length > 0);
  const clean = acceptable.filter((s) => s.report.findings.length === 0);
  const red = scores.filter(
    (s) => redSealed(s.label) && (s.label.kind === 'invoice' || s.label.kind === 'diagnosis_certificate'),
  );
  const unsealed = red.filter((s) => s.sealCalledMissing);
  const asks = scores.filter((s) => s.label.sealAskIsRight);
  const asked = asks.filter((s) => s.report.findings.some((f) => f.code === 'seal_missing'));
  return [
    `acceptable papers with a false error: ${withFalseError.length} of ${acceptable.length}${withFalseError.length ? ` (${withFalseError.map((s) => `${s.file}: ${s.falseErrors.join(',')}`).join('; ')})` : ''}`,
    `acceptable papers with a false warning: ${warned.length} of ${acceptable.length}${warned.length ? ` (${warned.map((s) => `${s.file}: ${s.falseWarnings.join(',')}`).join('; ')})` : ''}`,
    `acceptable papers passed clean: ${clean.length} of ${acceptable.length}`,
    `red-sealed papers that need a seal, told it is missing: ${unsealed.length} of ${red.length}${unsealed.length ? ` (${unsealed.map((s) => s.file).join(', ')})` : ''}`,
    `black-and-white e-invoice printouts asked for a fresh seal: ${asked.length} of ${asks.length}`,
  ].join('\n');
}

async function main(): Promise<void> {
  const dir = realPapersDir();
  if (!dir) {
    console.log(
      'the real development papers are not on this machine (tests/helpers/real-papers.ts): nothing to do',
    );
    return;
  }
  const scores = await checkRealPapers(dir);
  if (process.argv.includes('--json')) {
    console.log(
      JSON.stringify(
        scores.map((s) => ({ file: s.file, findings: s.report.findings, metrics: s.report.metrics })),
        null,
        1,
      ),
    );
    return;
  }
  for (const s of scores) {
    const m = s.report.metrics as Record<string, unknown>;
    console.log(
      `${s.file.padEnd(14)} ${s.label.kind.padEnd(22)} ${s.report.verdict.padEnd(4)} ${s.report.findings
        .map((f) => `${f.code}${f.severity === 'warning' ? '?' : ''}`)
        .join(',')
        .padEnd(
          40,
        )} paper=${String(m.paperLevel)} ink=${String(m.inkLevel)} print=${String(m.printLevel)} clip=${String(m.clippedFraction)} trusted=${String(m.pageTrusted)}/${String(m.pageOutlinePrint)} seal=${String(m.sealFound ?? '-')}`,
    );
  }
  console.log(`\n${summariseReal(scores)}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();

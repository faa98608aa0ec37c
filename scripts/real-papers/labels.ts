// Scores `read` on real papers against labels written by eye (docs/real-papers/read-labels.json). The images
// are not in the repository (MEBI set, no licence): tests/helpers/real-papers.ts finds them. A label's value
// null means the label is printed but its cell is blank or masked, so any value read there is invented.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Fields, FieldValue } from '../../shared/fields';

export const LABELS_FILE = fileURLToPath(new URL('../../docs/real-papers/read-labels.json', import.meta.url));

export type Want = FieldValue | null | FieldValue[];

export interface PaperLabel {
  kind: string;
  what: string;
  fields: Record<string, Want>;
}

export function loadLabels(file = LABELS_FILE): Record<string, PaperLabel> {
  return (JSON.parse(readFileSync(file, 'utf8')) as { files: Record<string, PaperLabel> }).files;
}

/** Text compared as a person reads it: full-width folded (NFKC), no spaces. */
export function sameText(a: string, b: string): boolean {
  const n = (s: string): string => s.normalize('NFKC').replace(/\s+/g, '');
  return n(a) === n(b);
}

export function matches(want: FieldValue, got: FieldValue): boolean {
  if (typeof want === 'number') return typeof got === 'number' && Math.abs(want - got) < 0.005;
  if (typeof want === 'string') return typeof got === 'string' && sameText(want, got);
  return want === got;
}

export type Outcome = 'right' | 'wrong' | 'missed' | 'invented' | 'absent';

/** One field's outcome: right (value, or nothing where the cell is blank), wrong, missed or invented. */
export function outcomeOf(want: Want, got: FieldValue | undefined): Outcome {
  if (want === null) return got === undefined ? 'absent' : 'invented';
  if (got === undefined) return 'missed';
  const wants = Array.isArray(want) ? want : [want];
  return wants.some((w) => matches(w, got)) ? 'right' : 'wrong';
}

export interface FieldTally {
  printed: number;
  right: number;
  wrong: number;
  missed: number;
  blank: number;
  absent: number;
  invented: number;
}

export interface RealScore {
  papers: number;
  kindRight: number;
  kindMisses: string[];
  perField: Map<string, FieldTally>;
  lines: string[];
}

const empty = (): FieldTally => ({
  printed: 0,
  right: 0,
  wrong: 0,
  missed: 0,
  blank: 0,
  absent: 0,
  invented: 0,
});

/** Adds one paper's reading to the score. `fields` are read with the labelled kind. */
export function tallyPaper(
  score: RealScore,
  file: string,
  label: PaperLabel,
  readKind: string,
  fields: Fields,
): void {
  score.papers++;
  if (readKind === label.kind) score.kindRight++;
  else score.kindMisses.push(`${file}: ${label.kind} read as ${readKind}`);
  for (const [name, want] of Object.entries(label.fields)) {
    const got = fields[name];
    const o = outcomeOf(want, got?.value);
    const t = score.perField.get(name) ?? empty();
    if (want === null) t.blank++;
    else t.printed++;
    if (o === 'right') t.right++;
    else if (o === 'wrong') t.wrong++;
    else if (o === 'missed') t.missed++;
    else if (o === 'absent') t.absent++;
    else t.invented++;
    score.perField.set(name, t);
    if (o !== 'right' && o !== 'absent')
      score.lines.push(
        `${file} ${name}: ${o} (want ${JSON.stringify(want)}, read ${JSON.stringify(got?.value)}${got ? ` @${got.confidence}` : ''})`,
      );
  }
}

export function newScore(): RealScore {
  return { papers: 0, kindRight: 0, kindMisses: [], perField: new Map(), lines: [] };
}

/** The score as a markdown table: per field right / printed, and what was read where the cell is blank. */
export function formatRealScore(s: RealScore): string {
  const out = [
    `kinds: ${s.kindRight} / ${s.papers}${s.kindMisses.length ? ` (${s.kindMisses.join('; ')})` : ''}`,
    '',
    '| field | right / printed | wrong | missed | blank cells left empty | invented |',
    '|---|---|---|---|---|---|',
  ];
  for (const [name, t] of [...s.perField.entries()].sort())
    out.push(
      `| ${name} | ${t.right} / ${t.printed} | ${t.wrong} | ${t.missed} | ${t.absent} / ${t.blank} | ${t.invented} |`,
    );
  if (s.lines.length) out.push('', ...s.lines.map((l) => `- ${l}`));
  return out.join('\n');
}

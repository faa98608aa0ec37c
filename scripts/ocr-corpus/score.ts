// Scores a directory of corpus photos (<name>.jpg beside <name>.json holding { kind, truth }) with `read`'s
// own path (readPaper): classification, and per field an exact match of the value (a missing field is
// wrong). Shared by corpus A (make-ocr-corpus.ts) and corpus B (make-ocr-corpus-b.ts).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FieldValue } from '../../shared/fields';
import { readPaper } from '../../electron/core/pages/reader';

export interface CorpusScore {
  papers: number;
  kindRight: number;
  perField: Map<string, { right: number; total: number; fromQr: number }>;
  medianMs: number;
  misses: string[];
}

export async function scoreCorpus(dir: string, log?: (s: string) => void): Promise<CorpusScore> {
  const perField = new Map<string, { right: number; total: number; fromQr: number }>();
  let kindRight = 0;
  let papers = 0;
  const times: number[] = [];
  const misses: string[] = [];
  for (const f of readdirSync(dir)
    .filter((x) => x.endsWith('.jpg'))
    .sort()) {
    const t = JSON.parse(readFileSync(join(dir, f.replace(/\.jpg$/, '.json')), 'utf8')) as {
      kind: string;
      truth: Record<string, FieldValue>;
    };
    const r = await readPaper(join(dir, f));
    times.push(r.elapsedMs);
    papers++;
    if (r.kind === t.kind) kindRight++;
    else misses.push(`${f}: kind ${r.kind}`);
    // Fields are scored on the right kind (a misclassified paper is counted above, not twice).
    const fields =
      r.kind === t.kind ? r.fields : (await readPaper(join(dir, f), { kind: t.kind as never })).fields;
    for (const [name, want] of Object.entries(t.truth)) {
      const key = `${t.kind}.${name}`;
      const s = perField.get(key) ?? { right: 0, total: 0, fromQr: 0 };
      s.total++;
      if (fields[name]?.value === want) {
        s.right++;
        if (fields[name]?.source === 'qr') s.fromQr++;
      } else misses.push(`${f}: ${name} want ${String(want)} got ${String(fields[name]?.value)}`);
      perField.set(key, s);
    }
    for (const name of Object.keys(fields)) {
      if (!(name in t.truth))
        misses.push(`${f}: ${name} read but not printed (${String(fields[name]!.value)})`);
    }
    log?.(f);
  }
  times.sort((a, b) => a - b);
  return { papers, kindRight, perField, medianMs: times[Math.floor(times.length / 2)] ?? 0, misses };
}

export function formatScore(s: CorpusScore): string {
  const lines = [
    `classification: ${s.kindRight}/${s.papers} (${((100 * s.kindRight) / Math.max(1, s.papers)).toFixed(1)} %)`,
    `median read time: ${s.medianMs} ms per photo`,
    '| field | right / printed | exact | of them from the QR |',
    '|---|---|---|---|',
  ];
  for (const [key, f] of [...s.perField.entries()].sort())
    lines.push(
      `| ${key} | ${f.right} / ${f.total} | ${((100 * f.right) / f.total).toFixed(1)} % | ${f.fromQr} |`,
    );
  if (s.misses.length) lines.push('', 'misses:', ...s.misses.map((m) => `  ${m}`));
  return lines.join('\n');
}

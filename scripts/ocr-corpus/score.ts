// Scores a directory of corpus photos (<name>.jpg beside <name>.json holding { kind, truth }) with `read`'s
// own path (readPaper): classification, and per field an exact match of the value (a missing field is
// wrong). A truth of null is a label printed with its cell blank: right only when nothing is read there
// (corpus C prints such cells; a value read there is counted as invented). Shared by corpora A, B and C
// (make-ocr-corpus.ts, make-ocr-corpus-b.ts, make-ocr-corpus-c.ts). With `cache`, each photo's OCR is kept
// in that folder and only the fields are found again (ocr-cache.ts).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FieldValue } from '../../shared/fields';
import type { DocumentKind } from '../../shared/domain';
import { readPaper } from '../../electron/core/pages/reader';
import { readCached } from './ocr-cache';

export interface CorpusScore {
  papers: number;
  kindRight: number;
  perField: Map<string, { right: number; total: number; fromQr: number }>;
  medianMs: number;
  misses: string[];
  /** Values read where the paper's cell is blank (truth null), per field. */
  invented: Map<string, number>;
}

export interface ScoreOptions {
  /** Keep each photo's OCR here (ocr-cache.ts). */
  cache?: string | null;
}

export async function scoreCorpus(
  dir: string,
  log?: (s: string) => void,
  options: ScoreOptions = {},
): Promise<CorpusScore> {
  const read = (file: string, kind?: DocumentKind) =>
    options.cache ? readCached(file, options.cache, kind) : readPaper(file, kind ? { kind } : {});
  const perField = new Map<string, { right: number; total: number; fromQr: number }>();
  const invented = new Map<string, number>();
  let kindRight = 0;
  let papers = 0;
  const times: number[] = [];
  const misses: string[] = [];
  for (const f of readdirSync(dir)
    .filter((x) => x.endsWith('.jpg'))
    .sort()) {
    const t = JSON.parse(readFileSync(join(dir, f.replace(/\.jpg$/, '.json')), 'utf8')) as {
      kind: string;
      truth: Record<string, FieldValue | null>;
    };
    const r = await read(join(dir, f));
    times.push(r.elapsedMs);
    papers++;
    if (r.kind === t.kind) kindRight++;
    else misses.push(`${f}: kind ${r.kind}`);
    // Fields are scored on the right kind (a misclassified paper is counted above, not twice).
    const fields = r.kind === t.kind ? r.fields : (await read(join(dir, f), t.kind as DocumentKind)).fields;
    for (const [name, want] of Object.entries(t.truth)) {
      const key = `${t.kind}.${name}`;
      const s = perField.get(key) ?? { right: 0, total: 0, fromQr: 0 };
      s.total++;
      if (want === null && fields[name] !== undefined) invented.set(key, (invented.get(key) ?? 0) + 1);
      if (want === null ? fields[name] === undefined : fields[name]?.value === want) {
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
  return {
    papers,
    kindRight,
    perField,
    medianMs: times[Math.floor(times.length / 2)] ?? 0,
    misses,
    invented,
  };
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
  if (s.invented.size)
    lines.push(
      '',
      `values read where the cell is blank: ${[...s.invented].map(([k, n]) => `${k} ${n}`).join(', ')}`,
    );
  if (s.misses.length) lines.push('', 'misses:', ...s.misses.map((m) => `  ${m}`));
  return lines.join('\n');
}

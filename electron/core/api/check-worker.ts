// Worker-thread entry for the page analysis run while importing or replacing a page. Decoding is on sharp's
// own threads, but the checks' JavaScript (pixel statistics, page bounds, seal colour, QR reading) runs for
// 0.2–0.5 s per photo; in the desktop app that would stall the main process that answers the window. One
// long-lived worker takes every job (an import sends its files one after another), so sharp and the rule
// packs load once. It runs the same analysePage as the CLI (pages/pipeline.ts analyseInThread).
import { parentPort } from 'node:worker_threads';
import { fieldNamesOf } from '../../../shared/field-corrections';
import type { DocumentKind } from '../../../shared/domain';
import type { AnalyseOptions, PageInput, PageReader } from '../pages/analyse';
import { analyseInThread } from '../pages/pipeline';
import { readPaper } from '../ocr/read';

/**
 * The app's reader: the OCR models load once in this thread (ocr/engine.ts keeps them) and read every page
 * of a kind that has fields, so the field panel beside the photo has values and boxes. A page the reader
 * cannot read (a scanned PDF today) keeps its photo checks and simply has no fields.
 */
const appReader: PageReader = async ({ path, kind }) => {
  if (!kind || fieldNamesOf(kind).length === 0) return null;
  try {
    const r = await readPaper(path, { kind: kind as DocumentKind });
    return { lines: r.lines, fields: r.fields };
  } catch {
    return null;
  }
};

/** Options that cross the thread boundary (a PageReader function cannot). */
export type WorkerAnalyseOptions = Omit<AnalyseOptions, 'reader'>;
export type CheckJob = { id: number; input: PageInput; options: WorkerAnalyseOptions };
export type CheckAnswer =
  { id: number; ok: true; facts: unknown } | { id: number; ok: false; message: string };

if (parentPort) {
  const port = parentPort;
  port.on('message', (job: CheckJob) => {
    analyseInThread(job.input, { ...job.options, reader: appReader }).then(
      (facts) => port.postMessage({ id: job.id, ok: true, facts } satisfies CheckAnswer),
      (err: unknown) =>
        port.postMessage({
          id: job.id,
          ok: false,
          message: err instanceof Error ? err.message : String(err),
        } satisfies CheckAnswer),
    );
  });
}

// Worker-thread entry for the page analysis run while importing or replacing a page. Decoding is on sharp's
// own threads, but the checks' JavaScript (pixel statistics, page bounds, seal colour, QR reading) runs for
// 0.2–0.5 s per photo; in the desktop app that would stall the main process that answers the window. One
// long-lived worker takes every job (an import sends its files one after another), so sharp and the rule
// packs load once. It runs the same analysePage as the CLI (pages/pipeline.ts analyseInThread), with the same
// page reader (pages/reader.ts): the OCR models load once in this thread.
import { parentPort } from 'node:worker_threads';
import type { AnalyseOptions, PageInput } from '../pages/analyse';
import { analyseInThread } from '../pages/pipeline';

export type WorkerAnalyseOptions = Omit<AnalyseOptions, 'reader'>;
export type CheckJob = { id: number; input: PageInput; options: WorkerAnalyseOptions };
export type CheckAnswer =
  { id: number; ok: true; facts: unknown } | { id: number; ok: false; message: string };

if (parentPort) {
  const port = parentPort;
  port.on('message', (job: CheckJob) => {
    analyseInThread(job.input, job.options).then(
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

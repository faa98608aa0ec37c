// Worker-thread entry for the photo checks run while importing or replacing a page. Decoding is on sharp's
// own threads, but the checks' JavaScript (pixel statistics, page bounds, seal colour) runs for 0.2–0.5 s
// per photo; in the desktop app that would stall the main process that answers the window. One long-lived
// worker takes every job (an import sends its files one after another), so sharp and the rule packs load once.
import { parentPort } from 'node:worker_threads';
import { pageCheckerFor } from '../../cli/commands/page-checker';
import type { PageChecker } from '../import';
import type { Workspace } from '../workspace';

export type CheckJob = { id: number; file: Parameters<PageChecker>[0] };
export type CheckAnswer =
  { id: number; ok: true; report: unknown } | { id: number; ok: false; message: string };

// The checker needs no database: the workspace argument is only part of its factory's signature.
const NO_WORKSPACE = {} as Workspace;

if (parentPort) {
  const port = parentPort;
  const check = pageCheckerFor(NO_WORKSPACE);
  port.on('message', (job: CheckJob) => {
    if (!check) {
      port.postMessage({ id: job.id, ok: true, report: null } satisfies CheckAnswer);
      return;
    }
    check(job.file).then(
      (report) => port.postMessage({ id: job.id, ok: true, report } satisfies CheckAnswer),
      (err: unknown) =>
        port.postMessage({
          id: job.id,
          ok: false,
          message: err instanceof Error ? err.message : String(err),
        } satisfies CheckAnswer),
    );
  });
}

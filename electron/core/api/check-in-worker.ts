// Runs the import's per-page analysis in one long-lived worker thread (a pool of one): the files of a
// multi-file drop go through it one after another, answers are matched to callers by job id, main only waits
// on messages, and a crashed worker is replaced on the next job. The answers are the same facts the
// in-thread analyser gives (the same analysePage runs there).
import { ClaimDeskError } from '../errors';
import { PageFacts } from '../../../shared/page-facts';
import type { PageAnalyser } from '../pages/analyse';
import type { CheckAnswer, CheckJob } from './check-worker';
import { UnavailableError } from './dispatch';
import type { WorkerSpec } from './export-in-worker';
import { JobWorker } from './job-worker';

export class PageCheckWorker {
  private readonly jobs: JobWorker<CheckJob, CheckAnswer>;

  constructor(spec: WorkerSpec) {
    this.jobs = new JobWorker(
      spec,
      (why) =>
        new UnavailableError(
          `照片检查意外中断（${why}），请重新添加这些文件`,
          `the photo checker stopped (${why}); add the files again`,
        ),
    );
  }

  /** The PageAnalyser to hand to importDocument / replace: each call is one job in the worker. */
  readonly check: PageAnalyser = async (input, options = {}) => {
    // A function cannot cross into the worker: a reader for the app is set up inside check-worker.ts.
    if (options.reader)
      throw new Error('a PageReader cannot be passed to the worker; install it in check-worker.ts');
    const { reader: _none, ...cloneable } = options;
    const m = await this.jobs.run({ input, options: cloneable });
    if (!m.ok)
      throw new ClaimDeskError(
        'file_unreadable',
        `照片检查失败：${m.message}`,
        `photo check failed: ${m.message}`,
      );
    const facts = PageFacts.safeParse(m.facts);
    if (!facts.success)
      throw new Error(`the photo checker answered with malformed facts: ${facts.error.message}`);
    return facts.data;
  };

  /** Stops the worker; checks still waiting are refused. */
  close(): Promise<void> {
    return this.jobs.close(new UnavailableError('照片检查已停止', 'the photo checker was stopped'));
  }
}

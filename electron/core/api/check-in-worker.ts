// Runs the import's per-page analysis in one long-lived worker thread (a pool of one): the files of a
// multi-file drop go through it one after another, answers are matched to callers by job id, main only waits
// on messages, and a crashed worker is replaced on the next job. The answers are the same facts the
// in-thread analyser gives (the same analysePage runs there).
import { Worker } from 'node:worker_threads';
import { ClaimDeskError } from '../errors';
import { PageFacts } from '../../../shared/page-facts';
import type { PageAnalyser } from '../pages/analyse';
import type { CheckAnswer, CheckJob } from './check-worker';
import { UnavailableError } from './dispatch';
import type { WorkerSpec } from './export-in-worker';

interface Pending {
  resolve(facts: PageFacts): void;
  reject(err: Error): void;
}

export class PageCheckWorker {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(private readonly spec: WorkerSpec) {}

  /** The PageAnalyser to hand to importDocument / replace: each call is one job in the worker. */
  readonly check: PageAnalyser = (input, options = {}) =>
    new Promise((resolve, reject) => {
      // A function cannot cross into the worker: a reader for the app is set up inside check-worker.ts.
      if (options.reader)
        throw new Error('a PageReader cannot be passed to the worker; install it in check-worker.ts');
      const id = this.nextId++;
      this.pending.set(id, { resolve, reject });
      const { reader: _none, ...cloneable } = options;
      const job: CheckJob = { id, input, options: cloneable };
      const worker = this.ensureWorker();
      // An idle worker must not keep a CLI or test process alive; a busy one holds it until the answer.
      worker.ref();
      worker.postMessage(job);
    });

  /** Stops the worker; checks still waiting are refused. */
  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    this.failAll(new UnavailableError('照片检查已停止', 'the photo checker was stopped'));
    if (w) await w.terminate();
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(this.spec.url, this.spec.argv ? { argv: this.spec.argv } : {});
    w.on('message', (m: CheckAnswer) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (this.pending.size === 0) w.unref();
      const facts = m.ok ? PageFacts.safeParse(m.facts) : null;
      if (facts?.success) p.resolve(facts.data);
      else if (m.ok)
        p.reject(new Error(`the photo checker answered with malformed facts: ${facts?.error.message}`));
      else
        p.reject(
          new ClaimDeskError(
            'file_unreadable',
            `照片检查失败：${m.message}`,
            `photo check failed: ${m.message}`,
          ),
        );
    });
    const lost = (why: string) => {
      if (this.worker === w) this.worker = null;
      this.failAll(
        new UnavailableError(
          `照片检查意外中断（${why}），请重新添加这些文件`,
          `the photo checker stopped (${why}); add the files again`,
        ),
      );
    };
    w.on('error', (err) => lost(err.message));
    w.on('exit', (code) => lost(`代码 ${code}`));
    this.worker = w;
    return w;
  }

  private failAll(err: Error): void {
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const p of waiting) p.reject(err);
  }
}

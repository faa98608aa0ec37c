// Runs the import's per-page photo check in one long-lived worker thread (a pool of one): the files of a
// multi-file drop go through it one after another, answers are matched to callers by job id, main only waits
// on messages, and a crashed worker is replaced on the next job. The answers are the same reports the in-thread checker gives (the same checker runs there).
import { Worker } from 'node:worker_threads';
import { ClaimDeskError } from '../errors';
import type { PageChecker } from '../import';
import type { CheckAnswer, CheckJob } from './check-worker';
import { UnavailableError } from './dispatch';
import type { WorkerSpec } from './export-in-worker';

interface Pending {
  resolve(report: unknown): void;
  reject(err: Error): void;
}

export class PageCheckWorker {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(private readonly spec: WorkerSpec) {}

  /** The PageChecker to hand to importDocument / replace: each call is one job in the worker. */
  readonly check: PageChecker = (file) =>
    new Promise((resolve, reject) => {
      const id = this.nextId++;
      this.pending.set(id, { resolve, reject });
      const job: CheckJob = { id, file };
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
      if (m.ok) p.resolve(m.report);
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

// One long-lived worker thread taking jobs one after another (a pool of one), shared by the photo checks of
// an import (check-in-worker.ts) and the camera's live checks (live-in-worker.ts): each job gets an id and
// its answer goes back to its caller; an idle worker does not keep a CLI or test process alive, a busy one
// holds it until the answer; a worker that crashes refuses the jobs waiting on it and is replaced on the next.
import { Worker, type Transferable } from 'node:worker_threads';
import type { WorkerSpec } from './export-in-worker';

interface Pending<A> {
  resolve(answer: A): void;
  reject(err: Error): void;
}

export class JobWorker<Job extends { id: number }, Answer extends { id: number }> {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending<Answer>>();
  private nextId = 1;

  constructor(
    private readonly spec: WorkerSpec,
    /** The refusal for jobs waiting when the worker crashed, naming why. */
    private readonly lostError: (why: string) => Error,
  ) {}

  /** The worker running now (null before the first job and after a crash or close). */
  get current(): Worker | null {
    return this.worker;
  }

  /** Posts one job (`transfer`: buffers moved into the worker, not copied) and waits for its answer. */
  run(job: Omit<Job, 'id'>, transfer: readonly Transferable[] = []): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      this.pending.set(id, { resolve, reject });
      const worker = this.ensureWorker();
      worker.ref();
      worker.postMessage({ ...job, id }, [...transfer]);
    });
  }

  /** Stops the worker; jobs still waiting are refused with `why`. */
  async close(why: Error): Promise<void> {
    const w = this.worker;
    this.worker = null;
    this.failAll(why);
    if (w) await w.terminate();
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(this.spec.url, this.spec.argv ? { argv: this.spec.argv } : {});
    w.on('message', (m: Answer) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (this.pending.size === 0) w.unref();
      p.resolve(m);
    });
    const lost = (why: string) => {
      if (this.worker === w) this.worker = null;
      this.failAll(this.lostError(why));
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

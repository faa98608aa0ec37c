// Runs the live checks in their own long-lived worker thread (live-worker.ts): frames are matched to callers
// by job id, the frame's pixels are moved (not copied) into the worker, and a crashed worker is replaced on
// the next frame. The answers are those of analyseLiveFrame in this thread.
import { Worker } from 'node:worker_threads';
import type { LiveFrame, LiveResult } from '../quality/live';
import { UnavailableError } from './dispatch';
import type { WorkerSpec } from './export-in-worker';
import type { LiveAnswer, LiveJob } from './live-worker';

/** How the live checks run: in this thread (CLI, tests) or in the live worker (the app, the e2e server). */
export type LiveAnalyser = (frame: LiveFrame) => Promise<LiveResult>;

export class LiveFrameWorker {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, { resolve(r: LiveResult): void; reject(e: Error): void }>();
  private nextId = 1;

  constructor(private readonly spec: WorkerSpec) {}

  readonly analyse: LiveAnalyser = (frame) =>
    new Promise((resolve, reject) => {
      const id = this.nextId++;
      this.pending.set(id, { resolve, reject });
      const worker = this.ensureWorker();
      worker.ref();
      const transfer = frame.rgb.byteOffset === 0 && frame.rgb.byteLength === frame.rgb.buffer.byteLength;
      worker.postMessage({ id, frame } satisfies LiveJob, transfer ? [frame.rgb.buffer as ArrayBuffer] : []);
    });

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    this.failAll(new UnavailableError('实时检查已停止', 'the live checks were stopped'));
    if (w) await w.terminate();
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(this.spec.url, this.spec.argv ? { argv: this.spec.argv } : {});
    w.on('message', (m: LiveAnswer) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      // An idle worker must not keep a test or CLI process alive.
      if (this.pending.size === 0) w.unref();
      if (m.ok) p.resolve(m.result);
      else p.reject(new Error(`live check failed: ${m.message}`));
    });
    const lost = (why: string) => {
      if (this.worker === w) this.worker = null;
      this.failAll(new UnavailableError(`实时检查意外中断（${why}）`, `the live checks stopped (${why})`));
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

// The second recognition lane: a worker thread (rec-worker.ts) with its own recogniser session (one
// thread), so two crops are recognised at once on two cores. onnxruntime-node runs a session synchronously
// on the calling thread, so one process's JavaScript thread can only keep one core busy; its intra-op
// threads split each operator, which on these small tensors (48 px high) bought ~15 % (measured: a 320 px
// crop 20 ms alone, 17 ms on 2 threads). When the thread cannot start, every crop runs on the calling thread.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import type { BestPath } from './ctc';
import type { RecLaneData, RecReply, RecRequest } from './rec-protocol';

/** The file the thread runs, as scripts/build.mjs names it. */
export const REC_WORKER_FILE = 'ocr-rec-worker.mjs';

/**
 * Where the thread's script is. Built, the engine is bundled into dist/app/*.mjs (the app, the check worker)
 * or dist/cli-chunks/*.mjs (the CLI), and the script was built beside the bundle or one folder up. Run from
 * source (tests, benches, scripts under tsx or vitest), it is built now from rec-worker.ts with esbuild into
 * the temp folder, named by its content, so it is always this source's and built once per change.
 */
export async function recWorkerScript(): Promise<string | null> {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.ts')) {
    const { build } = await import('esbuild');
    const out = await build({
      entryPoints: [join(dirname(here), 'rec-worker.ts')],
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'esm',
      write: false,
      logLevel: 'silent',
    });
    const code = out.outputFiles[0]!.contents;
    const hash = createHash('sha256').update(code).digest('hex').slice(0, 16);
    const dir = join(tmpdir(), 'claimdesk-ocr');
    const file = join(dir, `rec-worker-${hash}.mjs`);
    if (!existsSync(file)) {
      mkdirSync(dir, { recursive: true });
      // Written whole under a temporary name, then renamed: another process may be starting it already.
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, code);
      renameSync(tmp, file);
    }
    return file;
  }
  for (const candidate of [join(dirname(here), REC_WORKER_FILE), join(dirname(here), '..', REC_WORKER_FILE)])
    if (existsSync(candidate)) return candidate;
  return null;
}

export class RecLane {
  private worker: Worker | null = null;
  private failed = false;
  private readonly pending = new Map<number, { resolve(o: BestPath[]): void; reject(e: Error): void }>();
  private nextId = 1;

  constructor(readonly data: RecLaneData) {}

  get usable(): boolean {
    return !this.failed;
  }

  private async start(): Promise<Worker> {
    if (this.worker) return this.worker;
    const script = await recWorkerScript();
    if (!script) {
      this.failed = true;
      throw new Error(`recognition worker: ${REC_WORKER_FILE} not found beside the engine`);
    }
    const { Worker: WorkerThread } = await import('node:worker_threads');
    const w = new WorkerThread(script, { workerData: this.data });
    w.unref();
    w.on('message', (m: RecReply) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (this.pending.size === 0) w.unref();
      if (m.outs) p.resolve(m.outs);
      else p.reject(new Error(`recognition worker: ${m.error}`));
    });
    const fail = (err: Error): void => {
      this.failed = true;
      this.worker = null;
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    };
    w.on('error', fail);
    w.on('exit', (code) => fail(new Error(`recognition worker exited (${code})`)));
    this.worker = w;
    return w;
  }

  /** Stops the worker thread (a replaced lane). */
  async close(): Promise<void> {
    const w = this.worker;
    this.failed = true;
    this.worker = null;
    if (w) await w.terminate();
  }

  /** Runs the jobs in the worker (their input buffers are handed over, not copied). */
  async run(jobs: RecRequest['jobs']): Promise<BestPath[]> {
    const w = await this.start();
    const id = this.nextId++;
    return new Promise<BestPath[]>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      // A job waiting on the worker keeps the process alive; an idle worker does not.
      w.ref();
      const request: RecRequest = { id, jobs };
      w.postMessage(
        request,
        jobs.map((j) => j.input.buffer as ArrayBuffer),
      );
    });
  }
}

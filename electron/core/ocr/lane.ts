// The OCR lane: a worker thread (lane-worker.ts) with its own sessions on one core, so two models run at once
// on two cores. onnxruntime-node runs a session synchronously on the calling thread, so one process's
// JavaScript thread can only keep one core busy; its intra-op threads split each operator, which on the
// recogniser's small tensors (48 px high) bought ~15 % (measured: a 320 px crop 20 ms alone, 17 ms on 2
// threads), and cost the detector ~10 % more CPU (a 1280×960 input: 282–308 ms of CPU on one thread,
// 319–335 ms on two). The lane recognises its share of the crops, and on a
// page with a seal runs the detector's second look (red ink dropped out) while the calling thread runs the
// first. When the thread cannot start, all of it runs on the calling thread.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import type { BestPath } from './ctc';
import type { DetRequest, LaneData, LaneReply, LaneRequest, RecRequest } from './lane-protocol';

/** The file the thread runs, as scripts/build.mjs names it. */
export const LANE_WORKER_FILE = 'ocr-lane-worker.mjs';

/**
 * Where the thread's script is. Built, the engine is bundled into dist/app/*.mjs (the app, the check worker)
 * or dist/cli-chunks/*.mjs (the CLI), and the script was built beside the bundle or one folder up. Run from
 * source (tests, benches, scripts under tsx or vitest), it is built now from lane-worker.ts with esbuild into
 * the temp folder, named by its content, so it is always this source's and built once per change.
 */
export async function laneWorkerScript(): Promise<string | null> {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.ts')) {
    const { build } = await import('esbuild');
    const out = await build({
      entryPoints: [join(dirname(here), 'lane-worker.ts')],
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
    const file = join(dir, `lane-worker-${hash}.mjs`);
    if (!existsSync(file)) {
      mkdirSync(dir, { recursive: true });
      // Written whole under a temporary name, then renamed: another process may be starting it already.
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, code);
      renameSync(tmp, file);
    }
    return file;
  }
  for (const candidate of [
    join(dirname(here), LANE_WORKER_FILE),
    join(dirname(here), '..', LANE_WORKER_FILE),
  ])
    if (existsSync(candidate)) return candidate;
  return null;
}

export class Lane {
  private worker: Worker | null = null;
  private failed = false;
  private readonly pending = new Map<number, { resolve(r: LaneReply): void; reject(e: Error): void }>();
  private nextId = 1;

  constructor(readonly data: LaneData) {}

  get usable(): boolean {
    return !this.failed;
  }

  private async start(): Promise<Worker> {
    if (this.worker) return this.worker;
    const script = await laneWorkerScript();
    if (!script) {
      this.failed = true;
      throw new Error(`OCR lane: ${LANE_WORKER_FILE} not found beside the engine`);
    }
    const { Worker: WorkerThread } = await import('node:worker_threads');
    const w = new WorkerThread(script, { workerData: this.data });
    w.unref();
    w.on('message', (m: LaneReply) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (this.pending.size === 0) w.unref();
      if (m.error === undefined) p.resolve(m);
      else p.reject(new Error(`OCR lane: ${m.error}`));
    });
    const fail = (err: Error): void => {
      this.failed = true;
      this.worker = null;
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    };
    w.on('error', fail);
    w.on('exit', (code) => fail(new Error(`OCR lane exited (${code})`)));
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

  /** Recognises the crops in the thread (their input buffers are handed over, not copied). */
  async recognise(jobs: RecRequest['jobs']): Promise<BestPath[]> {
    const r = await this.send(
      { id: 0, type: 'rec', jobs },
      jobs.map((j) => j.input.buffer as ArrayBuffer),
    );
    return r.outs!;
  }

  /** Runs the detector in the thread on a normalised input (handed over); answers its probability map. */
  async detect(input: Float32Array, w: number, h: number): Promise<Float32Array> {
    const req: DetRequest = { id: 0, type: 'det', input, w, h };
    return (await this.send(req, [input.buffer as ArrayBuffer])).prob!;
  }

  private async send(request: LaneRequest, moved: ArrayBuffer[]): Promise<LaneReply> {
    const w = await this.start();
    const id = this.nextId++;
    return new Promise<LaneReply>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      // A job waiting on the thread keeps the process alive; an idle thread does not.
      w.ref();
      w.postMessage({ ...request, id }, moved);
    });
  }
}

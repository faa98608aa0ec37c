// Text detection: DBNet on a reduced copy of the photo (DET_MAX_SIDE) gives each pixel's probability of
// being text; connected regions above the threshold become boxes, grown back by the ratio DBNet shrank them
// in training. Where a seal lies over print, the page is searched a second time with the red ink dropped out.
import { isRedInk } from '../red-ink';
import { components, corners, minAreaRect, unclip, type Quad } from './geometry';
import { resized } from './image';
import type { Models } from './models';
import { recLanesWanted, sealDropoutOn, stage } from './toggles';
import type { OcrImage } from './types';

/**
 * Long side of the detector's input. Print on a phone photo of an A4 page is ~1.5–2 % of the page height
 * per line; at 1280 px the detector sees lines ≥ 12 px apart, which it separates reliably, and it runs in
 * ~0.3 s on one core. (960 px, PaddleOCR's default, merges the dense lines of a 费用清单.)
 */
export const DET_MAX_SIDE = 1280;
/** Pixel probability that counts as text, and mean probability a region needs to be kept (PaddleOCR's). */
const DET_THRESHOLD = 0.3;
const BOX_THRESHOLD = 0.6;
/** DBNet shrank its text regions by this ratio in training; grow them back by the same. */
const UNCLIP_RATIO = 1.6;
/** Regions thinner than this (detector pixels) are specks, not text. */
const MIN_BOX_SIDE = 3;
/** Share of a page's pixels in red stamp ink from which a seal is on it (a 40 mm ring with its text on A4 ~0.5 %). */
const SEAL_ON_PAGE = 0.001;

export interface TextBox {
  quad: Quad;
  score: number;
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

/** The detector's input: the image reduced to DET_MAX_SIDE, each side a multiple of 32 (DBNet's stride). */
interface DetInput {
  small: OcrImage;
  w: number;
  h: number;
  /** Image pixels per detector pixel. */
  sx: number;
  sy: number;
}

async function detInput(img: OcrImage): Promise<DetInput> {
  const scale = Math.min(1, DET_MAX_SIDE / Math.max(img.width, img.height));
  const w = Math.max(32, Math.round((img.width * scale) / 32) * 32);
  const h = Math.max(32, Math.round((img.height * scale) / 32) * 32);
  const small = await stage('det.resize', () => resized(img, w, h));
  return { small, w, h, sx: img.width / w, sy: img.height / h };
}

function normalised(input: DetInput, dropRed: boolean): Promise<Float32Array> {
  const { small, w, h } = input;
  return stage('det.normalise', () => normaliseBgr(small.data, small.channels, w * h, dropRed));
}

/** The detector on this thread: the probability map of a normalised input. */
async function detectHere(models: Models, input: DetInput, data: Float32Array): Promise<Float32Array> {
  const ort = await import('onnxruntime-node');
  const { w, h } = input;
  const feeds = { [models.det.inputNames[0]!]: new ort.Tensor('float32', data, [1, 3, h, w]) };
  const out = await stage(
    'det.run',
    () => models.det.run(feeds),
    () => `${w}×${h}`,
  );
  return out[models.det.outputNames[0]!]!.data as Float32Array;
}

/** Text regions of a probability map as boxes in the image's pixels. */
function boxesOf(input: DetInput, prob: Float32Array): Promise<TextBox[]> {
  const { w, h, sx, sy } = input;
  return stage(
    'det.boxes',
    () => {
      const boxes: TextBox[] = [];
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

/** Whether red stamp ink covers enough of the page for a seal (every 7th pixel looked at). */
function hasSeal(img: OcrImage): boolean {
  let red = 0;
  let all = 0;
  for (let j = 0; j < img.data.length; j += 3 * 7) {
    all++;
    if (isRedInk(img.data[j]!, img.data[j + 1]!, img.data[j + 2]!)) red++;
  }
  return red >= all * SEAL_ON_PAGE;
}

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
 * confirmation set), so on a page with red stamp ink it looks a second time at the page with red ink lightened
 * to its own red level. Its boxes are kept, and every first-pass box none of them covers is added: red print
 * itself (a 急诊 stamp, a red No. number, the seal's own words) is found by the first pass only. The two looks
 * share one reduced copy, and run at once: the second in the lane's thread (lane.ts), on one core each
 * (sequential, on two threads each, they took ~10 % more CPU and ~1.25× the time).
 */
export async function detectThroughSeals(
  models: Models,
  img: OcrImage,
): Promise<{ boxes: TextBox[]; seal: boolean }> {
  const input = await detInput(img);
  const seal = sealDropoutOn() && img.channels === 3 && hasSeal(img);
  let there: Promise<Float32Array> | null = null;
  if (seal && recLanesWanted() > 1 && models.lane.usable) {
    // Handed over to the thread (not copied): made again below if the thread fails.
    there = models.lane.detect(await normalised(input, true), input.w, input.h);
    there.catch(() => undefined);
  }
  const first = await boxesOf(input, await detectHere(models, input, await normalised(input, false)));
  if (!seal) return { boxes: first, seal: false };
  const dropped =
    (there && (await stage('det.wait', () => there).catch(() => null))) ??
    (await detectHere(models, input, await normalised(input, true)));
  const second = await boxesOf(input, dropped);
  const extra = first.filter((f) => !second.some((s) => covered(f.quad, s.quad) > 0.3));
  return { boxes: [...second, ...extra], seal: true };
}

// Offline Chinese OCR: finds and reads every text box of an image. The parts, one idea each:
//   models.ts    where the models and runtime are, loading them once per process
//   detect.ts    text detection (DBNet), and again with a seal's red ink dropped out
//   recognise.ts recognition of each box on two lanes; ctc.ts decodes the recogniser's output
//   lane.ts      the second lane's thread (lane-worker.ts, a built file of its own)
//   seal.ts      the second look at lines a seal crosses
//   toggles.ts   switches for tests and benches, and the per-stage meter
//
// Detection runs on a reduced copy of the photo (detect.ts DET_MAX_SIDE); each text box found is cut out of
// a larger copy (REC_MAX_SIDE) along its own rotation and recognised.
import type { Quad } from './geometry';
import { detectThroughSeals } from './detect';
import { limitSide } from './image';
import { loadModels } from './models';
import { recognise } from './recognise';
import { secondLook } from './seal';
import { stage } from './toggles';
import type { OcrImage, OcrResult } from './types';

export type { CharAlt, OcrImage, OcrResult, OcrSegment, OcrTimings } from './types';

/** Long side of the copy text is cut from: 2.9 mm print on an A4 photo stays ≥ 18 px high. */
export const REC_MAX_SIDE = 2560;

const dist = (a: [number, number], b: [number, number]): number => Math.hypot(a[0] - b[0], a[1] - b[1]);

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

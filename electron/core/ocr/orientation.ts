// A page photographed sideways or upside down (a phone held the other way, a picture forwarded without its
// orientation tag) is read turned upright. The detector still finds its lines, but as tall boxes when the
// page lies on its side; upside down, the recogniser reads them at low confidence. Only then is the page
// turned and read again, and the turn that reads best is kept: an upright page costs nothing more.
import type { Turn } from '../../../shared/turn';
import { loadSharp } from '../lazy';
import { ocrImage, type OcrImage, type OcrResult, type OcrSegment } from './engine';

/**
 * Below this length-weighted mean character probability an upright page is read once more upside down.
 * A readable upright page reads at ~0.9 and more; upside down, the recogniser gives ~0.3–0.6.
 */
const LOW_CONFIDENCE = 0.7;
/** Sideways: at least this many tall boxes, and twice as many tall as wide ones. */
const MIN_TALL_BOXES = 5;
/** A turn is kept only when it reads this much better than the photo as it is. */
const BETTER = 1.5;

export interface UprightReading {
  segments: OcrSegment[];
  /** The turned image's size (the segments' coordinates). */
  width: number;
  height: number;
  rotation: Turn;
}

/** How much was read, and how surely: the characters' probabilities summed, each squared. */
function evidence(segments: OcrSegment[]): { sure: number; chars: number; mean: number } {
  let sure = 0;
  let chars = 0;
  let sum = 0;
  for (const s of segments) {
    for (const c of s.charConf) {
      sure += c * c;
      sum += c;
      chars++;
    }
  }
  return { sure, chars, mean: chars > 0 ? sum / chars : 0 };
}

/** The image turned clockwise by `r` degrees. */
export async function turnImage(img: OcrImage, r: Turn): Promise<OcrImage> {
  if (r === 0) return img;
  const sharp = await loadSharp();
  const { data, info } = await sharp(img.data, {
    raw: { width: img.width, height: img.height, channels: img.channels },
  })
    .rotate(r)
    // sharp would hand a grey image back as three channels.
    .toColourspace(img.channels === 1 ? 'b-w' : 'srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: img.channels };
}

/** Which turns to try after reading the photo as it is. */
export function turnsToTry(first: Pick<OcrResult, 'segments' | 'shape'>): Turn[] {
  const { tall, wide } = first.shape;
  if (tall >= MIN_TALL_BOXES && tall >= 2 * wide) return [90, 270];
  const e = evidence(first.segments);
  if (e.chars > 0 && e.mean < LOW_CONFIDENCE) return [180];
  return [];
}

/** Reads the photo the way up its text reads best (see the top of this file). */
export async function ocrUpright(image: OcrImage): Promise<UprightReading> {
  const first = await ocrImage(image);
  let best: UprightReading = {
    segments: first.segments,
    width: image.width,
    height: image.height,
    rotation: 0,
  };
  let bestSure = evidence(first.segments).sure;
  const needed = bestSure * BETTER;
  for (const r of turnsToTry(first)) {
    const turned = await turnImage(image, r);
    const { segments } = await ocrImage(turned);
    const sure = evidence(segments).sure;
    if (sure > bestSure && sure >= needed) {
      best = { segments, width: turned.width, height: turned.height, rotation: r };
      bestSure = sure;
      // Of the two sideways turns, one that reads well settles it (the other would read upside down).
      if (evidence(segments).mean >= LOW_CONFIDENCE) break;
    }
  }
  return best;
}

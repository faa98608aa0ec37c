// Looking for an official seal (公章/鲜章): red ink forming a round or oval ring of plausible size. Chinese
// seals are 38-42 mm rings (oval ones ~40×30 mm) with text and a star inside; red table rules or a red
// letterhead are lines, not rings, so the ring test keeps them out.
import type { Region } from '../../../shared/quality';
import type { Raster } from './raster';

/** Sampling step over the analysis image: seals are big, a coarser grid is plenty. */
const STEP = 3;
/**
 * Seal ink: red well above green, with green and blue about equal (a red hue). Faded and thin impressions
 * qualify; brown and orange (wood, skin, cardboard) have green well above blue and do not.
 */
function isSealRed(R: number, G: number, B: number): boolean {
  const rg = R - G;
  return R >= 90 && rg >= 50 && R - B >= 40 && G - B <= 0.35 * rg;
}
/** Seal diameter as a share of the page's long side: 40 mm on A4 (297 mm) is 13 %, on a small invoice ~25 %. */
const MIN_DIAMETER = 0.05;
const MAX_DIAMETER = 0.35;
/** Share of angular sectors that must have red ink near the outer rim. */
const MIN_RING_COVERAGE = 0.6;
const SECTORS = 36;

export interface SealSearch {
  found: boolean;
  region?: Region;
  /** Share of the ring's sectors with red ink at the rim (best candidate), 0 when none. */
  ringCoverage: number;
  /** Share of sampled pixels that are seal-red. */
  redFraction: number;
}

export function findSeal(
  r: Raster,
  pageLongSidePx: number,
  onPage: (x: number, y: number) => boolean,
  paperLevel: number,
): SealSearch {
  // Judge colours as if the paper were properly exposed: a dim photo keeps the seal's hue, not its level.
  const gain = paperLevel > 0 ? Math.min(4, Math.max(1, 235 / paperLevel)) : 1;
  const w = Math.floor(r.width / STEP);
  const h = Math.floor(r.height / STEP);
  const red = new Uint8Array(w * h);
  let redCount = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const j = (y * STEP * r.width + x * STEP) * 3;
      if (
        isSealRed(r.rgb[j]! * gain, r.rgb[j + 1]! * gain, r.rgb[j + 2]! * gain) &&
        onPage(x * STEP, y * STEP)
      ) {
        red[y * w + x] = 1;
        redCount++;
      }
    }
  }
  const result: SealSearch = { found: false, ringCoverage: 0, redFraction: redCount / (w * h) };
  if (redCount === 0) return result;
  // Join the strokes of one seal (ring, characters, star) with a small dilation before labelling.
  const joined = dilate(red, w, h, 2);
  const label = new Int32Array(w * h);
  const stack: number[] = [];
  let next = 0;
  const longSide = pageLongSidePx / STEP;
  for (let i0 = 0; i0 < joined.length; i0++) {
    if (!joined[i0] || label[i0]) continue;
    next++;
    label[i0] = next;
    stack.push(i0);
    let x0 = w;
    let y0 = h;
    let x1 = 0;
    let y1 = 0;
    while (stack.length) {
      const k = stack.pop()!;
      const x = k % w;
      const y = (k - x) / w;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
      if (x > 0 && joined[k - 1] && !label[k - 1]) {
        label[k - 1] = next;
        stack.push(k - 1);
      }
      if (x < w - 1 && joined[k + 1] && !label[k + 1]) {
        label[k + 1] = next;
        stack.push(k + 1);
      }
      if (y > 0 && joined[k - w] && !label[k - w]) {
        label[k - w] = next;
        stack.push(k - w);
      }
      if (y < h - 1 && joined[k + w] && !label[k + w]) {
        label[k + w] = next;
        stack.push(k + w);
      }
    }
    const bw = x1 - x0 + 1;
    const bh = y1 - y0 + 1;
    const diameter = Math.max(bw, bh) / longSide;
    if (diameter < MIN_DIAMETER || diameter > MAX_DIAMETER) continue;
    if (bw / bh < 0.5 || bw / bh > 2) continue;
    const coverage = ringCoverage(red, w, x0, y0, bw, bh);
    if (coverage > result.ringCoverage) {
      result.ringCoverage = coverage;
      result.region = {
        x: (x0 * STEP) / r.width,
        y: (y0 * STEP) / r.height,
        w: (bw * STEP) / r.width,
        h: (bh * STEP) / r.height,
      };
    }
  }
  result.found = result.ringCoverage >= MIN_RING_COVERAGE;
  if (!result.found) delete result.region;
  return result;
}

/** Share of angular sectors of the ellipse inscribed in the box that have red ink near its rim. */
function ringCoverage(red: Uint8Array, w: number, x0: number, y0: number, bw: number, bh: number): number {
  const cx = x0 + bw / 2;
  const cy = y0 + bh / 2;
  const rx = bw / 2;
  const ry = bh / 2;
  const hit = new Uint8Array(SECTORS);
  for (let y = y0; y < y0 + bh; y++) {
    for (let x = x0; x < x0 + bw; x++) {
      if (!red[y * w + x]) continue;
      const dx = (x + 0.5 - cx) / rx;
      const dy = (y + 0.5 - cy) / ry;
      const rr = Math.sqrt(dx * dx + dy * dy);
      if (rr < 0.78 || rr > 1.08) continue;
      const a = Math.atan2(dy, dx);
      hit[Math.min(SECTORS - 1, Math.floor(((a + Math.PI) / (2 * Math.PI)) * SECTORS))] = 1;
    }
  }
  let n = 0;
  for (const v of hit) n += v;
  return n / SECTORS;
}

function dilate(m: Uint8Array, w: number, h: number, radius: number): Uint8Array {
  // Separable max filter: rows, then columns.
  const tmp = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      if (!m[y * w + x]) continue;
      for (let d = -radius; d <= radius; d++) {
        const xx = x + d;
        if (xx >= 0 && xx < w) tmp[y * w + xx] = 1;
      }
    }
  }
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      if (!tmp[y * w + x]) continue;
      for (let d = -radius; d <= radius; d++) {
        const yy = y + d;
        if (yy >= 0 && yy < h) out[yy * w + x] = 1;
      }
    }
  }
  return out;
}

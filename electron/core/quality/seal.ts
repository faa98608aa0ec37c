// Looking for an official seal (公章/鲜章): red ink forming a round or oval ring of plausible size. Chinese
// seals are 38-42 mm rings (oval ones ~40×30 mm) with text and a star inside; red table rules or a red
// letterhead are lines, not rings, so the ring test keeps them out. A red rectangle (a 急诊 box) has red
// ink all round its box too, so the outline itself must be an ellipse: the outermost red ink in each
// direction from the centre is fitted with an ellipse, and a rectangle's corners stand ~20 % off it.
import type { Region } from '../../../shared/quality';
import { isRedInk } from '../red-ink';
import type { Raster } from './raster';

/** Sampling step over the analysis image: seals are big, a coarser grid is plenty. */
const STEP = 3;
/** Seal diameter as a share of the page's long side: 40 mm on A4 (297 mm) is 13 %, on a small invoice ~25 %. */
const MIN_DIAMETER = 0.05;
const MAX_DIAMETER = 0.35;
/** Share of directions from the centre whose outermost red ink lies on the fitted ellipse (inked rim). */
const MIN_RING_COVERAGE = 0.6;
/**
 * Outline: RMS distance of the outer rim from the fitted ellipse, as a share of its mean radius. A stamped
 * ring (stroke ~7 % of the radius, sampled every 3 px) stays within ~3 %; a square's outline deviates by
 * ~9 % (corners 41 % further out than the sides), a 2:1 rectangle's by more.
 */
const MAX_OUTLINE_ERROR = 0.055;
/** Oval seals are up to ~45×30 mm: axis ratio at most 1.6. */
const MAX_AXIS_RATIO = 1.6;
/** A seal is far larger than the text beside it (40 mm vs 3-5 mm): its diameter ≥ this many text heights. */
const MIN_DIAMETER_TEXT_HEIGHTS = 4;

export interface SealSearch {
  found: boolean;
  region?: Region;
  /** Share of the ring's sectors with red ink at the rim (best candidate), 0 when none. */
  ringCoverage: number;
  /** Share of sampled pixels that are seal-red. */
  redFraction: number;
  /** RMS off-ellipse distance of the best ring candidate's outer rim (share of its radius), null if none. */
  outlineError: number | null;
}

export interface SealSearchOptions {
  /** Page long side in analysis pixels (the whole frame's when the outline is not trusted). */
  pageLongSidePx: number;
  onPage: (x: number, y: number) => boolean;
  paperLevel: number;
  /** Median text line height in analysis pixels, when measured: a seal is many times taller. */
  textHeightPx?: number | null;
}

export function findSeal(r: Raster, o: SealSearchOptions): SealSearch {
  const { pageLongSidePx, onPage, paperLevel } = o;
  // Judge colours as if the paper were properly exposed: a dim photo keeps the seal's hue, not its level.
  const gain = paperLevel > 0 ? Math.min(4, Math.max(1, 235 / paperLevel)) : 1;
  const w = Math.floor(r.width / STEP);
  const h = Math.floor(r.height / STEP);
  const red = new Uint8Array(w * h);
  let redCount = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const j = (y * STEP * r.width + x * STEP) * 3;
      // Seal ink (core/red-ink.ts): faded and thin impressions qualify; wood, skin and cardboard do not.
      if (
        isRedInk(r.rgb[j]! * gain, r.rgb[j + 1]! * gain, r.rgb[j + 2]! * gain) &&
        onPage(x * STEP, y * STEP)
      ) {
        red[y * w + x] = 1;
        redCount++;
      }
    }
  }
  const result: SealSearch = {
    found: false,
    ringCoverage: 0,
    redFraction: redCount / (w * h),
    outlineError: null,
  };
  const minDiameterCells = o.textHeightPx ? (MIN_DIAMETER_TEXT_HEIGHTS * o.textHeightPx) / STEP : 0;
  if (redCount === 0) return result;
  searchRings(red, w, h, r, pageLongSidePx, minDiameterCells, result);
  if (result.ringCoverage < MIN_RING_COVERAGE) {
    // Seals are stamped over the page: a red table rule or underline running through the ring joins it
    // into one shape that is neither round nor seal-sized. Rules are thin (0.2-0.4 mm), a seal's ring is
    // ~1 mm: an opening (erode by one sample, grow back within the red) removes the rules and keeps the
    // ring, and the search runs again. Only when the first search found nothing, so an unobstructed seal
    // is judged on its full ink.
    const opened = openWithin(red, w, h);
    searchRings(opened, w, h, r, pageLongSidePx, minDiameterCells, result);
  }
  result.found = result.ringCoverage >= MIN_RING_COVERAGE;
  if (!result.found) delete result.region;
  return result;
}

/** Labels the red components of `red` and keeps the best ring candidate in `result`. */
function searchRings(
  red: Uint8Array,
  w: number,
  h: number,
  r: Raster,
  pageLongSidePx: number,
  minDiameterCells: number,
  result: SealSearch,
): void {
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
    if (Math.max(bw, bh) < minDiameterCells) continue;
    const fit = fitOutline(red, label, next, w, x0, y0, bw, bh);
    if (!fit) continue;
    if (fit.error > MAX_OUTLINE_ERROR || fit.axisRatio > MAX_AXIS_RATIO) {
      if (result.outlineError === null || fit.error < result.outlineError) result.outlineError = fit.error;
      continue;
    }
    const coverage = fit.rimCoverage;
    if (coverage > result.ringCoverage) {
      result.ringCoverage = coverage;
      result.outlineError = fit.error;
      result.region = {
        x: (x0 * STEP) / r.width,
        y: (y0 * STEP) / r.height,
        w: (bw * STEP) / r.width,
        h: (bh * STEP) / r.height,
      };
    }
  }
}

/** Opening of a mask by a 4-neighbour cross, grown back only onto pixels that were set in `m`. */
function openWithin(m: Uint8Array, w: number, h: number): Uint8Array {
  const eroded = new Uint8Array(w * h);
  for (let y = 1; y < h - 1; y++)
    for (let x = 1; x < w - 1; x++) {
      const k = y * w + x;
      if (m[k] && m[k - 1] && m[k + 1] && m[k - w] && m[k + w]) eroded[k] = 1;
    }
  const grown = dilate(eroded, w, h, 1);
  for (let k = 0; k < grown.length; k++) grown[k] = grown[k]! & m[k]!;
  return grown;
}

const FIT_SECTORS = 72;

/**
 * Fits an ellipse to the outer rim of one red component: from the box centre, the outermost red sample in
 * each of 72 directions; 1/r² = A cos²θ + B sin²θ + C sinθ cosθ is linear in A, B, C (an ellipse about that
 * centre, any orientation), solved by least squares, refitted once without directions more than 15 % off
 * (gaps in a faded ring, where the rim reads as the text inside). Returns the RMS off-ellipse share, the
 * axis ratio, and the share of all directions whose outermost ink lies on the ellipse (within 12 %).
 */
function fitOutline(
  red: Uint8Array,
  label: Int32Array,
  id: number,
  w: number,
  x0: number,
  y0: number,
  bw: number,
  bh: number,
): { error: number; axisRatio: number; rimCoverage: number } | null {
  const cx = x0 + bw / 2;
  const cy = y0 + bh / 2;
  const rim = new Float64Array(FIT_SECTORS);
  for (let y = y0; y < y0 + bh; y++) {
    for (let x = x0; x < x0 + bw; x++) {
      const k = y * w + x;
      if (!red[k] || label[k] !== id) continue;
      const dx = x + 0.5 - cx;
      const dy = y + 0.5 - cy;
      const rr = Math.hypot(dx, dy) + 0.5;
      const s = Math.min(
        FIT_SECTORS - 1,
        Math.floor(((Math.atan2(dy, dx) + Math.PI) / (2 * Math.PI)) * FIT_SECTORS),
      );
      if (rr > rim[s]!) rim[s] = rr;
    }
  }
  const theta = (s: number): number => ((s + 0.5) / FIT_SECTORS) * 2 * Math.PI - Math.PI;
  let use = new Uint8Array(FIT_SECTORS);
  for (let s = 0; s < FIT_SECTORS; s++) use[s] = rim[s]! > 1 ? 1 : 0;
  let coef: [number, number, number] | null = null;
  const predict = (c: [number, number, number], s: number): number => {
    const t = theta(s);
    const ct = Math.cos(t);
    const st = Math.sin(t);
    const inv = c[0] * ct * ct + c[1] * st * st + c[2] * st * ct;
    return inv > 0 ? 1 / Math.sqrt(inv) : Infinity;
  };
  for (let pass = 0; pass < 2; pass++) {
    coef = solve3(rim, use, theta);
    if (!coef) return null;
    if (pass === 0) {
      const next = new Uint8Array(FIT_SECTORS);
      for (let s = 0; s < FIT_SECTORS; s++)
        if (use[s] && Math.abs(rim[s]! / predict(coef, s) - 1) <= 0.15) next[s] = 1;
      use = next;
    }
  }
  if (!coef) return null;
  // Axes from the quadratic form [[A, C/2], [C/2, B]]: semi-axes are 1/√eigenvalue.
  const [A, B, C] = coef;
  const mean = (A + B) / 2;
  const diff = Math.sqrt(((A - B) / 2) ** 2 + (C / 2) ** 2);
  const l1 = mean - diff;
  const l2 = mean + diff;
  if (l1 <= 0 || l2 <= 0) return null;
  const axisRatio = Math.sqrt(l2 / l1);
  let ss = 0;
  let n = 0;
  let onRim = 0;
  for (let s = 0; s < FIT_SECTORS; s++) {
    if (!(rim[s]! > 1)) continue;
    const off = rim[s]! / predict(coef, s) - 1;
    if (Math.abs(off) <= 0.12) onRim++;
    if (!use[s]) continue;
    ss += off * off;
    n++;
  }
  if (n < FIT_SECTORS / 3) return null;
  return { error: Math.sqrt(ss / n), axisRatio, rimCoverage: onRim / FIT_SECTORS };
}

/** Least squares for 1/r² = A cos² + B sin² + C sin cos over the sectors in `use` (3×3 normal equations). */
function solve3(
  rim: Float64Array,
  use: Uint8Array,
  theta: (s: number) => number,
): [number, number, number] | null {
  const M = [
    [0, 0, 0, 0],
    [0, 0, 0, 0],
    [0, 0, 0, 0],
  ];
  for (let s = 0; s < rim.length; s++) {
    if (!use[s]) continue;
    const t = theta(s);
    const f = [Math.cos(t) ** 2, Math.sin(t) ** 2, Math.sin(t) * Math.cos(t)];
    const y = 1 / rim[s]! ** 2;
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) M[i]![j]! += f[i]! * f[j]!;
      M[i]![3]! += f[i]! * y;
    }
  }
  for (let c = 0; c < 3; c++) {
    let p = c;
    for (let r = c + 1; r < 3; r++) if (Math.abs(M[r]![c]!) > Math.abs(M[p]![c]!)) p = r;
    [M[c], M[p]] = [M[p]!, M[c]!];
    if (Math.abs(M[c]![c]!) < 1e-18) return null;
    for (let r = 0; r < 3; r++) {
      if (r === c) continue;
      const f = M[r]![c]! / M[c]![c]!;
      for (let k = c; k < 4; k++) M[r]![k]! -= f * M[c]![k]!;
    }
  }
  return [M[0]![3]! / M[0]![0]!, M[1]![3]! / M[1]![1]!, M[2]![3]! / M[2]![2]!];
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

// Sharpness as a reader experiences it: how wide the ink edges of text and table lines are, measured
// across each edge (10 %→90 % of the step) and converted to millimetres on the page printed at A4. Only
// strong edges inside the page count, so an empty margin or a dense table neither flatters nor punishes a
// photo. Horizontal and vertical edges are measured apart: motion blur widens one direction only.
import type { Raster } from './raster';

/**
 * An edge must step at least this many grey levels to count as ink on paper (sharp text is ~100-200). The
 * caller may lower it to a share of the photo's own paper-to-ink contrast: defocus spreads the ink, so a
 * badly blurred real photo may have no 40-level step left at all, and that must read as blur, not as
 * "no text".
 */
export const MIN_EDGE_CONTRAST = 40;
/** Candidate edges need at least this central-difference gradient (grey levels per 2 px). */
export const MIN_GRADIENT = 20;
/** Longest walk along a profile, in analysis pixels; wider edges are reported as this width. */
const MAX_WALK = 24;
/** Edges per direction: the median settles long before this; rows are visited in interleaved passes so
 * stopping early still samples the whole page. */
const MAX_SAMPLES = 4_000;
/** Rows (columns) are visited in this many interleaved passes, every PASSES*2-th line per pass. */
const PASSES = 4;

/**
 * The sensor's noise on this photo, σ in grey levels: the median absolute second difference along rows,
 * which for pure noise is 0.6745·√6·σ (text edges are a small share of the pixels and barely move a
 * median). A dim photo has more noise against less contrast, and a noise flicker steep enough passes for a
 * crisp edge; a blurred edge under noise stops rising monotonically after a pixel or two. Both make a
 * soft, dim photo read sharp, so the edge measure needs this number.
 */
export function estimateNoise(r: Raster, inside: (x: number, y: number) => boolean): number {
  const { width: w, height: h, grey: g } = r;
  // A histogram of |second difference| (0..255) at every 2nd pixel of every 8th row: a median of ~190 k
  // values on a 2000×1500 raster without sorting them (the sample is plenty; ~2 ms where every pixel of
  // every 4th row took ~7).
  const hist = new Uint32Array(256);
  let n = 0;
  for (let y = 2; y < h - 2; y += 8)
    for (let x = 1; x < w - 1; x += 2) {
      if (!inside(x, y)) continue;
      const i = y * w + x;
      const d = Math.abs(g[i - 1]! - 2 * g[i]! + g[i + 1]!);
      hist[d > 255 ? 255 : d]!++;
      n++;
    }
  if (n === 0) return 0;
  let seen = 0;
  for (let v = 0; v < 256; v++) {
    seen += hist[v]!;
    if (seen * 2 >= n) return v / 1.652;
  }
  return 0;
}

export interface EdgeOptions {
  /** Least step, grey levels (see MIN_EDGE_CONTRAST). */
  minContrast?: number;
  /** Least central-difference gradient of a candidate edge, grey levels per 2 px. */
  minGradient?: number;
  /** The photo's noise σ (estimateNoise): a step must stand 6σ above it and the walk steps over flickers. */
  noise?: number;
}

export interface EdgeWidths {
  /** Median 10-90 % width of edges crossed left→right (vertical strokes), analysis pixels; null if too few. */
  acrossX: number | null;
  /** Same for edges crossed top→bottom (horizontal strokes). */
  acrossY: number | null;
  edgesX: number;
  edgesY: number;
}

function median(v: Float64Array): number | null {
  if (v.length === 0) return null;
  v.sort(); // typed arrays sort numerically
  return v[v.length >> 1]!;
}

/**
 * Walks from `i` towards the dark side or the light side while the profile keeps going the same way; returns
 * the pixels walked. Under noise a slow (blurred) ramp flickers back by a level or two between pixels: a step
 * back of at most `flicker` grey levels is walked over when the pixel after it carries on past where the walk
 * stood. `s`: index step of the walk; `sign`: +1 where the profile must rise along it; `room`: pixels left.
 * (A function of its own, not a closure made per edge: it runs for every candidate edge of the photo.)
 */
function walkEdge(g: Uint8Array, i: number, s: number, sign: number, room: number, flicker: number): number {
  let n = 0;
  while (n < MAX_WALK && n + 1 <= room) {
    const cur = i + n * s;
    const next = cur + s;
    if (sign * (g[next]! - g[cur]!) > 0) n++;
    else if (
      flicker > 0 &&
      n + 2 <= MAX_WALK &&
      n + 2 <= room &&
      Math.abs(g[next]! - g[cur]!) <= flicker &&
      sign * (g[next + s]! - g[cur]!) > 0
    )
      n += 2;
    else break;
  }
  return n;
}

/**
 * Width of the edge through `i` along stride `step` (1 = along a row, width = along a column), or -1 when
 * the profile is not a clean ink/paper step.
 */
function edgeWidthAt(
  g: Uint8Array,
  i: number,
  step: number,
  pos: number,
  limit: number,
  rising: boolean,
  minContrast: number,
  flicker: number,
): number {
  const dir = rising ? 1 : -1;
  const lo = walkEdge(g, i, -step, -dir, pos, flicker);
  const hi = walkEdge(g, i, step, dir, limit - 1 - pos, flicker);
  const a = g[i - lo * step]!;
  const b = g[i + hi * step]!;
  const contrast = Math.abs(b - a);
  if (contrast < minContrast) return -1;
  const t10 = a + (b - a) * 0.1;
  const t90 = a + (b - a) * 0.9;
  // Sub-pixel crossing positions by linear interpolation along the monotone profile.
  let p10 = NaN;
  let p90 = NaN;
  for (let k = -lo; k < hi; k++) {
    const v0 = g[i + k * step]!;
    const v1 = g[i + (k + 1) * step]!;
    if (Number.isNaN(p10) && (t10 - v0) * (t10 - v1) <= 0 && v0 !== v1) p10 = k + (t10 - v0) / (v1 - v0);
    if (Number.isNaN(p90) && (t90 - v0) * (t90 - v1) <= 0 && v0 !== v1) p90 = k + (t90 - v0) / (v1 - v0);
  }
  if (Number.isNaN(p10) || Number.isNaN(p90)) return -1;
  return Math.abs(p90 - p10);
}

/** Measures edge widths on grey pixels where `inside(x, y)` (the page, away from its border). */
export function measureEdgeWidths(
  r: Raster,
  inside: (x: number, y: number) => boolean,
  options: EdgeOptions = {},
): EdgeWidths {
  const { width: w, height: h, grey: g } = r;
  const noise = options.noise ?? 0;
  // A step a noise flicker could make is not an edge: 6σ (two pixels of independent noise differ by more
  // than 6σ once in ~20 000).
  const minContrast = Math.max(options.minContrast ?? MIN_EDGE_CONTRAST, 6 * noise);
  const minGradient = options.minGradient ?? MIN_GRADIENT;
  const flicker = 2 * noise;
  // Fixed-size typed buffers: no boxed numbers for the collector, and a numeric sort for the median.
  const xs = new Float64Array(MAX_SAMPLES);
  const ys = new Float64Array(MAX_SAMPLES);
  let nx = 0;
  let ny = 0;
  // Every other row/column at most, in interleaved passes (see PASSES).
  for (let pass = 0; pass < PASSES && nx < MAX_SAMPLES; pass++)
    for (let y = 2 + pass * 2; y < h - 2; y += PASSES * 2) {
      for (let x = 2; x < w - 2; x++) {
        const i = y * w + x;
        const gx = g[i + 1]! - g[i - 1]!;
        const agx = gx < 0 ? -gx : gx;
        if (agx < minGradient) continue;
        const gy = g[i + w]! - g[i - w]!;
        const agy = gy < 0 ? -gy : gy;
        // Mostly-vertical edge, and the steepest point of its profile along the row.
        if (agx < 2 * agy) continue;
        const l = g[i]! - g[i - 2]!;
        const rr = g[i + 2]! - g[i]!;
        if (Math.abs(l) > agx || Math.abs(rr) > agx) continue;
        if (!inside(x, y)) continue;
        const wdt = edgeWidthAt(g, i, 1, x, w, gx > 0, minContrast, flicker);
        if (wdt >= 0) xs[nx++] = wdt;
        if (nx >= MAX_SAMPLES) break;
      }
      if (nx >= MAX_SAMPLES) break;
    }
  // Row-major even here (every PASSES*2-th column per pass, all rows): column-major walks thrash the cache.
  for (let pass = 0; pass < PASSES && ny < MAX_SAMPLES; pass++)
    for (let y = 2; y < h - 2; y++) {
      for (let x = 2 + pass * 2; x < w - 2; x += PASSES * 2) {
        const i = y * w + x;
        const gy = g[i + w]! - g[i - w]!;
        const agy = gy < 0 ? -gy : gy;
        if (agy < minGradient) continue;
        const gx = g[i + 1]! - g[i - 1]!;
        const agx = gx < 0 ? -gx : gx;
        if (agy < 2 * agx) continue;
        const u = g[i]! - g[i - 2 * w]!;
        const d = g[i + 2 * w]! - g[i]!;
        if (Math.abs(u) > agy || Math.abs(d) > agy) continue;
        if (!inside(x, y)) continue;
        const wdt = edgeWidthAt(g, i, w, y, h, gy > 0, minContrast, flicker);
        if (wdt >= 0) ys[ny++] = wdt;
        if (ny >= MAX_SAMPLES) break;
      }
      if (ny >= MAX_SAMPLES) break;
    }
  const MIN_EDGES = 200;
  return {
    acrossX: nx >= MIN_EDGES ? median(xs.subarray(0, nx)) : null,
    acrossY: ny >= MIN_EDGES ? median(ys.subarray(0, ny)) : null,
    edgesX: nx,
    edgesY: ny,
  };
}

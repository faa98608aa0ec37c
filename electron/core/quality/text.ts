// How big the text is in the photo, measured on the text itself: the height of its lines of characters in
// pixels. Whether small print can be read depends on how many pixels a character gets, not on the paper
// size (an ID card filling the frame has huge characters; a long bill shot from afar has tiny ones), so
// legibility and blur are judged against this height instead of an assumed A4 page.
//
// Method: ink = pixels clearly darker than the paper around them (local background = the brightest pixels
// of the neighbourhood). The page is cut into narrow vertical strips; in each strip the rows holding ink
// form runs, one per line of text (two or three characters side by side fill the character's height even
// when one of them, like 三, has blank rows). Table rules (rows or columns inked across the strip) are left
// out. A tilted line fills more rows than its height across a strip, so the lines' slope is measured between
// strips and each run's ink is measured along it (upright). The run heights, each row counted once, give the
// distribution of line heights; its lower quartile is the smallest body text.
import { isRedInk } from '../red-ink';
import type { Raster } from './raster';

/** Strip width in analysis pixels: two or three characters of body text (their tilt is measured out). */
const STRIP = 40;
/** Background cells (analysis pixels); the background is the brightest pixel of the 3×3 cells around. */
const CELL = 16;
/** A row with more than this share of the strip inked is a rule or a dark area, not a line of characters. */
const MAX_ROW_FILL = 0.8;
/** A column inked along more than this share of a strip's rows is a vertical rule. */
const RULE_COLUMN_FILL = 0.6;
/** Shortest run that can be a line of text (analysis pixels); shorter ones are noise or rule remnants. */
const MIN_RUN = 3;
/** Runs taller than this share of the frame's short side are pictures, shadows or merged blocks, not lines. */
const MAX_RUN_FRACTION = 0.25;
/** Fewer line runs than this, and the height is not reported. */
const MIN_RUNS = 12;
/** Runs under this share of the typical (row-weighted median) height are rules or specks, not lines. */
const MIN_LINE_SHARE = 0.5;
/** The smallest body text: this quantile of the row-weighted line heights. */
const QUANTILE = 0.3;

export interface TextScale {
  /** Height of the smallest body text, analysis pixels; null when too little text was found. */
  lineHeight: number | null;
  /** Median line height (analysis pixels), null as above. */
  medianHeight: number | null;
  /** Line runs measured. */
  runs: number;
}

/** Where to look for ink: a block mask (1 = look), `block` analysis pixels a side, as findPage makes. */
export interface BlockMask {
  mask: Uint8Array;
  maskWidth: number;
  maskHeight: number;
  block: number;
}

/**
 * How dark the ink stays, counted while the ink mask is made: `faint` = ink pixels (in the mask below, which
 * follows the photo's own paper-to-ink contrast and so takes in smeared ink, and under FAINT_INK of their
 * local paper, clear of sensor noise on dim paper); `dark` = those of them under DARK_INK of it (ink at full
 * strength). Printed black ink reflects a tenth or less of what paper does, which a phone's gamma puts at
 * ≤ 40-45 % of the paper's grey level; a sharp stroke two or more pixels wide reaches that in its middle.
 * Blur of any shape (a defocus disc, a straight or curved shake, a double image) spreads each stroke's ink
 * over its whole extent, so once that is wider than the stroke no pixel of it gets that dark any more, even
 * where the 10-90 % edge width stays small (a curved shake draws thin, doubled edges).
 * Red stamp ink is left out of both counts: a seal's rim and characters are cut bold (~1 mm), as are red
 * titles and rules, and a smear that empties thin black strokes leaves them dark (set B's e-invoice under a
 * curved shake: red ink 0.35 kept dark, black print 0.09), so with them the share read 0.16, over the line.
 */
export interface InkDepth {
  faint: number;
  dark: number;
}
/** Ink at full strength: under 57 % of the local paper level (~100 levels darker on white paper). */
const DARK_INK = 0.57;
/** Ink counted at all: under 80 % of the local paper level (~48 levels on white paper, clear of noise). */
const FAINT_INK = 0.8;

/** Ink mask: darker than the local paper by at least half the paper-to-ink contrast (and ≥ 18 levels). */
export function inkMask(r: Raster, where: BlockMask, inkLevel: number, depth?: InkDepth): Uint8Array {
  const { width: w, height: h, grey, rgb } = r;
  const cw = Math.ceil(w / CELL);
  const ch = Math.ceil(h / CELL);
  // Column → cell and column → block lookups once, so the per-pixel loops do no division.
  const colCell = new Int32Array(w);
  const colBlock = new Int32Array(w);
  for (let x = 0; x < w; x++) {
    colCell[x] = Math.floor(x / CELL);
    colBlock[x] = Math.min(where.maskWidth - 1, Math.floor(x / where.block));
  }
  const cellMax = new Uint8Array(cw * ch);
  for (let y = 0; y < h; y++) {
    const row = Math.floor(y / CELL) * cw;
    const base = y * w;
    for (let x = 0; x < w; x++) {
      const v = grey[base + x]!;
      const k = row + colCell[x]!;
      if (v > cellMax[k]!) cellMax[k] = v;
    }
  }
  // 3×3 max so a cell inside a large character still sees the paper next to it; then the ink threshold.
  const below = new Uint8Array(cw * ch);
  const darkBelow = new Uint8Array(cw * ch);
  const faintBelow = new Uint8Array(cw * ch);
  for (let cy = 0; cy < ch; cy++)
    for (let cx = 0; cx < cw; cx++) {
      let m = 0;
      for (let dy = -1; dy <= 1; dy++)
        for (let dx = -1; dx <= 1; dx++) {
          const x = cx + dx;
          const y = cy + dy;
          if (x >= 0 && y >= 0 && x < cw && y < ch && cellMax[y * cw + x]! > m) m = cellMax[y * cw + x]!;
        }
      below[cy * cw + cx] = Math.max(0, Math.round(m - Math.max(18, 0.5 * (m - inkLevel))));
      darkBelow[cy * cw + cx] = Math.round(DARK_INK * m);
      faintBelow[cy * cw + cx] = Math.round(FAINT_INK * m);
    }
  let faint = 0;
  let dark = 0;
  const ink = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    const row = Math.floor(y / CELL) * cw;
    const mrow = Math.min(where.maskHeight - 1, Math.floor(y / where.block)) * where.maskWidth;
    const base = y * w;
    for (let x = 0; x < w; x++) {
      if (where.mask[mrow + colBlock[x]!] !== 1) continue;
      const v = grey[base + x]!;
      const k = row + colCell[x]!;
      if (v < below[k]!) {
        ink[base + x] = 1;
        if (v < faintBelow[k]!) {
          // Red stamp ink (a seal, a red title or red rules) is not the print the depth follows.
          const j = 3 * (base + x);
          if (!isRedInk(rgb[j]!, rgb[j + 1]!, rgb[j + 2]!)) {
            faint++;
            if (v < darkBelow[k]!) dark++;
          }
        }
      }
    }
  }
  if (depth) {
    depth.faint = faint;
    depth.dark = dark;
  }
  return ink;
}

/**
 * Neighbouring strips are compared to measure the slope of the lines (40 px apart: 1.4 px of rise at 2°,
 * 4.9 px at 7°; a line is matched while its rise stays under half its height).
 */
const SLOPE_SPAN = 1;
/** Steepest slope trusted (tan 12°): beyond it neighbouring lines cross a strip together and runs merge. */
const MAX_SLOPE = 0.21;
/** Fewer matched line pairs than this, and a strip takes the page's slope instead of its own. */
const MIN_SLOPE_PAIRS = 4;

/**
 * One run of inked rows in one strip: where it starts, how many rows it spans, and the columns its ink
 * spans (first to last inked column over its rows, analysis pixels).
 */
interface Run {
  strip: number;
  start: number;
  len: number;
  inkWidth: number;
}

/** Row runs in the strip at `x0`; `rule` marks the strip's vertical rules (left out of the row count). */
function stripRuns(
  ink: Uint8Array,
  w: number,
  h: number,
  x0: number,
  strip: number,
  rule: Uint8Array,
  maxRun: number,
  out: Run[],
): void {
  let runStart = -1;
  let first = STRIP;
  let last = -1;
  const close = (y: number): void => {
    if (runStart < 0) return;
    const len = y - runStart;
    if (len >= MIN_RUN && len <= maxRun)
      out.push({ strip, start: runStart, len, inkWidth: last - first + 1 });
    runStart = -1;
    first = STRIP;
    last = -1;
  };
  for (let y = 0; y < h; y++) {
    const base = y * w + x0;
    let n = 0;
    for (let dx = 0; dx < STRIP; dx++) if (!rule[dx]) n += ink[base + dx]!;
    const inked = n >= 2 && n <= MAX_ROW_FILL * STRIP;
    if (inked) {
      if (runStart < 0) runStart = y;
      // The run's ink span: only columns outside the one found so far can widen it.
      for (let dx = 0; dx < first; dx++)
        if (!rule[dx] && ink[base + dx]) {
          first = dx;
          break;
        }
      for (let dx = STRIP - 1; dx > last; dx--)
        if (!rule[dx] && ink[base + dx]) {
          last = dx;
          break;
        }
    } else close(y);
  }
  close(h);
}

/**
 * Slope (rise per pixel, tan θ) of the text lines around each strip, from the lines themselves: a run in
 * strip s and the run in the next strip whose centre is nearest (within half the line height, heights
 * alike) are the same line of text, and their centres' rise over the distance is its slope. Each strip takes
 * the middle half's mean of the pairs spanning it (perspective turns the lines across the page), or the
 * page's when it has too few. Null when the page gives too few pairs.
 */
function lineSlopes(runs: readonly Run[], strips: number): Float64Array | null {
  const byStrip: Run[][] = Array.from({ length: strips }, () => []);
  for (const r of runs) byStrip[r.strip]!.push(r);
  const local: number[][] = Array.from({ length: strips }, () => []);
  const all: number[] = [];
  const dist = SLOPE_SPAN * STRIP;
  for (let s = 0; s + SLOPE_SPAN < strips; s++) {
    const b = byStrip[s + SLOPE_SPAN]!;
    if (!b.length) continue;
    let j = 0;
    for (const a of byStrip[s]!) {
      const ca = a.start + a.len / 2;
      while (j + 1 < b.length && b[j + 1]!.start + b[j + 1]!.len / 2 <= ca) j++;
      let best: Run | null = null;
      for (const k of [j, j + 1]) {
        const c = b[k];
        if (!c) continue;
        if (!best || Math.abs(c.start + c.len / 2 - ca) < Math.abs(best.start + best.len / 2 - ca)) best = c;
      }
      if (!best) continue;
      const rise = best.start + best.len / 2 - ca;
      const small = Math.min(a.len, best.len);
      if (Math.abs(rise) > small / 2 || Math.max(a.len, best.len) > 1.5 * small) continue;
      const slope = rise / dist;
      if (Math.abs(slope) > MAX_SLOPE) continue;
      all.push(slope);
      // The pair spans strips s..s+SLOPE_SPAN: it speaks for each of them.
      for (let t = s; t <= s + SLOPE_SPAN; t++) local[t]!.push(slope);
    }
  }
  if (all.length < MIN_RUNS) return null;
  // Middle half's mean: robust like a median, but finer than the half-pixel steps a centre rises by.
  const centre = (v: number[]): number => {
    v.sort((x, y) => x - y);
    const lo = v.length >> 2;
    const hi = Math.max(lo + 1, v.length - lo);
    let sum = 0;
    for (let i = lo; i < hi; i++) sum += v[i]!;
    return sum / (hi - lo);
  };
  const page = centre(all);
  const out = new Float64Array(strips);
  for (let s = 0; s < strips; s++) out[s] = local[s]!.length >= MIN_SLOPE_PAIRS ? centre(local[s]!) : page;
  return out;
}

export function measureTextScale(r: Raster, ink: Uint8Array): TextScale {
  const { width: w, height: h } = r;
  const maxRun = MAX_RUN_FRACTION * Math.min(w, h);
  const strips = Math.floor(w / STRIP);
  const colInk = new Int32Array(STRIP);
  const runs: Run[] = [];
  const rules: Uint8Array[] = [];
  for (let s = 0; s < strips; s++) {
    const x0 = s * STRIP;
    colInk.fill(0);
    for (let y = 0; y < h; y++) {
      const base = y * w + x0;
      for (let dx = 0; dx < STRIP; dx++) colInk[dx]! += ink[base + dx]!;
    }
    const rule = new Uint8Array(STRIP);
    for (let dx = 0; dx < STRIP; dx++) rule[dx] = colInk[dx]! > RULE_COLUMN_FILL * h ? 1 : 0;
    rules.push(rule);
    stripRuns(ink, w, h, x0, s, rule, maxRun, runs);
  }
  // Measured upright: a line of height H tilted by θ fills, across the W columns its ink spans in a strip,
  // up to H + W·|tan θ| rows (2° over 40 px: +1.4 px, 14 % of a 10-px line). With the strip's slope known
  // (lineSlopes), each run's ink is measured along the line instead: the pixel at (dx, y) sits at height
  // y − tan θ·(dx − mid) across it, and the run's height is the span of those heights, however its
  // characters' tops and bottoms lie. Runs whose ink would rise by under half a pixel keep their row count.
  const slopes = lineSlopes(runs, strips);
  const heights = runs.map((run) => {
    const m = slopes ? slopes[run.strip]! : 0;
    if (Math.abs(m) * run.inkWidth < 0.5) return run.len;
    const rule = rules[run.strip]!;
    const x0 = run.strip * STRIP;
    const mid = (STRIP - 1) / 2;
    let top = Infinity;
    let bottom = -Infinity;
    // Only rows within |tan θ|·(STRIP − 1) of the run's ends can hold its highest or lowest ink along the
    // slope (a pixel further in sits lower than the run's first row's ink, whatever its column).
    const reach = Math.ceil(Math.abs(m) * (STRIP - 1)) + 1;
    const end = run.start + run.len;
    const scan = (y0: number, y1: number): void => {
      for (let y = y0; y < y1; y++) {
        const base = y * w + x0;
        for (let dx = 0; dx < STRIP; dx++) {
          if (rule[dx] || !ink[base + dx]) continue;
          const v = y - m * (dx - mid);
          if (v < top) top = v;
          if (v > bottom) bottom = v;
        }
      }
    };
    if (2 * reach >= run.len) scan(run.start, end);
    else {
      scan(run.start, run.start + reach);
      scan(end - reach, end);
    }
    return Math.max(MIN_RUN, Math.min(run.len, bottom - top + 1));
  });
  if (heights.length < MIN_RUNS) return { lineHeight: null, medianHeight: null, runs: heights.length };
  // Row-weighted quantiles: a full line counts by its height, fragments (one stroke of 三) count little.
  const quantile = (v: readonly number[], q: number): number => {
    let total = 0;
    for (const x of v) total += x;
    let acc = 0;
    for (const x of v) {
      acc += x;
      if (acc >= q * total) return x;
    }
    return v[v.length - 1]!;
  };
  heights.sort((a, b) => a - b);
  // Table rules photographed at a slant cross a strip over a few rows and read as thin runs; so do specks.
  // Lines of text are never under half the typical line height (small print is ~0.6 of body text), so
  // runs thinner than that are left out before the smallest body text is read off.
  const typical = quantile(heights, 0.5);
  const lines = heights.filter((v) => v >= MIN_LINE_SHARE * typical);
  if (lines.length < MIN_RUNS) return { lineHeight: null, medianHeight: null, runs: lines.length };
  const at = (q: number): number => quantile(lines, q);
  return { lineHeight: at(QUANTILE), medianHeight: at(0.5), runs: lines.length };
}

/**
 * Across the other way, a page photographed on its side gives at least this many times the line runs, and
 * runs at most 1/SIDEWAYS_HEIGHT_RATIO as tall (a column of characters merged into one run is many characters
 * tall). An upright page measured across the other way gives one run per character or word: about as many
 * runs as lines, at about the character width, never a third of the line height (a digit is ~0.55 of it).
 */
const SIDEWAYS_RUNS = 2;
const SIDEWAYS_HEIGHT_RATIO = 3;
/**
 * Body text is 1/50–1/100 of a page's short side (3.5 mm on A4's 210 mm), so lines measured taller than this
 * share of the frame's short side are a card's large print or merged columns of a page on its side: only then
 * is the other way measured (it costs as much as the first, ~25 ms on a 2000-px raster).
 */
const SIDEWAYS_SUSPECT = 0.03;

/** The ink mask turned a quarter (rows become columns), for measuring lines that run down the frame. */
function transposed(ink: Uint8Array, w: number, h: number): Uint8Array {
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    const row = y * w;
    for (let x = 0; x < w; x++) out[x * h + y] = ink[row + x]!;
  }
  return out;
}

/**
 * The text scale whichever way the lines run. On a page photographed on its side (a phone held the other way,
 * a picture that lost its orientation tag) the lines run down the frame: a strip can then hold a column of
 * characters as one tall run, so few runs are found and they read as huge text (a 13-px line measured
 * 176 px), which also hid the seal (a seal is judged against the text height). The other way is measured
 * only when the first reading has that shape, and taken only when it is clearly a page of lines.
 */
export function measureTextScaleEitherWay(r: Raster, ink: Uint8Array): TextScale & { sideways: boolean } {
  const across = measureTextScale(r, ink);
  if (across.medianHeight === null || across.medianHeight < SIDEWAYS_SUSPECT * Math.min(r.width, r.height))
    return { ...across, sideways: false };
  const down = measureTextScale(
    { ...r, width: r.height, height: r.width },
    transposed(ink, r.width, r.height),
  );
  const sideways =
    down.medianHeight !== null &&
    down.runs >= SIDEWAYS_RUNS * across.runs &&
    across.medianHeight >= SIDEWAYS_HEIGHT_RATIO * down.medianHeight;
  return { ...(sideways ? down : across), sideways };
}

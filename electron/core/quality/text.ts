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
// strips and each run's ink is measured along it (upright). The runs of one line are chained across strips
// and the line is judged by its type size (the height its hanzi reach; a stretch of digits is shorter); the
// lower quantile of those sizes, each line counted by its length and height, is the smallest body text.
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
/**
 * The smallest body text: this quantile of the lines' type sizes, each line weighted by its length times its
 * height (the share of the page's text it holds: a lone fragment — a punctuation mark, a seal's stroke, one
 * digit — counts little, as each row did in the run measure).
 */
const QUANTILE = 0.3;

export interface TextScale {
  /** Height of the smallest body text, analysis pixels; null when too little text was found. */
  lineHeight: number | null;
  /** Median line height (analysis pixels), null as above. */
  medianHeight: number | null;
  /** Line runs measured. */
  runs: number;
  /** Text lines they chain into (0 when the height is not reported). */
  lines?: number;
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
  // A row is walked in segments that stay within one cell and one mask block (a cell is 16 px, a block 8), so
  // the per-pixel loops look up neither: segment i runs from segStart[i] to segStart[i + 1].
  const segStart: number[] = [0];
  for (let x = 1; x < w; x++) if (x % CELL === 0 || x % where.block === 0) segStart.push(x);
  segStart.push(w);
  const segs = segStart.length - 1;
  const segCell = new Int32Array(segs);
  const segBlock = new Int32Array(segs);
  for (let i = 0; i < segs; i++) {
    segCell[i] = Math.floor(segStart[i]! / CELL);
    segBlock[i] = Math.min(where.maskWidth - 1, Math.floor(segStart[i]! / where.block));
  }
  const cellMax = new Uint8Array(cw * ch);
  for (let y = 0; y < h; y++) {
    const row = Math.floor(y / CELL) * cw;
    const base = y * w;
    for (let i = 0; i < segs; i++) {
      let m = 0;
      for (let x = base + segStart[i]!, end = base + segStart[i + 1]!; x < end; x++)
        if (grey[x]! > m) m = grey[x]!;
      const k = row + segCell[i]!;
      if (m > cellMax[k]!) cellMax[k] = m;
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
    for (let i = 0; i < segs; i++) {
      if (where.mask[mrow + segBlock[i]!] !== 1) continue;
      const k = row + segCell[i]!;
      const inkBelow = below[k]!;
      const faintAt = faintBelow[k]!;
      const darkAt = darkBelow[k]!;
      for (let x = base + segStart[i]!, end = base + segStart[i + 1]!; x < end; x++) {
        const v = grey[x]!;
        if (v >= inkBelow) continue;
        ink[x] = 1;
        if (v < faintAt) {
          // Red stamp ink (a seal, a red title or red rules) is not the print the depth follows.
          const j = 3 * x;
          if (!isRedInk(rgb[j]!, rgb[j + 1]!, rgb[j + 2]!)) {
            faint++;
            if (v < darkAt) dark++;
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

/** Row runs in the strip at `x0`; `rule` marks the strip's vertical rules, `rowInk` its inked non-rule columns per row. */
function stripRuns(
  ink: Uint8Array,
  w: number,
  h: number,
  x0: number,
  strip: number,
  rule: Uint8Array,
  rowInk: Uint8Array,
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
    const n = rowInk[strip * h + y]!;
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
  const span = strips * STRIP;
  // Ink per column, then per strip and row the inked columns that are not rules: each one pass over the mask
  // row by row (memory order), instead of a walk down every strip.
  const colInk = new Int32Array(span);
  for (let y = 0; y < h; y++) {
    const base = y * w;
    for (let x = 0; x < span; x++) colInk[x]! += ink[base + x]!;
  }
  const rules: Uint8Array[] = [];
  const notRule = new Uint8Array(span);
  for (let s = 0; s < strips; s++) {
    const rule = new Uint8Array(STRIP);
    for (let dx = 0; dx < STRIP; dx++) {
      rule[dx] = colInk[s * STRIP + dx]! > RULE_COLUMN_FILL * h ? 1 : 0;
      notRule[s * STRIP + dx] = 1 - rule[dx]!;
    }
    rules.push(rule);
  }
  const rowInk = new Uint8Array(strips * h);
  for (let y = 0; y < h; y++) {
    const base = y * w;
    for (let s = 0; s < strips; s++) {
      let n = 0;
      for (let x = s * STRIP, end = x + STRIP; x < end; x++) n += ink[base + x]! & notRule[x]!;
      rowInk[s * h + y] = n;
    }
  }
  const runs: Run[] = [];
  for (let s = 0; s < strips; s++) stripRuns(ink, w, h, s * STRIP, s, rules[s]!, rowInk, maxRun, runs);
  // Measured upright: a line of height H tilted by θ fills, across the W columns its ink spans in a strip,
  // up to H + W·|tan θ| rows (2° over 40 px: +1.4 px, 14 % of a 10-px line). With the strip's slope known
  // (lineSlopes), each run's ink is measured along the line instead: the pixel at (dx, y) sits at height
  // y − tan θ·(dx − mid) across it, and the run's height is the span of those heights, however its
  // characters' tops and bottoms lie.
  // That span is of pixel centres. A pixel is inked when the ink covers its centre (the mask's threshold is
  // half the paper-to-ink contrast), so where the line's top edge lies at height a, a column's first inked
  // pixel has its centre at a + u, u in [0, 1) set by where the pixel grid falls on the edge; likewise at
  // the bottom. Upright, every column has the same u: the row count (span + 1) is H on average. Along a
  // slope, u moves by |tan θ| per column, sweeping s = |tan θ|·(W − 1) of a pixel across the run, and the
  // extreme over the columns is the column nearest the edge: from s ≥ 1 one sits on it, and the span itself
  // is H (the + 1 of a row count added a pixel there: the 1000-px certificate of set A measured 10.46 px
  // against 9.72 by the physics). For a sweep under a pixel the nearest centre falls short of each edge by
  // (1 − s)²/2 on average (u uniform), so the height is span + (1 − min(1, s))², the row count at s = 0.
  const slopes = lineSlopes(runs, strips);
  const heights = runs.map((run) => {
    const m = slopes ? slopes[run.strip]! : 0;
    if (m === 0) return run.len;
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
    const sweep = Math.min(1, Math.abs(m) * (run.inkWidth - 1));
    return Math.max(MIN_RUN, Math.min(run.len, bottom - top + (1 - sweep) ** 2));
  });
  if (heights.length < MIN_RUNS) return { lineHeight: null, medianHeight: null, runs: heights.length };
  // Table rules photographed at a slant cross a strip over a few rows and read as thin runs; so do specks.
  // Lines of text are never under half the typical line height (small print is ~0.6 of body text), so
  // runs thinner than that are left out before the smallest body text is read off.
  const sorted = heights.slice().sort((a, b) => a - b);
  const typical = weightedQuantile(sorted, sorted, 0.5);
  const kept: number[] = [];
  for (let i = 0; i < runs.length; i++) if (heights[i]! >= MIN_LINE_SHARE * typical) kept.push(i);
  if (kept.length < MIN_RUNS) return { lineHeight: null, medianHeight: null, runs: kept.length };
  const keptHeights = kept.map((i) => heights[i]!).sort((a, b) => a - b);
  // The smallest body text is judged by the type size of its lines, not by the height of each run: a run
  // of digits is ~0.83 of the hanzi height of the same type, and a number-heavy bill's digit runs would
  // otherwise be read as its smallest text (see textLines).
  const lines = textLines(runs, heights, kept, slopes, strips);
  lines.sort((a, b) => a.height - b.height);
  const lineHeight = weightedQuantile(
    lines.map((l) => l.height),
    lines.map((l) => l.runs * l.height),
    QUANTILE,
  );
  return {
    lineHeight,
    medianHeight: weightedQuantile(keptHeights, keptHeights, 0.5),
    runs: kept.length,
    lines: lines.length,
  };
}

/** The value at quantile q of `values` (sorted ascending), each counted `weights[i]` times. */
function weightedQuantile(values: readonly number[], weights: readonly number[], q: number): number {
  let total = 0;
  for (const x of weights) total += x;
  let acc = 0;
  for (let i = 0; i < values.length; i++) {
    acc += weights[i]!;
    if (acc >= q * total) return values[i]!;
  }
  return values[values.length - 1]!;
}

/**
 * A line of text may jump this many strips (one of them empty or holding something else) to its next run:
 * the gap between a bill's columns, or between words. 8 strips = 320 analysis px, ~20 character heights of
 * body text on a 2000-px page.
 */
const MAX_GAP_STRIPS = 8;
/** A line's type size: this quantile of its runs' heights (nearest rank); see textLines. */
const LINE_UPPER = 0.75;

/**
 * Runs at or over this share of the line's upper part hold a hanzi: between the digits' 0.83 of the hanzi
 * height and the hanzi themselves (per-run noise is ±½ px, 4 % of 12 px).
 */
const HANZI_BAND = 0.91;

interface TextLine {
  /** Type size of the line: the height its hanzi reach (analysis pixels). */
  height: number;
  /** Its length, in runs (strips). */
  runs: number;
}

/**
 * Runs chained into text lines, each with its type size. Why: the height a line of type has is its em
 * height, which every hanzi on it reaches (CJK fonts draw hanzi in ~0.9 of the em), while digits stand at a
 * Latin cap height (~0.73 em in Noto Sans CJK: 0.83 of the hanzi) and punctuation lower still. A strip
 * holding only an amount, a date or a code reads a run that much shorter, though the type is the same size
 * as the hanzi beside it and the reader sees that size; the limits (10/13 px) are stated for hanzi. So the
 * runs of one line are chained across strips — the run in the next strip (or, across a column gap, a few
 * strips on) whose centre lies within half a line height of where the line's slope puts it, heights within
 * 1.5× — and a line's type size is the upper part of its runs' heights (LINE_UPPER: a line needs a quarter
 * of its runs to hold a hanzi, and one run swollen by a touching mark does not lift it).
 */
function textLines(
  runs: readonly Run[],
  heights: readonly number[],
  kept: readonly number[],
  slopes: Float64Array | null,
  strips: number,
): TextLine[] {
  const byStrip: number[][] = Array.from({ length: strips }, () => []);
  for (const i of kept) byStrip[runs[i]!.strip]!.push(i);
  const centre = (i: number): number => runs[i]!.start + runs[i]!.len / 2;
  const prev = new Int32Array(runs.length).fill(-1);
  const head = new Int32Array(runs.length).fill(-1);
  const members: number[][] = [];
  for (let s = 0; s < strips; s++) {
    for (const i of byStrip[s]!) {
      if (prev[i]! < 0) {
        head[i] = members.length;
        members.push([i]);
      }
      const line = members[head[i]!]!;
      const first = line[0]!;
      const c = centre(i);
      const h = heights[i]!;
      // The line's own slope once it spans a few strips (perspective turns lines differently across the
      // page), the strip's before.
      const span = s - runs[first]!.strip;
      const slope = span >= 3 ? (c - centre(first)) / (span * STRIP) : slopes ? slopes[s]! : 0;
      for (let t = s + 1; t < strips && t <= s + MAX_GAP_STRIPS; t++) {
        const at = c + slope * (t - s) * STRIP;
        // A strip's runs do not overlap, so they are in order of their centres: the nearest to `at` is one of
        // the two around it.
        const list = byStrip[t]!;
        let lo = 0;
        let hi = list.length;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (centre(list[mid]!) < at) lo = mid + 1;
          else hi = mid;
        }
        const below = lo < list.length ? list[lo]! : -1;
        const above = lo > 0 ? list[lo - 1]! : -1;
        const best = below < 0 || (above >= 0 && at - centre(above) < centre(below) - at) ? above : below;
        if (best < 0) continue;
        const hb = heights[best]!;
        const small = Math.min(h, hb);
        const d = Math.abs(centre(best) - at);
        if (prev[best]! < 0 && d <= small / 2 && Math.max(h, hb) <= 1.5 * small) {
          prev[best] = i;
          head[best] = head[i]!;
          line.push(best);
          break;
        }
        // Something else stands where the line would continue (a larger mark, a seal, a line already
        // taken): it ends here.
        if (d < runs[best]!.len / 2) break;
      }
    }
  }
  return members.map((m) => {
    const hs = m.map((i) => heights[i]!).sort((a, b) => a - b);
    // The runs that reach the line's type size (within HANZI_BAND of its upper part either way; digits stand
    // at 0.83 of it), and their mean: each run's height errs by a fraction of a pixel with where the grid
    // falls on it, unbiased on average but skewed (along a slight slope most runs read a little high and a
    // few a pixel low), so a median would read high.
    const upper = hs[Math.round(LINE_UPPER * (hs.length - 1))]!;
    let sum = 0;
    let n = 0;
    for (const v of hs)
      if (v >= HANZI_BAND * upper && HANZI_BAND * v <= upper) {
        sum += v;
        n++;
      }
    return { height: sum / n, runs: hs.length };
  });
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
/**
 * Lines of text are long across the way they run: a page's runs chain into lines of three runs or more on
 * average (set A's certificate 3.1; a bill's row more), while a page on its side, measured across, can also
 * fall into runs one character long (strips that hold one column of characters: each character is a run)
 * that chain little (OCR corpus B's invoice turned 270°: 1.3 runs a line). Under this many runs a line the
 * other way is measured too, and taken when its runs chain at least SIDEWAYS_CHAIN_GAIN times as well and
 * read no taller (across, such a page gives its characters' widths, ~ their height; set B's steeply angled
 * long bill chains little either way and measured down gives 165-px "lines": it is not on its side).
 */
const SIDEWAYS_CHAIN = 2;
const SIDEWAYS_CHAIN_GAIN = 2;

/** Runs per chained line; null when the height was not reported. */
function runsPerLine(t: TextScale): number | null {
  return t.medianHeight === null || !t.lines ? null : t.runs / t.lines;
}

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
  const chainAcross = runsPerLine(across);
  const largePrint =
    across.medianHeight !== null && across.medianHeight >= SIDEWAYS_SUSPECT * Math.min(r.width, r.height);
  const shortLines = chainAcross !== null && chainAcross < SIDEWAYS_CHAIN;
  if (!largePrint && !shortLines) return { ...across, sideways: false };
  const down = measureTextScale(
    { ...r, width: r.height, height: r.width },
    transposed(ink, r.width, r.height),
  );
  const chainDown = runsPerLine(down);
  const sideways =
    down.medianHeight !== null &&
    across.medianHeight !== null &&
    ((largePrint &&
      down.runs >= SIDEWAYS_RUNS * across.runs &&
      across.medianHeight >= SIDEWAYS_HEIGHT_RATIO * down.medianHeight) ||
      (shortLines &&
        chainDown !== null &&
        chainDown >= SIDEWAYS_CHAIN_GAIN * chainAcross &&
        down.medianHeight <= across.medianHeight));
  return { ...(sideways ? down : across), sideways };
}

// How big the text is in the photo, measured on the text itself: the height of its lines of characters in
// pixels. Whether small print can be read depends on how many pixels a character gets, not on the paper
// size (an ID card filling the frame has huge characters; a long bill shot from afar has tiny ones), so
// legibility and blur are judged against this height instead of an assumed A4 page.
//
// Method: ink = pixels clearly darker than the paper around them (local background = the brightest pixels
// of the neighbourhood). The page is cut into narrow vertical strips; in each strip the rows holding ink
// form runs, one per line of text (two or three characters side by side fill the character's height even
// when one of them, like 三, has blank rows). Table rules (rows or columns inked across the strip) are left
// out. The run heights, each row counted once, give the distribution of line heights; its lower quartile is
// the smallest body text.
import type { Raster } from './raster';

/** Strip width in analysis pixels: two or three characters of body text, little skew across it. */
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
  const { width: w, height: h, grey } = r;
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
          faint++;
          if (v < darkBelow[k]!) dark++;
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

export function measureTextScale(r: Raster, ink: Uint8Array): TextScale {
  const { width: w, height: h } = r;
  const maxRun = MAX_RUN_FRACTION * Math.min(w, h);
  const heights: number[] = [];
  const colInk = new Int32Array(STRIP);
  const rule = new Uint8Array(STRIP);
  for (let x0 = 0; x0 + STRIP <= w; x0 += STRIP) {
    colInk.fill(0);
    for (let y = 0; y < h; y++) {
      const base = y * w + x0;
      for (let dx = 0; dx < STRIP; dx++) colInk[dx]! += ink[base + dx]!;
    }
    for (let dx = 0; dx < STRIP; dx++) rule[dx] = colInk[dx]! > RULE_COLUMN_FILL * h ? 1 : 0;
    let runStart = -1;
    const close = (y: number): void => {
      if (runStart < 0) return;
      const len = y - runStart;
      if (len >= MIN_RUN && len <= maxRun) heights.push(len);
      runStart = -1;
    };
    for (let y = 0; y < h; y++) {
      const base = y * w + x0;
      let n = 0;
      for (let dx = 0; dx < STRIP; dx++) if (!rule[dx]) n += ink[base + dx]!;
      const inked = n >= 2 && n <= MAX_ROW_FILL * STRIP;
      if (inked && runStart < 0) runStart = y;
      else if (!inked) close(y);
    }
    close(h);
  }
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

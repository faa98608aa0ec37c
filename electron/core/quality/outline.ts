// Finding the document in the photo: paper is bright and nearly colourless, the table under it is not.
// We threshold a "paperness" map at coarse scale (Otsu), keep the biggest blob, fill its holes (the text),
// and read the four corners off it. Whether the blob runs into the frame edge says if the page is cut off.
import type { Point } from '../../../shared/quality';
import type { Raster } from './raster';

/** Coarse blocks are this many analysis pixels wide: big enough that the max inside a block skips text. */
const BLOCK = 8;
/**
 * Paper must stand at least this many grey levels (of the paperness score) above the table right across
 * its outline. White paper (~235) against a pale desk (~200) still makes a 30-level step; an outline cut by
 * Otsu through a smooth lighting gradient on one white surface has almost none.
 */
const MIN_EDGE_STEP = 18;
/**
 * Spurs up to 2·SPUR blocks wide (32 analysis px) are not taken for paper running out of the frame: a check
 * square of a tablecloth photographed small, or a strip of pale table beside the page.
 */
const SPUR = 2;
/** …and the blob must be well described by four corners. */
const MIN_TRUSTED_CONFIDENCE = 0.5;
/**
 * …and the outline must not run through the print (printAtOutline): a sheet's edge has print right inside it
 * only where a stamp or a rule reaches the margin (≤ 0.23 of the outline on every photo of both calibration
 * sets), an outline drawn through the page has it along most of its length (0.58-0.67 on real photos of
 * curled, unevenly lit book pages).
 */
const MAX_OUTLINE_PRINT = 0.4;
/**
 * …and four corners that make a sheet: no side under this share of the longest. The narrowest paper people
 * claim with, a 57-mm till roll, is a fifth as wide as it is long even when 30 cm of it is printed; a
 * "page" with two corners 1 % apart is a triangle of something else (a patch of pavement in a street photo).
 */
const MIN_SIDE_SHARE = 0.05;
/**
 * A page that runs out of two opposite frame sides along this share of each is either a sheet bigger than the
 * frame (then its print runs out of the frame too) or a white surface around the paper (a pale desk, a stack
 * of receipts) taken for it.
 */
const OPPOSITE_TOUCH = 0.5;
/**
 * …with its first print this far in from both sides (share of the frame across): more than any page margin
 * still in view (A4's 25 mm is 12 % of its width on a page filling the frame; a sheet running past the frame
 * shows less of it), the blank desk around a receipt in set A and B's photos and issue 21's stack of receipts.
 */
const BLANK_BAND = 0.12;
/** Ink must stand this many grey levels under its paper to count as print (sensor noise on a dark photo does not). */
const MIN_PRINT_CONTRAST = 40;

export interface PageGeometry {
  /** [top-left, top-right, bottom-right, bottom-left] in 0..1 image coordinates. */
  corners: [Point, Point, Point, Point];
  /** 0..1: how cleanly paper separated from background and how well four corners describe the blob. */
  confidence: number;
  /** Fraction of the frame the page covers. */
  areaFraction: number;
  /** For each frame side (top, right, bottom, left): fraction of its length the page runs into. */
  touches: { top: number; right: number; bottom: number; left: number };
  /** True when paper covers (nearly) the whole frame: a scan or a close-up with no background visible. */
  fillsFrame: boolean;
  /**
   * False when an outline was found but cannot be trusted (paper on a pale desk: no clear brightness step
   * along it). The geometry is then the whole frame, with fillsFrame set, so no check is run against the
   * doubtful outline and a cut-off page is judged by text running into the frame edge instead.
   */
  trusted: boolean;
  /** Median brightness step (paperness levels) from the page to the table across the outline. */
  edgeStep: number;
  /** Share of the outline with print right inside it (printAtOutline). */
  outlinePrint: number;
  /** Block mask (1 = page) and its size, for the other checks to restrict themselves to the document. */
  mask: Uint8Array;
  maskWidth: number;
  maskHeight: number;
  block: number;
}

function otsu(hist: Float64Array, total: number): { threshold: number; separability: number } {
  let sum = 0;
  for (let i = 0; i < 256; i++) sum += i * hist[i]!;
  let sumB = 0;
  let wB = 0;
  let best = 0;
  let threshold = 128;
  let totalVar = 0;
  const mean = sum / total;
  for (let i = 0; i < 256; i++) totalVar += hist[i]! * (i - mean) ** 2;
  for (let t = 0; t < 256; t++) {
    wB += hist[t]!;
    if (wB === 0) continue;
    const wF = total - wB;
    if (wF === 0) break;
    sumB += t * hist[t]!;
    const mB = sumB / wB;
    const mF = (sum - sumB) / wF;
    const between = wB * wF * (mB - mF) ** 2;
    if (between > best) {
      best = between;
      threshold = t;
    }
  }
  // Between-class over total variance (η): near 1 for two clean populations, low for one noisy one.
  return { threshold, separability: totalVar > 0 ? best / total / (totalVar / total) : 0 };
}

export function findPage(r: Raster): PageGeometry {
  const mw = Math.max(1, Math.floor(r.width / BLOCK));
  const mh = Math.max(1, Math.floor(r.height / BLOCK));
  const score = new Uint8Array(mw * mh);
  // Paperness per block: the brightest, least coloured pixel in it (max skips the ink of text).
  for (let by = 0; by < mh; by++) {
    for (let bx = 0; bx < mw; bx++) {
      let best = 0;
      for (let y = by * BLOCK + 1; y < (by + 1) * BLOCK; y += 3) {
        let j = (y * r.width + bx * BLOCK + 1) * 3;
        for (let x = 1; x < BLOCK; x += 3, j += 9) {
          const R = r.rgb[j]!;
          const G = r.rgb[j + 1]!;
          const B = r.rgb[j + 2]!;
          const max = R > G ? (R > B ? R : B) : G > B ? G : B;
          const min = R < G ? (R < B ? R : B) : G < B ? G : B;
          const v = (R * 77 + G * 150 + B * 29) / 256 - 1.5 * (max - min);
          if (v > best) best = v;
        }
      }
      score[by * mw + bx] = best;
    }
  }
  const hist = new Float64Array(256);
  for (const v of score) hist[v]!++;
  const { threshold, separability } = otsu(hist, score.length);

  const inPaper = new Uint8Array(mw * mh);
  for (let i = 0; i < score.length; i++) inPaper[i] = score[i]! > threshold ? 1 : 0;
  // A single population (no background visible) has poor separability: treat all of it as page.
  const singlePopulation = separability < 0.5;
  const mask = singlePopulation ? new Uint8Array(mw * mh).fill(1) : largestComponentFilled(inPaper, mw, mh);

  let area = 0;
  let tl = { s: Infinity, x: 0, y: 0 };
  let br = { s: -Infinity, x: 0, y: 0 };
  let tr = { s: -Infinity, x: 0, y: 0 };
  let bl = { s: Infinity, x: 0, y: 0 };
  for (let y = 0; y < mh; y++) {
    for (let x = 0; x < mw; x++) {
      if (!mask[y * mw + x]) continue;
      area++;
      // Outer edges of each block, so a page filling the frame gets the frame's own corners.
      if (x + y < tl.s) tl = { s: x + y, x, y };
      if (x + y > br.s) br = { s: x + y, x: x + 1, y: y + 1 };
      if (x - y > tr.s) tr = { s: x - y, x: x + 1, y };
      if (x - y < bl.s) bl = { s: x - y, x, y: y + 1 };
    }
  }
  const toPoint = (p: { x: number; y: number }): Point => ({ x: p.x / mw, y: p.y / mh });
  const corners: [Point, Point, Point, Point] = area
    ? [toPoint(tl), toPoint(tr), toPoint(br), toPoint(bl)]
    : [
        { x: 0, y: 0 },
        { x: 1, y: 0 },
        { x: 1, y: 1 },
        { x: 0, y: 1 },
      ];
  const quadArea = polygonArea(corners);
  const areaFraction = area / (mw * mh);
  // A quadrilateral describes a flat page well when its area matches the blob's.
  const fit = area ? Math.min(quadArea, areaFraction) / Math.max(quadArea, areaFraction, 1e-9) : 0;

  // Where the page meets the frame edge, judged on the blob without its thin spurs: on a small photo of a
  // page on checked cloth the white squares (a few blocks across) join the page corner to corner and run
  // it out to the frame edge. A sheet of paper is many blocks across wherever it is cut off by the frame,
  // so an opening by SPUR blocks leaves a real cut-off page touching and takes the chains of squares away.
  // (Only a blob that reaches the frame at all is opened: ~6 ms on a 2000-px photo under load.)
  const edgeCount = (m: Uint8Array): { top: number; right: number; bottom: number; left: number } => {
    const t = { top: 0, right: 0, bottom: 0, left: 0 };
    for (let x = 0; x < mw; x++) {
      t.top += m[x]!;
      t.bottom += m[(mh - 1) * mw + x]!;
    }
    for (let y = 0; y < mh; y++) {
      t.left += m[y * mw]!;
      t.right += m[y * mw + mw - 1]!;
    }
    return t;
  };
  let touches = edgeCount(mask);
  if (touches.top + touches.right + touches.bottom + touches.left > 0)
    touches = edgeCount(opening(mask, mw, mh, SPUR));
  touches.top /= mw;
  touches.bottom /= mw;
  touches.left /= mh;
  touches.right /= mh;
  const fillsFrame =
    singlePopulation ||
    (touches.top > 0.8 && touches.bottom > 0.8 && touches.left > 0.8 && touches.right > 0.8);
  const confidence = fillsFrame ? 0.3 : Math.max(0, Math.min(1, fit * Math.min(1, separability / 0.8)));
  const edgeStep = fillsFrame ? 0 : outlineStep(score, mask, mw, mh);
  const outlinePrint = fillsFrame ? 0 : printAtOutline(r, score, mask, mw, mh);
  if (
    !fillsFrame &&
    (edgeStep < MIN_EDGE_STEP ||
      confidence < MIN_TRUSTED_CONFIDENCE ||
      outlinePrint >= MAX_OUTLINE_PRINT ||
      shortestSideShare(corners, r.width, r.height) < MIN_SIDE_SHARE ||
      surfacePastFrame(r, mask, mw, mh, touches))
  ) {
    return {
      corners: [
        { x: 0, y: 0 },
        { x: 1, y: 0 },
        { x: 1, y: 1 },
        { x: 0, y: 1 },
      ],
      confidence: 0,
      areaFraction: 1,
      touches: { top: 1, right: 1, bottom: 1, left: 1 },
      fillsFrame: true,
      trusted: false,
      edgeStep,
      outlinePrint,
      mask: new Uint8Array(mw * mh).fill(1),
      maskWidth: mw,
      maskHeight: mh,
      block: BLOCK,
    };
  }
  return {
    trusted: true,
    edgeStep,
    outlinePrint,
    corners,
    confidence,
    areaFraction,
    touches,
    fillsFrame,
    mask,
    maskWidth: mw,
    maskHeight: mh,
    block: BLOCK,
  };
}

/**
 * Median step in paperness across the outline: for each page block with a table block two blocks out
 * (not at the frame edge), the page block's score minus that table block's. Two blocks out skips the
 * blurred rim and the page's own shadow.
 */
function outlineStep(score: Uint8Array, mask: Uint8Array, w: number, h: number): number {
  const steps: number[] = [];
  forEachOutlineBlock(mask, w, h, (k, d) => {
    // Outline block: compare one block in (away from the rim) with two blocks out.
    const inK = k - d;
    const outK = k + 2 * d;
    if (mask[inK] && !mask[outK]) steps.push(score[inK]! - score[outK]!);
  });
  if (steps.length < 8) return 0;
  steps.sort((a, b) => a - b);
  return steps[steps.length >> 1]!;
}

/**
 * Calls `visit` once for each block of the page mask on its outline (its neighbour one way is off the page),
 * two blocks or more from the frame edge, with `d` the index step from it towards the outside.
 */
function forEachOutlineBlock(
  mask: Uint8Array,
  w: number,
  h: number,
  visit: (k: number, d: number) => void,
): void {
  const steps = [1, -1, w, -w];
  for (let y = 2; y < h - 2; y++) {
    for (let x = 2; x < w - 2; x++) {
      const k = y * w + x;
      if (!mask[k]) continue;
      for (const d of steps) {
        if (mask[k + d]) continue;
        visit(k, d);
        break;
      }
    }
  }
}

/**
 * Share of the outline with print right inside it. Every printed paper keeps a blank margin inside its edge
 * (≥ 3 mm on cards and receipts, 10-25 mm on A4/A5: one block or more even on a small photo), so print
 * running up to the outline means the outline is not the sheet's edge but a line drawn through the page (a
 * curled page's shadow, one side lit brighter). Print in a block: some pixel under 60 % of the block's
 * brightest one (ink on paper), the brightest one being paper (≥ 70 % of the page's paper level).
 */
function printAtOutline(r: Raster, score: Uint8Array, mask: Uint8Array, w: number, h: number): number {
  let paper = 0;
  let n = 0;
  for (let i = 0; i < mask.length; i++)
    if (mask[i]) {
      paper += score[i]!;
      n++;
    }
  paper = n ? paper / n : 255;
  const hasPrint = (bx: number, by: number): boolean => {
    let lo = 255;
    let hi = 0;
    for (let y = by * BLOCK; y < (by + 1) * BLOCK; y++) {
      const row = y * r.width;
      for (let x = bx * BLOCK; x < (bx + 1) * BLOCK; x++) {
        const v = r.grey[row + x]!;
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
    }
    return hi >= 0.7 * paper && lo < 0.6 * hi && hi - lo >= MIN_PRINT_CONTRAST;
  };
  let outline = 0;
  let printed = 0;
  forEachOutlineBlock(mask, w, h, (k, d) => {
    outline++;
    // The block one in from the outline (the outline block itself may hold the sheet's edge and the table).
    const inK = k - d;
    if (hasPrint(inK % w, Math.floor(inK / w))) printed++;
  });
  return outline >= 8 ? printed / outline : 0;
}

/**
 * The "page" is a white surface running past the frame, not a sheet cut off by it: it runs out of two
 * opposite sides along OPPOSITE_TOUCH of each, and along both of them the first print lies far in from the
 * frame (median over the rows or columns where the page meets it: BLANK_BAND of the frame across or more).
 * A sheet bigger than the frame loses at most its margin there (print within a few per cent of the frame);
 * a pale desk or the receipts under the one photographed leave a wide blank band before the paper's print.
 */
function surfacePastFrame(
  r: Raster,
  mask: Uint8Array,
  w: number,
  h: number,
  touches: { top: number; right: number; bottom: number; left: number },
): boolean {
  const blank = (side: FrameSide): number => blankBand(r, mask, w, h, side);
  return (
    (touches.left >= OPPOSITE_TOUCH &&
      touches.right >= OPPOSITE_TOUCH &&
      blank('left') >= BLANK_BAND &&
      blank('right') >= BLANK_BAND) ||
    (touches.top >= OPPOSITE_TOUCH &&
      touches.bottom >= OPPOSITE_TOUCH &&
      blank('top') >= BLANK_BAND &&
      blank('bottom') >= BLANK_BAND)
  );
}

type FrameSide = 'top' | 'right' | 'bottom' | 'left';

/**
 * How far in from frame side `side` the first print lies, where the page meets that side: the median over
 * the rows or columns (every other block) whose page mask touches the side, as a share of the frame across.
 * 0 when the page does not meet the side.
 */
function blankBand(r: Raster, mask: Uint8Array, w: number, h: number, side: FrameSide): number {
  const printAt = (bx: number, by: number): boolean => {
    let lo = 255;
    let hi = 0;
    for (let y = by * BLOCK; y < Math.min(r.height, (by + 1) * BLOCK); y++)
      for (let x = bx * BLOCK; x < Math.min(r.width, (bx + 1) * BLOCK); x++) {
        const v = r.grey[y * r.width + x]!;
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
    return lo < 0.6 * hi && hi - lo >= MIN_PRINT_CONTRAST;
  };
  const horizontal = side === 'left' || side === 'right';
  const lines = horizontal ? h : w;
  const depth = horizontal ? w : h;
  const dists: number[] = [];
  for (let i = 0; i < lines; i += 2) {
    const edge = horizontal ? i * w + (side === 'left' ? 0 : w - 1) : (side === 'top' ? 0 : h - 1) * w + i;
    if (!mask[edge]) continue;
    let d = 0;
    for (; d < depth >> 1; d++) {
      const bx = horizontal ? (side === 'left' ? d : w - 1 - d) : i;
      const by = horizontal ? i : side === 'top' ? d : h - 1 - d;
      if (printAt(bx, by)) break;
    }
    dists.push(d);
  }
  if (!dists.length) return 0;
  dists.sort((a, b) => a - b);
  return dists[dists.length >> 1]! / depth;
}

/**
 * Morphological opening of a block mask by a (2r+1)² square: erosion then dilation, the frame's outside
 * taken as continuing its edge (so a page cut off by the frame keeps touching it).
 */
function opening(m: Uint8Array, w: number, h: number, r: number): Uint8Array {
  const pass = (src: Uint8Array, keep: 0 | 1): Uint8Array => {
    // keep = 1: erosion (a block stays only if every block around is set); keep = 0: dilation.
    const tmp = new Uint8Array(w * h);
    const out = new Uint8Array(w * h);
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) {
        let v = keep;
        for (let d = -r; d <= r; d++) {
          const xx = Math.min(w - 1, Math.max(0, x + d));
          if (src[y * w + xx] !== keep) {
            v = keep ? 0 : 1;
            break;
          }
        }
        tmp[y * w + x] = v;
      }
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) {
        let v = keep;
        for (let d = -r; d <= r; d++) {
          const yy = Math.min(h - 1, Math.max(0, y + d));
          if (tmp[yy * w + x] !== keep) {
            v = keep ? 0 : 1;
            break;
          }
        }
        out[y * w + x] = v;
      }
    return out;
  };
  return pass(pass(m, 1), 0);
}

/** The quadrilateral's shortest side over its longest, in photo pixels. */
function shortestSideShare(p: readonly Point[], width: number, height: number): number {
  let lo = Infinity;
  let hi = 0;
  for (let i = 0; i < p.length; i++) {
    const a = p[i]!;
    const b = p[(i + 1) % p.length]!;
    const d = Math.hypot((a.x - b.x) * width, (a.y - b.y) * height);
    lo = Math.min(lo, d);
    hi = Math.max(hi, d);
  }
  return hi > 0 ? lo / hi : 0;
}

function polygonArea(p: readonly Point[]): number {
  let s = 0;
  for (let i = 0; i < p.length; i++) {
    const a = p[i]!;
    const b = p[(i + 1) % p.length]!;
    s += a.x * b.y - b.x * a.y;
  }
  return Math.abs(s) / 2;
}

/** Keeps the largest 4-connected blob of 1s, then fills the holes in it (text, stamps, shadows). */
function largestComponentFilled(m: Uint8Array, w: number, h: number): Uint8Array {
  const label = new Int32Array(w * h);
  const stack: number[] = [];
  let bestLabel = 0;
  let bestSize = 0;
  let next = 0;
  for (let i = 0; i < m.length; i++) {
    if (!m[i] || label[i]) continue;
    next++;
    let size = 0;
    label[i] = next;
    stack.push(i);
    while (stack.length) {
      const k = stack.pop()!;
      size++;
      const x = k % w;
      const y = (k - x) / w;
      if (x > 0 && m[k - 1] && !label[k - 1]) {
        label[k - 1] = next;
        stack.push(k - 1);
      }
      if (x < w - 1 && m[k + 1] && !label[k + 1]) {
        label[k + 1] = next;
        stack.push(k + 1);
      }
      if (y > 0 && m[k - w] && !label[k - w]) {
        label[k - w] = next;
        stack.push(k - w);
      }
      if (y < h - 1 && m[k + w] && !label[k + w]) {
        label[k + w] = next;
        stack.push(k + w);
      }
    }
    if (size > bestSize) {
      bestSize = size;
      bestLabel = next;
    }
  }
  // Flood the outside (everything not in the blob reachable from the border); what is left is blob + holes.
  const outside = new Uint8Array(w * h);
  const seed = (k: number): void => {
    if (label[k] !== bestLabel && !outside[k]) {
      outside[k] = 1;
      stack.push(k);
    }
  };
  for (let x = 0; x < w; x++) {
    seed(x);
    seed((h - 1) * w + x);
  }
  for (let y = 0; y < h; y++) {
    seed(y * w);
    seed(y * w + w - 1);
  }
  while (stack.length) {
    const k = stack.pop()!;
    const x = k % w;
    const y = (k - x) / w;
    if (x > 0) seed(k - 1);
    if (x < w - 1) seed(k + 1);
    if (y > 0) seed(k - w);
    if (y < h - 1) seed(k + w);
  }
  const out = new Uint8Array(w * h);
  for (let i = 0; i < out.length; i++) out[i] = outside[i] ? 0 : 1;
  return out;
}

/** True when analysis pixel (x, y) lies on the page, at least `inset` blocks away from its edge. */
export function onPage(g: PageGeometry, x: number, y: number): boolean {
  const bx = Math.min(g.maskWidth - 1, Math.floor(x / g.block));
  const by = Math.min(g.maskHeight - 1, Math.floor(y / g.block));
  return g.mask[by * g.maskWidth + bx] === 1;
}

/** The page mask shrunk by `blocks` blocks, so edges measured inside it are text, not the paper's border. */
export function erodedMask(g: PageGeometry, blocks: number): Uint8Array {
  const { maskWidth: w, maskHeight: h } = g;
  let cur = g.mask;
  for (let i = 0; i < blocks; i++) {
    const next = new Uint8Array(w * h);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const k = y * w + x;
        // The frame edge does not erode a page that fills the frame.
        next[k] =
          cur[k] &&
          (x === 0 || cur[k - 1]) &&
          (x === w - 1 || cur[k + 1]) &&
          (y === 0 || cur[k - w]) &&
          (y === h - 1 || cur[k + w])
            ? 1
            : 0;
      }
    }
    cur = next;
  }
  return cur;
}

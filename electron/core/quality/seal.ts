// Looking for an official seal (公章/鲜章): red ink forming a round or oval ring of plausible size. Chinese
// seals are 38-42 mm rings (oval ones ~40×30 mm) with text and a star inside; red table rules or a red
// letterhead are lines, not rings, so the ring test keeps them out. A red rectangle (a 急诊 box) has red
// ink all round its box too, so the outline itself must be an ellipse: the outermost red ink in each
// direction from the centre is fitted with an ellipse, and a rectangle's corners stand ~20 % off it.
//
// Real papers (issue 21) add what the calibration sets lacked, each handled by its physics:
// - Stamp ink is judged by what it lets through, not by its absolute colour: each sample is divided by the
//   paper's own colour around it (its transmittance). A stamp over yellow, green or pink paper, or a faint
//   pink impression, is red where the paper is not; a tinted paper, wood or cloth divided by itself is not.
// - Forms print their rules and titles in red: rules are long and straight, and a seal has no straight run
//   of ink longer than about a third of its diameter, so red runs along near-horizontal and near-vertical
//   lines longer than a seal could hold are taken out before the rings are looked for.
// - A seal stamped over rules and print joins them: its centre is not its box's, so the ellipse is fitted
//   with a free centre (a conic through the rim), and the rim is read again from that centre.
// - The 财政部监制 oval is printed on every 医疗收费票据 over its title: it is the form's print, not the
//   hospital's seal, and is told apart by where it sits.
import type { Region } from '../../../shared/quality';
import type { Raster } from './raster';

/** Sampling step over the analysis image: seals are big, a coarser grid is plenty. */
const STEP = 3;
/** Seal diameter as a share of the page's long side: 40 mm on A4 (297 mm) is 13 %, on a small invoice ~25 %. */
const MIN_DIAMETER = 0.05;
const MAX_DIAMETER = 0.35;
/** Share of directions from the centre whose rim is inked (the ring is there). */
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
/**
 * Stamp ink's transmittance (pixel over the paper around it): red ink passes red (≥ RED_PASS) and holds
 * back green by RED_OVER_GREEN or more. A full impression holds back ~0.8 of the green, a faint pink one
 * ~0.2 (a pixel of ~(250, 210, 215) on white paper, plainly pink to the eye); black print passes no red.
 */
const RED_PASS = 0.55;
const RED_OVER_GREEN = 0.16;
/** …and it holds back blue about as much as green (orange or brown print holds back far more blue). */
const GREEN_BLUE_SLACK = 0.08;
/**
 * A straight red run this long (share of the page's long side) is a printed rule, not part of a seal:
 * a ring's longest chord along its own band is ~0.35 of its diameter, ≤ 12 % of the page for the largest
 * seals (35 %), while a form's rules run across its table (≥ half the page).
 */
const RULE_MIN_LENGTH = 0.15;
/** Rules are looked for within this many degrees of the frame's axes (a page photographed turned a little). */
const RULE_MAX_TILT = 12;
/** The 财政部监制 oval sits over the title: centre in the page's top TITLE_BAND, within TITLE_HALF_WIDTH of its middle. */
const TITLE_BAND = 0.24;
const TITLE_HALF_WIDTH = 0.14;

export interface SealRing {
  region: Region;
  /** Share of the rim's directions inked. */
  coverage: number;
  outlineError: number;
  axisRatio: number;
  /** A 财政部监制 oval printed over the title of an invoice form (the form's print, not a seal). */
  supervision: boolean;
}

export interface SealSearch {
  /** A seal other than the printed 财政部监制 oval was found. */
  found: boolean;
  region?: Region;
  /** Every ring found, supervision ovals included. */
  rings: SealRing[];
  /** Share of the ring's sectors with red ink at the rim (best candidate), 0 when none. */
  ringCoverage: number;
  /** Share of sampled pixels that are seal-red. */
  redFraction: number;
  /** RMS off-ellipse distance of the best ring candidate's outer rim (share of its radius), null if none. */
  outlineError: number | null;
  /**
   * Stamp-red shapes of a seal's size that are not rings (share of the page's samples): red ink a seal may
   * be hidden in (smudged, overprinted, cut by the frame). With none, "no seal" is measured; with some, it
   * is only not found.
   */
  unresolvedRed: number;
}

export interface SealSearchOptions {
  /** Page long side in analysis pixels (the whole frame's when the outline is not trusted). */
  pageLongSidePx: number;
  onPage: (x: number, y: number) => boolean;
  paperLevel: number;
  /** Median text line height in analysis pixels, when measured: a seal is many times taller. */
  textHeightPx?: number | null;
  /** Page corners (tl, tr, br, bl, 0..1 of the frame): where the title is, for the 财政部监制 oval. */
  corners?: readonly { x: number; y: number }[];
  /** Tell the printed 财政部监制 oval apart (invoices: every 医疗收费票据 form and e-invoice carries one). */
  supervisionOval?: boolean;
  /** Calibration: hears every candidate ring and why it was kept or not. */
  trace?: (c: Record<string, number | string | boolean>) => void;
}

/**
 * Which samples are stamp ink: a STEP grid over the raster, each sample divided by the paper colour around
 * it (the brightest sample of its 8×8-sample block and the blocks beside it, channel by channel).
 */
function stampInkMask(
  r: Raster,
  w: number,
  h: number,
  onPage: (x: number, y: number) => boolean,
): Uint8Array {
  const B = 8;
  const bw = Math.ceil(w / B);
  const bh = Math.ceil(h / B);
  const { rgb, width } = r;
  // The paper's colour per block: its brightest sample, looking at every other sample each way (a block is
  // 24 px: paper shows between any print).
  const paper = new Uint8Array(bw * bh * 3);
  const luma = new Uint16Array(bw * bh);
  for (let y = 0; y < h; y += 2) {
    const row = y * STEP * width;
    const brow = (y >> 3) * bw;
    for (let x = 0; x < w; x += 2) {
      const j = (row + x * STEP) * 3;
      const l = rgb[j]! + 2 * rgb[j + 1]! + rgb[j + 2]!;
      const b = brow + (x >> 3);
      if (l > luma[b]!) {
        luma[b] = l;
        paper[b * 3] = rgb[j]!;
        paper[b * 3 + 1] = rgb[j + 1]!;
        paper[b * 3 + 2] = rgb[j + 2]!;
      }
    }
  }
  // Blocks wholly inked (a dense part of a stamp) take their neighbours' paper; stored as reciprocals so the
  // per-sample test multiplies.
  const inv = new Float32Array(bw * bh * 3);
  for (let by = 0; by < bh; by++)
    for (let bx = 0; bx < bw; bx++)
      for (let c = 0; c < 3; c++) {
        let m = 0;
        for (let dy = -1; dy <= 1; dy++)
          for (let dx = -1; dx <= 1; dx++) {
            const xx = bx + dx;
            const yy = by + dy;
            if (xx < 0 || yy < 0 || xx >= bw || yy >= bh) continue;
            m = Math.max(m, paper[(yy * bw + xx) * 3 + c]!);
          }
        inv[(by * bw + bx) * 3 + c] = 1 / Math.max(24, m);
      }
  const red = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    const row = y * STEP * width;
    const brow = (y >> 3) * bw;
    for (let x = 0; x < w; x++) {
      const j = (row + x * STEP) * 3;
      const R = rgb[j]!;
      const G = rgb[j + 1]!;
      // Red ink holds back green: a sample no redder than green in its raw colour is not stamp ink on any
      // paper we meet (white, yellow, green and pink papers pass green at least as well as red).
      if (R < G + 4) continue;
      const k = (brow + (x >> 3)) * 3;
      const tr = R * inv[k]!;
      const tg = G * inv[k + 1]!;
      const tb = rgb[j + 2]! * inv[k + 2]!;
      const d = tr - tg;
      if (
        tr >= RED_PASS &&
        d >= RED_OVER_GREEN &&
        tr - tb >= 0.7 * RED_OVER_GREEN &&
        tg - tb <= 0.35 * d + GREEN_BLUE_SLACK &&
        onPage(x * STEP, y * STEP)
      )
        red[y * w + x] = 1;
    }
  }
  return red;
}

/**
 * Takes printed rules out of the red mask: straight runs within RULE_MAX_TILT of either axis, continuous
 * (gaps of ≤ 2 samples) over `minLength` samples, found by a Hough vote per angle and offset, then walked.
 */
function removeRules(red: Uint8Array, w: number, h: number, minLength: number): void {
  const angles: number[] = [];
  for (let a = -RULE_MAX_TILT; a <= RULE_MAX_TILT; a += 1) {
    angles.push(a);
    angles.push(90 + a);
  }
  const diag = Math.ceil(Math.hypot(w, h));
  const cos = angles.map((a) => Math.cos((a * Math.PI) / 180));
  const sin = angles.map((a) => Math.sin((a * Math.PI) / 180));
  // rho = x·sin(a) − y·cos(a) for a line at angle a through (x, y): constant along the line.
  const acc = new Int32Array(angles.length * (2 * diag + 1));
  let count = 0;
  for (let k = 0; k < red.length; k++) count += red[k]!;
  if (count < minLength) return;
  for (let k = 0; k < red.length; k++) {
    if (!red[k]) continue;
    const x = k % w;
    const y = (k - x) / w;
    for (let ai = 0; ai < angles.length; ai++) {
      const rho = Math.round(x * sin[ai]! - y * cos[ai]!) + diag;
      acc[ai * (2 * diag + 1) + rho]!++;
    }
  }
  // Peaks only (a thick rule votes for a few neighbouring angles and offsets; one walk takes it out).
  const stride = 2 * diag + 1;
  const candidates: { ai: number; rho: number; votes: number }[] = [];
  for (let ai = 0; ai < angles.length; ai++)
    for (let rho = 0; rho <= 2 * diag; rho++) {
      const v = acc[ai * stride + rho]!;
      if (v < minLength) continue;
      let peak = true;
      for (let da = -2; da <= 2 && peak; da += 2)
        for (let dr = -2; dr <= 2; dr++) {
          const a2 = ai + da;
          const r2 = rho + dr;
          if ((da === 0 && dr === 0) || a2 < 0 || a2 >= angles.length || r2 < 0 || r2 > 2 * diag) continue;
          const u = acc[a2 * stride + r2]!;
          if (u > v || (u === v && (da < 0 || (da === 0 && dr < 0)))) {
            peak = false;
            break;
          }
        }
      if (peak) candidates.push({ ai, rho: rho - diag, votes: v });
    }
  candidates.sort((a, b) => b.votes - a.votes);
  const clear = new Uint8Array(w * h);
  const run = new Int32Array(3 * (2 * diag + 1));
  for (const c of candidates) {
    const ca = cos[c.ai]!;
    const sa = sin[c.ai]!;
    // Points on the line: p(t) = rho·(sin, −cos) + t·(cos, sin).
    const px = c.rho * sa;
    const py = -c.rho * ca;
    let n = 0;
    let along = 0;
    let gap = 0;
    const flush = (): void => {
      if (along >= minLength) for (let i = 0; i < n; i++) clear[run[i]!] = 1;
      n = 0;
      along = 0;
      gap = 0;
    };
    for (let t = -diag; t <= diag; t++) {
      const x = Math.round(px + t * ca);
      const y = Math.round(py + t * sa);
      if (x < 0 || y < 0 || x >= w || y >= h) {
        if (n) flush();
        continue;
      }
      // The rule's band: the sample and its neighbours across the line.
      let hit = false;
      for (let d = -1; d <= 1; d++) {
        const xx = Math.round(x - d * sa);
        const yy = Math.round(y + d * ca);
        if (xx >= 0 && yy >= 0 && xx < w && yy < h && red[yy * w + xx]) {
          hit = true;
          run[n++] = yy * w + xx;
        }
      }
      if (hit) {
        along += 1 + gap;
        gap = 0;
      } else if (n && ++gap > 2) flush();
    }
    flush();
  }
  for (let k = 0; k < red.length; k++) if (clear[k]) red[k] = 0;
}

export function findSeal(r: Raster, o: SealSearchOptions): SealSearch {
  const { pageLongSidePx, onPage } = o;
  const w = Math.floor(r.width / STEP);
  const h = Math.floor(r.height / STEP);
  const red = stampInkMask(r, w, h, onPage);
  let redCount = 0;
  for (let k = 0; k < red.length; k++) redCount += red[k]!;
  const result: SealSearch = {
    found: false,
    rings: [],
    ringCoverage: 0,
    redFraction: redCount / (w * h),
    outlineError: null,
    unresolvedRed: 0,
  };
  const longSide = pageLongSidePx / STEP;
  // Too little red for the smallest ring (its rim ~π·D samples): nothing to look for.
  if (redCount < Math.PI * MIN_DIAMETER * longSide) return result;
  removeRules(red, w, h, Math.round(RULE_MIN_LENGTH * longSide));
  const minDiameterCells = o.textHeightPx ? (MIN_DIAMETER_TEXT_HEIGHTS * o.textHeightPx) / STEP : 0;
  const search = { w, h, r, longSide, minDiameterCells, o };
  const first = searchRings(red, search, result);
  let unresolved = first.unresolved;
  if (first.sized > 0 && !result.rings.some((g) => !g.supervision)) {
    // A rule or print still joined to the ring: an opening (erode by one sample, grow back within the red)
    // takes thin strokes off and keeps the ~1 mm ring, and the search runs again.
    const before = result.rings.length;
    const again = searchRings(openWithin(red, w, h), search, result);
    if (result.rings.length > before) unresolved = again.unresolved;
  }
  result.unresolvedRed = unresolved / (w * h);
  const seals = result.rings.filter((g) => !g.supervision);
  result.found = seals.length > 0;
  const best = [...seals].sort((a, b) => b.coverage - a.coverage)[0];
  if (best) {
    result.region = best.region;
    result.ringCoverage = best.coverage;
    result.outlineError = best.outlineError;
  }
  return result;
}

interface SearchContext {
  w: number;
  h: number;
  r: Raster;
  longSide: number;
  minDiameterCells: number;
  o: SealSearchOptions;
}

/**
 * Finds the rings among the red shapes of `red`; returns how many red samples lie in seal-sized shapes that
 * are not rings, and how many shapes were of a seal's size at all.
 */
function searchRings(
  red: Uint8Array,
  ctx: SearchContext,
  result: SealSearch,
): { unresolved: number; sized: number } {
  const { w, h, r, longSide, minDiameterCells, o } = ctx;
  // Join the strokes of one seal (ring, characters, star) with a small dilation before labelling.
  const joined = dilate(red, w, h, 2);
  const label = new Int32Array(w * h);
  const stack: number[] = [];
  let next = 0;
  let unresolved = 0;
  let sized = 0;
  for (let i0 = 0; i0 < joined.length; i0++) {
    if (!joined[i0] || label[i0]) continue;
    next++;
    label[i0] = next;
    stack.push(i0);
    let x0 = w;
    let y0 = h;
    let x1 = 0;
    let y1 = 0;
    let inked = 0;
    while (stack.length) {
      const k = stack.pop()!;
      const x = k % w;
      const y = (k - x) / w;
      inked += red[k]!;
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
    const size = Math.max(bw, bh) / longSide;
    if (size < MIN_DIAMETER || Math.min(bw, bh) / longSide < MIN_DIAMETER / MAX_AXIS_RATIO) continue;
    if (Math.max(bw, bh) < minDiameterCells) continue;
    sized++;
    // Seal-sized red: a ring, or red a ring may hide in. Thin leftovers (a stretch of rule, a line of red
    // text) hold little ink for their box and are neither.
    const seal = size <= MAX_DIAMETER * 1.6 && inked >= 0.04 * bw * bh;
    const rMin = Math.max((MIN_DIAMETER * longSide) / 2, minDiameterCells / 2);
    const rMax = (MAX_DIAMETER * longSide) / 2;
    const id = next;
    const ofShape = (k: number): boolean => label[k] === id;
    let fit = seal ? fitRing(red, ofShape, w, h, x0, y0, bw, bh, x0 + bw / 2, y0 + bh / 2) : null;
    if (seal && !(fit && ringOk(fit))) {
      // The box's centre is not the ring's when print is joined to it, part of it is off the paper, or a
      // rule taken out cut it in two: find the circle most of the red edge around the shape lies on (three
      // edge samples at a time, within a seal's size of the shape) and fit all red there from its centre.
      const ex0 = Math.max(0, x0 - bw);
      const ey0 = Math.max(0, y0 - bh);
      const ebw = Math.min(w, x0 + 2 * bw) - ex0;
      const ebh = Math.min(h, y0 + 2 * bh) - ey0;
      const anyRed = (): boolean => true;
      const c = ransacCircle(red, anyRed, w, ex0, ey0, ebw, ebh, rMin, rMax);
      if (c) {
        const again = fitRing(red, anyRed, w, h, ex0, ey0, ebw, ebh, c.cx, c.cy, c.r);
        if (again && (!fit || ringOk(again))) fit = again;
      }
    }
    // A round-ish red shape of a seal's size that is not read as a ring: a seal may hide in it (smudged,
    // overprinted, partly off the paper). A red title or letterhead is long, a 急诊 box twice as wide as tall.
    const couldHide = seal && size <= MAX_DIAMETER && bw / bh >= 0.6 && bw / bh <= 1.7;
    const diameter = fit ? (2 * Math.max(fit.rx, fit.ry)) / longSide : 0;
    const ok =
      fit !== null &&
      ringOk(fit) &&
      diameter >= MIN_DIAMETER &&
      diameter <= MAX_DIAMETER &&
      2 * Math.min(fit.rx, fit.ry) >= minDiameterCells;
    o.trace?.({
      x: (x0 * STEP) / r.width,
      y: (y0 * STEP) / r.height,
      w: (bw * STEP) / r.width,
      h: (bh * STEP) / r.height,
      inked,
      error: fit?.error ?? -1,
      axis: fit?.axisRatio ?? -1,
      coverage: fit?.coverage ?? -1,
      diameter,
      ok,
    });
    if (fit && (result.outlineError === null || fit.error < result.outlineError))
      result.outlineError = fit.error;
    if (!ok || !fit) {
      if (couldHide) unresolved += inked;
      continue;
    }
    const region: Region = {
      x: ((fit.cx - fit.rx) * STEP) / r.width,
      y: ((fit.cy - fit.ry) * STEP) / r.height,
      w: (2 * fit.rx * STEP) / r.width,
      h: (2 * fit.ry * STEP) / r.height,
    };
    const supervision =
      o.supervisionOval === true &&
      fit.axisRatio >= 1.2 &&
      underTitle(((fit.cx + 0.5) * STEP) / r.width, ((fit.cy + 0.5) * STEP) / r.height, o.corners);
    // The same ring found again by the second search (after the opening) is not a second seal.
    const dup = result.rings.some(
      (g) =>
        Math.abs(g.region.x + g.region.w / 2 - (region.x + region.w / 2)) < region.w / 4 &&
        Math.abs(g.region.y + g.region.h / 2 - (region.y + region.h / 2)) < region.h / 4,
    );
    if (!dup)
      result.rings.push({
        region,
        coverage: fit.coverage,
        outlineError: fit.error,
        axisRatio: fit.axisRatio,
        supervision,
      });
  }
  return { unresolved, sized };
}

function ringOk(f: RingFit): boolean {
  return f.error <= MAX_OUTLINE_ERROR && f.axisRatio <= MAX_AXIS_RATIO && f.coverage >= MIN_RING_COVERAGE;
}

/**
 * The circle (radius rMin..rMax) most of whose round a shape's edge samples cover, within 8 % of its radius:
 * circles through three edge samples at a time (a fixed sequence, so the result does not vary), the one
 * with edge samples in the most of 36 directions from its centre. Print joined to a ring or a ring partly off the paper leaves most of
 * the ring's edge on its circle, so its centre is found where the box's is not.
 */
function ransacCircle(
  red: Uint8Array,
  member: (k: number) => boolean,
  w: number,
  x0: number,
  y0: number,
  bw: number,
  bh: number,
  rMin: number,
  rMax: number,
): { cx: number; cy: number; r: number } | null {
  const xs: number[] = [];
  const ys: number[] = [];
  for (let y = y0; y < y0 + bh; y++)
    for (let x = x0; x < x0 + bw; x++) {
      const k = y * w + x;
      if (!red[k] || !member(k)) continue;
      if (red[k - 1] && red[k + 1] && red[k - w] && red[k + w]) continue;
      xs.push(x + 0.5);
      ys.push(y + 0.5);
    }
  const n = xs.length;
  if (n < 12) return null;
  let seed = 0x9e3779b9;
  const rand = (): number => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) % n;
  };
  let best: { cx: number; cy: number; r: number } | null = null;
  let bestCovered = 0;
  const sectors = new Uint8Array(36);
  const stride = Math.max(1, Math.floor(n / 400));
  for (let it = 0; it < 200; it++) {
    const i = rand();
    const j = rand();
    const k = rand();
    const ax = xs[i]!;
    const ay = ys[i]!;
    const bx = xs[j]!;
    const by = ys[j]!;
    const cx = xs[k]!;
    const cy = ys[k]!;
    const d = 2 * (ax * (by - cy) + bx * (cy - ay) + cx * (ay - by));
    if (Math.abs(d) < 1e-6) continue;
    const a2 = ax * ax + ay * ay;
    const b2 = bx * bx + by * by;
    const c2 = cx * cx + cy * cy;
    const ux = (a2 * (by - cy) + b2 * (cy - ay) + c2 * (ay - by)) / d;
    const uy = (a2 * (cx - bx) + b2 * (ax - cx) + c2 * (bx - ax)) / d;
    const r = Math.hypot(ax - ux, ay - uy);
    if (r < rMin || r > rMax) continue;
    // How much of the circle is inked: the share of 36 directions from its centre with an edge sample on it
    // (a count of samples would favour big circles, whose band holds more of any shape's edge).
    const lo = 0.92 * 0.92 * r * r;
    const hi = 1.08 * 1.08 * r * r;
    sectors.fill(0);
    let covered = 0;
    for (let q = 0; q < n; q += stride) {
      const dx = xs[q]! - ux;
      const dy = ys[q]! - uy;
      const d2 = dx * dx + dy * dy;
      if (d2 < lo || d2 > hi) continue;
      const sector = Math.min(35, Math.floor(((Math.atan2(dy, dx) + Math.PI) / (2 * Math.PI)) * 36));
      if (!sectors[sector]) {
        sectors[sector] = 1;
        covered++;
      }
    }
    if (covered > bestCovered) {
      bestCovered = covered;
      best = { cx: ux, cy: uy, r };
    }
  }
  return best;
}

/** Whether a point (0..1 of the frame) lies where an invoice form's title is: top band, middle, in page coordinates. */
function underTitle(x: number, y: number, corners?: readonly { x: number; y: number }[]): boolean {
  let u = x;
  let v = y;
  if (corners && corners.length === 4) {
    // Bilinear inverse by a few Newton steps on the page quadrilateral (tl, tr, br, bl).
    const [tl, tr, br, bl] = corners as [
      { x: number; y: number },
      { x: number; y: number },
      { x: number; y: number },
      { x: number; y: number },
    ];
    u = 0.5;
    v = 0.5;
    for (let i = 0; i < 8; i++) {
      const px = (1 - v) * ((1 - u) * tl.x + u * tr.x) + v * ((1 - u) * bl.x + u * br.x);
      const py = (1 - v) * ((1 - u) * tl.y + u * tr.y) + v * ((1 - u) * bl.y + u * br.y);
      const dxu = (1 - v) * (tr.x - tl.x) + v * (br.x - bl.x);
      const dyu = (1 - v) * (tr.y - tl.y) + v * (br.y - bl.y);
      const dxv = (1 - u) * (bl.x - tl.x) + u * (br.x - tr.x);
      const dyv = (1 - u) * (bl.y - tl.y) + u * (br.y - tr.y);
      const det = dxu * dyv - dxv * dyu;
      if (Math.abs(det) < 1e-9) break;
      const ex = x - px;
      const ey = y - py;
      u += (ex * dyv - ey * dxv) / det;
      v += (ey * dxu - ex * dyu) / det;
    }
  }
  return v >= 0 && v <= TITLE_BAND && Math.abs(u - 0.5) <= TITLE_HALF_WIDTH;
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
/** Rim directions further off the fitted ellipse than this are attachments (print, a rule's stub) or gaps. */
const RIM_OUTLIER = 0.15;
/** A direction's rim is inked when red lies within this share of the fitted radius of the ellipse. */
const RIM_BAND = 0.12;

interface RingFit {
  cx: number;
  cy: number;
  rx: number;
  ry: number;
  error: number;
  axisRatio: number;
  coverage: number;
}

/**
 * Fits an ellipse to one red shape's outer rim: from a centre, the outermost red sample of the shape in each
 * of 72 directions; a conic with a free centre through those points (least squares, A + C = 1), refitted
 * without directions more than 15 % off it (gaps in a faded ring, print or a rule's stub stuck on); then the
 * rim is read again from the fitted centre and fitted once more (a seal joined to print has its centre off
 * its box's). Given a circle to start from (`startR`), the first fit uses only the directions on it. Returns the RMS off-ellipse share over the kept directions, the axis ratio, and the share of
 * all directions with red on the ellipse (within 12 %).
 */
function fitRing(
  red: Uint8Array,
  member: (k: number) => boolean,
  w: number,
  h: number,
  x0: number,
  y0: number,
  bw: number,
  bh: number,
  startX: number,
  startY: number,
  startR?: number,
): RingFit | null {
  let cx = startX;
  let cy = startY;
  let fit: RingFit | null = null;
  let prev: Ellipse | null = null;
  for (let round = 0; round < 2; round++) {
    const rim = rimFrom(red, member, w, x0, y0, bw, bh, cx, cy);
    // From a ring already fitted (or a circle found), only the directions whose rim lies on it start the
    // fit: print joined to the ring stands further out.
    const p0 = prev;
    let use = rim.map(
      (p) =>
        p !== null &&
        (p0
          ? Math.abs(offEllipse(p0, p) - 1) <= RIM_OUTLIER
          : startR === undefined || Math.abs(Math.hypot(p.x - cx, p.y - cy) / startR - 1) <= RIM_OUTLIER),
    );
    let e: Ellipse | null = null;
    for (let pass = 0; pass < 2; pass++) {
      e = fitConic(rim, use);
      if (!e) return null;
      if (pass === 0) use = rim.map((p) => p !== null && Math.abs(offEllipse(e!, p) - 1) <= RIM_OUTLIER);
    }
    if (!e) return null;
    let ss = 0;
    let n = 0;
    for (let s = 0; s < FIT_SECTORS; s++) {
      if (!use[s]) continue;
      const off = offEllipse(e, rim[s]!) - 1;
      ss += off * off;
      n++;
    }
    if (n < FIT_SECTORS / 3) return null;
    fit = {
      cx: e.cx,
      cy: e.cy,
      rx: e.rx,
      ry: e.ry,
      error: Math.sqrt(ss / n),
      axisRatio: Math.max(e.a, e.b) / Math.min(e.a, e.b),
      coverage: inkedRim(red, w, h, e),
    };
    if (e.cx < x0 - bw || e.cx > x0 + 2 * bw || e.cy < y0 - bh || e.cy > y0 + 2 * bh) return null;
    cx = e.cx;
    cy = e.cy;
    prev = e;
  }
  return fit;
}

/** The outermost red sample of shape `id` in each of 72 directions from (cx, cy); null where none. */
function rimFrom(
  red: Uint8Array,
  member: (k: number) => boolean,
  w: number,
  x0: number,
  y0: number,
  bw: number,
  bh: number,
  cx: number,
  cy: number,
): ({ x: number; y: number } | null)[] {
  const best = new Float64Array(FIT_SECTORS);
  const out: ({ x: number; y: number } | null)[] = new Array(FIT_SECTORS).fill(null);
  for (let y = y0; y < y0 + bh; y++) {
    for (let x = x0; x < x0 + bw; x++) {
      const k = y * w + x;
      if (!red[k] || !member(k)) continue;
      const dx = x + 0.5 - cx;
      const dy = y + 0.5 - cy;
      const rr = Math.hypot(dx, dy) + 0.5;
      const s = Math.min(
        FIT_SECTORS - 1,
        Math.floor(((Math.atan2(dy, dx) + Math.PI) / (2 * Math.PI)) * FIT_SECTORS),
      );
      if (rr > best[s]!) {
        best[s] = rr;
        // The rim point half a sample out from the sample's centre, along the direction.
        const f = rr / Math.max(0.5, rr - 0.5);
        out[s] = { x: cx + dx * f, y: cy + dy * f };
      }
    }
  }
  return out;
}

interface Ellipse {
  cx: number;
  cy: number;
  /** Semi-axes and the angle of `a`. */
  a: number;
  b: number;
  theta: number;
  /** Half the extent along x and y (for the region). */
  rx: number;
  ry: number;
}

/** How far out a point lies relative to the ellipse along the ray from its centre (1 = on it). */
function offEllipse(e: Ellipse, p: { x: number; y: number }): number {
  const dx = p.x - e.cx;
  const dy = p.y - e.cy;
  const c = Math.cos(e.theta);
  const s = Math.sin(e.theta);
  const u = dx * c + dy * s;
  const v = -dx * s + dy * c;
  return Math.sqrt((u / e.a) ** 2 + (v / e.b) ** 2);
}

/** Share of 72 directions from the ellipse's centre with red within RIM_BAND of its rim. */
function inkedRim(red: Uint8Array, w: number, h: number, e: Ellipse): number {
  const c = Math.cos(e.theta);
  const s = Math.sin(e.theta);
  let inked = 0;
  for (let k = 0; k < FIT_SECTORS; k++) {
    const t = ((k + 0.5) / FIT_SECTORS) * 2 * Math.PI;
    // The rim in direction t (frame angle): radius of the ellipse along that ray.
    const dx = Math.cos(t);
    const dy = Math.sin(t);
    const u = dx * c + dy * s;
    const v = -dx * s + dy * c;
    const R = 1 / Math.sqrt((u / e.a) ** 2 + (v / e.b) ** 2);
    let hit = false;
    for (let q = R * (1 - RIM_BAND); q <= R * (1 + RIM_BAND) && !hit; q += 0.5) {
      const x = Math.round(e.cx + dx * q - 0.5);
      const y = Math.round(e.cy + dy * q - 0.5);
      if (x >= 0 && y >= 0 && x < w && y < h && red[y * w + x]) hit = true;
    }
    if (hit) inked++;
  }
  return inked / FIT_SECTORS;
}

/**
 * Least-squares conic A x² + B xy + C y² + D x + E y + F = 0 with A + C = 1 (so x² = C(x² − y²) − B xy − D x
 * − E y − F, linear in C, B, D, E, F), in coordinates centred on the points' mean; null if not an ellipse.
 */
function fitConic(
  pts: readonly ({ x: number; y: number } | null)[],
  use: readonly boolean[],
): Ellipse | null {
  let mx = 0;
  let my = 0;
  let n = 0;
  for (let i = 0; i < pts.length; i++)
    if (use[i] && pts[i]) {
      mx += pts[i]!.x;
      my += pts[i]!.y;
      n++;
    }
  if (n < 6) return null;
  mx /= n;
  my /= n;
  const M = Array.from({ length: 5 }, () => new Float64Array(6));
  for (let i = 0; i < pts.length; i++) {
    if (!use[i] || !pts[i]) continue;
    const x = pts[i]!.x - mx;
    const y = pts[i]!.y - my;
    const f = [x * x - y * y, -x * y, -x, -y, -1];
    const t = x * x;
    for (let a = 0; a < 5; a++) {
      for (let b = 0; b < 5; b++) M[a]![b]! += f[a]! * f[b]!;
      M[a]![5]! += f[a]! * t;
    }
  }
  const sol = solve(M);
  if (!sol) return null;
  const [C, B, D, E, F] = sol as [number, number, number, number, number];
  const A = 1 - C;
  const disc = B * B - 4 * A * C;
  if (disc >= 0) return null;
  // Centre, then the axes from the quadratic form at the centre.
  const x0 = (2 * C * D - B * E) / disc;
  const y0 = (2 * A * E - B * D) / disc;
  const Fc = A * x0 * x0 + B * x0 * y0 + C * y0 * y0 + D * x0 + E * y0 + F;
  const mean = (A + C) / 2;
  const diff = Math.sqrt(((A - C) / 2) ** 2 + (B / 2) ** 2);
  const l1 = mean - diff;
  const l2 = mean + diff;
  if (l1 <= 0 || l2 <= 0 || Fc >= 0) return null;
  const a = Math.sqrt(-Fc / l1);
  const b = Math.sqrt(-Fc / l2);
  // Direction of the axis with eigenvalue l1 (the long one, a).
  const theta = Math.abs(B) < 1e-12 ? (A <= C ? 0 : Math.PI / 2) : Math.atan2(l1 - A, B / 2);
  const c = Math.cos(theta);
  const s = Math.sin(theta);
  return {
    cx: x0 + mx,
    cy: y0 + my,
    a,
    b,
    theta,
    rx: Math.sqrt((a * c) ** 2 + (b * s) ** 2),
    ry: Math.sqrt((a * s) ** 2 + (b * c) ** 2),
  };
}

/** Gauss-Jordan with partial pivoting on an n×(n+1) augmented matrix. */
function solve(M: Float64Array[]): number[] | null {
  const n = M.length;
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r]![c]!) > Math.abs(M[p]![c]!)) p = r;
    [M[c], M[p]] = [M[p]!, M[c]!];
    const piv = M[c]![c]!;
    if (Math.abs(piv) < 1e-12) return null;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = M[r]![c]! / piv;
      if (f === 0) continue;
      for (let k = c; k <= n; k++) M[r]![k]! -= f * M[c]![k]!;
    }
  }
  return M.map((row, i) => row[n]! / row[i]!);
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

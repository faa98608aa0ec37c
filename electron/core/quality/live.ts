// The photo checks on a camera's preview frames (issue 24): the capture view asks, many times a second,
// "what would the checks say about a photo taken now?". The answer is the same `analyse` analysePage runs
// (./checks.ts: page outline, resolution, sharpness, exposure, glare, cut-off page), on a small preview
// raster whose `scale` maps it onto the photo the shutter will take, so text heights are judged in that
// photo's pixels. Two measures only a video needs come on top: how much the picture moved since the previous
// frame, and a signature of the paper itself, to tell the paper already taken from the next one.
import type { Point } from '../../../shared/quality';
import type { LiveInstruction } from '../../../shared/capture';
import { analyse, MIN_TEXT_PX_ERROR } from './checks';
import type { Raster } from './raster';

export { LIVE_MAX_SIDE } from '../../../shared/capture';

/** The coarse grey grid frames are compared on: cells of ~13×13 preview pixels, so sensor noise averages out. */
export const MOTION_GRID_W = 48;
export const MOTION_GRID_H = 36;
/**
 * Mean change per grid cell (grey levels) under which the picture is still. Sensor noise moves a cell mean
 * by ~0.3 level; a paper sliding by one preview pixel moves the cells along its border and its print lines
 * by a tenth of their contrast, ~1 level on average. A hand in view moves whole regions by tens of levels.
 */
export const STILL_MAX_MOTION = 1.5;

/**
 * The paper's signature: the mean grey of each cell of a 12×16 grid laid over the paper's inner part in its
 * own coordinates, so moving or turning the same sheet keeps it. Cells of ~6 % of the page average the print
 * into its layout (title, tables, seal, blank margins): a block-coarse outline (±1 block of 8 preview px,
 * ~2 % of the page) shifts a cell by a third at most. The outer 6 % is left out, so a corner found a block
 * too far out never brings the desk in.
 */
export const SIGNATURE_W = 12;
export const SIGNATURE_H = 16;
const SIGNATURE_INSET = 0.06;
/** Samples per cell each way (5×5 points averaged per cell). */
const SIGNATURE_SUB = 5;
/**
 * Correlation of two signatures from which the paper is the one taken. On the six sample papers filmed
 * (tests/unit/live-frame.test.ts) the same sheet moved, turned up to 8°, dimmed, out of focus or under a
 * hotspot keeps 0.77–1.00; two different papers reach 0.59 at most (the plane taken away, the layout is what
 * is left). The line sits in the middle of that gap.
 */
export const SAME_PAPER_MIN_CORRELATION = 0.7;

/**
 * A sheet lying flat under a camera that looks straight down shows right angles whichever way it is turned;
 * a paper lifted at one end, curled or held at a slant shows its corners skewed (a sheet whose far edge
 * comes out 30 % wider than its near edge: 6.5°; 50 %: 11°). A keystone is straightened at export, but a
 * curl is not, and it starts as a lifted edge. Beyond this many degrees off 90° at any corner: 放平纸张.
 */
export const FLAT_MAX_CORNER_SKEW_DEG = 8;
/**
 * Ink edges of a sharp photo are 1.3–1.7 px wide at whatever scale it is sampled (checks.ts: from 2 px they
 * are softened); on the preview, after the camera's and the canvas's resampling, the sample papers read
 * 1.2–1.6 px sharp, 2.1–2.4 px a little out of focus (σ 2 preview px) and 2.8–3.6 px further out (σ 3).
 * Edges from this width are blurred at the photo's scale too. (At 2.5 px, the line fitted to σ 3 only, a
 * page out of focus by σ 2 whose text the preview could not measure was said 很好，别动 and taken, while the
 * photo itself would be judged blurred.)
 */
const SOFT_EDGE_PX = 2;
/**
 * The checks' text height is trusted on the preview only where the preview draws the legibility line
 * (MIN_TEXT_PX_ERROR in the photo) at least this many preview pixels high: measured on smaller lines it
 * wanders by ±3 photo pixels (a 640-px preview of a 1600-px photo read 10–20 px for 11–14-px text).
 */
const MIN_PREVIEW_TEXT_PX = 6;
/**
 * Otherwise the paper's size says it: 10-pt body text (~3.5 mm a line) on A4 (297 mm) gets the legibility
 * line of MIN_TEXT_PX_ERROR photo pixels when the page's long side spans this many.
 */
const MIN_PAGE_LONG_PX = Math.round((MIN_TEXT_PX_ERROR * 297) / 3.5);
/** Outlines smaller than this are specks of something bright, not a paper. */
const MIN_PAPER_AREA = 0.04;

export interface LiveFrame {
  width: number;
  height: number;
  /** Interleaved RGB of the preview frame, at most LIVE_MAX_SIDE on its long side. */
  rgb: Uint8Array;
  /** Size of the photo the shutter takes (same aspect as the preview, or its long side is what counts). */
  captureWidth: number;
  captureHeight: number;
  /** The previous frame's grid (for motion), when there was one. */
  previousGrid?: Uint8Array | null | undefined;
  /** The signatures of the papers taken this session. */
  takenSignatures?: readonly Int8Array[] | undefined;
}

export interface LiveResult {
  instruction: LiveInstruction;
  paper: boolean;
  passing: boolean;
  still: boolean;
  outline: [Point, Point, Point, Point] | null;
  motion: number | null;
  sameAsTaken: boolean | null;
  grid: Uint8Array;
  signature: Int8Array | null;
  /** The checks' findings on the frame (code:severity), for tests and the bench. */
  findings: string[];
}

/** The frame as the checks' raster: luma as loadRaster computes it (Rec. 601), scale onto the photo. */
export function liveRaster(
  f: Pick<LiveFrame, 'width' | 'height' | 'rgb' | 'captureWidth' | 'captureHeight'>,
): Raster {
  const n = f.width * f.height;
  if (f.rgb.length !== n * 3) throw new Error(`frame has ${f.rgb.length} bytes, expected ${n * 3}`);
  const grey = new Uint8Array(n);
  for (let i = 0, j = 0; i < n; i++, j += 3)
    grey[i] = (f.rgb[j]! * 77 + f.rgb[j + 1]! * 150 + f.rgb[j + 2]! * 29) >> 8;
  const scale = Math.min(1, Math.max(f.width, f.height) / Math.max(f.captureWidth, f.captureHeight, 1));
  return { width: f.width, height: f.height, rgb: f.rgb, grey, scale };
}

/** Box means of the grey plane on the fixed MOTION grid (any frame size maps onto the same cells). */
export function motionGrid(r: Pick<Raster, 'width' | 'height' | 'grey'>): Uint8Array {
  const sum = new Float64Array(MOTION_GRID_W * MOTION_GRID_H);
  const cnt = new Uint32Array(sum.length);
  const colCell = new Int32Array(r.width);
  for (let x = 0; x < r.width; x++)
    colCell[x] = Math.min(MOTION_GRID_W - 1, Math.floor((x * MOTION_GRID_W) / r.width));
  for (let y = 0; y < r.height; y++) {
    const row = Math.min(MOTION_GRID_H - 1, Math.floor((y * MOTION_GRID_H) / r.height)) * MOTION_GRID_W;
    const base = y * r.width;
    for (let x = 0; x < r.width; x++) {
      const k = row + colCell[x]!;
      sum[k]! += r.grey[base + x]!;
      cnt[k]!++;
    }
  }
  const out = new Uint8Array(sum.length);
  for (let k = 0; k < sum.length; k++) out[k] = cnt[k] ? Math.round(sum[k]! / cnt[k]!) : 0;
  return out;
}

/** Mean absolute difference of two grids (grey levels). */
export function motionBetween(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length || a.length === 0) return Infinity;
  let s = 0;
  for (let i = 0; i < a.length; i++) s += Math.abs(a[i]! - b[i]!);
  return s / a.length;
}

/** The paper's signature (see SIGNATURE_W) from its outline `quad`, mean removed and scaled to ±127. */
export function paperSignature(
  r: Pick<Raster, 'width' | 'height' | 'grey'>,
  quad: readonly Point[],
): Int8Array {
  const [tl, tr, br, bl] = quad as [Point, Point, Point, Point];
  const v = new Float64Array(SIGNATURE_W * SIGNATURE_H);
  const span = 1 - 2 * SIGNATURE_INSET;
  for (let j = 0; j < SIGNATURE_H; j++) {
    for (let i = 0; i < SIGNATURE_W; i++) {
      let s = 0;
      for (let b = 0; b < SIGNATURE_SUB; b++) {
        const t = SIGNATURE_INSET + (span * (j + (b + 0.5) / SIGNATURE_SUB)) / SIGNATURE_H;
        for (let a = 0; a < SIGNATURE_SUB; a++) {
          const u = SIGNATURE_INSET + (span * (i + (a + 0.5) / SIGNATURE_SUB)) / SIGNATURE_W;
          // Bilinear in the outline's corners: exact for a sheet seen square-on, close enough for a slant.
          const px = ((1 - t) * ((1 - u) * tl.x + u * tr.x) + t * ((1 - u) * bl.x + u * br.x)) * r.width;
          const py = ((1 - t) * ((1 - u) * tl.y + u * tr.y) + t * ((1 - u) * bl.y + u * br.y)) * r.height;
          const x = Math.min(r.width - 1, Math.max(0, Math.round(px)));
          const y = Math.min(r.height - 1, Math.max(0, Math.round(py)));
          s += r.grey[y * r.width + x]!;
        }
      }
      v[j * SIGNATURE_W + i] = s / (SIGNATURE_SUB * SIGNATURE_SUB);
    }
  }
  // The light falls off across a desk the same way for every paper under one lamp: a plane fitted to the
  // grid and taken away leaves the paper's own layout. Over a grid centred on 0 the fit is three sums.
  let sum = 0;
  let su = 0;
  let sv = 0;
  let uu = 0;
  let vv = 0;
  for (let j = 0; j < SIGNATURE_H; j++)
    for (let i = 0; i < SIGNATURE_W; i++) {
      const u = i - (SIGNATURE_W - 1) / 2;
      const w = j - (SIGNATURE_H - 1) / 2;
      const x = v[j * SIGNATURE_W + i]!;
      sum += x;
      su += u * x;
      sv += w * x;
      uu += u * u;
      vv += w * w;
    }
  const mean = sum / v.length;
  const gu = su / uu;
  const gv = sv / vv;
  let ss = 0;
  for (let j = 0; j < SIGNATURE_H; j++)
    for (let i = 0; i < SIGNATURE_W; i++) {
      const k = j * SIGNATURE_W + i;
      v[k] = v[k]! - mean - gu * (i - (SIGNATURE_W - 1) / 2) - gv * (j - (SIGNATURE_H - 1) / 2);
      ss += v[k]! ** 2;
    }
  const rms = Math.sqrt(ss / v.length);
  const out = new Int8Array(v.length);
  // ±4 RMS fills the byte; a blank sheet (rms ~0) stays all zeros and matches nothing.
  const k = rms > 0.5 ? 32 / rms : 0;
  for (let i = 0; i < v.length; i++) out[i] = Math.max(-127, Math.min(127, Math.round(v[i]! * k)));
  return out;
}

/** Normalised correlation of two signatures (0 when either is blank). */
export function signatureCorrelation(a: Int8Array, b: Int8Array): number {
  if (a.length !== b.length) return 0;
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    ab += a[i]! * b[i]!;
    aa += a[i]! * a[i]!;
    bb += b[i]! * b[i]!;
  }
  return aa > 0 && bb > 0 ? ab / Math.sqrt(aa * bb) : 0;
}

/** Largest deviation from 90° over the four corners of the outline, in degrees, on the frame's own pixels. */
export function cornerSkewDeg(quad: readonly Point[], width: number, height: number): number {
  let worst = 0;
  for (let i = 0; i < 4; i++) {
    const p = quad[i]!;
    const a = quad[(i + 3) % 4]!;
    const b = quad[(i + 1) % 4]!;
    const ax = (a.x - p.x) * width;
    const ay = (a.y - p.y) * height;
    const bx = (b.x - p.x) * width;
    const by = (b.y - p.y) * height;
    const cos = (ax * bx + ay * by) / Math.max(1e-9, Math.hypot(ax, ay) * Math.hypot(bx, by));
    worst = Math.max(worst, Math.abs((Math.acos(Math.max(-1, Math.min(1, cos))) * 180) / Math.PI - 90));
  }
  return worst;
}

/** The outline's longer pair of opposite sides, averaged, in pixels of a width×height frame. */
export function pageLongSide(quad: readonly Point[], width: number, height: number): number {
  const d = (a: Point, b: Point) => Math.hypot((a.x - b.x) * width, (a.y - b.y) * height);
  const [tl, tr, br, bl] = quad as [Point, Point, Point, Point];
  return Math.max((d(tl, tr) + d(bl, br)) / 2, (d(tl, bl) + d(tr, br)) / 2);
}

/** The whole frame as an outline (a close-up or a pale desk: the checks judge the frame as the page). */
const WHOLE_FRAME: [Point, Point, Point, Point] = [
  { x: 0, y: 0 },
  { x: 1, y: 0 },
  { x: 1, y: 1 },
  { x: 0, y: 1 },
];

/**
 * Checks one preview frame and picks the one instruction to show: no paper, then movement, then what a
 * photo taken now would be retaken for (cut off, slanted, too far, blurred, glare, dark, bright), else ready.
 */
export function analyseLiveFrame(f: LiveFrame): LiveResult {
  const r = liveRaster(f);
  const grid = motionGrid(r);
  const motion = f.previousGrid ? motionBetween(grid, f.previousGrid) : null;
  const still = motion !== null && motion < STILL_MAX_MOTION;

  // The checks on the frame as if it were the photo: width and height in the photo's pixels.
  const { findings, metrics } = analyse(r, Math.round(r.width / r.scale), Math.round(r.height / r.scale), {
    sealRequired: false,
  });
  const errors = new Set(findings.filter((x) => x.severity === 'error').map((x) => x.code));
  const trusted = metrics.pageTrusted === true && metrics.pageFillsFrame !== true;
  const area = metrics.pageAreaFraction ?? 0;
  const corners = metrics.corners as [Point, Point, Point, Point] | undefined;
  // Every claim paper carries print: a frame full of "paper" with no text on it is a bare desk or a wall.
  const paper =
    (trusted && area >= MIN_PAPER_AREA) || (metrics.pageFillsFrame === true && metrics.textHeightPx !== null);
  const outline = trusted && corners ? corners : null;

  // The blur finding counts where the checks measured it without the page's size: against the text height,
  // as a smear one way only (edges across it gone, the other way kept), or no crisp edge at all. Without a
  // text height they fall back to millimetres on the page, which a 640-px preview of a larger photo cannot
  // resolve (a sharp edge there is already ~0.9 mm): there, and where a low_resolution verdict on text the
  // preview cannot resolve stood in for it, the edges themselves say it: softer than a sharp photo's.
  // Where the checks did measure the blur against a text height the preview resolves, their verdict stands:
  // the edge width alone would call some sharp photos of small type soft (one read 2.2 px, checks.ts).
  const ex = metrics.edgeWidthPx?.x ?? null;
  const ey = metrics.edgeWidthPx?.y ?? null;
  const againstText = metrics.blurRatio !== null && !errors.has('low_resolution');
  const blurSeen =
    (errors.has('blurry') && (metrics.blurRatio !== null || ex === null || ey === null)) ||
    (!againstText && Math.max(ex ?? 0, ey ?? 0) >= SOFT_EDGE_PX);

  const previewResolvesText = MIN_TEXT_PX_ERROR * r.scale >= MIN_PREVIEW_TEXT_PX;
  const pageLongPx = outline ? pageLongSide(outline, r.width / r.scale, r.height / r.scale) : null;
  const tooFar = previewResolvesText
    ? errors.has('low_resolution')
    : pageLongPx !== null && pageLongPx < MIN_PAGE_LONG_PX;

  // What a photo taken now would be retaken for, as one instruction; null when nothing.
  let problem: LiveInstruction | null = null;
  if (errors.has('incomplete_page')) problem = 'whole_page';
  else if (outline && cornerSkewDeg(outline, r.width, r.height) > FLAT_MAX_CORNER_SKEW_DEG)
    problem = 'flatten';
  // A paper too far away is too small on the preview to judge its sharpness: closer first.
  else if (tooFar) problem = 'closer';
  else if (blurSeen) problem = 'hold_still';
  else if (errors.has('glare')) problem = 'glare';
  else if (errors.has('too_dark')) problem = 'too_dark';
  else if (errors.has('overexposed')) problem = 'too_bright';
  // Movement comes first: while the paper moves, what the checks see is about to change.
  const instruction: LiveInstruction = !paper ? 'no_paper' : !still ? 'hold_still' : (problem ?? 'ready');
  const passing = paper && problem === null;

  const signature = paper ? paperSignature(r, outline ?? WHOLE_FRAME) : null;
  const sameAsTaken =
    signature && f.takenSignatures?.length
      ? f.takenSignatures.some((t) => signatureCorrelation(signature, t) >= SAME_PAPER_MIN_CORRELATION)
      : null;
  return {
    instruction,
    paper,
    passing,
    still,
    outline,
    motion: motion === null ? null : Math.round(motion * 100) / 100,
    sameAsTaken,
    grid,
    signature,
    findings: findings.map((x) => `${x.code}:${x.severity}`),
  };
}

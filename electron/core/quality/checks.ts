// The reviewer's eye on one photo: every pixel check (resolution, blur, exposure, glare, cut-off page, seal)
// on the analysis raster, and the fingerprint that finds the same picture again. Pure functions of the
// raster: the file is opened and decoded once by electron/core/pages/analyse.ts `analysePage`.
import { kindLabel } from '../../../shared/domain';
import type { ImageMetrics } from '../../../shared/page-facts';
import { type Finding, type Point, type Region } from '../../../shared/quality';
import { findPage, erodedMask, onPage, type PageGeometry } from './outline';
import { hammingDistance, perceptualHashOfThumbnail, SAME_PICTURE_MAX_DISTANCE } from './phash';
import type { Raster } from './raster';
import { estimateNoise, measureEdgeWidths, MIN_EDGE_CONTRAST, MIN_GRADIENT } from './sharpness';
import { inkMask, measureTextScaleEitherWay, type InkDepth } from './text';
import { measureLighting, STROKE_PASS_MIN_CLIPPED } from './lighting';
import { findSeal } from './seal';

// ---- Thresholds, each with the physical quantity it limits -------------------------------------------
/**
 * Legibility: height of the smallest body text in photo pixels (measured on the text, see text.ts). Dot-
 * matrix hanzi fonts need 12 px to draw every stroke of a common character and 16 px for all of GB2312; a
 * camera photo (Bayer mosaic, JPEG) resolves less than its pixel count, so below 10 px complex characters
 * lose strokes (error) and below 13 px fine print (amounts, codes) gets soft (warning).
 */
export const MIN_TEXT_PX_ERROR = 10;
export const MIN_TEXT_PX_WARNING = 13;
/** With no text to measure, a frame under this many pixels (0.5 MP) cannot hold a legible document. */
const MIN_PIXELS_NO_TEXT = 500_000;
/**
 * Blur relative to the text: median 10-90 % ink-edge width over the height of the smallest body text. A
 * hanzi stacks up to ~8 horizontal strokes in its height, so strokes sit ~1/8 of the height apart; an edge
 * smeared over 1/5 of the height (1.6 stroke pitches) merges neighbouring strokes (error), from ~1/6 small
 * print gets hard to read (warning). Scale-free: holds for an ID card filling the frame and for a long bill
 * shot from afar alike.
 */
export const BLUR_RATIO_ERROR = 0.2;
export const BLUR_RATIO_WARNING = 0.16;
/**
 * Without a measurable text height, blur falls back to millimetres on the page printed at A4: the strokes
 * of 10-pt hanzi are ~0.35 mm apart; at ~0.6 mm of blur neighbouring strokes merge.
 */
export const BLUR_MM_ERROR = 0.6;
export const BLUR_MM_WARNING = 0.45;
/**
 * Edge width one way over the other from which the blur is motion, not defocus or too few pixels: a lens
 * and a shrink blur every direction alike (ratio ≤ 1.5 on every calibration photo without shake, the
 * slight accepted shakes included), a straight shake adds its length to one direction only.
 */
const MOTION_ANISOTROPY = 2;
/**
 * Blur of any shape spreads a stroke's ink over its own extent: once that is wider than the stroke, no
 * pixel of the stroke stays at full ink strength (text.ts InkDepth). Below this share of ink pixels at full
 * strength the text is smeared whatever its edge widths say (a curved shake or a double image keeps thin,
 * doubled edges). Set A (tuned on): every photo a reviewer accepts keeps ≥ 0.37 (sharp print 0.6-0.94),
 * the blurred ones 0.07-0.6 (all of them also caught by their edge widths). The line sits far under the
 * acceptable ones so it only adds smears the edge widths miss. Set B: accepted photos ≥ 0.24, the curved
 * shakes 0.06-0.16.
 */
export const INK_KEPT_DARK_ERROR = 0.15;
/**
 * A sharp photo's ink edges are 1.3-1.7 px wide (10-90 %, analysis raster: demosaicing, lens and the phone's
 * sharpening give every edge about that; 1.4-1.6 on the sharp photos of both sets). From 2 px the edges are
 * softened too, so pale ink there is smeared ink rather than pale print.
 */
const SHARP_EDGE_MAX_PX = 2;
/**
 * The edge every photo has of its own (the middle of the 1.4-1.6 px above). Blurs add in quadrature (a
 * Gaussian of σ1 then σ2 is one of √(σ1² + σ2²)), so the blur the camera or the hand added is
 * √(width² − 1.5²): the quantity both calibration sets are labelled by ("the sensor's own edge is left
 * out: this is the fault, not the photo"). On small text the difference matters: a real sharp photo of
 * ~10-px type (Leptonica's pedante.079, edges 1.6 and 2.2 px) reads 0.217 of its text by the raw width, a
 * blur error, and 0.157 once its own edge is left out.
 */
const SENSOR_EDGE_PX = 1.5;
/**
 * Too few pixels leave every edge at a sharp photo's width (a shrink narrows edges in pixels, never widens
 * them), so edges from twice the sharp limit are optical blur even on a photo that also lacks resolution.
 */
const PIXEL_LIMITED_EDGE_MAX_PX = 2 * SHARP_EDGE_MAX_PX;
/** Fewer ink pixels than this (analysis raster) and the share above is not judged. */
const MIN_INK_PIXELS = 2000;
/** Edges one way before the lack of them the other way reads as motion blur. */
const MIN_EDGES_ONE_WAY = 400;
/** Ink edges count for the blur measure from this share of the photo's paper-to-ink contrast (and ≥ 16). */
const EDGE_CONTRAST_SHARE = 0.45;
/** When edges too wide for the pixels (PIXEL_LIMITED_EDGE_MAX_PX) span this share of the measured line, the
 * line was measured on the smear. */
const SMEAR_LINE_SHARE = 0.5;
/** Edge width over text height under which a blurred photo is still judged for its seal (see findSeal's call). */
const SEAL_BLUR_RATIO_LIMIT = 0.4;
/**
 * Seal-sized red shapes not read as rings, as a share of the page's samples, under which "no seal" counts as
 * measured (seal.ts unresolvedRed): 0.05 % is a few stray red marks, a stamp's impression is ~1 % of a page.
 */
const SEAL_UNRESOLVED_MAX = 0.0005;
/** Gradient gate as a share of the ink contrast: 1.6 / 9 px, the widest edge the fixed gate admits at C ≈ 110. */
const EDGE_GRADIENT_SHARE = 0.18;
/** Paper (white) should come out well above mid-grey; below these levels the photo is underexposed. */
export const PAPER_LEVEL_DARK_ERROR = 90;
export const PAPER_LEVEL_DARK_WARNING = 120;
/** Overexposure washes ink towards paper: ink-to-paper contrast below this many grey levels loses text. */
export const INK_CONTRAST_OVEREXPOSED_ERROR = 90;
export const INK_CONTRAST_OVEREXPOSED_WARNING = 120;
/**
 * …and only when the black print's own strokes are lifted: the darkest quarter of them (lighting.ts
 * printLevel) stands under this many levels below the paper. Black print reflects a tenth or less of what
 * paper does, which every sound capture keeps at ≤ ~100 of 255 under white paper (real flatbed scans of
 * issue 21: 90-103; set A's and B's sound photos ≤ 70), while a veil of flare lifts it: set A's and B's
 * washed-out photos read 117-207. The line sits in that gap (≥ 152 levels on the real scans, ≤ 138 on the
 * washed photos).
 */
export const PRINT_CONTRAST_WASHED = 145;
/**
 * …and the boldest strokes' cores (lighting.ts strokeFloor: darkest 2×2 window of each inked cell, darkest
 * 2 % of cells, at full resolution) stand under this many levels below the paper. Black print keeps ≥ 150
 * levels there on the 16 real scans (cores 0-102) and ≥ 143 on set C's flatbed, 高拍仪 and scanner-app pages
 * of thin print; flare and a blown exposure leave ≤ 129 on sets A and B's washed-out photos (cores 125-190).
 */
export const STROKE_CONTRAST_WASHED = 136;
/** …when at least this share of the page is clipped white (a merely pale print is not overexposure). */
export const OVEREXPOSED_MIN_CLIPPED = STROKE_PASS_MIN_CLIPPED;
/** Glare patch size as a share of the page: ~1 % covers a line or two of text. */
export const GLARE_ERROR_FRACTION = 0.01;
export const GLARE_WARNING_FRACTION = 0.003;
/** Least rim width (px, 25-75 %) a white object's edge may show on the analysis raster (lighting.ts rimPx). */
const WHITE_OBJECT_RIM_PX = 3;
/** The page runs into the frame edge over at least this share of that edge (a cut corner is a few %). */
const TOUCH_MIN = 0.02;

/** Kinds that need an official seal when the rule data is not available (POLICY.md section 3). */
export const DEFAULT_SEAL_KINDS: readonly string[] = ['invoice', 'diagnosis_certificate'];

export interface CheckOptions {
  kind?: string;
  /** Force the seal check on or off; default: whether `kind` needs a seal per `sealKinds`. */
  sealRequired?: boolean;
  /** Kinds that need a seal (from the rule data); default DEFAULT_SEAL_KINDS. */
  sealKinds?: readonly string[];
  /** Name to report as `file` (default: the path as given). */
  displayName?: string;
}

/** Per-file extras the batch uses for duplicate detection; only sha256 and phash are stored (page facts). */
export interface Fingerprint {
  sha256: string | null;
  phash: string | null;
  /** High-pass thumbnail, quantised (see quantiseDetail): 36 KB a photo, so a batch of 1,000 holds ~37 MB. */
  detail: Int8Array | null;
}

export const MSG = {
  lowResError: (px: number) =>
    `照片像素太低（小字每个只有约 ${px} 个像素高），文字可能看不清，请靠近一些或用原图重拍，不要发送压缩图`,
  lowResNoText: '照片像素太低，看不清上面的文字，请靠近一些或用原图重拍，不要发送压缩图',
  lowResWarn: (px: number) =>
    `照片清晰度偏低（小字每个只有约 ${px} 个像素高），小字可能模糊，建议靠近一些重拍`,
  blurError: '照片模糊，文字看不清，请拿稳手机、对焦到文字后重拍',
  blurWarn: '照片有些模糊，小字可能看不清，建议对焦后重拍',
  blurNoText: '照片上找不到清晰的文字或线条，可能严重模糊，请对焦后重拍',
  glareError: '有反光，遮住了部分文字，请避开灯光直射（或关闭闪光灯）后重拍',
  glareWarn: '有轻微反光，请确认反光处的文字仍然清楚，必要时换个角度重拍',
  darkError: '照片太暗，请到光线充足的地方或打开灯后重拍',
  exposureHidesText: '（光线问题让文字看不清，无法判断照片是否对焦清楚，重拍时也请拿稳手机）',
  darkWarn: '照片偏暗，建议在光线更好的地方重拍',
  overError: '照片过曝，文字被冲淡看不清，请避开强光、关闭闪光灯后重拍',
  inkAtEdge: (sides: string) =>
    `文字一直延伸到画面${sides}，材料可能没有拍全，请退远一些，把纸张四个角都拍进画面后重拍`,
  overWarn: '照片偏亮，文字颜色变浅，建议降低亮度或避开强光重拍',
  incomplete: (sides: string) => `材料没有拍全（${sides}超出了画面），请把纸张四个角都拍进画面后重拍`,
  sealMissing: (label: string) => `没有找到红色公章，${label}需要加盖医院公章（鲜章），请盖章后重新拍照`,
  sealNotFound: (label: string) => `没找到红章，请确认${label}上有医院的收费专用章或公章（鲜章）`,
  unreadable: (detail: string) => `${detail}`,
  duplicate: (other: string) =>
    `与 ${other} 是同一张照片（或同一角度重拍），请只保留清楚的一张，或换成应提交的其他材料`,
};

const SIDE_ZH = { top: '上边', right: '右边', bottom: '下边', left: '左边' } as const;

function round(v: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

function dist(a: Point, b: Point, w: number, h: number): number {
  return Math.hypot((a.x - b.x) * w, (a.y - b.y) * h);
}

export function isSamePicture(a: Fingerprint, b: Fingerprint): boolean {
  if (a.sha256 && a.sha256 === b.sha256) return true;
  if (!a.phash || !b.phash || !a.detail || !b.detail) return false;
  if (hammingDistance(a.phash, b.phash) > SAME_PICTURE_MAX_DISTANCE) return false;
  // Two invoices from the same hospital share a layout and so a coarse hash; the fine detail (the printed
  // amounts and names) must also agree before we call them the same photo.
  return correlation(a.detail, b.detail) >= DETAIL_SAME_MIN_CORRELATION;
}

const DETAIL_SIDE = 192;
/**
 * Correlation of high-pass 192×192 thumbnails. A re-saved or re-scaled copy is pixel-aligned and keeps its
 * text detail (> 0.9); another photo of the same page, or another invoice of the same template, does not.
 */
const DETAIL_SAME_MIN_CORRELATION = 0.85;

function correlation(a: Int8Array, b: Int8Array): number {
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    ab += x * y;
    aa += x * x;
    bb += y * y;
  }
  return aa > 0 && bb > 0 ? ab / Math.sqrt(aa * bb) : 0;
}

/**
 * Quantisation steps per RMS of the detail: ±127 steps reach ±8 RMS. On the calibration corpus < 0.04 % of
 * pixels (and of the energy) lie beyond that, while ±4 RMS would clip up to 3 % of the energy (text strokes).
 */
const DETAIL_STEPS_PER_RMS = 16;

/**
 * Stores the high-pass detail as one signed byte a pixel instead of a 4-byte float. Correlation ignores scale,
 * so each photo is scaled by its own RMS; the rounding noise (step 1/16 RMS, variance ~0.03 % of the signal)
 * moves a correlation by ~0.0003, far below the gap between a copy of the same photo (> 0.9) and another
 * photo of one template (< 0.85).
 */
function quantiseDetail(detail: Float32Array): Int8Array {
  let ss = 0;
  for (let i = 0; i < detail.length; i++) ss += detail[i]! * detail[i]!;
  const rms = Math.sqrt(ss / detail.length);
  const out = new Int8Array(detail.length);
  if (rms === 0) return out;
  const k = DETAIL_STEPS_PER_RMS / rms;
  for (let i = 0; i < detail.length; i++) {
    const q = Math.round(detail[i]! * k);
    out[i] = q > 127 ? 127 : q < -127 ? -127 : q;
  }
  return out;
}

/** Area-average of the grey plane onto an n×n grid (aspect ignored, as pHash does). */
function shrinkGrey(r: Raster, n: number): Float32Array {
  const sum = new Float32Array(n * n);
  const cnt = new Float32Array(n * n);
  // Column → cell lookup once, so the loop over pixels does no division.
  const colCell = new Int32Array(r.width);
  for (let x = 0; x < r.width; x++) colCell[x] = Math.min(n - 1, Math.floor((x * n) / r.width));
  // Every other pixel each way is plenty for a cell average.
  for (let y = 0; y < r.height; y += 2) {
    const row = Math.min(n - 1, Math.floor((y * n) / r.height)) * n;
    const base = y * r.width;
    for (let x = 0; x < r.width; x += 2) {
      const k = row + colCell[x]!;
      sum[k]! += r.grey[base + x]!;
      cnt[k]!++;
    }
  }
  for (let k = 0; k < sum.length; k++) sum[k] = cnt[k] ? sum[k]! / cnt[k]! : 0;
  return sum;
}

export function fingerprintOf(r: Raster): { phash: string; detail: Int8Array } {
  const big = shrinkGrey(r, DETAIL_SIDE);
  const f = DETAIL_SIDE / 32; // 6×6 detail cells per thumbnail cell
  const thumb = new Uint8Array(32 * 32);
  for (let y = 0; y < 32; y++) {
    for (let x = 0; x < 32; x++) {
      let s = 0;
      for (let dy = 0; dy < f; dy++)
        for (let dx = 0; dx < f; dx++) s += big[(y * f + dy) * DETAIL_SIDE + x * f + dx]!;
      thumb[y * 32 + x] = Math.round(s / (f * f));
    }
  }
  // Detail = thumbnail minus its local mean (5×5 box, clipped at the border): the printed content, not the
  // lighting. The box is separable: row sums of 5 first, then columns of those.
  const n = DETAIL_SIDE;
  const rowSum = new Float32Array(n * n);
  const span = new Uint8Array(n); // how many of the 5 neighbours along one axis lie inside the thumbnail
  for (let x = 0; x < n; x++) span[x] = Math.min(n - 1, x + 2) - Math.max(0, x - 2) + 1;
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) {
      let s = 0;
      for (let xx = Math.max(0, x - 2); xx <= Math.min(n - 1, x + 2); xx++) s += big[y * n + xx]!;
      rowSum[y * n + x] = s;
    }
  }
  const detail = new Float32Array(n * n);
  for (let y = 0; y < n; y++) {
    const y0 = Math.max(0, y - 2);
    const y1 = Math.min(n - 1, y + 2);
    for (let x = 0; x < n; x++) {
      let s = 0;
      for (let yy = y0; yy <= y1; yy++) s += rowSum[yy * n + x]!;
      detail[y * n + x] = big[y * n + x]! - s / (span[x]! * span[y]!);
    }
  }
  return { phash: perceptualHashOfThumbnail(thumb), detail: quantiseDetail(detail) };
}

function sealNeeded(options: CheckOptions): boolean {
  if (options.sealRequired !== undefined) return options.sealRequired;
  if (!options.kind) return false;
  return (options.sealKinds ?? DEFAULT_SEAL_KINDS).includes(options.kind);
}

/** The metrics the pixel checks measure; analysePage adds the file's own (mime, size, phash). */
export type RasterMetrics = Omit<ImageMetrics, 'mime' | 'width' | 'height' | 'phash'>;

/** Runs every pixel check on the analysis raster. Exported for the calibration script and tests. */
export function analyse(
  r: Raster,
  width: number,
  height: number,
  options: CheckOptions = {},
): { findings: Finding[]; metrics: RasterMetrics } {
  const findings: Finding[] = [];
  const page = findPage(r);
  const [tl, tr, br, bl] = page.corners;
  // An outline we do not trust (paper on a pale desk, a patterned cloth) is not used to restrict the other
  // checks: findPage then returns the whole frame, and the page is judged as a close-up (text cut off at
  // the frame edge), never by where a doubtful outline meets the frame.
  const pageTrusted = page.trusted;

  // Page size in original pixels, from the quadrilateral's mean opposite sides (blur fallback only).
  const pageW = (dist(tl, tr, width, height) + dist(bl, br, width, height)) / 2;
  const pageH = (dist(tl, bl, width, height) + dist(tr, br, width, height)) / 2;
  const longPx = pageTrusted ? Math.max(pageW, pageH) : Math.max(width, height);

  // The page interior, two blocks in from its border so the paper's own edge is left out. An untrusted
  // outline comes back from findPage as the whole frame.
  const interior = erodedMask(page, 2);
  const inside = (x: number, y: number): boolean => {
    const bx = Math.min(page.maskWidth - 1, Math.floor(x / page.block));
    const by = Math.min(page.maskHeight - 1, Math.floor(y / page.block));
    return interior[by * page.maskWidth + bx] === 1;
  };
  const lighting = measureLighting(r, page);
  const inkContrast = lighting.paperLevel - lighting.inkLevel;
  // Overexposure: the paper clipped, the print's own strokes lifted (lighting.ts printLevel: a flatbed scan or
  // a 高拍仪 image clips its paper on purpose and keeps its black print dark), and then the darkest 2 % of the
  // page grades how much of the text is washed out.
  const printLifted = lighting.paperLevel - lighting.printLevel < PRINT_CONTRAST_WASHED;
  // …and the boldest strokes' cores, read at full resolution, lifted too (lighting.ts measureStrokeFloor): a
  // scan of thin print whose sampled cells read grey keeps its titles and rules dark. With too few inked
  // cells to tell (null), the sampled print level alone decides, as before.
  const strokeLifted =
    lighting.strokeFloor === null || lighting.paperLevel - lighting.strokeFloor < STROKE_CONTRAST_WASHED;
  const washedOut = (limit: number): boolean =>
    lighting.clippedFraction >= OVEREXPOSED_MIN_CLIPPED && printLifted && strokeLifted && inkContrast < limit;

  // Legibility from the text itself: how many photo pixels the smallest body text gets.
  const depth: InkDepth = { faint: 0, dark: 0 };
  const text = measureTextScaleEitherWay(
    r,
    inkMask(r, { ...page, mask: interior }, lighting.inkLevel, depth),
  );
  // Share of the ink that still reaches full strength (see text.ts InkDepth); null with too little ink.
  const inkKeptDark = depth.faint >= MIN_INK_PIXELS ? depth.dark / depth.faint : null;
  const textPx = text.lineHeight === null ? null : text.lineHeight / r.scale;
  const textPxShown = textPx === null ? null : Math.round(textPx);
  if (textPx !== null && textPx < MIN_TEXT_PX_ERROR)
    findings.push({ code: 'low_resolution', severity: 'error', message: MSG.lowResError(textPxShown!) });
  else if (textPx !== null && textPx < MIN_TEXT_PX_WARNING)
    findings.push({ code: 'low_resolution', severity: 'warning', message: MSG.lowResWarn(textPxShown!) });
  else if (textPx === null && width * height < MIN_PIXELS_NO_TEXT)
    findings.push({ code: 'low_resolution', severity: 'error', message: MSG.lowResNoText });

  // Sharpness: ink-edge width against the text height (or, without one, mm at A4).
  // The gradient gate keeps the widest edge a candidate may have the same at any exposure: an edge of
  // contrast C smeared over W px has a central difference of ~1.6·C/W, so the fixed gate of 20 levels
  // admits ~9-px edges on a bright photo (C ≈ 110) but only ~4-px ones on a dim one (C ≈ 50), and a dim
  // blurred photo would be measured on its few sharp remains. Never under 3σ of the noise.
  const noise = estimateNoise(r, inside);
  const edges = measureEdgeWidths(r, inside, {
    minContrast: Math.min(MIN_EDGE_CONTRAST, Math.max(16, EDGE_CONTRAST_SHARE * inkContrast)),
    minGradient: Math.min(MIN_GRADIENT, Math.max(EDGE_GRADIENT_SHARE * inkContrast, 3 * noise)),
    noise,
  });
  const widest =
    edges.acrossX === null && edges.acrossY === null
      ? null
      : Math.max(edges.acrossX ?? 0, edges.acrossY ?? 0);
  const pageLongAnalysisPx = longPx * r.scale;
  const blurMm = widest === null ? null : (widest * 297) / Math.max(1, pageLongAnalysisPx);
  const addedBlur = widest === null ? null : Math.sqrt(Math.max(0, widest * widest - SENSOR_EDGE_PX ** 2));
  const blurRatio = addedBlur === null || text.lineHeight === null ? null : addedBlur / text.lineHeight;
  // Hand shake smears one direction only: edges across it vanish while the other direction keeps plenty.
  // Text has edges both ways (strokes run both ways in hanzi and in digits), so one side reading under a
  // tenth of the other is motion blur beyond measuring.
  const smearedOneWay =
    (edges.acrossX === null && edges.edgesY >= MIN_EDGES_ONE_WAY && edges.edgesX < 0.1 * edges.edgesY) ||
    (edges.acrossY === null && edges.edgesX >= MIN_EDGES_ONE_WAY && edges.edgesY < 0.1 * edges.edgesX);
  // Too few pixels soften every edge alike (a shrink is isotropic, so is a lens); hand shake smears one
  // direction only. Edges twice as wide one way as the other (or gone one way) mean motion.
  const ax = edges.acrossX;
  const ay = edges.acrossY;
  const directional =
    smearedOneWay || (ax !== null && ay !== null && Math.max(ax, ay) >= MOTION_ANISOTROPY * Math.min(ax, ay));
  const isotropicLevel: 'error' | 'warning' | null =
    blurRatio !== null
      ? blurRatio >= BLUR_RATIO_ERROR
        ? 'error'
        : blurRatio >= BLUR_RATIO_WARNING
          ? 'warning'
          : null
      : blurMm !== null
        ? blurMm >= BLUR_MM_ERROR
          ? 'error'
          : blurMm >= BLUR_MM_WARNING
            ? 'warning'
            : null
        : null;
  // Ink that never gets dark is smeared ink only when the edges are softer than a sharp photo's too: pale
  // print (faded thermal paper) keeps sharp edges and is not blur. Exposure that lifts or sinks the ink as
  // a whole is judged as exposure, not as smeared ink.
  const exposureOk =
    lighting.paperLevel >= PAPER_LEVEL_DARK_ERROR && !washedOut(INK_CONTRAST_OVEREXPOSED_ERROR);
  const inkSmeared =
    exposureOk &&
    inkKeptDark !== null &&
    inkKeptDark < INK_KEPT_DARK_ERROR &&
    widest !== null &&
    widest >= SHARP_EDGE_MAX_PX;
  // A straight smear longer than the stroke spacing merges the strokes across it, and the 10-90 % walk
  // then stops at the neighbouring stroke: the measured width saturates near the stroke spacing and
  // understates the smear. So a directional blur that already reaches the warning level is an error.
  const blurLevel: 'error' | 'warning' | null =
    smearedOneWay || inkSmeared ? 'error' : directional && isotropicLevel !== null ? 'error' : isotropicLevel;
  // The smear also breaks lines of text into loose strokes, so the text height measured on them is not
  // the text's: a low_resolution finding from it would ask for the wrong retake.
  // So does a smear as wide as half the measured line when its edges are wider than too few pixels make
  // them (PIXEL_LIMITED_EDGE_MAX_PX): under dim light and noise the lines of a blurred page break into
  // fragments that read as small text.
  const smearMadeTheLines =
    widest !== null &&
    widest >= PIXEL_LIMITED_EDGE_MAX_PX &&
    blurRatio !== null &&
    blurRatio >= SMEAR_LINE_SHARE;
  if ((directional || smearMadeTheLines) && blurLevel === 'error') {
    for (let i = findings.length - 1; i >= 0; i--)
      if (findings[i]!.code === 'low_resolution') findings.splice(i, 1);
  }
  // With too few pixels every edge is a pixel or two wide: the fault is resolution, and "hold the phone
  // steady" would be the wrong advice.
  const resolutionFailed = findings.some((f) => f.code === 'low_resolution' && f.severity === 'error');
  // But a shrink only narrows edges in pixels: edges twice as wide as a sharp photo's cannot come from too
  // few pixels, so the photo is blurred as well and is told so (a real defocused page of 640×480 had 6-7 px
  // edges, no line of text left to measure, and was otherwise only told to come closer).
  const blurBeyondPixels = widest !== null && widest >= PIXEL_LIMITED_EDGE_MAX_PX;
  if (resolutionFailed && !blurBeyondPixels) {
    // nothing: low_resolution already asks for a closer, full-size photo
  } else if (blurLevel === 'error')
    findings.push({ code: 'blurry', severity: 'error', message: MSG.blurError });
  else if (blurLevel === 'warning')
    findings.push({ code: 'blurry', severity: 'warning', message: MSG.blurWarn });
  else if (widest === null && inkContrast >= 25) {
    // Ink is there (dark pixels on the page) but not one crisp edge: the text is smeared beyond measuring.
    findings.push({ code: 'blurry', severity: 'error', message: MSG.blurNoText });
  }
  const blurJudged = widest !== null;

  // Exposure on the paper.
  if (lighting.paperLevel < PAPER_LEVEL_DARK_ERROR)
    findings.push({ code: 'too_dark', severity: 'error', message: MSG.darkError });
  else if (lighting.paperLevel < PAPER_LEVEL_DARK_WARNING)
    findings.push({ code: 'too_dark', severity: 'warning', message: MSG.darkWarn });
  if (washedOut(INK_CONTRAST_OVEREXPOSED_ERROR))
    findings.push({ code: 'overexposed', severity: 'error', message: MSG.overError });
  else if (washedOut(INK_CONTRAST_OVEREXPOSED_WARNING))
    findings.push({ code: 'overexposed', severity: 'warning', message: MSG.overWarn });
  // Exposure that hides the text leaves blur unjudged: say so instead of letting silence read as "sharp".
  if (!blurJudged && !findings.some((f) => f.code === 'blurry')) {
    const exposure = findings.find(
      (f) => (f.code === 'too_dark' || f.code === 'overexposed') && f.severity === 'error',
    );
    if (exposure) exposure.message += MSG.exposureHidesText;
  }

  // Glare: only when the page is not overexposed as a whole (then the fix is the same and one message is
  // enough). A highlight that wipes out text is an error from a line's worth of area; a smaller one, or one
  // whose text density comparison does not show the loss, is a warning when text lies around it.
  const overexposed = findings.some((f) => f.code === 'overexposed' && f.severity === 'error');
  // Page cut off: the paper runs into one or more frame edges (but not all four: that is a scan/close-up,
  // judged by whether text runs into the edge).
  const touched = (Object.keys(page.touches) as (keyof typeof page.touches)[]).filter(
    (s) => page.touches[s] >= TOUCH_MIN,
  );
  // A washed-out photo merges paper and table, so where the page ends cannot be told; skip it then.
  if (!page.fillsFrame && touched.length > 0 && !overexposed) {
    // A trusted outline running out of the frame is measured: the sheet's corners are not all in view (the
    // rule's own words: 四个角要完整拍进照片). Where the "page" was a white surface past the frame
    // (outline.ts surfacePastFrame) the outline is not trusted and this branch is not reached.
    findings.push({
      code: 'incomplete_page',
      severity: 'error',
      message: MSG.incomplete(touched.map((s) => SIDE_ZH[s]).join('、')),
      region: edgeRegion(touched),
    });
  } else if (page.fillsFrame && !overexposed) {
    // No table visible: a scan, or a close-up that may have cut the page. Text running into the frame
    // edge says the page goes on beyond it; clean margins all round (a scan) are fine.
    const cut = sidesWithCutPrint(cutPrint(r, lighting, text.lineHeight));
    if (cut.length > 0) {
      findings.push({
        code: 'incomplete_page',
        severity: 'error',
        message: MSG.inkAtEdge(cut.map((s) => SIDE_ZH[s]).join('、')),
        region: edgeRegion(cut),
      });
    }
  }

  // A white object on the paper (a masking box, a blank cell, a scanner app's white fill) is in focus: its
  // rim is no wider than the print's own edges (a blurred step's 25-75 % width is about half its 10-90 %
  // one, so this allows twice that, and 3 px for the walk's steps). A reflection fades over many more.
  const objectRim = Math.max(WHITE_OBJECT_RIM_PX, widest ?? SHARP_EDGE_MAX_PX);
  const worstGlare = lighting.glare.find((g) => g.rimPx === null || g.rimPx > objectRim);
  if (worstGlare && !overexposed) {
    const { pageFraction, coversText, textAround, region } = worstGlare;
    if (coversText && pageFraction >= GLARE_ERROR_FRACTION)
      findings.push({ code: 'glare', severity: 'error', message: MSG.glareError, region });
    // A highlight on blank paper, with no text around it, hides nothing to ask about.
    else if (textAround && pageFraction >= GLARE_WARNING_FRACTION)
      findings.push({ code: 'glare', severity: 'warning', message: MSG.glareWarn, region });
  }

  // A seal cannot be judged on a photo too dark or washed out to show red ink; the exposure finding already
  // asks for a retake, so no second, possibly wrong, message.
  const exposureFailed = findings.some(
    (f) => (f.code === 'too_dark' || f.code === 'overexposed') && f.severity === 'error',
  );
  // Nor on one whose text is too small to read or too blurred: a seal's ring is ~1 mm of ink, a quarter of a
  // character's height, so under 10 px text it is 2 px or less. A blur spreads the ring's red over its own
  // width plus the edge width, so its colour falls to ~ring / (ring + edge): with edges under 0.4 of the
  // text height the ring keeps ≥ 40 % of its colour (0.25 / 0.65), still plainly red on paper, and its
  // shape — a missing seal is then as plain to see, so a photo failed for such a smear is still judged
  // for its seal (the eight sealed blurred photos of both calibration sets this lets through, edges at
  // 0.27–0.36 of the text height, all had their seal found). A heavier smear, or one too heavy to
  // measure, washes the ring into the paper: the retake that blurry asks for is judged instead.
  const blurHidesSeal =
    findings.some((f) => f.code === 'blurry' && f.severity === 'error') &&
    !(blurRatio !== null && blurRatio < SEAL_BLUR_RATIO_LIMIT && !smearedOneWay && !inkSmeared);
  const needSeal = sealNeeded(options);
  const seal =
    needSeal && !exposureFailed && !resolutionFailed && !blurHidesSeal
      ? findSeal(r, {
          pageLongSidePx: pageLongAnalysisPx,
          onPage: (x, y) => onPage(page, x, y),
          paperLevel: lighting.paperLevel,
          textHeightPx: text.medianHeight,
          corners: page.corners,
          // Every 医疗收费票据 form and e-invoice prints the 财政部监制 oval over its title.
          supervisionOval: options.kind === 'invoice',
        })
      : null;
  if (seal && !seal.found) {
    const label = options.kind ? kindLabel(options.kind, '该材料') : '该材料';
    // Severity follows evidence: "no seal" is measured only when the paper's print was found and measured
    // (its text height: the search ran on a page that was read, over the whole frame when the outline was
    // not trusted) and no red shape a seal could hide in is left unread. Otherwise it was only not found,
    // and the person is asked to look.
    const measured = text.lineHeight !== null && seal.unresolvedRed < SEAL_UNRESOLVED_MAX;
    const severity = measured ? 'error' : 'warning';
    findings.push({
      code: 'seal_missing',
      severity,
      message: severity === 'error' ? MSG.sealMissing(label) : MSG.sealNotFound(label),
    });
  }

  const [c0, c1, c2, c3] = page.corners.map((p) => ({ x: round(p.x, 4), y: round(p.y, 4) }));
  const metrics: RasterMetrics = {
    analysisWidth: r.width,
    analysisHeight: r.height,
    corners: [c0!, c1!, c2!, c3!],
    cornersConfidence: round(page.confidence),
    pageAreaFraction: round(page.areaFraction),
    pageFillsFrame: page.fillsFrame,
    pageTrusted,
    pageOutlinePrint: round(page.outlinePrint, 3),
    textHeightPx: textPxShown,
    textLineRuns: text.runs,
    ...(text.sideways ? { textSideways: true } : {}),
    blurRatio: blurRatio === null ? null : round(blurRatio, 3),
    inkKeptDark: inkKeptDark === null ? null : round(inkKeptDark, 3),
    blurMm: blurMm === null ? null : round(blurMm, 3),
    edgeWidthPx: {
      x: edges.acrossX === null ? null : round(edges.acrossX),
      y: edges.acrossY === null ? null : round(edges.acrossY),
    },
    edgeCount: edges.edgesX + edges.edgesY,
    noiseLevel: round(noise),
    paperLevel: Math.round(lighting.paperLevel),
    inkLevel: lighting.inkLevel,
    printLevel: lighting.printLevel,
    clippedFraction: round(lighting.clippedFraction, 4),
    glareFraction: round(worstGlare?.pageFraction ?? 0, 4),
  };
  // The sharpest-rimmed bright patch set aside as a white object, and the rim of the highlight judged.
  const whiteObjects = lighting.glare.filter(
    (g) => g !== worstGlare && g.rimPx !== null && g.rimPx <= objectRim,
  );
  if (worstGlare?.rimPx != null) metrics.glareRimPx = worstGlare.rimPx;
  if (lighting.strokeFloor !== null) metrics.strokeFloor = Math.round(lighting.strokeFloor);
  if (whiteObjects.length) metrics.whiteObjects = whiteObjects.length;
  if (needSeal) metrics.sealChecked = seal !== null;
  if (seal) {
    metrics.sealFound = seal.found;
    metrics.sealRings = seal.rings.length;
    metrics.sealUnresolvedRed = round(seal.unresolvedRed, 4);
    metrics.sealRingCoverage = round(seal.ringCoverage);
    metrics.sealOutlineError = seal.outlineError === null ? null : round(seal.outlineError, 3);
    if (seal.region) metrics.sealRegion = seal.region;
  }
  for (const f of findings) {
    if (f.region)
      f.region = {
        x: round(f.region.x, 4),
        y: round(f.region.y, 4),
        w: round(f.region.w, 4),
        h: round(f.region.h, 4),
      };
  }
  return { findings, metrics };
}

/** Share of a frame side along which text reaches the edge before that side counts as cutting the page. */
const CUT_TEXT_MIN = 0.04;
/** …and above which the dark band is a continuous line (a scanner shadow or the page's own border rule). */
const CUT_TEXT_MAX = 0.85;
/** Longest dark stretch along a frame side that counts as cut print, in line heights. */
const CUT_TEXT_RUN_LINES = 3;

type Side = 'top' | 'right' | 'bottom' | 'left';

/**
 * Per frame side, the share of its length along which dark print reaches the outermost strip (0.8 % of the
 * frame) intermittently, as text cut by the frame does. Text cut by the frame is dark in short stretches — a
 * line of print crosses the edge over its own height, with paper between the lines — so only dark stretches
 * up to three line heights long count (`lineHeight`, analysis px; without it 5 % of the side): a page's
 * shadow, the dark edge of a book, a finger or the table beyond a sheet is dark along much more of the side
 * at a stretch.
 */
function cutPrint(
  r: Raster,
  lighting: { paperLevel: number; printLevel: number },
  lineHeight: number | null,
): Record<Side, number> {
  const { paperLevel, printLevel } = lighting;
  // Print at the frame is as dark as the page's own print: under 80 levels below the paper (black print on
  // white), or, where the print itself is paler (thin strokes at the analysis scale, grey print), 60 % of
  // the way from the paper to it and 40 levels clear of the paper's texture.
  const inkBelow = paperLevel - Math.min(80, Math.max(40, 0.6 * (paperLevel - printLevel)));
  const none = { top: 0, right: 0, bottom: 0, left: 0 };
  if (inkBelow <= 0) return none;
  const depthX = Math.max(2, Math.round(r.width * 0.008));
  const depthY = Math.max(2, Math.round(r.height * 0.008));
  // Whether ink reaches the outermost strip at one place along a side.
  const darkAt = (side: Side, t: number): boolean => {
    const [x0, x1, y0, y1] =
      side === 'top'
        ? [t, t + 1, 0, depthY]
        : side === 'bottom'
          ? [t, t + 1, r.height - depthY, r.height]
          : side === 'left'
            ? [0, depthX, t, t + 1]
            : [r.width - depthX, r.width, t, t + 1];
    for (let y = y0; y < y1; y++)
      for (let x = x0; x < x1; x++) if (r.grey[y * r.width + x]! < inkBelow) return true;
    return false;
  };
  const share = (side: Side): number => {
    const n = side === 'top' || side === 'bottom' ? r.width : r.height;
    const longest = lineHeight !== null ? CUT_TEXT_RUN_LINES * lineHeight : 0.05 * n;
    let hits = 0;
    let total = 0;
    let run = 0;
    const close = (): void => {
      // Samples are 2 px apart.
      if (run > 0 && 2 * run <= longest) hits += run;
      run = 0;
    };
    for (let t = 0; t < n; t += 2) {
      total++;
      if (darkAt(side, t)) run++;
      else close();
    }
    close();
    return total ? hits / total : 0;
  };
  const shares = { top: share('top'), right: share('right'), bottom: share('bottom'), left: share('left') };
  return shares;
}

/** Sides along which print is cut by the frame (a share from CUT_TEXT_MIN, short of a continuous line). */
function sidesWithCutPrint(shares: Record<Side, number>): Side[] {
  return (Object.keys(shares) as Side[]).filter(
    (k) => shares[k] >= CUT_TEXT_MIN && shares[k] <= CUT_TEXT_MAX,
  );
}

function edgeRegion(sides: readonly string[]): Region {
  // The strip(s) of the frame where the page runs out; one side gets its own strip, several the whole frame.
  if (sides.length !== 1) return { x: 0, y: 0, w: 1, h: 1 };
  switch (sides[0]) {
    case 'top':
      return { x: 0, y: 0, w: 1, h: 0.08 };
    case 'bottom':
      return { x: 0, y: 0.92, w: 1, h: 0.08 };
    case 'left':
      return { x: 0, y: 0, w: 0.08, h: 1 };
    default:
      return { x: 0.92, y: 0, w: 0.08, h: 1 };
  }
}

export type { PageGeometry };

// Exposure and glare, judged on the paper, not the table under it.
// Paper level = the bright half of each cell (ink excluded); exposure asks whether paper and ink end up
// where a reader can tell them apart. Glare is a patch that is clipped, colourless and wipes out the text
// under it: reflected light adds to ink and paper alike, so the ink vanishes, whereas white paper that is
// merely bright (lit or exposed generously) keeps its ink dark and is never glare. A sheen that adds less
// light than the ink's contrast leaves the text visible across its core, and a highlight on blank paper
// with no text around it hides nothing: neither is reported.
import type { Region } from '../../../shared/quality';
import type { PageGeometry } from './outline';
import type { Raster } from './raster';

/** Cell edge in analysis pixels for the lighting map. */
const CELL = 16;
/** A pixel is "clipped and colourless" when every channel is at least this and they differ by little. */
const CLIP_LEVEL = 246;
const CLIP_MAX_CHROMA = 18;
/** A cell belongs to a highlight when this share of its pixels is clipped. */
const GLARE_CELL_CLIPPED = 0.4;
/** A cell is solidly clipped when (nearly) every pixel in it is, ink included. */
const SOLID_CLIP = 0.97;
/** Smallest solid highlight worth reporting, as a share of the page (0.1 %: a few characters). */
const MIN_SOLID_FRACTION = 0.001;
/** Largest bounding box of a highlight, as a share of the page's cells. */
const MAX_PATCH_BOX = 0.4;
/** The ring of paper a highlight is compared with, in cells from its edge (past its soft rim). */
const RING_INNER = 2;
const RING_OUTER = 4;
/** A pixel this many grey levels darker than the brightest paper in its cell is ink. */
const INK_BELOW_PAPER = 60;
/**
 * Glare wipes out text: added light lifts the ink to the paper's level, whereas bright but evenly lit
 * paper keeps its ink dark. A highlight covers text when the paper around it has text and inside less
 * than this share of that ink density survives.
 */
const WIPED_INK_RATIO = 0.6;
/** Ink density (share of pixels) above which the ring around a highlight counts as having text. */
const RING_TEXT_MIN_INK = 0.015;
/** A cell whose darkest pixel lies this many levels under its brightest holds some ink (JPEG noise ~10). */
const INK_PRESENT = 24;
/**
 * Glare hides text only where the light it adds exceeds the ink's contrast: then nothing of the ink is left
 * in its core (cells two or more inside its rim). A sheen lifts ink and paper alike but adds less than the
 * contrast, so ink keeps showing across the core wherever text runs. From this share of core cells with
 * ink, the highlight is seen through, and hides nothing (on the calibration sets: wiping highlights
 * measured at 0-0.18, sheens over text above 0.3 — 0.46 on set A's certificate; a sheen over a blank table
 * column shows little ink because there is little, 0.12: MAX_LIFTED_SHARE judges that one).
 */
const SEEN_THROUGH_CORE_INK = 0.3;
/** A core smaller than this (cells) is too small to tell; the density comparison alone decides. */
const MIN_CORE_CELLS = 9;
/**
 * Ink lifted by the highlight: a core cell whose ink is left with under a third of the page's paper-to-ink
 * contrast (and under 2 × INK_PRESENT, so faint print on its own does not count as lifted). A highlight that
 * wipes text adds light rising from nothing at its rim to past white in its middle, so where text runs into
 * its core the ink passes through every level, and some cells there hold ink lifted this far. A sheen adds
 * less than the ink's contrast, so the ink it covers keeps its darkness. On the calibration sets every
 * wiping highlight with ink in its core had 28-100 % of those cells lifted; the sheen over a blank table
 * column on set A's invoice had 12 core cells with ink (the ends of item names), none lifted (the fewest
 * kept 80 of 158 levels).
 */
const LIFTED_INK_SHARE = 1 / 3;
/** At least this many core cells with ink, and the share of them lifted says whether ink was wiped. */
const MIN_CORE_INK_CELLS = 6;
/** Under this share of the core's ink cells lifted, the ink under the highlight keeps its darkness. */
const MAX_LIFTED_SHARE = 0.1;
/**
 * The print's own darkness: the lower quartile, over the cells holding black or grey print, of each cell's
 * darkest sample. Overexposure is ink washed out — flare and a blown exposure lift every stroke's core
 * towards the paper — so this is what gates it. The darkest 2 % of the page (inkLevel) cannot tell a washed
 * photo from a flatbed scan or a 高拍仪 image, whose paper is clipped white on purpose: there print may cover
 * under 2 % of the page, or be mostly coloured (an e-invoice's salmon rules), and the quantile lands on the
 * strokes' grey rims or on the coloured print (issue 21: real scans at paper 255 read ink 137-175 by it).
 * Each cell with black print keeps its strokes' dark core however little print the page has; coloured print
 * is light by its colour, not by the exposure, and is left out.
 */
const PRINT_CORE_QUANTILE = 0.25;
/** A cell's darkest sample is black or grey print when its channels differ by no more than this. */
const NEUTRAL_INK_CHROMA = 40;
/** Fewer cells with ink than this (a nearly blank page) and the print's darkness falls back to inkLevel. */
const MIN_PRINT_CELLS = 30;
/** The full-resolution stroke pass runs only when this share of the page is clipped (overexposure's gate). */
export const STROKE_PASS_MIN_CLIPPED = 0.35;
/** Share of the inked cells, darkest first, whose stroke core is the page's floor (the boldest print). */
const STROKE_FLOOR_QUANTILE = 0.02;

export interface Lighting {
  /** Median paper grey level on the page (0-255). */
  paperLevel: number;
  /** Grey level of the darkest 2 % of page pixels (the ink). */
  inkLevel: number;
  /** How dark the print's strokes get (PRINT_CORE_QUANTILE): the level overexposure is judged by. */
  printLevel: number;
  /** Share of page pixels that are clipped and colourless. */
  clippedFraction: number;
  /**
   * How dark the boldest strokes' cores get, read at full resolution (measureStrokeFloor), or null when the
   * paper is not clipped (overexposure is not in question then, and the pass is skipped).
   */
  strokeFloor: number | null;
  /** Highlight patches brighter than the paper around them that the text is not seen through, largest first. */
  glare: {
    region: Region;
    /** Share of the page that is solidly clipped inside this patch. */
    pageFraction: number;
    /** The patch hides text: the paper around it has text and inside less than WIPED_INK_RATIO of it survives. */
    coversText: boolean;
    /** The paper around the highlight has text (a highlight on blank paper hides nothing). */
    textAround: boolean;
    inkInside: number;
    inkAround: number;
    /** Share of the highlight's core cells where ink still shows, or null when the core is too small. */
    inkInCore: number | null;
    /**
     * Median width (px) over which the brightness falls from the clipped patch to the paper around it, 75 % to
     * 25 % of the way (rimWidth), or null when too few edges were walked. A reflection is the lamp's image, out
     * of the paper's plane and spread by its surface, and fades over many pixels; a white box on the paper (a
     * masking rectangle, a blank cell, a scanner app's white fill) is in focus and ends as sharply as the print.
     */
    rimPx: number | null;
  }[];
}

export function measureLighting(r: Raster, page: PageGeometry): Lighting {
  const cw = Math.max(1, Math.floor(r.width / CELL));
  const ch = Math.max(1, Math.floor(r.height / CELL));
  const paper = new Float32Array(cw * ch);
  const clipped = new Float32Array(cw * ch);
  const ink = new Float32Array(cw * ch);
  /** Darkest sampled pixel of each cell: with the cell's brightest, the contrast its ink keeps. */
  const cellMinOf = new Uint8Array(cw * ch);
  const cellMaxOf = new Uint8Array(cw * ch);
  const inPage = new Uint8Array(cw * ch);
  const inkHist = new Float64Array(256);
  /** Darkest sample of each cell holding black or grey print (PRINT_CORE_QUANTILE). */
  const printMins: number[] = [];
  let pagePixels = 0;
  let pageClipped = 0;
  const { width, grey, rgb } = r;
  const samples = new Uint8Array((CELL / 2) * (CELL / 2));
  for (let cy = 0; cy < ch; cy++) {
    for (let cx = 0; cx < cw; cx++) {
      const k = cy * cw + cx;
      const px = cx * CELL + CELL / 2;
      const py = cy * CELL + CELL / 2;
      const bx = Math.min(page.maskWidth - 1, Math.floor(px / page.block));
      const by = Math.min(page.maskHeight - 1, Math.floor(py / page.block));
      if (!page.mask[by * page.maskWidth + bx]) continue;
      inPage[k] = 1;
      let sum = 0;
      let n = 0;
      let clip = 0;
      let cellMax = 0;
      let cellMin = 255;
      let cellMinChroma = 0;
      // Every other pixel each way: 64 samples per cell are plenty for a level and a share. They are kept in
      // `samples`, so the second look (paper above the cell mean, ink below its brightest paper) reads 64
      // bytes instead of striding through the image again.
      for (let y = cy * CELL; y < (cy + 1) * CELL; y += 2) {
        for (let x = cx * CELL; x < (cx + 1) * CELL; x += 2) {
          const i = y * width + x;
          const v = grey[i]!;
          samples[n++] = v;
          if (v > cellMax) cellMax = v;
          sum += v;
          inkHist[v]!++;
          const j = i * 3;
          const R = rgb[j]!;
          const G = rgb[j + 1]!;
          const B = rgb[j + 2]!;
          const min = R < G ? (R < B ? R : B) : G < B ? G : B;
          const max = R > G ? (R > B ? R : B) : G > B ? G : B;
          if (v < cellMin) {
            cellMin = v;
            cellMinChroma = max - min;
          }
          if (min >= CLIP_LEVEL && max - min <= CLIP_MAX_CHROMA) clip++;
        }
      }
      // Paper level: mean of the pixels brighter than the cell mean, which leaves the ink out.
      const mean = sum / n;
      const inkBelow = cellMax - INK_BELOW_PAPER;
      let bs = 0;
      let bn = 0;
      let dark = 0;
      for (let s = 0; s < n; s++) {
        const v = samples[s]!;
        if (v < inkBelow) dark++;
        if (v >= mean) {
          bs += v;
          bn++;
        }
      }
      paper[k] = bn ? bs / bn : mean;
      clipped[k] = clip / n;
      ink[k] = dark / n;
      cellMinOf[k] = cellMin;
      if (cellMax - cellMin >= INK_PRESENT && cellMinChroma <= NEUTRAL_INK_CHROMA) printMins.push(cellMin);
      cellMaxOf[k] = cellMax;
      pagePixels += n;
      pageClipped += clip;
    }
  }
  // Typed arrays sort numerically in native code, many times faster than an array with a comparator.
  let pageCellCount = 0;
  for (let k = 0; k < paper.length; k++) pageCellCount += inPage[k]!;
  const pageCells = new Float32Array(pageCellCount);
  for (let k = 0, n = 0; k < paper.length; k++) if (inPage[k]) pageCells[n++] = paper[k]!;
  pageCells.sort();
  const paperLevel = pageCells.length ? pageCells[pageCells.length >> 1]! : 0;
  let acc = 0;
  let inkLevel = 0;
  for (let v = 0; v < 256; v++) {
    acc += inkHist[v]!;
    if (acc >= pagePixels * 0.02) {
      inkLevel = v;
      break;
    }
  }

  const clippedFraction = pagePixels ? pageClipped / pagePixels : 0;
  const strokeFloor = clippedFraction >= STROKE_PASS_MIN_CLIPPED ? measureStrokeFloor(r, inPage, cw) : null;
  const printSorted = Uint8Array.from(printMins).sort();
  const printLevel =
    printSorted.length >= MIN_PRINT_CELLS
      ? printSorted[Math.floor(PRINT_CORE_QUANTILE * printSorted.length)]!
      : inkLevel;
  // Core cells whose ink keeps less contrast than this were lifted by added light (LIFTED_INK_SHARE).
  const liftedBelow = Math.max(2 * INK_PRESENT, LIFTED_INK_SHARE * (paperLevel - inkLevel));
  // Highlights: connected clipped cells, each compared with the paper in a ring around it.
  const seen = new Uint8Array(cw * ch);
  const glare: Lighting['glare'] = [];
  for (let k0 = 0; k0 < clipped.length; k0++) {
    if (seen[k0] || !inPage[k0] || clipped[k0]! < GLARE_CELL_CLIPPED) continue;
    const cells: number[] = [];
    const stack = [k0];
    seen[k0] = 1;
    while (stack.length) {
      const k = stack.pop()!;
      cells.push(k);
      const x = k % cw;
      const y = (k - x) / cw;
      for (const [dx, dy] of [
        [1, 0],
        [-1, 0],
        [0, 1],
        [0, -1],
      ] as const) {
        const nx = x + dx;
        const ny = y + dy;
        if (nx < 0 || ny < 0 || nx >= cw || ny >= ch) continue;
        const nk = ny * cw + nx;
        if (!seen[nk] && inPage[nk] && clipped[nk]! >= GLARE_CELL_CLIPPED) {
          seen[nk] = 1;
          stack.push(nk);
        }
      }
    }
    let x0 = cw;
    let y0 = ch;
    let x1 = 0;
    let y1 = 0;
    let solid = 0;
    let coreInk = 0;
    for (const k of cells) {
      const x = k % cw;
      const y = (k - x) / cw;
      x0 = Math.min(x0, x);
      y0 = Math.min(y0, y);
      x1 = Math.max(x1, x);
      y1 = Math.max(y1, y);
      if (clipped[k]! >= SOLID_CLIP) solid++;
      coreInk += ink[k]!;
    }
    coreInk /= cells.length;
    // The highlight's core: patch cells two cells or more from its outside (past its soft rim).
    const inPatch = new Set(cells);
    let coreCells = 0;
    let coreInked = 0;
    let coreLifted = 0;
    for (const k of cells) {
      const x = k % cw;
      const y = (k - x) / cw;
      let interior = true;
      for (let dy = -2; dy <= 2 && interior; dy++)
        for (let dx = -2; dx <= 2; dx++)
          if (!inPatch.has((y + dy) * cw + x + dx) || x + dx < 0 || x + dx >= cw) {
            interior = false;
            break;
          }
      if (!interior) continue;
      coreCells++;
      const contrast = cellMaxOf[k]! - cellMinOf[k]!;
      if (contrast >= INK_PRESENT) {
        coreInked++;
        if (contrast < liftedBelow) coreLifted++;
      }
    }
    const inkInCore = coreCells >= MIN_CORE_CELLS ? coreInked / coreCells : null;
    // Ink still showing across the core: the added light is less than the ink's contrast, so the text is
    // seen through the highlight (a sheen), not wiped out by it.
    if (inkInCore !== null && inkInCore >= SEEN_THROUGH_CORE_INK) continue;
    // A sheen over blank paper (a table's empty column) shows little ink in its core because there is
    // little: whether light was added past the ink's contrast is told by the ink that is there. None of it
    // lifted: the text it covers stays readable, and the blank paper hides nothing.
    if (coreInked >= MIN_CORE_INK_CELLS && coreLifted < MAX_LIFTED_SHARE * coreInked) continue;
    // A highlight is a spot: clipped paper whose extent spans most of the page is white paper photographed
    // or scanned at full white (a scan's blank margins join into one patch around the text).
    if ((x1 - x0 + 1) * (y1 - y0 + 1) > MAX_PATCH_BOX * pageCellCount) continue;
    // Paper lit brightly hovers at white and only partly clips (noise, ink); added reflected light pushes it
    // far past white, so whole cells clip solid. No solid core, no glare.
    const solidFraction = pageCellCount ? solid / pageCellCount : 0;
    if (solidFraction < MIN_SOLID_FRACTION) continue;
    // Ink density in a ring 2-4 cells (32-64 px) outside the patch, past a highlight's soft rim.
    const seenRing = new Set<number>(cells);
    let frontier = cells;
    let ringInk = 0;
    let ringPaper = 0;
    let ringCells = 0;
    let ringAll = 0;
    let ringUnclipped = 0;
    for (let d = 1; d <= RING_OUTER; d++) {
      const next: number[] = [];
      for (const k of frontier) {
        const x = k % cw;
        const y = (k - x) / cw;
        for (let dy = -1; dy <= 1; dy++) {
          for (let dx = -1; dx <= 1; dx++) {
            const nx = x + dx;
            const ny = y + dy;
            if (nx < 0 || ny < 0 || nx >= cw || ny >= ch) continue;
            const nk = ny * cw + nx;
            if (seenRing.has(nk)) continue;
            seenRing.add(nk);
            next.push(nk);
            if (d >= RING_INNER) {
              ringAll++;
              if (!inPage[nk]) continue;
              ringInk += ink[nk]!;
              ringPaper += paper[nk]!;
              ringCells++;
              if (clipped[nk]! < GLARE_CELL_CLIPPED) ringUnclipped++;
            }
          }
        }
      }
      frontier = next;
    }
    // A highlight has ordinary paper around it. A patch with no unclipped page around it is the whole page
    // exposed bright (judged as exposure), not a reflection.
    if (ringCells < ringAll * 0.5 || ringUnclipped < ringCells * 0.5) continue;
    const inkAround = ringCells ? ringInk / ringCells : 0;
    const textAround = inkAround >= RING_TEXT_MIN_INK;
    const coversText = textAround && coreInk < WIPED_INK_RATIO * inkAround;
    const rimPx = rimWidth(
      r,
      cw,
      new Set(cells),
      x0,
      y0,
      x1,
      y1,
      ringCells ? ringPaper / ringCells : paperLevel,
    );
    glare.push({
      rimPx,
      region: {
        x: (x0 * CELL) / r.width,
        y: (y0 * CELL) / r.height,
        w: ((x1 - x0 + 1) * CELL) / r.width,
        h: ((y1 - y0 + 1) * CELL) / r.height,
      },
      pageFraction: solidFraction,
      coversText,
      textAround,
      inkInside: coreInk,
      inkInCore,
      inkAround,
    });
  }
  glare.sort((a, b) => b.pageFraction - a.pageFraction);
  return {
    paperLevel,
    inkLevel,
    printLevel,
    clippedFraction,
    strokeFloor,
    glare,
  };
}

/** Longest walk out from a clipped patch's edge (px): a rim wider than this is plainly a reflection's. */
const RIM_WALK = 48;
/** The walk reads the brightest of this many pixels outward, so thin strokes of print do not end it. */
const RIM_WINDOW = 6;

/**
 * Median width (px) of a clipped patch's rim: along rows and columns through the patch (every 4 px), from
 * its outermost clipped pixel outward, the distance from where the brightness falls under 75 % of the way
 * from the surrounding paper to white to where it falls under 25 %.
 */
function rimWidth(
  r: Raster,
  cw: number,
  patch: ReadonlySet<number>,
  cx0: number,
  cy0: number,
  cx1: number,
  cy1: number,
  paperAround: number,
): number | null {
  const { width, height, grey } = r;
  const hi = paperAround + 0.75 * (255 - paperAround);
  const lo = paperAround + 0.25 * (255 - paperAround);
  const inPatch = (x: number, y: number): boolean =>
    patch.has(Math.floor(y / CELL) * cw + Math.floor(x / CELL)) && grey[y * width + x]! >= CLIP_LEVEL;
  const widths: number[] = [];
  // One walk from (x, y) outward by (dx, dy).
  const walk = (x: number, y: number, dx: number, dy: number): void => {
    let t75 = -1;
    for (let t = 1; t <= RIM_WALK; t++) {
      let v = 0;
      for (let j = 0; j < RIM_WINDOW; j++) {
        const xx = x + dx * (t + j);
        const yy = y + dy * (t + j);
        if (xx < 0 || yy < 0 || xx >= width || yy >= height) return;
        const g = grey[yy * width + xx]!;
        if (g > v) v = g;
      }
      if (t75 < 0 && v < hi) t75 = t;
      if (v < lo) {
        widths.push(t - Math.max(0, t75));
        return;
      }
    }
    widths.push(RIM_WALK);
  };
  const X0 = cx0 * CELL;
  const X1 = Math.min(width - 1, (cx1 + 1) * CELL - 1);
  const Y0 = cy0 * CELL;
  const Y1 = Math.min(height - 1, (cy1 + 1) * CELL - 1);
  for (let y = Y0; y <= Y1; y += 4) {
    let first = -1;
    let last = -1;
    for (let x = X0; x <= X1; x++)
      if (inPatch(x, y)) {
        if (first < 0) first = x;
        last = x;
      }
    if (first < 0) continue;
    walk(first, y, -1, 0);
    walk(last, y, 1, 0);
  }
  for (let x = X0; x <= X1; x += 4) {
    let first = -1;
    let last = -1;
    for (let y = Y0; y <= Y1; y++)
      if (inPatch(x, y)) {
        if (first < 0) first = y;
        last = y;
      }
    if (first < 0) continue;
    walk(x, first, 0, -1);
    walk(x, last, 0, 1);
  }
  if (widths.length < 8) return null;
  widths.sort((a, b) => a - b);
  return widths[widths.length >> 1]!;
}

/**
 * How dark the print's boldest strokes get at their core, at full resolution: for each page cell holding
 * black or grey print, the darkest 2×2 window (mean grey), and of those the STROKE_FLOOR_QUANTILE darkest.
 * The window is the stroke-width element. The every-other-pixel pass above misses the core of a 1-1.5 px
 * stroke, so a flatbed or 高拍仪 page of thin print read grey there (issue 21, set C: 120-126 levels); a
 * single darkest pixel is no better, since JPEG and sensor noise put isolated dark pixels into washed-out
 * photos too (sets A/B: 103-132). A 2×2 window fits inside the core of a stroke 1.5 px wide and still
 * averages a lone noisy pixel with three lifted ones, so it reads how dark the ink is where it is a stroke.
 * Flare and a blown exposure lift the cores of strokes of every width; a scan of thin print keeps the
 * bold ones (titles, rules) dark. Only run when the paper is clipped: one extra pass over the page.
 */
function measureStrokeFloor(r: Raster, inPage: Uint8Array, cw: number): number | null {
  const { width, height, grey, rgb } = r;
  const cores: number[] = [];
  for (let k = 0; k < inPage.length; k++) {
    if (!inPage[k]) continue;
    const cx = k % cw;
    const cy = (k - cx) / cw;
    const x0 = cx * CELL;
    const y0 = cy * CELL;
    // The window's right and bottom neighbours must exist: stop one short of the image edge.
    const x1 = Math.min(x0 + CELL, width - 1);
    const y1 = Math.min(y0 + CELL, height - 1);
    let min = 255;
    let max = 0;
    let at = 0;
    let core = 1020;
    for (let y = y0; y < y1; y++) {
      for (let i = y * width + x0, end = y * width + x1; i < end; i++) {
        const v = grey[i]!;
        if (v < min) {
          min = v;
          at = i;
        }
        if (v > max) max = v;
        const t = v + grey[i + 1]! + grey[i + width]! + grey[i + width + 1]!;
        if (t < core) core = t;
      }
    }
    if (max - min < INK_PRESENT) continue;
    const j = at * 3;
    const R = rgb[j]!;
    const G = rgb[j + 1]!;
    const B = rgb[j + 2]!;
    // Coloured print (red rules, salmon tables) is light by its colour, not by the exposure.
    if (Math.max(R, G, B) - Math.min(R, G, B) > NEUTRAL_INK_CHROMA) continue;
    cores.push(core / 4);
  }
  if (cores.length < MIN_PRINT_CELLS) return null;
  cores.sort((a, b) => a - b);
  return cores[Math.floor(STROKE_FLOOR_QUANTILE * cores.length)]!;
}

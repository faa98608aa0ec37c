// Exposure and glare, judged on the paper, not the table under it.
// Paper level = the bright half of each cell (ink excluded); exposure asks whether paper and ink end up
// where a reader can tell them apart. Glare is a patch that is clipped, colourless and brighter than the
// paper around it: white paper itself is never glare, however bright, unless it is brighter than its
// neighbourhood (a specular highlight on glossy thermal paper or a plastic sleeve).
import type { Region } from '../../../shared/quality';
import type { PageGeometry } from './page';
import type { Raster } from './raster';

/** Cell edge in analysis pixels for the lighting map. */
const CELL = 16;
/** A pixel is "clipped and colourless" when every channel is at least this and they differ by little. */
const CLIP_LEVEL = 246;
const CLIP_MAX_CHROMA = 18;
/** A cell belongs to a highlight when this share of its pixels is clipped. */
const GLARE_CELL_CLIPPED = 0.4;
/** …and the paper around the highlight is at least this many grey levels darker than clipping. */
const GLARE_MIN_EXCESS = 12;
/** The ring of paper a highlight is compared with, in cells from its edge. */
const RING_INNER = 2;
const RING_OUTER = 4;

export interface Lighting {
  /** Median paper grey level on the page (0-255). */
  paperLevel: number;
  /** Grey level of the darkest 2 % of page pixels (the ink). */
  inkLevel: number;
  /** Share of page pixels that are clipped and colourless. */
  clippedFraction: number;
  /** Highlight patches brighter than the paper around them, largest first. */
  glare: { region: Region; pageFraction: number; excess: number }[];
}

export function measureLighting(r: Raster, page: PageGeometry): Lighting {
  const cw = Math.max(1, Math.floor(r.width / CELL));
  const ch = Math.max(1, Math.floor(r.height / CELL));
  const paper = new Float32Array(cw * ch);
  const clipped = new Float32Array(cw * ch);
  const inPage = new Uint8Array(cw * ch);
  const inkHist = new Float64Array(256);
  let pagePixels = 0;
  let pageClipped = 0;
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
      // Every other pixel each way: 64 samples per cell are plenty for a level and a share.
      for (let y = cy * CELL; y < (cy + 1) * CELL; y += 2) {
        for (let x = cx * CELL; x < (cx + 1) * CELL; x += 2) {
          const i = y * r.width + x;
          const v = r.grey[i]!;
          sum += v;
          n++;
          inkHist[v]!++;
          const j = i * 3;
          const R = r.rgb[j]!;
          const G = r.rgb[j + 1]!;
          const B = r.rgb[j + 2]!;
          const min = R < G ? (R < B ? R : B) : G < B ? G : B;
          const max = R > G ? (R > B ? R : B) : G > B ? G : B;
          if (min >= CLIP_LEVEL && max - min <= CLIP_MAX_CHROMA) clip++;
        }
      }
      // Paper level: mean of the pixels brighter than the cell mean, which leaves the ink out.
      const mean = sum / n;
      let bs = 0;
      let bn = 0;
      for (let y = cy * CELL; y < (cy + 1) * CELL; y += 2) {
        for (let x = cx * CELL; x < (cx + 1) * CELL; x += 2) {
          const v = r.grey[y * r.width + x]!;
          if (v >= mean) {
            bs += v;
            bn++;
          }
        }
      }
      paper[k] = bn ? bs / bn : mean;
      clipped[k] = clip / n;
      pagePixels += n;
      pageClipped += clip;
    }
  }
  const pageCells: number[] = [];
  for (let k = 0; k < paper.length; k++) if (inPage[k]) pageCells.push(paper[k]!);
  pageCells.sort((a, b) => a - b);
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
    let clip = 0;
    for (const k of cells) {
      const x = k % cw;
      const y = (k - x) / cw;
      x0 = Math.min(x0, x);
      y0 = Math.min(y0, y);
      x1 = Math.max(x1, x);
      y1 = Math.max(y1, y);
      clip += clipped[k]! * CELL * CELL;
    }
    // Ring: page cells 2-4 cells (32-64 px) outside the patch. A specular highlight falls off steeply to
    // ordinary paper there; paper that is merely lit brightest (a smooth lighting gradient) is still
    // nearly clipped just outside its clipped part, so it is not called glare.
    const dist = new Map<number, number>(cells.map((k) => [k, 0]));
    let frontier = cells;
    const ring: number[] = [];
    for (let d = 1; d <= RING_OUTER; d++) {
      const nextFrontier: number[] = [];
      for (const k of frontier) {
        const x = k % cw;
        const y = (k - x) / cw;
        for (let dy = -1; dy <= 1; dy++) {
          for (let dx = -1; dx <= 1; dx++) {
            const nx = x + dx;
            const ny = y + dy;
            if (nx < 0 || ny < 0 || nx >= cw || ny >= ch) continue;
            const nk = ny * cw + nx;
            if (dist.has(nk)) continue;
            dist.set(nk, d);
            nextFrontier.push(nk);
            if (d >= RING_INNER && inPage[nk] && clipped[nk]! < GLARE_CELL_CLIPPED) ring.push(paper[nk]!);
          }
        }
      }
      frontier = nextFrontier;
    }
    if (ring.length < 4) continue;
    ring.sort((a, b) => a - b);
    const ringPaper = ring[ring.length >> 1]!;
    const excess = 255 - ringPaper;
    if (excess < GLARE_MIN_EXCESS) continue;
    glare.push({
      region: {
        x: (x0 * CELL) / r.width,
        y: (y0 * CELL) / r.height,
        w: ((x1 - x0 + 1) * CELL) / r.width,
        h: ((y1 - y0 + 1) * CELL) / r.height,
      },
      pageFraction: pagePixels ? clip / pagePixels : 0,
      excess,
    });
  }
  glare.sort((a, b) => b.pageFraction - a.pageFraction);
  return { paperLevel, inkLevel, clippedFraction: pagePixels ? pageClipped / pagePixels : 0, glare };
}

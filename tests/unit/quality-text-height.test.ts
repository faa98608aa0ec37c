// The text-height measure reads the height of the ink, not of the pixel grid, and judges each line by its type
// size: lines of "日"-shaped glyphs exactly 12 px tall (drawn by librsvg through sharp, so their edges are
// anti-aliased at every sub-pixel position), turned by a few degrees as a hand-held photo is and blurred by
// sharp at two strengths, measure 12 px whatever the tilt and the blur (a tilted line used to read a pixel
// taller: the row count's + 1 on a span whose columns already reach the edge). Lines of a bill, a stretch of
// hanzi and then columns of digits 0.83 of their height, read the hanzi height: the type size of the line.
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeImage } from '../../electron/core/quality/decode';
import { loadRaster } from '../../electron/core/quality/raster';
import { inkMask, measureTextScale } from '../../electron/core/quality/text';
import { makeTempDir } from '../helpers/tmp';

const tmp = makeTempDir('claimdesk-quality-text-height-');
afterAll(() => tmp.cleanup());

/** True height of every glyph, px. */
const GLYPH_H = 12;
const GLYPH_W = 10;
/** Stroke width: a bold 12-px hanzi's; blurred by σ = 1 it still reaches most of the ink's contrast. */
const STROKE = 2.5;
/** Digits of the same type: 0.83 of the hanzi height (Noto Sans CJK: cap height 0.733 em, hanzi ~0.88 em). */
const DIGIT_H = 10;
const DIGIT_W = 6;
const DIGIT_STROKE = 1.6;

/** A page of glyph lines turned by `angle` degrees about its centre and blurred by a Gaussian of `sigma`. */
async function glyphPage(angle: number, sigma: number, layout: 'text' | 'bill' = 'text'): Promise<string> {
  const w = 1000;
  const h = 800;
  const rects: string[] = [];
  const bar = (x: number, y: number, bw: number, bh: number): void => {
    rects.push(`<rect x="${x}" y="${y}" width="${bw}" height="${bh}"/>`);
  };
  // Lines 26 px apart; the glyphs start at a fractional height that changes from line to line, so the pixel
  // grid falls on their tops and bottoms at every phase.
  const hanzi = (x: number, y: number): void => {
    bar(x, y, GLYPH_W, STROKE);
    bar(x, y + (GLYPH_H - STROKE) / 2, GLYPH_W, STROKE);
    bar(x, y + GLYPH_H - STROKE, GLYPH_W, STROKE);
    bar(x, y, STROKE, GLYPH_H);
    bar(x + GLYPH_W - STROKE, y, STROKE, GLYPH_H);
  };
  // A digit: an "8"-like box DIGIT_H tall and DIGIT_W wide, thinner strokes, sitting on the hanzi's baseline
  // region (its top and bottom each ~1 px inside the hanzi's, as in a CJK font).
  const digit = (x: number, y: number): void => {
    const top = y + (GLYPH_H - DIGIT_H) / 2;
    bar(x, top, DIGIT_W, DIGIT_STROKE);
    bar(x, top + (DIGIT_H - DIGIT_STROKE) / 2, DIGIT_W, DIGIT_STROKE);
    bar(x, top + DIGIT_H - DIGIT_STROKE, DIGIT_W, DIGIT_STROKE);
    bar(x, top, DIGIT_STROKE, DIGIT_H);
    bar(x + DIGIT_W - DIGIT_STROKE, top, DIGIT_STROKE, DIGIT_H);
  };
  for (let line = 0; line < 22; line++) {
    const y = 60 + 26 * line + 0.37 * line;
    if (layout === 'text') {
      for (let x = 60; x + GLYPH_W < w - 60; x += GLYPH_W + 4) hanzi(x, y);
      continue;
    }
    // A bill's row: an item name in hanzi (~40 % of the inked length), then quantity, unit price and amount
    // in digits across column gaps (~60 %), as on a number-heavy itemized bill.
    for (let x = 60; x < 330; x += GLYPH_W + 4) hanzi(x, y);
    for (const [from, n] of [
      [400, 4],
      [500, 10],
      [680, 10],
      [860, 8],
    ] as const)
      for (let k = 0; k < n; k++) digit(from + k * (DIGIT_W + 2), y);
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">
<rect width="${w}" height="${h}" fill="rgb(235,235,235)"/>
<g fill="rgb(30,30,30)" transform="rotate(${angle} ${w / 2} ${h / 2})">${rects.join('')}</g></svg>`;
  let img = sharp(Buffer.from(svg)).greyscale();
  if (sigma > 0) img = img.blur(sigma);
  const file = join(tmp.dir, `glyphs-${layout}-${angle}-${sigma}.png`);
  await img.png().toFile(file);
  return file;
}

/** The smallest body text's height as the checker measures it (the whole frame is paper here). */
async function textHeight(file: string): Promise<number> {
  const r = await loadRaster(await decodeImage(file));
  // Ink level as lighting.ts takes it: the 2nd percentile of the page's grey levels.
  const sorted = Uint8Array.from(r.grey).sort();
  const inkLevel = sorted[Math.floor(sorted.length * 0.02)]!;
  const block = 16;
  const maskWidth = Math.ceil(r.width / block);
  const maskHeight = Math.ceil(r.height / block);
  const where = { mask: new Uint8Array(maskWidth * maskHeight).fill(1), maskWidth, maskHeight, block };
  const scale = measureTextScale(r, inkMask(r, where, inkLevel));
  expect(scale.lineHeight).not.toBeNull();
  return scale.lineHeight!;
}

describe('measureTextScale', () => {
  it('measures glyphs 12 px tall as 12 px, upright or turned, sharp or blurred', async () => {
    const read: string[] = [];
    for (const angle of [0, 0.6, 2, -3.5])
      for (const sigma of [0.5, 1]) {
        const height = await textHeight(await glyphPage(angle, sigma));
        read.push(`${angle}° σ ${sigma}: ${height.toFixed(2)}`);
        expect(height, read.join('; ')).toBeGreaterThan(GLYPH_H - 0.5);
        expect(height, read.join('; ')).toBeLessThan(GLYPH_H + 0.5);
      }
  });

  it('reads the same height at two blur levels', async () => {
    for (const angle of [2, -3.5]) {
      const sharper = await textHeight(await glyphPage(angle, 0.5));
      const softer = await textHeight(await glyphPage(angle, 1));
      expect(Math.abs(sharper - softer)).toBeLessThan(0.4);
    }
  });

  it('reads a bill row of hanzi and digits at the hanzi height, upright or turned', async () => {
    // Measured run by run, the digit columns (more than half the inked length) are the lower quantile: 10 px.
    const read: string[] = [];
    for (const angle of [0, 2])
      for (const sigma of [0.5, 1]) {
        const height = await textHeight(await glyphPage(angle, sigma, 'bill'));
        read.push(`${angle}° σ ${sigma}: ${height.toFixed(2)}`);
        expect(height, read.join('; ')).toBeGreaterThan(GLYPH_H - 0.5);
        expect(height, read.join('; ')).toBeLessThan(GLYPH_H + 0.5);
      }
  });
});

// The blur measure has a physical meaning: the 10-90 % width of an edge blurred by a Gaussian of sigma σ is
// 2.56 σ. Checked on real images (sharp renders and blurs them, decodeImage/loadRaster read them back).
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeImage } from '../../electron/core/quality/decode';
import { loadRaster } from '../../electron/core/quality/raster';
import { measureEdgeWidths } from '../../electron/core/quality/sharpness';
import { makeTempDir } from '../helpers/tmp';

const tmp = makeTempDir('claimdesk-quality-sharpness-');
afterAll(() => tmp.cleanup());

/**
 * Dark bars on white in both directions, 20 px wide and 30 px apart: wide enough that a blurred edge still
 * reaches full contrast (on thin text strokes the measure reads lower: it is conservative).
 */
async function barsImage(sigma: number, motion?: number): Promise<string> {
  const w = 1200;
  const h = 900;
  const px = Buffer.alloc(w * h, 235);
  for (let y = 100; y < h - 100; y++) {
    for (let x = 100; x < w - 100; x++) {
      const inVertical = x < 600 && (x - 100) % 50 < 20;
      const inHorizontal = x >= 600 && (y - 100) % 50 < 20;
      if (inVertical || inHorizontal) px[y * w + x] = 30;
    }
  }
  let img = sharp(px, { raw: { width: w, height: h, channels: 1 } });
  if (sigma > 0) img = img.blur(sigma);
  if (motion)
    img = img.convolve({
      width: motion,
      height: 3,
      kernel: [
        ...new Array<number>(motion).fill(0),
        ...new Array<number>(motion).fill(1),
        ...new Array<number>(motion).fill(0),
      ],
    });
  const file = join(tmp.dir, `bars-${sigma}-${motion ?? 0}.png`);
  await img.png().toFile(file);
  return file;
}

async function widths(file: string): Promise<{ x: number; y: number }> {
  const r = await loadRaster(await decodeImage(file));
  const e = measureEdgeWidths(r, () => true);
  return { x: e.acrossX!, y: e.acrossY! };
}

describe('measureEdgeWidths', () => {
  it('reads a Gaussian blur as 2.56 σ of edge width', async () => {
    const sharpEdges = await widths(await barsImage(0));
    expect(sharpEdges.x).toBeLessThan(1.2);
    for (const sigma of [1.5, 2.5]) {
      const w = await widths(await barsImage(sigma));
      const expected = Math.hypot(2.56 * sigma, sharpEdges.x);
      expect(w.x).toBeGreaterThan(expected * 0.8);
      expect(w.x).toBeLessThan(expected * 1.2);
      expect(w.y).toBeGreaterThan(expected * 0.8);
      expect(w.y).toBeLessThan(expected * 1.2);
    }
  });

  it('sees hand shake in one direction only', async () => {
    const w = await widths(await barsImage(0, 9));
    // A 9-px box smear across vertical strokes: 10-90 % of a box is 0.8 × its length.
    expect(w.x).toBeGreaterThan(5.5);
    expect(w.y).toBeLessThan(1.5);
  });
});

// The blur measure has a physical meaning: the 10-90 % width of an edge blurred by a Gaussian of sigma σ is
// 2.56 σ. Checked on real images (sharp renders and blurs them, decodeImage/loadRaster read them back).
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeImage } from '../../electron/core/quality/decode';
import { loadRaster } from '../../electron/core/quality/raster';
import { estimateNoise, measureEdgeWidths } from '../../electron/core/quality/sharpness';
import { makeTempDir } from '../helpers/tmp';

const tmp = makeTempDir('claimdesk-quality-sharpness-');
afterAll(() => tmp.cleanup());

/**
 * Dark bars on white in both directions, 20 px wide and 30 px apart: wide enough that a blurred edge still
 * reaches full contrast (on thin text strokes the measure reads lower: it is conservative).
 */
async function barsImage(
  sigma: number,
  motion?: number,
  light: { paper: number; ink: number; noise: number } = { paper: 235, ink: 30, noise: 0 },
): Promise<string> {
  const w = 1200;
  const h = 900;
  const px = Buffer.alloc(w * h, light.paper);
  for (let y = 100; y < h - 100; y++) {
    for (let x = 100; x < w - 100; x++) {
      const inVertical = x < 600 && (x - 100) % 50 < 20;
      const inHorizontal = x >= 600 && (y - 100) % 50 < 20;
      if (inVertical || inHorizontal) px[y * w + x] = light.ink;
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
  if (light.noise > 0) {
    // Sensor noise after the optics: Gaussian (Box-Muller) from a fixed-seed generator, so the test repeats.
    const { data, info } = await img.toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
    let seed = 42;
    const uniform = (): number => {
      seed = (seed * 1664525 + 1013904223) >>> 0;
      return (seed + 0.5) / 4294967296;
    };
    for (let i = 0; i < data.length; i++) {
      const n = Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform()) * light.noise;
      data[i] = Math.max(0, Math.min(255, Math.round(data[i]! + n)));
    }
    img = sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } });
  }
  const file = join(tmp.dir, `bars-${sigma}-${motion ?? 0}-${light.paper}-${light.ink}-${light.noise}.png`);
  await img.png().toFile(file);
  return file;
}

async function widths(file: string, noiseAware = false): Promise<{ x: number; y: number; noise: number }> {
  const r = await loadRaster(await decodeImage(file));
  const noise = estimateNoise(r, () => true);
  // As checks.ts calls it on a dim photo: the gates follow the ink contrast and the noise.
  const contrast = 50;
  const e = noiseAware
    ? measureEdgeWidths(r, () => true, {
        minContrast: Math.max(16, 0.45 * contrast),
        minGradient: Math.min(20, Math.max(0.18 * contrast, 3 * noise)),
        noise,
      })
    : measureEdgeWidths(r, () => true);
  return { x: e.acrossX!, y: e.acrossY!, noise };
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

  it('reads the noise of a photo as the σ added to it, not its edges', async () => {
    expect((await widths(await barsImage(1, 0, { paper: 110, ink: 60, noise: 0 }))).noise).toBeLessThan(1);
    for (const sigma of [3, 6]) {
      const w = await widths(await barsImage(1, 0, { paper: 110, ink: 60, noise: sigma }));
      expect(w.noise).toBeGreaterThan(0.85 * sigma);
      expect(w.noise).toBeLessThan(1.15 * sigma);
    }
  });

  it('measures a blurred edge under dim light and noise as wide as it is, not as the noise', async () => {
    // Paper at 110, ink at 60 (a dim photo), a blur of σ 2.5 (edge 6.4 px), sensor noise σ 6 (a phone at high ISO).
    const file = await barsImage(2.5, 0, { paper: 110, ink: 60, noise: 6 });
    const aware = await widths(file, true);
    const expected = 2.56 * 2.5;
    expect(aware.x).toBeGreaterThan(expected * 0.75);
    expect(aware.x).toBeLessThan(expected * 1.25);
    expect(aware.y).toBeGreaterThan(expected * 0.75);
  });

  it('keeps a sharp edge sharp under the same noise', async () => {
    const w = await widths(await barsImage(0, 0, { paper: 110, ink: 60, noise: 4 }), true);
    expect(w.x).toBeLessThan(2);
    expect(w.y).toBeLessThan(2);
  });
});

// A box found on the page turned upright must land on the same spot of the photo as the person took it:
// checked against sharp's own rotation of a real image, not against the formula's inverse.
import { describe, expect, it } from 'vitest';
import { turnImage, turnsToTry } from '../../electron/core/ocr/orientation';
import { regionOnPhoto, turnRegion, type Turn } from '../../shared/turn';

const W = 300;
const H = 200;
/** A white photo with one black block at x 40–100, y 120–150. */
function photo(): Uint8Array {
  const data = new Uint8Array(W * H).fill(255);
  for (let y = 120; y < 150; y++) for (let x = 40; x < 100; x++) data[y * W + x] = 0;
  return data;
}

/** The black block's box, as shares of the image's size. */
function blockOf(data: Uint8Array, w: number, h: number) {
  let x0 = w;
  let y0 = h;
  let x1 = 0;
  let y1 = 0;
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++)
      if (data[y * w + x]! < 128) {
        x0 = Math.min(x0, x);
        y0 = Math.min(y0, y);
        x1 = Math.max(x1, x + 1);
        y1 = Math.max(y1, y + 1);
      }
  return { x: x0 / w, y: y0 / h, w: (x1 - x0) / w, h: (y1 - y0) / h };
}

describe('regions of a turned page', () => {
  const original = blockOf(photo(), W, H);
  for (const r of [0, 90, 180, 270] as Turn[]) {
    it(`a box on the page turned ${r}° lands back on the same spot of the photo`, async () => {
      const turned = await turnImage({ data: photo(), width: W, height: H, channels: 1 }, r);
      expect([turned.width, turned.height]).toEqual(r % 180 === 0 ? [W, H] : [H, W]);
      const found = blockOf(turned.data, turned.width, turned.height);
      if (r !== 0) expect(found).not.toEqual(original);
      // …and the photo's box turned the same way (what the app draws over an upright-shown picture).
      const there = turnRegion(original, r);
      for (const k of ['x', 'y', 'w', 'h'] as const) expect(there[k]).toBeCloseTo(found[k], 3);
      const back = regionOnPhoto(found, r);
      for (const k of ['x', 'y', 'w', 'h'] as const) expect(back[k]).toBeCloseTo(original[k], 3);
    });
  }
});

describe('when to turn', () => {
  const seg = (conf: number, n = 10) => ({
    text: 'x'.repeat(n),
    confidence: conf,
    quad: [
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 1],
    ] as [[number, number], [number, number], [number, number], [number, number]],
    charPos: [],
    charConf: Array.from({ length: n }, () => conf),
  });
  it('an upright page read surely is not turned', () => {
    expect(turnsToTry({ segments: [seg(0.95)], shape: { wide: 30, tall: 1 } })).toEqual([]);
  });
  it('tall boxes mean the page lies on its side; low confidence alone, upside down', () => {
    expect(turnsToTry({ segments: [], shape: { wide: 2, tall: 20 } })).toEqual([90, 270]);
    expect(turnsToTry({ segments: [seg(0.45)], shape: { wide: 20, tall: 0 } })).toEqual([180]);
    // A page with nothing read at all is not turned round and round.
    expect(turnsToTry({ segments: [], shape: { wide: 0, tall: 0 } })).toEqual([]);
  });
});

// Perspective correction maths: the homography hits its four points, and a page "photographed" at an
// angle is straightened back to (nearly) the original pixels.
import { describe, expect, it } from 'vitest';
import {
  applyHomography,
  homographyFromPoints,
  isConvexQuad,
  rectifiedSize,
  warpPerspective,
  type Pt,
  type RawImage,
} from '../../electron/core/export/warp';

const rect = (w: number, h: number): Pt[] => [
  { x: 0, y: 0 },
  { x: w - 1, y: 0 },
  { x: w - 1, y: h - 1 },
  { x: 0, y: h - 1 },
];

/** A page with structure at every scale: a checkerboard plus a diagonal gradient. */
function makePage(w: number, h: number): RawImage {
  const data = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const o = (y * w + x) * 3;
      const check = ((x >> 4) + (y >> 4)) % 2 ? 40 : 215;
      data[o] = check;
      data[o + 1] = (x * 255) / w;
      data[o + 2] = (y * 255) / h;
    }
  return { data, width: w, height: h, channels: 3 };
}

/** Forward-projects the page into a larger "photo" at the quad (nearest-neighbour, desk = grey 90). */
function photograph(page: RawImage, quad: Pt[], w: number, h: number): RawImage {
  const toPage = homographyFromPoints(quad, rect(page.width, page.height));
  const data = new Uint8Array(w * h * 3).fill(90);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const p = applyHomography(toPage, { x, y });
      const px = Math.round(p.x);
      const py = Math.round(p.y);
      if (px < 0 || py < 0 || px >= page.width || py >= page.height) continue;
      const i = (py * page.width + px) * 3;
      data.set(page.data.subarray(i, i + 3), (y * w + x) * 3);
    }
  return { data, width: w, height: h, channels: 3 };
}

describe('homographyFromPoints', () => {
  it('maps each of the four points onto its partner', () => {
    const from = rect(100, 200);
    const to: Pt[] = [
      { x: 13, y: 7 },
      { x: 160, y: 22 },
      { x: 150, y: 240 },
      { x: 5, y: 210 },
    ];
    const h = homographyFromPoints(from, to);
    from.forEach((p, i) => {
      const q = applyHomography(h, p);
      expect(q.x).toBeCloseTo(to[i]!.x, 6);
      expect(q.y).toBeCloseTo(to[i]!.y, 6);
    });
  });

  it('refuses degenerate input (three points on a line)', () => {
    const collinear: Pt[] = [
      { x: 0, y: 0 },
      { x: 1, y: 1 },
      { x: 2, y: 2 },
      { x: 3, y: 3 },
    ];
    expect(() => homographyFromPoints(collinear, rect(10, 10))).toThrow();
  });
});

describe('isConvexQuad / rectifiedSize', () => {
  it('accepts a clockwise page outline and rejects a bow-tie or reversed order', () => {
    const page = rect(100, 150);
    expect(isConvexQuad(page)).toBe(true);
    expect(isConvexQuad([page[0]!, page[2]!, page[1]!, page[3]!])).toBe(false);
    expect(isConvexQuad([...page].reverse())).toBe(false);
  });

  it('takes the longer of each pair of opposite edges', () => {
    const s = rectifiedSize([
      { x: 10, y: 0 },
      { x: 90, y: 0 },
      { x: 100, y: 200 },
      { x: 0, y: 200 },
    ]);
    expect(s.width).toBeCloseTo(100, 6);
    expect(s.height).toBeCloseTo(Math.hypot(10, 200), 6);
  });
});

describe('warpPerspective', () => {
  it('straightens a page photographed at an angle back to the original', () => {
    const page = makePage(240, 320);
    const quad: Pt[] = [
      { x: 70, y: 40 },
      { x: 330, y: 65 },
      { x: 350, y: 420 },
      { x: 45, y: 400 },
    ];
    const photo = photograph(page, quad, 420, 460);
    const back = warpPerspective(photo, quad as [Pt, Pt, Pt, Pt], page.width, page.height);
    expect(back.width).toBe(240);
    expect(back.height).toBe(320);
    let diff = 0;
    for (let i = 0; i < back.data.length; i++) diff += Math.abs(back.data[i]! - page.data[i]!);
    const meanAbsDiff = diff / back.data.length;
    // Resampling twice blurs checkerboard edges; a wrong mapping would give ~60+ (and desk grey inside).
    expect(meanAbsDiff).toBeLessThan(12);
    // No desk pixels inside the straightened page.
    let desk = 0;
    for (let i = 0; i < back.data.length; i += 3)
      if (back.data[i] === 90 && back.data[i + 1] === 90 && back.data[i + 2] === 90) desk++;
    expect(desk / (back.width * back.height)).toBeLessThan(0.002);
  });

  it('paints pixels that fall outside the photo white, like paper', () => {
    const photo = makePage(50, 50);
    const outside: [Pt, Pt, Pt, Pt] = [
      { x: -100, y: -100 },
      { x: -60, y: -100 },
      { x: -60, y: -60 },
      { x: -100, y: -60 },
    ];
    const out = warpPerspective(photo, outside, 10, 10);
    expect([...out.data].every((v) => v === 255)).toBe(true);
  });
});

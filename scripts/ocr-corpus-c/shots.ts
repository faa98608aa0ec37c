// How corpus C's papers reach the reader: a capture model of its own (not corpus A's photograph() nor corpus
// B's Bayer camera), three ways real papers arrive at a desk:
// - a flatbed scan or 高拍仪 (document camera): the page square to the sensor, paper clipped to pure white,
//   a degree of skew at most, soft focus of a cheap lens, JPEG;
// - a phone photo: the page in perspective on a table or on a stack of other receipts, light falling off to
//   one side, a shadow band, the crease of a fold, defocus, sensor noise, JPEG.
// The homography, the lighting and the noise are written here; sharp only resizes, blurs and encodes.
import sharp from 'sharp';
import { homographyFromPoints } from '../../electron/core/export/warp';
import { prng, type PaperC } from './papers';

export interface ShotC {
  jpeg: Buffer;
  frame: { w: number; h: number };
  conditions: Record<string, number | string>;
}

type Pt = [number, number];

/** Gaussian noise of σ 1 (Box–Muller on our generator). */
function gauss(r: () => number): number {
  return Math.sqrt(-2 * Math.log(r() + 1e-12)) * Math.cos(2 * Math.PI * r());
}

export async function shootC(paper: PaperC, seed: number, n: number): Promise<ShotC> {
  const r = prng(seed * 31 + 7);
  const mode = (['scan', 'phone', 'phone', 'camera'] as const)[n % 4]!;
  const portrait = paper.height > paper.width;
  const big = n % 5 === 4;
  const fw0 = mode === 'scan' ? Math.round(paper.width * (0.8 + r() * 0.2)) : big ? 4032 : 2400;
  const fh0 = mode === 'scan' ? Math.round(paper.height * (fw0 / paper.width)) : big ? 3024 : 1800;
  const fw = mode === 'scan' ? fw0 : portrait ? fh0 : fw0;
  const fh = mode === 'scan' ? fh0 : portrait ? fw0 : fh0;
  // Where the paper's corners land in the frame.
  const fill = mode === 'scan' ? 1 : mode === 'camera' ? 0.82 + r() * 0.1 : 0.72 + r() * 0.18;
  const aspect = paper.width / paper.height;
  let pw = fw * fill;
  let ph = pw / aspect;
  if (ph > fh * fill) {
    ph = fh * fill;
    pw = ph * aspect;
  }
  const cx = fw / 2 + (mode === 'scan' ? 0 : (r() - 0.5) * fw * 0.06);
  const cy = fh / 2 + (mode === 'scan' ? 0 : (r() - 0.5) * fh * 0.06);
  const angle = ((mode === 'phone' ? (r() - 0.5) * 8 : (r() - 0.5) * 2) * Math.PI) / 180;
  const tilt = mode === 'phone' ? r() * 0.09 : 0;
  const corners: Pt[] = [
    [-pw / 2, -ph / 2],
    [pw / 2, -ph / 2],
    [pw / 2, ph / 2],
    [-pw / 2, ph / 2],
  ];
  // Tilt: the far edge (top or left) narrower, as a phone held above the page at an angle sees it.
  const towards = r() < 0.5 ? 'top' : 'left';
  const quad = corners.map(([x, y], i) => {
    let X = x;
    let Y = y;
    if (towards === 'top' && i < 2) X *= 1 - tilt;
    if (towards === 'left' && (i === 0 || i === 3)) Y *= 1 - tilt;
    return [
      cx + X * Math.cos(angle) - Y * Math.sin(angle),
      cy + X * Math.sin(angle) + Y * Math.cos(angle),
    ] as Pt;
  }) as [Pt, Pt, Pt, Pt];
  // Each frame pixel's place on the paper (0..1 across and down): the frame quad mapped onto the unit square.
  const inv = homographyFromPoints(
    quad.map(([x, y]) => ({ x, y })),
    [
      { x: 0, y: 0 },
      { x: 1, y: 0 },
      { x: 1, y: 1 },
      { x: 0, y: 1 },
    ],
  );
  const src = paper.rgba;
  const W = paper.width;
  const H = paper.height;
  const out = Buffer.alloc(fw * fh * 3);
  // The background: a scanner lid (white), a desk, or a stack of tinted receipts under the page.
  const bg =
    mode === 'scan'
      ? [255, 255, 255]
      : [
          [120, 92, 70],
          [170, 170, 168],
          [212, 205, 190],
          [90, 96, 110],
        ][Math.floor(r() * 4)]!;
  const stack = mode === 'phone' && r() < 0.4;
  const falloff = mode === 'scan' ? 0 : 0.08 + r() * 0.25;
  const lightX = r();
  const lightY = r();
  const shadow = mode === 'phone' && r() < 0.4 ? { at: 0.2 + r() * 0.6, depth: 0.12 + r() * 0.15 } : null;
  const crease = mode !== 'scan' && r() < 0.35 ? 0.3 + r() * 0.4 : null;
  const gain = mode === 'scan' ? 1.06 + r() * 0.05 : 0.82 + r() * 0.16;
  for (let y = 0; y < fh; y++) {
    for (let x = 0; x < fw; x++) {
      const o = (y * fw + x) * 3;
      const den = inv[6]! * x + inv[7]! * y + inv[8]!;
      const u = (inv[0]! * x + inv[1]! * y + inv[2]!) / den;
      const v = (inv[3]! * x + inv[4]! * y + inv[5]!) / den;
      let R: number;
      let G: number;
      let B: number;
      if (u >= 0 && u < 1 && v >= 0 && v < 1) {
        const sx = u * (W - 1);
        const sy = v * (H - 1);
        const x0 = Math.floor(sx);
        const y0 = Math.floor(sy);
        const ax = sx - x0;
        const ay = sy - y0;
        const i00 = (y0 * W + x0) * 4;
        const i10 = i00 + 4;
        const i01 = i00 + W * 4;
        const i11 = i01 + 4;
        const lerp = (k: number): number =>
          (src[i00 + k]! * (1 - ax) + src[i10 + k]! * ax) * (1 - ay) +
          (src[i01 + k]! * (1 - ax) + src[i11 + k]! * ax) * ay;
        R = lerp(0);
        G = lerp(1);
        B = lerp(2);
        if (crease !== null) {
          const d = Math.abs(u - crease);
          const k = d < 0.004 ? 0.82 : d < 0.02 ? 0.95 + d * 2 : 1;
          R *= k;
          G *= k;
          B *= k;
        }
      } else if (stack && u > -0.03 && u < 1.04 && v > -0.05 && v < 1.02) {
        // Another receipt peeking out below this one.
        R = 238;
        G = 232;
        B = 205;
      } else {
        R = bg[0]!;
        G = bg[1]!;
        B = bg[2]!;
      }
      const dx = x / fw - lightX;
      const dy = y / fh - lightY;
      let light = gain * (1 - falloff * (dx * dx + dy * dy));
      if (shadow && x / fw > shadow.at) light *= 1 - shadow.depth;
      out[o] = Math.min(255, Math.max(0, R * light));
      out[o + 1] = Math.min(255, Math.max(0, G * light));
      out[o + 2] = Math.min(255, Math.max(0, B * light));
    }
  }
  const blur = mode === 'scan' ? 0.4 + r() * 0.3 : 0.5 + r() * 1.0;
  const noise = mode === 'scan' ? 0.8 : 1.5 + r() * 2.5;
  let img = await sharp(out, { raw: { width: fw, height: fh, channels: 3 } })
    .blur(blur)
    .raw()
    .toBuffer();
  img = Buffer.from(img);
  for (let i = 0; i < img.length; i++) img[i] = Math.min(255, Math.max(0, img[i]! + gauss(r) * noise));
  const quality = 80 + Math.floor(r() * 12);
  const jpeg = await sharp(img, { raw: { width: fw, height: fh, channels: 3 } })
    .jpeg({ quality })
    .toBuffer();
  return {
    jpeg,
    frame: { w: fw, h: fh },
    conditions: {
      mode,
      angle: Math.round((angle * 180 * 10) / Math.PI) / 10,
      tilt: Math.round(tilt * 100) / 100,
      blur: Math.round(blur * 100) / 100,
      noise: Math.round(noise * 10) / 10,
      falloff: Math.round(falloff * 100) / 100,
      quality,
      stack: stack ? 1 : 0,
      crease: crease === null ? 0 : 1,
    },
  };
}

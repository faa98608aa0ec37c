// The second set's camera, deliberately unlike scripts/quality-corpus/photograph.ts: light is simulated in
// linear units (gain, directional fall-off, a soft hand shadow, an elliptical specular highlight, veiling
// flare), the lens as a pillbox defocus disc or a line of hand motion at any angle, then a Bayer RGGB sensor
// (one colour per pixel, shot noise growing with the signal, read noise, saturation), bilinear demosaicing,
// the phone's gamma and unsharp-mask sharpening, and JPEG. Tables: white, pale grey, dark, checked cloth.
import sharp from 'sharp';
import { rng } from '../quality-corpus/documents';
import { homography, type Quad } from '../quality-corpus/photograph';
import type { RenderedB } from './documents';

export type TableB = 'white' | 'pale' | 'dark' | 'checked';

export interface CameraB {
  seed: number;
  width: number;
  height: number;
  quad: Quad;
  table: TableB;
  /** Linear gain on the light (1 = paper just below clipping). */
  gain?: number;
  /** Veiling flare added in linear units (0..1): lifts the ink. */
  flare?: number;
  /** Directional fall-off across the frame (share) and a soft shadow (ellipse in frame fractions). */
  ramp?: number;
  shadow?: { x: number; y: number; rx: number; ry: number; depth: number };
  /** Specular highlight: centre, radii (frame fractions), peak added light (linear; ≥ 1.5 clips its core). */
  highlight?: { x: number; y: number; rx: number; ry: number; peak: number };
  /** Defocus disc radius, frame pixels. */
  defocus?: number;
  /**
   * Hand motion: path length (frame pixels), angle at its middle (degrees, 0 = horizontal) and, for a hand
   * that turns while it shakes, the total bend of the path along an arc (degrees; 0 or absent = straight).
   */
  motion?: { length: number; angle: number; bend?: number };
  /** Shrink to this long side before JPEG (a chat app's copy). */
  outLong?: number;
  jpegQuality?: number;
}

const TABLES: Record<TableB, [number, number, number]> = {
  white: [0.84, 0.84, 0.82],
  pale: [0.55, 0.56, 0.57],
  dark: [0.03, 0.028, 0.026],
  checked: [0.5, 0.08, 0.06],
};

const toLinear = (v: number): number => (v / 255) ** 2.2;

function discKernel(r: number): { width: number; height: number; kernel: number[] } {
  const n = 2 * Math.ceil(r) + 1;
  const c = (n - 1) / 2;
  const k: number[] = [];
  for (let y = 0; y < n; y++)
    for (let x = 0; x < n; x++) {
      // Anti-aliased disc: coverage of each kernel pixel by the circle, approximated on a 4×4 grid.
      let cov = 0;
      for (let sy = 0; sy < 4; sy++)
        for (let sx = 0; sx < 4; sx++)
          if (Math.hypot(x - c + (sx + 0.5) / 4 - 0.5, y - c + (sy + 0.5) / 4 - 0.5) <= r) cov++;
      k.push(cov / 16);
    }
  return { width: n, height: n, kernel: k };
}

function lineKernel(
  length: number,
  angleDeg: number,
  bendDeg = 0,
): { width: number; height: number; kernel: number[] } {
  // The path: a circular arc of the given length whose direction turns by bendDeg from end to end (a
  // straight line when 0), centred on the kernel. Positions are integrated step by step along it.
  const steps = Math.ceil(length * 4);
  const a0 = (angleDeg * Math.PI) / 180;
  const bend = (bendDeg * Math.PI) / 180;
  const pts: [number, number][] = [];
  let px = 0;
  let py = 0;
  for (let i = 0; i <= steps; i++) {
    pts.push([px, py]);
    const dir = a0 + bend * (i / steps - 0.5);
    px += (Math.cos(dir) * length) / steps;
    py += (Math.sin(dir) * length) / steps;
  }
  const mx = pts.reduce((s, p) => s + p[0], 0) / pts.length;
  const my = pts.reduce((s, p) => s + p[1], 0) / pts.length;
  const reach = Math.max(...pts.map(([x, y]) => Math.max(Math.abs(x - mx), Math.abs(y - my))));
  const n = 2 * Math.ceil(reach + 1) + 1;
  const c = (n - 1) / 2;
  const k = new Array<number>(n * n).fill(0);
  for (const [x0, y0] of pts) {
    const x = c + x0 - mx;
    const y = c + y0 - my;
    const xi = Math.floor(x);
    const yi = Math.floor(y);
    const fx = x - xi;
    const fy = y - yi;
    const add = (xx: number, yy: number, w: number): void => {
      if (xx >= 0 && yy >= 0 && xx < n && yy < n) k[yy * n + xx]! += w;
    };
    add(xi, yi, (1 - fx) * (1 - fy));
    add(xi + 1, yi, fx * (1 - fy));
    add(xi, yi + 1, (1 - fx) * fy);
    add(xi + 1, yi + 1, fx * fy);
  }
  return { width: n, height: n, kernel: k };
}

export async function shoot(doc: RenderedB, o: CameraB): Promise<Buffer> {
  const rand = rng(o.seed);
  const W = o.width;
  const H = o.height;
  // Scene radiance, linear, 3 channels.
  const scene = new Float32Array(W * H * 3);
  const tb = TABLES[o.table];
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      const i = (y * W + x) * 3;
      // A faint large-scale texture (cheap: a triangle wave instead of a sine per pixel).
      const ph = (x * 0.002 + y * 0.0011) % 1;
      let m = 0.97 + 0.06 * Math.abs(2 * ph - 1);
      let c = tb;
      if (o.table === 'checked') {
        const band = (Math.floor(x / 56) % 2) + (Math.floor(y / 56) % 2);
        const white = band === 0 ? 0.85 : band === 1 ? 0.35 : 0;
        c = [tb[0] + (0.82 - tb[0]) * white, tb[1] + (0.8 - tb[1]) * white, tb[2] + (0.76 - tb[2]) * white];
        m = 1;
      }
      scene[i] = c[0] * m;
      scene[i + 1] = c[1] * m;
      scene[i + 2] = c[2] * m;
    }
  const Hm = homography(o.quad, [
    [0, 0],
    [doc.width, 0],
    [doc.width, doc.height],
    [0, doc.height],
  ]);
  const [a, b, c, d, e, f, g, h] = Hm as [number, number, number, number, number, number, number, number];
  const lin = new Float32Array(256);
  for (let v = 0; v < 256; v++) lin[v] = toLinear(v);
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      const den = g * x + h * y + 1;
      const u = (a * x + b * y + c) / den;
      const v = (d * x + e * y + f) / den;
      if (u < 0 || v < 0 || u >= doc.width - 1 || v >= doc.height - 1) continue;
      // Nearest of 4 with area weights (bilinear) in linear light; paper reflects 90 % at white.
      const ui = Math.floor(u);
      const vi = Math.floor(v);
      const fu = u - ui;
      const fv = v - vi;
      const k = (vi * doc.width + ui) * 3;
      const k2 = k + doc.width * 3;
      const i = (y * W + x) * 3;
      for (let ch = 0; ch < 3; ch++) {
        const top = lin[doc.rgb[k + ch]!]! * (1 - fu) + lin[doc.rgb[k + 3 + ch]!]! * fu;
        const bot = lin[doc.rgb[k2 + ch]!]! * (1 - fu) + lin[doc.rgb[k2 + 3 + ch]!]! * fu;
        scene[i + ch] = 0.9 * (top * (1 - fv) + bot * fv);
      }
    }
  // Light.
  const gain = o.gain ?? 1;
  const ramp = o.ramp ?? 0.12;
  const dirA = rand() * Math.PI * 2;
  const dx = Math.cos(dirA);
  const dy = Math.sin(dirA);
  const flare = o.flare ?? 0;
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      const i = (y * W + x) * 3;
      const t = ((x / W - 0.5) * dx + (y / H - 0.5) * dy) * 2; // -1..1 across the frame
      let light = gain * (1 - ramp * (0.5 + 0.5 * t));
      if (o.shadow) {
        const s = o.shadow;
        const r2 = ((x / W - s.x) / s.rx) ** 2 + ((y / H - s.y) / s.ry) ** 2;
        light *= 1 - s.depth * Math.exp(-r2 * r2);
      }
      let add = flare;
      if (o.highlight) {
        const s = o.highlight;
        const r2 = ((x / W - s.x) / s.rx) ** 2 + ((y / H - s.y) / s.ry) ** 2;
        if (r2 < 9) add += s.peak * Math.exp(-r2 * 1.5);
      }
      for (let ch = 0; ch < 3; ch++) scene[i + ch] = scene[i + ch]! * light + add * 0.9;
    }
  // Lens: convolve in linear light, 16 bits a channel (1.0 = 16383, up to 4× over-range for highlights).
  let raw16 = new Uint16Array(W * H * 3);
  for (let i = 0; i < raw16.length; i++) raw16[i] = Math.round(Math.min(4, Math.max(0, scene[i]!)) * 16383);
  const kernels = [];
  if (o.defocus && o.defocus >= 0.5) kernels.push(discKernel(o.defocus));
  if (o.motion && o.motion.length >= 1)
    kernels.push(lineKernel(o.motion.length, o.motion.angle, o.motion.bend));
  for (const k of kernels) {
    const buf = await sharp(raw16, { raw: { width: W, height: H, channels: 3 } })
      .toColourspace('rgb16')
      .convolve(k)
      .raw({ depth: 'ushort' })
      .toBuffer();
    raw16 = new Uint16Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.length));
  }
  // Sensor: RGGB mosaic, noise, saturation at 1.0 (linear).
  const mosaic = new Float32Array(W * H);
  let s = (o.seed * 2654435761) >>> 0;
  const gauss = (): number => {
    let acc = 0;
    for (let k = 0; k < 3; k++) {
      s = (s * 1664525 + 1013904223) >>> 0;
      acc += s / 4294967296;
    }
    return (acc - 1.5) * 2;
  };
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      const ch = (y & 1) === 0 ? ((x & 1) === 0 ? 0 : 1) : (x & 1) === 0 ? 1 : 2;
      const v = raw16[(y * W + x) * 3 + ch]! / 16383;
      // Shot noise ∝ √signal (full well ~ 4000 e⁻), read noise 0.002; darker scenes are pushed by ISO gain.
      const noisy = v + gauss() * (Math.sqrt(Math.max(0, v) / 4000) + 0.002);
      mosaic[y * W + x] = Math.min(1, Math.max(0, noisy));
    }
  // Bilinear demosaic (clamped at the border), then gamma to 8 bits through a lookup table.
  const out = Buffer.alloc(W * H * 3);
  const gammaLut = new Uint8Array(4096);
  for (let i = 0; i < 4096; i++) gammaLut[i] = Math.round(255 * (i / 4095) ** (1 / 2.2));
  const enc = (v: number): number => gammaLut[Math.round(Math.min(1, Math.max(0, v)) * 4095)]!;
  for (let y = 0; y < H; y++) {
    const up = (y > 0 ? y - 1 : 1) * W;
    const mid = y * W;
    const dn = (y < H - 1 ? y + 1 : H - 2) * W;
    const evenY = (y & 1) === 0;
    for (let x = 0; x < W; x++) {
      const l = x > 0 ? x - 1 : 1;
      const r = x < W - 1 ? x + 1 : W - 2;
      const here = mosaic[mid + x]!;
      const horiz = (mosaic[mid + l]! + mosaic[mid + r]!) / 2;
      const vert = (mosaic[up + x]! + mosaic[dn + x]!) / 2;
      const cross = (horiz + vert) / 2;
      const diag = (mosaic[up + l]! + mosaic[up + r]! + mosaic[dn + l]! + mosaic[dn + r]!) / 4;
      const evenX = (x & 1) === 0;
      let R: number;
      let G: number;
      let B: number;
      if (evenY && evenX) [R, G, B] = [here, cross, diag];
      else if (!evenY && !evenX) [R, G, B] = [diag, cross, here];
      else if (evenY) [R, G, B] = [horiz, here, vert];
      else [R, G, B] = [vert, here, horiz];
      const i = (mid + x) * 3;
      out[i] = enc(R);
      out[i + 1] = enc(G);
      out[i + 2] = enc(B);
    }
  }
  // The phone's processing: unsharp mask, optional shrink, JPEG.
  let img = sharp(out, { raw: { width: W, height: H, channels: 3 } }).sharpen({ sigma: 1, m1: 0.5, m2: 1.5 });
  if (o.outLong && o.outLong < Math.max(W, H)) {
    const k = o.outLong / Math.max(W, H);
    img = sharp(await img.raw().toBuffer(), { raw: { width: W, height: H, channels: 3 } }).resize(
      Math.round(W * k),
      Math.round(H * k),
    );
  }
  return img.jpeg({ quality: o.jpegQuality ?? 90, chromaSubsampling: '4:2:0' }).toBuffer();
}

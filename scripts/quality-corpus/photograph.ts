// "Photographing" a rendered document the way a phone does: the page lies on a textured table in
// perspective, lit unevenly, maybe with a specular highlight; then the lens blurs (defocus or hand shake),
// the sensor adds noise and clips, the phone may shrink the picture, and JPEG compresses it.
// Every defect is a physical parameter, so the corpus states strengths in the same units the checker uses.
import sharp from 'sharp';
import { rng, type RenderedDoc } from './documents';

export type Background = 'wood' | 'desk' | 'grey' | 'cloth' | 'white' | 'lightgrey' | 'plaid';
export type Quad = [[number, number], [number, number], [number, number], [number, number]];

export interface ShotOptions {
  seed: number;
  frameWidth: number;
  frameHeight: number;
  /** Page corners tl, tr, br, bl in frame pixels (may lie outside the frame: a cut-off page). */
  quad: Quad;
  background: Background;
  /** Illumination gain on the page (1 = well exposed) and the share by which it falls off across the frame. */
  exposure?: number;
  falloff?: number;
  /** Veiling flare: lifts dark ink towards white (0..1), the look of an overexposed phone photo. */
  flare?: number;
  /** Specular highlight: centre and radius as fractions of the frame, strength 1 = clipped core. */
  glare?: { x: number; y: number; radius: number; strength: number };
  /** Defocus, Gaussian sigma in frame pixels. */
  blurSigma?: number;
  /** Hand shake: box blur of this many frame pixels, horizontal or vertical. */
  motion?: { length: number; direction: 'h' | 'v' };
  /** Sensor noise sigma in grey levels. */
  noise?: number;
  /** Final size as a share of the frame (phones and chat apps shrink photos). */
  downscale?: number;
  jpegQuality?: number;
  /** EXIF orientation to write (the pixels are stored rotated accordingly, as a phone does). */
  orientation?: 1 | 3 | 6 | 8;
}

/** Solves the homography that maps the 4 `from` points onto the 4 `to` points (8×8 Gaussian elimination). */
export function homography(
  from: readonly (readonly [number, number])[],
  to: readonly (readonly [number, number])[],
): number[] {
  const A: number[][] = [];
  for (let i = 0; i < 4; i++) {
    const [x, y] = from[i]!;
    const [u, v] = to[i]!;
    A.push([x, y, 1, 0, 0, 0, -u * x, -u * y, u]);
    A.push([0, 0, 0, x, y, 1, -v * x, -v * y, v]);
  }
  for (let c = 0; c < 8; c++) {
    let p = c;
    for (let r = c + 1; r < 8; r++) if (Math.abs(A[r]![c]!) > Math.abs(A[p]![c]!)) p = r;
    [A[c], A[p]] = [A[p]!, A[c]!];
    for (let r = 0; r < 8; r++) {
      if (r === c) continue;
      const f = A[r]![c]! / A[c]![c]!;
      for (let k = c; k < 9; k++) A[r]![k]! -= f * A[c]![k]!;
    }
  }
  return [...A.map((row, i) => row[8]! / row[i]!), 1];
}

async function smoothNoise(rand: () => number, w: number, h: number, cells: number): Promise<Uint8Array> {
  const sw = cells;
  const sh = Math.max(2, Math.round((cells * h) / w));
  const small = Buffer.alloc(sw * sh);
  for (let i = 0; i < small.length; i++) small[i] = Math.floor(rand() * 256);
  const out = await sharp(small, { raw: { width: sw, height: sh, channels: 1 } })
    .resize(w, h, { kernel: 'cubic' })
    .greyscale()
    .raw()
    .toBuffer();
  return out;
}

const BACKGROUNDS: Record<Background, [number, number, number]> = {
  wood: [150, 104, 62],
  desk: [58, 60, 66],
  grey: [128, 128, 124],
  cloth: [70, 95, 140],
  // Pale surfaces the page must still be found on (or, failing that, not be judged by a wrong outline).
  white: [236, 236, 232],
  lightgrey: [200, 200, 198],
  plaid: [190, 70, 60],
};

export async function photograph(doc: RenderedDoc, o: ShotOptions): Promise<Buffer> {
  const rand = rng(o.seed);
  const W = o.frameWidth;
  const H = o.frameHeight;
  const out = new Float32Array(W * H * 3);
  const tex = await smoothNoise(rand, W, H, 24);
  const base = BACKGROUNDS[o.background];
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const i = y * W + x;
      let t = 0.8 + (tex[i]! / 255) * 0.4;
      if (o.background === 'wood') t *= 0.9 + 0.1 * Math.sin(y * 0.05 + tex[i]! * 0.05);
      if (o.background === 'white' || o.background === 'lightgrey') t = 0.96 + (tex[i]! / 255) * 0.08;
      if (o.background === 'plaid') {
        // A red/white checked tablecloth: white bands crossing at a 40-px period.
        const band = (Math.floor(x / 40) % 2) + (Math.floor(y / 40) % 2);
        const white = band === 0 ? 1 : band === 1 ? 0.55 : 0;
        out[i * 3] = (base[0] + (240 - base[0]) * white) * t;
        out[i * 3 + 1] = (base[1] + (236 - base[1]) * white) * t;
        out[i * 3 + 2] = (base[2] + (228 - base[2]) * white) * t;
        continue;
      }
      out[i * 3] = base[0] * t;
      out[i * 3 + 1] = base[1] * t;
      out[i * 3 + 2] = base[2] * t;
    }
  }
  // Inverse mapping frame → document, bilinear sampling of the page.
  const Hm = homography(o.quad, [
    [0, 0],
    [doc.width, 0],
    [doc.width, doc.height],
    [0, doc.height],
  ]);
  const xs = o.quad.map((p) => p[0]);
  const ys = o.quad.map((p) => p[1]);
  const x0 = Math.max(0, Math.floor(Math.min(...xs)));
  const x1 = Math.min(W - 1, Math.ceil(Math.max(...xs)));
  const y0 = Math.max(0, Math.floor(Math.min(...ys)));
  const y1 = Math.min(H - 1, Math.ceil(Math.max(...ys)));
  const [a, b, c, d, e, f, g, h] = Hm as [number, number, number, number, number, number, number, number];
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      const den = g * x + h * y + 1;
      const u = (a * x + b * y + c) / den;
      const v = (d * x + e * y + f) / den;
      if (u < 0 || v < 0 || u >= doc.width - 1 || v >= doc.height - 1) continue;
      const ui = Math.floor(u);
      const vi = Math.floor(v);
      const fu = u - ui;
      const fv = v - vi;
      const k = (vi * doc.width + ui) * 3;
      const k2 = k + doc.width * 3;
      const i = (y * W + x) * 3;
      for (let ch = 0; ch < 3; ch++) {
        const top = doc.rgb[k + ch]! * (1 - fu) + doc.rgb[k + 3 + ch]! * fu;
        const bot = doc.rgb[k2 + ch]! * (1 - fu) + doc.rgb[k2 + 3 + ch]! * fu;
        out[i + ch] = top * (1 - fv) + bot * fv;
      }
    }
  }
  // Light: a gain with a fall-off from a random light position, a highlight, and flare.
  const exposure = o.exposure ?? 1;
  const falloff = o.falloff ?? 0.15;
  const lx = rand() * W;
  const ly = rand() * H;
  const diag = Math.hypot(W, H);
  const gl = o.glare;
  const gx = gl ? gl.x * W : 0;
  const gy = gl ? gl.y * H : 0;
  const gr = gl ? gl.radius * Math.min(W, H) : 1;
  const flare = o.flare ?? 0;
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const i = (y * W + x) * 3;
      const light = exposure * (1 - falloff * (Math.hypot(x - lx, y - ly) / diag));
      let add = 0;
      if (gl) {
        const r2 = ((x - gx) ** 2 + (y - gy) ** 2) / (gr * gr);
        // A flat-topped highlight: specular reflections saturate in their core and fade at the rim.
        if (r2 < 4) add = gl.strength * 330 * Math.exp(-(r2 ** 2));
      }
      for (let ch = 0; ch < 3; ch++) {
        let v = out[i + ch]! * light + add;
        v = v + (255 - Math.min(255, v)) * flare;
        out[i + ch] = v;
      }
    }
  }
  const frame = Buffer.alloc(W * H * 3);
  for (let i = 0; i < frame.length; i++) frame[i] = Math.max(0, Math.min(255, Math.round(out[i]!)));
  let img = sharp(frame, { raw: { width: W, height: H, channels: 3 } });
  let buf = frame;
  if (o.blurSigma && o.blurSigma >= 0.3) buf = await img.blur(o.blurSigma).raw().toBuffer();
  if (o.motion && o.motion.length > 1) {
    const L = Math.round(o.motion.length) | 1;
    // sharp wants kernels at least 3×3: a 3-line kernel with only the middle line set is a 1-D box.
    const horizontal = o.motion.direction === 'h';
    const values = new Array<number>(L * 3).fill(0);
    for (let k = 0; k < L; k++) values[horizontal ? L + k : k * 3 + 1] = 1;
    const kernel = { width: horizontal ? L : 3, height: horizontal ? 3 : L, kernel: values };
    buf = await sharp(buf, { raw: { width: W, height: H, channels: 3 } })
      .convolve(kernel)
      .raw()
      .toBuffer();
  }
  // Sensor noise after the optics, before compression.
  const noise = o.noise ?? 3;
  if (noise > 0) {
    // A table of Gaussian-ish samples indexed by a cheap generator: per-pixel Math.random-style calls
    // would dominate the corpus build time.
    const table = new Float32Array(65536);
    for (let i = 0; i < table.length; i++) table[i] = (rand() + rand() + rand() - 1.5) * 2 * noise;
    let s = (o.seed * 2654435761) >>> 0;
    for (let i = 0; i < buf.length; i += 3) {
      s = (s * 1664525 + 1013904223) >>> 0;
      const luma = table[s >>> 16]!;
      for (let ch = 0; ch < 3; ch++) {
        s = (s * 1664525 + 1013904223) >>> 0;
        const v = buf[i + ch]! + luma + table[s >>> 16]! * 0.3;
        buf[i + ch] = v < 0 ? 0 : v > 255 ? 255 : v;
      }
    }
  }
  img = sharp(buf, { raw: { width: W, height: H, channels: 3 } });
  if (o.downscale && o.downscale < 1)
    img = img.resize(Math.round(W * o.downscale), Math.round(H * o.downscale), { kernel: 'lanczos3' });
  const orientation = o.orientation ?? 1;
  if (orientation !== 1) {
    // Store the pixels the way the sensor saw them and let EXIF say how to turn them upright.
    img = img.rotate(orientation === 3 ? 180 : orientation === 6 ? 270 : 90).withMetadata({ orientation });
  }
  return img.jpeg({ quality: o.jpegQuality ?? 88, chromaSubsampling: '4:2:0' }).toBuffer();
}

/** A page of `doc`'s aspect placed in the frame: centred at (cx, cy) as frame fractions, `fill` of the
 * frame's limiting side, rotated by `angle` degrees, with `tilt` perspective (top edge shorter). */
export function placePage(
  doc: RenderedDoc,
  frameW: number,
  frameH: number,
  p: {
    cx?: number;
    cy?: number;
    fill?: number;
    angle?: number;
    tilt?: number;
    pushRight?: number;
    pushBottom?: number;
  },
): Quad {
  const fill = p.fill ?? 0.8;
  const aspect = doc.width / doc.height;
  let ph = frameH * fill;
  let pw = ph * aspect;
  if (pw > frameW * fill) {
    pw = frameW * fill;
    ph = pw / aspect;
  }
  const cx = (p.cx ?? 0.5) * frameW;
  const cy = (p.cy ?? 0.5) * frameH;
  const tilt = p.tilt ?? 0;
  const pts: [number, number][] = [
    [(-pw / 2) * (1 - tilt), -ph / 2],
    [(pw / 2) * (1 - tilt), -ph / 2],
    [pw / 2, ph / 2],
    [-pw / 2, ph / 2],
  ];
  const a = ((p.angle ?? 0) * Math.PI) / 180;
  const quad = pts.map(([x, y]) => [
    cx + x * Math.cos(a) - y * Math.sin(a),
    cy + x * Math.sin(a) + y * Math.cos(a),
  ]) as Quad;
  const dx = p.pushRight === undefined ? 0 : p.pushRight * frameW - Math.max(...quad.map((q) => q[0]));
  const dy = p.pushBottom === undefined ? 0 : p.pushBottom * frameH - Math.max(...quad.map((q) => q[1]));
  return quad.map(([x, y]) => [x + dx, y + dy]) as Quad;
}

// How set C's papers reach the checker: a phone camera, a flatbed scanner, a document camera (高拍仪) with its
// whitening, a scanner app that straightens the page and fills the corners white. Made apart from set A
// (scripts/quality-corpus/photograph.ts: sRGB arithmetic, radial highlight, sharp's Gaussian) and set B
// (linear light, pillbox, Bayer mosaic): here light is physical — a lamp at a height obeys the inverse-square
// and cosine laws, glare is the lamp's Blinn-Phong specular lobe on glossy paper at the mirror point (so it
// lands where camera and lamp put it), the lens is a defocus disc plus a small aberration blur, a shake is a
// curved path, the sensor counts electrons (shot and read noise, full-well clipping per channel), the tone
// curve is sRGB with a phone's S-curve, and the JPEG comes from Skia's encoder.
import { createCanvas } from '@napi-rs/canvas';
import type { PageC } from './documents';

export type BackgroundC = 'wood' | 'white_desk' | 'dark' | 'cloth' | 'grey_board' | 'lid';

/** A paper placed in the frame: its corners (frame px) tl, tr, br, bl. */
export interface Layer {
  page: PageC;
  quad: [number, number][];
}

export interface CameraC {
  width: number;
  height: number;
  seed: number;
  background: BackgroundC;
  /** Papers bottom to top (a stack: the receipts under the one photographed). */
  layers: Layer[];
  /** Exposure gain on the paper (1 = paper lands near 200-230 of 255). */
  exposure?: number;
  /** Lamp over the scene (frame px; z = height). Absent: soft even daylight. */
  lamp?: { x: number; y: number; z: number; power: number };
  /** Glossy paper's specular reflection of the lamp: strength (1 ≈ reaches white) and shininess. */
  specular?: { strength: number; shininess: number };
  /** Veiling flare: a share of the mean scene light added everywhere (washes ink out). */
  flare?: number;
  /** Defocus disc radius (px). */
  defocus?: number;
  /** Hand shake: path length (px), angle (degrees), bend (0 straight .. 1 a half circle). */
  shake?: { length: number; angle: number; bend: number };
  /** Electrons at full well (noise); default 6000. */
  fullWell?: number;
  /** Shrink the output to this long side (a chat app's compressed copy), with Skia's resampler. */
  outLong?: number;
  jpegQuality?: number;
  /** Flatbed scanner: even light, white reference below the paper's white so the paper clips to 255. */
  scanner?: { whiteRef: number; grey: boolean };
  /** 高拍仪 / scanner app: divide out the lighting and stretch the paper to white. */
  whiten?: boolean;
  /** Scanner app straightening: white wedges along the given frame sides (share of the side, at the widest). */
  fillWedges?: { side: 'top' | 'right' | 'bottom' | 'left'; depth: number }[];
}

export interface Shot {
  jpeg: Buffer;
  width: number;
  height: number;
  /** Frame px of the clipped-white core the specular lobe made on the top paper, and how much of it is on text. */
  glareCorePx: number;
  glareOnTextPx: number;
  /** Output grey levels of the top paper's blank paper and of black print at the page's centre. */
  paperLevel: number;
  inkLevel: number;
  /** Share of the top paper's pixels clipped white in all channels. */
  clippedShare: number;
  /** Output px per page mm at the page's least magnified corner. */
  minPxPerMm: number;
  topPageArea: number;
}

function rng(seed: number): () => number {
  let s = (seed * 2654435761) >>> 0 || 7;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

/** Homography mapping the unit square (u, v in 0..1) to the quad. */
function homography(q: [number, number][]): number[] {
  const [[x0, y0], [x1, y1], [x2, y2], [x3, y3]] = q as [
    [number, number],
    [number, number],
    [number, number],
    [number, number],
  ];
  const dx1 = x1 - x2;
  const dx2 = x3 - x2;
  const dy1 = y1 - y2;
  const dy2 = y3 - y2;
  const sx = x0 - x1 + x2 - x3;
  const sy = y0 - y1 + y2 - y3;
  const den = dx1 * dy2 - dx2 * dy1;
  const g = (sx * dy2 - dx2 * sy) / den;
  const h = (dx1 * sy - sx * dy1) / den;
  return [x1 - x0 + g * x1, x3 - x0 + h * x3, x0, y1 - y0 + g * y1, y3 - y0 + h * y3, y0, g, h, 1];
}

function invert3(m: number[]): number[] {
  const [a, b, c, d, e, f, g, h, i] = m as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const A = e * i - f * h;
  const B = -(d * i - f * g);
  const C = d * h - e * g;
  const det = a * A + b * B + c * C;
  return [
    A / det,
    -(b * i - c * h) / det,
    (b * f - c * e) / det,
    B / det,
    (a * i - c * g) / det,
    -(a * f - c * d) / det,
    C / det,
    -(a * h - b * g) / det,
    (a * e - b * d) / det,
  ];
}

const toLinear = new Float32Array(256);
for (let i = 0; i < 256; i++) {
  const c = i / 255;
  toLinear[i] = c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}
function encode(v: number, phone: boolean): number {
  // sRGB, then (phone) a gentle S-curve around mid-grey.
  let c = v <= 0 ? 0 : v >= 1 ? 1 : v <= 0.0031308 ? 12.92 * v : 1.055 * v ** (1 / 2.4) - 0.055;
  if (phone) c = c + 0.12 * c * (1 - c) * (2 * c - 1);
  return Math.max(0, Math.min(255, Math.round(c * 255)));
}

/** The table's albedo at (x, y) into R, G, B at index i. */
function paintBackground(
  bg: BackgroundC,
  x: number,
  y: number,
  W: number,
  noise: number,
  R: Float32Array,
  G: Float32Array,
  B: Float32Array,
  i: number,
): void {
  let r: number;
  let g: number;
  let b: number;
  switch (bg) {
    case 'wood': {
      const grain = 0.5 + 0.5 * Math.sin(x / 23 + 3 * Math.sin(y / 140) + noise * 0.3);
      r = 0.32 + 0.1 * grain;
      g = 0.18 + 0.06 * grain;
      b = 0.08 + 0.03 * grain;
      break;
    }
    case 'white_desk':
      r = 0.78 + 0.02 * noise;
      g = 0.79 + 0.02 * noise;
      b = 0.82 + 0.02 * noise;
      break;
    case 'dark':
      r = 0.05;
      g = 0.05;
      b = 0.06;
      break;
    case 'cloth': {
      // Pale pink cloth with broad dark-brown swirls.
      const s = Math.sin(x / (W * 0.05) + 2 * Math.sin(y / (W * 0.07)));
      const swirl = Math.abs(s) < 0.18;
      r = swirl ? 0.2 : 0.7 + 0.03 * noise;
      g = swirl ? 0.07 : 0.55;
      b = swirl ? 0.04 : 0.58;
      break;
    }
    case 'grey_board':
      r = 0.35;
      g = 0.36;
      b = 0.37;
      break;
    default:
      r = g = b = 0.96;
  }
  R[i] = r;
  G[i] = g;
  B[i] = b;
}

/** Renders the shot (linear light → optics → sensor → tone → JPEG) and the figures its labels come from. */
export async function capture(o: CameraC): Promise<Shot> {
  const W = o.width;
  const H = o.height;
  const rand = rng(o.seed);
  const N = W * H;
  const R = new Float32Array(N);
  const G = new Float32Array(N);
  const B = new Float32Array(N);
  /** 1 where the top paper is; 2 where it is and print lies under (for the glare label). */
  const top = new Uint8Array(N);
  /** 1 where the top paper has print (its 2-mm print grid): what a reflection there hides. */
  const printUnder = new Uint8Array(N);
  // Scene albedo: background, then the papers bottom to top, each sampled bilinearly through its homography.
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      paintBackground(o.background, x, y, W, rand() - 0.5, R, G, B, y * W + x);
    }
  o.layers.forEach((layer, li) => {
    const isTop = li === o.layers.length - 1;
    const { page } = layer;
    const Hm = homography(layer.quad);
    const inv = invert3(Hm);
    let x0 = W;
    let y0 = H;
    let x1 = 0;
    let y1 = 0;
    for (const [x, y] of layer.quad) {
      x0 = Math.min(x0, Math.floor(x));
      y0 = Math.min(y0, Math.floor(y));
      x1 = Math.max(x1, Math.ceil(x));
      y1 = Math.max(y1, Math.ceil(y));
    }
    x0 = Math.max(0, x0);
    y0 = Math.max(0, y0);
    x1 = Math.min(W - 1, x1);
    y1 = Math.min(H - 1, y1);
    const pw = page.width;
    const ph = page.height;
    const d = page.rgba;
    // The page raster is rendered near the frame's own scale (see makeShot), so bilinear sampling does not alias.
    for (let y = y0; y <= y1; y++)
      for (let x = x0; x <= x1; x++) {
        const X = x + 0.5;
        const Y = y + 0.5;
        const w = inv[6]! * X + inv[7]! * Y + inv[8]!;
        const u = (inv[0]! * X + inv[1]! * Y + inv[2]!) / w;
        const v = (inv[3]! * X + inv[4]! * Y + inv[5]!) / w;
        if (u < 0 || v < 0 || u >= 1 || v >= 1) continue;
        const fx = u * pw - 0.5;
        const fy = v * ph - 0.5;
        const ix = Math.max(0, Math.min(pw - 2, Math.floor(fx)));
        const iy = Math.max(0, Math.min(ph - 2, Math.floor(fy)));
        const ax = Math.max(0, Math.min(1, fx - ix));
        const ay = Math.max(0, Math.min(1, fy - iy));
        const k00 = (iy * pw + ix) * 4;
        const k10 = k00 + 4;
        const k01 = k00 + pw * 4;
        const k11 = k01 + 4;
        const w00 = (1 - ax) * (1 - ay);
        const w10 = ax * (1 - ay);
        const w01 = (1 - ax) * ay;
        const w11 = ax * ay;
        const alpha = (w00 * d[k00 + 3]! + w10 * d[k10 + 3]! + w01 * d[k01 + 3]! + w11 * d[k11 + 3]!) / 255;
        if (alpha <= 0) continue;
        // Paper fibres: a little albedo noise.
        const f = 1 + (rand() - 0.5) * 0.02;
        const i = y * W + x;
        const a = alpha * f;
        R[i] =
          R[i]! * (1 - alpha) +
          a *
            (w00 * toLinear[d[k00]!]! +
              w10 * toLinear[d[k10]!]! +
              w01 * toLinear[d[k01]!]! +
              w11 * toLinear[d[k11]!]!);
        G[i] =
          G[i]! * (1 - alpha) +
          a *
            (w00 * toLinear[d[k00 + 1]!]! +
              w10 * toLinear[d[k10 + 1]!]! +
              w01 * toLinear[d[k01 + 1]!]! +
              w11 * toLinear[d[k11 + 1]!]!);
        B[i] =
          B[i]! * (1 - alpha) +
          a *
            (w00 * toLinear[d[k00 + 2]!]! +
              w10 * toLinear[d[k10 + 2]!]! +
              w01 * toLinear[d[k01 + 2]!]! +
              w11 * toLinear[d[k11 + 2]!]!);
        if (isTop && alpha > 0.5) {
          top[i] = 1;
          const G2 = Math.max(1, Math.round(2 * page.pxPerMm));
          printUnder[i] =
            page.printGrid[Math.floor((v * ph) / G2) * page.printGridW + Math.floor((u * pw) / G2)]!;
        } else if (!isTop) top[i] = 0;
      }
  });
  // Light: even daylight, or a lamp (inverse square × cosine of incidence: z / r³), plus its specular lobe.
  const exposure = o.exposure ?? 1;
  const base = o.scanner ? 1 / o.scanner.whiteRef : exposure * 0.62;
  const lamp = o.lamp;
  const camZ = Math.max(W, H) * 1.1;
  const spec = new Float32Array(N);
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      const i = y * W + x;
      let E = base;
      if (lamp && !o.scanner) {
        const dx = x - lamp.x;
        const dy = y - lamp.y;
        const r2 = dx * dx + dy * dy + lamp.z * lamp.z;
        E = base * (0.55 + 0.45 * lamp.power * (lamp.z / Math.sqrt(r2)) ** 3);
        if (o.specular && top[i]) {
          // Blinn-Phong: half-vector between the lamp and the camera (above the frame centre).
          const lx = -dx;
          const ly = -dy;
          const lz = lamp.z;
          const ll = Math.sqrt(lx * lx + ly * ly + lz * lz);
          const vx = W / 2 - x;
          const vy = H / 2 - y;
          const vl = Math.sqrt(vx * vx + vy * vy + camZ * camZ);
          const hx = lx / ll + vx / vl;
          const hy = ly / ll + vy / vl;
          const hz = lz / ll + camZ / vl;
          const hn = hz / Math.sqrt(hx * hx + hy * hy + hz * hz);
          spec[i] = o.specular.strength * hn ** o.specular.shininess;
        }
      }
      R[i] = R[i]! * E + spec[i]!;
      G[i] = G[i]! * E + spec[i]!;
      B[i] = B[i]! * E + spec[i]!;
    }
  let flareAdd = 0;
  if (o.flare) {
    let mean = 0;
    for (let i = 0; i < N; i += 7) mean += G[i]!;
    mean /= N / 7;
    const add = o.flare * mean;
    flareAdd = add;
    for (let i = 0; i < N; i++) {
      R[i] = R[i]! + add;
      G[i] = G[i]! + add;
      B[i] = B[i]! + add;
    }
  }
  // Optics: the fault (defocus disc, shake path), then the lens's own small aberration blur.
  for (const P of [R, G, B]) {
    if (o.defocus && o.defocus >= 0.5) discBlur(P, W, H, o.defocus);
    if (o.shake && o.shake.length >= 1) shakeBlur(P, W, H, o.shake);
    gaussBlur(P, W, H, o.scanner ? 0.5 : 0.7);
  }
  // Sensor: electrons with shot and read noise, full-well clipping per channel.
  const full = o.fullWell ?? (o.scanner ? 40000 : 6000);
  const gauss = (): number => {
    const u = Math.max(1e-9, rand());
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
  };
  for (const P of [R, G, B])
    for (let i = 0; i < N; i++) {
      const e = Math.max(0, P[i]!) * full;
      const noisy = e + Math.sqrt(e + 9) * gauss();
      P[i] = Math.min(1, Math.max(0, noisy / full));
    }
  // Document camera / scanner app: divide by the light (the page's own white, a wide max then blur) and
  // stretch the paper to white, as 高拍仪 software and 扫描全能王 do.
  if (o.whiten) {
    const Y = new Float32Array(N);
    for (let i = 0; i < N; i++) Y[i] = 0.3 * R[i]! + 0.6 * G[i]! + 0.1 * B[i]!;
    // The light over the page, at an eighth of the size: the brightest sample of each 8×8 block (paper, not
    // print), widened and smoothed, then read back bilinearly.
    const S = 8;
    const sw = Math.ceil(W / S);
    const sh = Math.ceil(H / S);
    const small = new Float32Array(sw * sh);
    for (let y = 0; y < H; y++)
      for (let x = 0; x < W; x++) {
        const k = Math.floor(y / S) * sw + Math.floor(x / S);
        if (Y[y * W + x]! > small[k]!) small[k] = Y[y * W + x]!;
      }
    const widened = maxFilter(small, sw, sh, 2);
    gaussBlur(widened, sw, sh, Math.max(W, H) / 80 / S);
    const env = new Float32Array(N);
    for (let y = 0; y < H; y++)
      for (let x = 0; x < W; x++) {
        const fx = Math.min(sw - 1.001, Math.max(0, x / S - 0.5));
        const fy = Math.min(sh - 1.001, Math.max(0, y / S - 0.5));
        const ix = Math.floor(fx);
        const iy = Math.floor(fy);
        const ax = fx - ix;
        const ay = fy - iy;
        const k = iy * sw + ix;
        env[y * W + x] =
          (1 - ay) * ((1 - ax) * widened[k]! + ax * widened[k + 1]!) +
          ay * ((1 - ax) * widened[k + sw]! + ax * widened[k + sw + 1]!);
      }
    for (let i = 0; i < N; i++) {
      const k = 1.08 / Math.max(0.05, env[i]!);
      R[i] = Math.min(1, R[i]! * k);
      G[i] = Math.min(1, G[i]! * k);
      B[i] = Math.min(1, B[i]! * k);
    }
  }
  const phone = !o.scanner;
  const out = new Uint8ClampedArray(N * 4);
  let glareCore = 0;
  let glareOnText = 0;
  let clippedTop = 0;
  let topArea = 0;
  for (let i = 0; i < N; i++) {
    let r = encode(R[i]!, phone);
    let g = encode(G[i]!, phone);
    let b = encode(B[i]!, phone);
    if (o.scanner?.grey) r = g = b = Math.round(0.299 * r + 0.587 * g + 0.114 * b);
    out[i * 4] = r;
    out[i * 4 + 1] = g;
    out[i * 4 + 2] = b;
    out[i * 4 + 3] = 255;
    if (top[i]) {
      topArea++;
      const clipped = r >= 250 && g >= 250 && b >= 250;
      if (clipped) clippedTop++;
      if (clipped && spec[i]! > 0.05) {
        glareCore++;
        // Print under the glare (within 2 mm of ink on the paper).
        if (printUnder[i]) glareOnText++;
      }
    }
  }
  if (o.fillWedges)
    for (const w of o.fillWedges) {
      for (let y = 0; y < H; y++)
        for (let x = 0; x < W; x++) {
          const t = w.side === 'top' || w.side === 'bottom' ? x / W : y / H;
          const depth = w.depth * (1 - t) * (w.side === 'top' || w.side === 'bottom' ? H : W);
          const dist =
            w.side === 'top' ? y : w.side === 'bottom' ? H - 1 - y : w.side === 'left' ? x : W - 1 - x;
          if (dist < depth) out.fill(255, (y * W + x) * 4, (y * W + x) * 4 + 3);
        }
    }
  // Reference levels for the labels: blank paper and black print at the page centre, through the same chain.
  const topLayer = o.layers[o.layers.length - 1]!;
  const c = topLayer.quad.reduce((a, [x, y]) => [a[0] + x / 4, a[1] + y / 4], [0, 0]);
  const cx = Math.max(0, Math.min(W - 1, Math.round(c[0])));
  const cy = Math.max(0, Math.min(H - 1, Math.round(c[1])));
  let E = base;
  if (lamp && !o.scanner) {
    const r2 = (cx - lamp.x) ** 2 + (cy - lamp.y) ** 2 + lamp.z ** 2;
    E = base * (0.55 + 0.45 * lamp.power * (lamp.z / Math.sqrt(r2)) ** 3);
  }
  const paperAlb =
    toLinear[
      Math.round(
        0.3 * topLayer.page.paperRgb[0] + 0.6 * topLayer.page.paperRgb[1] + 0.1 * topLayer.page.paperRgb[2],
      )
    ]!;
  const inkAlb = toLinear[28]!;
  let paperLevel = encode(paperAlb * E + flareAdd, phone);
  let inkLevel = encode(inkAlb * E + flareAdd, phone);
  if (o.whiten) {
    const k = 1.08 / Math.max(0.05, paperAlb * E + flareAdd);
    paperLevel = encode(Math.min(1, (paperAlb * E + flareAdd) * k), phone);
    inkLevel = encode(Math.min(1, (inkAlb * E + flareAdd) * k), phone);
  }
  // Scale of the page in the frame at its least magnified corner (text there is the smallest).
  const q = topLayer.quad;
  const side = (a: number, b: number): number => Math.hypot(q[a]![0] - q[b]![0], q[a]![1] - q[b]![1]);
  const pxPerMm = Math.min(
    side(0, 1) / topLayer.page.wMm,
    side(3, 2) / topLayer.page.wMm,
    side(0, 3) / topLayer.page.hMm,
    side(1, 2) / topLayer.page.hMm,
  );
  let canvas = createCanvas(W, H);
  canvas.getContext('2d').putImageData(new (await import('@napi-rs/canvas')).ImageData(out, W, H), 0, 0);
  let outW = W;
  let outH = H;
  let shrink = 1;
  if (o.outLong && o.outLong < Math.max(W, H)) {
    shrink = o.outLong / Math.max(W, H);
    outW = Math.round(W * shrink);
    outH = Math.round(H * shrink);
    const small = createCanvas(outW, outH);
    const k = small.getContext('2d');
    k.imageSmoothingEnabled = true;
    k.imageSmoothingQuality = 'medium';
    k.drawImage(canvas, 0, 0, outW, outH);
    canvas = small;
  }
  const jpeg = await canvas.encode('jpeg', o.jpegQuality ?? 90);
  return {
    jpeg,
    width: outW,
    height: outH,
    glareCorePx: glareCore,
    glareOnTextPx: glareOnText,
    paperLevel,
    inkLevel,
    clippedShare: topArea ? clippedTop / topArea : 0,
    minPxPerMm: pxPerMm * shrink,
    topPageArea: topArea,
  };
}

/** Defocus: a uniform disc of radius r (px), by row spans over prefix sums. */
function discBlur(P: Float32Array, W: number, H: number, r: number): void {
  const R = Math.ceil(r);
  const pre = new Float64Array((W + 1) * H);
  for (let y = 0; y < H; y++) {
    let s = 0;
    for (let x = 0; x < W; x++) {
      s += P[y * W + x]!;
      pre[y * (W + 1) + x + 1] = s;
    }
  }
  const leftEdge = new Float32Array(H);
  const rightEdge = new Float32Array(H);
  for (let y = 0; y < H; y++) {
    leftEdge[y] = P[y * W]!;
    rightEdge[y] = P[y * W + W - 1]!;
  }
  const spans: number[] = [];
  let weight = 0;
  for (let dy = -R; dy <= R; dy++) {
    const half = Math.floor(Math.sqrt(Math.max(0, r * r - dy * dy)));
    spans.push(half);
    weight += 2 * half + 1;
  }
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      let s = 0;
      for (let k = 0; k < spans.length; k++) {
        const yy = Math.min(H - 1, Math.max(0, y + k - R));
        const h = spans[k]!;
        const a = Math.max(0, x - h);
        const b = Math.min(W, x + h + 1);
        s += pre[yy * (W + 1) + b]! - pre[yy * (W + 1) + a]!;
        // Outside the frame the scene continues as its edge.
        s +=
          (x - h < 0 ? -(x - h) * leftEdge[yy]! : 0) + (x + h + 1 > W ? (x + h + 1 - W) * rightEdge[yy]! : 0);
      }
      P[y * W + x] = s / weight;
    }
}

/** Hand shake along a curved path: the image averaged over shifted copies along it. */
function shakeBlur(
  P: Float32Array,
  W: number,
  H: number,
  s: { length: number; angle: number; bend: number },
): void {
  const src = Float32Array.from(P);
  const steps = Math.max(2, Math.ceil(s.length * 1.5));
  const a = (s.angle * Math.PI) / 180;
  const pts: [number, number][] = [];
  for (let k = 0; k < steps; k++) {
    const t = k / (steps - 1) - 0.5;
    const along = t * s.length;
    const across = s.bend * s.length * (t * t - 1 / 12);
    pts.push([along * Math.cos(a) - across * Math.sin(a), along * Math.sin(a) + across * Math.cos(a)]);
  }
  P.fill(0);
  for (const [dx, dy] of pts) {
    const ix = Math.floor(dx);
    const iy = Math.floor(dy);
    const fx = dx - ix;
    const fy = dy - iy;
    for (let y = 0; y < H; y++) {
      const y0 = Math.min(H - 1, Math.max(0, y + iy));
      const y1 = Math.min(H - 1, Math.max(0, y + iy + 1));
      for (let x = 0; x < W; x++) {
        const x0 = Math.min(W - 1, Math.max(0, x + ix));
        const x1 = Math.min(W - 1, Math.max(0, x + ix + 1));
        P[y * W + x] =
          P[y * W + x]! +
          (1 - fy) * ((1 - fx) * src[y0 * W + x0]! + fx * src[y0 * W + x1]!) +
          fy * ((1 - fx) * src[y1 * W + x0]! + fx * src[y1 * W + x1]!);
      }
    }
  }
  for (let i = 0; i < P.length; i++) P[i] = P[i]! / pts.length;
}

/** Separable Gaussian (σ px), edges extended. */
export function gaussBlur(P: Float32Array, W: number, H: number, sigma: number): void {
  if (sigma < 0.3) return;
  const r = Math.ceil(3 * sigma);
  const k = new Float32Array(2 * r + 1);
  let sum = 0;
  for (let i = -r; i <= r; i++) sum += k[i + r] = Math.exp(-(i * i) / (2 * sigma * sigma));
  for (let i = 0; i < k.length; i++) k[i] = k[i]! / sum;
  const tmp = new Float32Array(W * H);
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      let s = 0;
      for (let i = -r; i <= r; i++) s += k[i + r]! * P[y * W + Math.min(W - 1, Math.max(0, x + i))]!;
      tmp[y * W + x] = s;
    }
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      let s = 0;
      for (let i = -r; i <= r; i++) s += k[i + r]! * tmp[Math.min(H - 1, Math.max(0, y + i)) * W + x]!;
      P[y * W + x] = s;
    }
}

function maxFilter(P: Float32Array, W: number, H: number, r: number): Float32Array {
  const tmp = new Float32Array(W * H);
  const out = new Float32Array(W * H);
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      let m = 0;
      for (let i = Math.max(0, x - r); i <= Math.min(W - 1, x + r); i++) m = Math.max(m, P[y * W + i]!);
      tmp[y * W + x] = m;
    }
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      let m = 0;
      for (let i = Math.max(0, y - r); i <= Math.min(H - 1, y + r); i++) m = Math.max(m, tmp[i * W + x]!);
      out[y * W + x] = m;
    }
  return out;
}

/**
 * The 10-90 % width (px) of an edge blurred by the fault alone (disc and shake, not the lens's own blur):
 * the quantity the shared blur rule (scripts/quality-corpus/cases.ts blurLabel) is stated in. Measured on
 * the blur itself: a unit step blurred along the direction that smears it most.
 */
export function faultEdgeWidth(defocus: number | undefined, shake: CameraC['shake']): number {
  const W = 161;
  const H = 161;
  let worst = 0;
  for (const angle of [0, 45, 90, 135]) {
    const P = new Float32Array(W * H);
    const a = (angle * Math.PI) / 180;
    for (let y = 0; y < H; y++)
      for (let x = 0; x < W; x++) P[y * W + x] = (x - 80) * Math.cos(a) + (y - 80) * Math.sin(a) >= 0 ? 1 : 0;
    if (defocus && defocus >= 0.5) discBlur(P, W, H, defocus);
    if (shake && shake.length >= 1) shakeBlur(P, W, H, shake);
    // Walk across the step through the centre, along its normal, in fine steps.
    const at = (t: number): number => {
      const x = Math.round(80 + t * Math.cos(a));
      const y = Math.round(80 + t * Math.sin(a));
      return P[y * W + x]!;
    };
    let t10 = 0;
    let t90 = 0;
    for (let t = -60; t <= 60; t += 0.25) {
      const v = at(t);
      if (v < 0.1) t10 = t;
      if (v < 0.9) t90 = t;
    }
    worst = Math.max(worst, t90 - t10);
  }
  return worst;
}

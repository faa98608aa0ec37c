// What a document camera looking down at a desk sees, made from the sample papers (resources/samples) with
// sharp: a bare desk, a paper lying still, a hand sliding a paper in or out (smeared along its path), the
// same paper out of focus or under a lamp's hotspot. The unit tests of the live checks, the browser tests
// (written into an MJPEG file for Chromium's fake camera) and the camera bench all film these scenes.
import { resolve } from 'node:path';
import sharp, { type OverlayOptions } from 'sharp';
import { findPage } from '../../electron/core/quality/outline';
import {
  applyHomography,
  homographyFromPoints,
  warpPerspective,
  type Pt,
} from '../../electron/core/export/warp';

export const SAMPLES_DIR = resolve(import.meta.dirname, '../../resources/samples');

/** A flat paper (the sample photo's sheet cut out along its outline and straightened), RGB. */
export interface Paper {
  name: string;
  rgb: Buffer;
  width: number;
  height: number;
}

const paperCache = new Map<string, Promise<Paper>>();

/**
 * The sheet of a sample photo, straightened: its outline found by the app's own page finder on a 1500-px
 * copy, pulled in by 1 % so no desk is left at the border, and warped upright to 1000×1414 (A4).
 */
export function samplePaper(name: string): Promise<Paper> {
  let p = paperCache.get(name);
  if (!p) {
    p = (async () => {
      const { data, info } = await sharp(resolve(SAMPLES_DIR, `${name}.jpg`))
        .rotate()
        .resize(1500, 1500, { fit: 'inside' })
        .removeAlpha()
        .raw()
        .toBuffer({ resolveWithObject: true });
      const n = info.width * info.height;
      const grey = new Uint8Array(n);
      for (let i = 0; i < n; i++)
        grey[i] = (data[i * 3]! * 77 + data[i * 3 + 1]! * 150 + data[i * 3 + 2]! * 29) >> 8;
      const page = findPage({ width: info.width, height: info.height, rgb: data, grey, scale: 1 });
      const cx = page.corners.reduce((s, c) => s + c.x, 0) / 4;
      const cy = page.corners.reduce((s, c) => s + c.y, 0) / 4;
      const quad = page.corners.map((c) => ({
        x: (cx + (c.x - cx) * 0.98) * info.width,
        y: (cy + (c.y - cy) * 0.98) * info.height,
      })) as [Pt, Pt, Pt, Pt];
      const flat = warpPerspective(
        { data, width: info.width, height: info.height, channels: 3 },
        quad,
        1000,
        1414,
      );
      return { name, rgb: Buffer.from(flat.data), width: 1000, height: 1414 };
    })();
    paperCache.set(name, p);
  }
  return p;
}

/** Where a paper lies in the frame: centre (0..1 of the frame), height as a share of the frame's, turn. */
export interface Placement {
  cx: number;
  cy: number;
  /** Paper height over frame height. */
  size: number;
  angleDeg?: number;
  /**
   * The far edge lifted towards the camera (a paper held at a slant or curled up): the top edge comes out
   * this share wider than the bottom one, as a perspective draws it.
   */
  lift?: number;
}

export interface Shot {
  paper?: Paper | null;
  at?: Placement;
  /** A hand (and forearm from the right edge) at this point of the frame, 0..1. */
  hand?: { x: number; y: number } | null;
  /** Motion smear along x, in frame pixels (a hand moving the paper during the exposure). */
  smearPx?: number;
  /** Out of focus: Gaussian sigma in frame pixels, over the whole frame. */
  defocusSigma?: number;
  /** A lamp's clipped hotspot over the paper's print, centred at this point of the paper (0..1). */
  glareAt?: { x: number; y: number } | null;
  /** Brightness factor of the whole scene (1 = as lit in the samples). */
  light?: number;
}

const deskCache = new Map<string, Promise<Buffer>>();

/** A dark wooden desk with a little grain, the same for every shot of one size (so a still scene is still). */
function desk(width: number, height: number): Promise<Buffer> {
  const key = `${width}x${height}`;
  let d = deskCache.get(key);
  if (!d) {
    // sharp's noise ignores the background colour: grey grain around 128, then tinted to a brown desk.
    d = sharp({
      create: {
        width,
        height,
        channels: 3,
        background: '#000',
        noise: { type: 'gaussian', mean: 128, sigma: 18 },
      },
    })
      .blur(1.2)
      .linear([0.55, 0.4, 0.28], [36, 22, 12])
      .removeAlpha()
      .raw()
      .toBuffer();
    deskCache.set(key, d);
  }
  return d;
}

/** The paper drawn in perspective: its top edge `lift` wider than its bottom, outside it transparent. */
async function lifted(rgb: Buffer, w: number, h: number, lift: number): Promise<Buffer> {
  const extra = (w * lift) / 2;
  const W = Math.ceil(w + 2 * extra);
  const quad: Pt[] = [
    { x: 0, y: 0 },
    { x: W - 1, y: 0 },
    { x: extra + w - 1, y: h - 1 },
    { x: extra, y: h - 1 },
  ];
  const rect: Pt[] = [
    { x: 0, y: 0 },
    { x: w - 1, y: 0 },
    { x: w - 1, y: h - 1 },
    { x: 0, y: h - 1 },
  ];
  const back = homographyFromPoints(quad, rect);
  const out = Buffer.alloc(W * h * 4);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < W; x++) {
      const p = applyHomography(back, { x, y });
      const sx = Math.round(p.x);
      const sy = Math.round(p.y);
      if (sx < 0 || sy < 0 || sx >= w || sy >= h) continue;
      const o = (y * W + x) * 4;
      const i = (sy * w + sx) * 3;
      out[o] = rgb[i]!;
      out[o + 1] = rgb[i + 1]!;
      out[o + 2] = rgb[i + 2]!;
      out[o + 3] = 255;
    }
  return sharp(out, { raw: { width: W, height: h, channels: 4 } })
    .png()
    .toBuffer();
}

/** One camera frame of `width`×`height` as raw RGB. */
export async function shoot(width: number, height: number, shot: Shot): Promise<Buffer> {
  const layers: OverlayOptions[] = [];
  const { paper, at } = shot;
  if (paper && at) {
    const h = Math.round(at.size * height);
    const w = Math.round((h * paper.width) / paper.height);
    let img = sharp(paper.rgb, { raw: { width: paper.width, height: paper.height, channels: 3 } }).resize(
      w,
      h,
    );
    if (shot.glareAt) {
      const g = shot.glareAt;
      const hotspot = `<svg width="${w}" height="${h}"><defs><radialGradient id="g"><stop offset="0%" stop-color="#fff"/><stop offset="55%" stop-color="#fff"/><stop offset="100%" stop-color="#fff" stop-opacity="0"/></radialGradient></defs><ellipse cx="${w * g.x}" cy="${h * g.y}" rx="${w * 0.17}" ry="${h * 0.1}" fill="url(#g)"/></svg>`;
      img = sharp(
        await img
          .composite([{ input: Buffer.from(hotspot) }])
          .png()
          .toBuffer(),
      );
    }
    let png = at.lift ? await lifted(await img.raw().toBuffer(), w, h, at.lift) : await img.png().toBuffer();
    if (at.angleDeg)
      png = await sharp(png)
        .rotate(at.angleDeg, { background: { r: 0, g: 0, b: 0, alpha: 0 } })
        .png()
        .toBuffer();
    const meta = await sharp(png).metadata();
    const left = Math.round(at.cx * width - meta.width! / 2);
    const top = Math.round(at.cy * height - meta.height! / 2);
    // sharp refuses overlays that stick out of the frame: cut the part that is in view.
    const x0 = Math.max(0, -left);
    const y0 = Math.max(0, -top);
    const x1 = Math.min(meta.width!, width - left);
    const y1 = Math.min(meta.height!, height - top);
    if (x1 > x0 && y1 > y0) {
      const part = await sharp(png)
        .extract({ left: x0, top: y0, width: x1 - x0, height: y1 - y0 })
        .png()
        .toBuffer();
      layers.push({ input: part, left: left + x0, top: top + y0 });
    }
  }
  if (shot.hand) {
    const hx = shot.hand.x * width;
    const hy = shot.hand.y * height;
    const r = height * 0.09;
    const svg = `<svg width="${width}" height="${height}"><g fill="#c98d6b"><rect x="${hx}" y="${hy - r * 0.7}" width="${width}" height="${r * 1.4}" rx="${r * 0.5}"/><ellipse cx="${hx}" cy="${hy}" rx="${r * 1.1}" ry="${r}"/><rect x="${hx - r * 2}" y="${hy - r * 0.6}" width="${r * 1.6}" height="${r * 0.35}" rx="${r * 0.17}"/><rect x="${hx - r * 2.1}" y="${hy - r * 0.1}" width="${r * 1.7}" height="${r * 0.35}" rx="${r * 0.17}"/><rect x="${hx - r * 1.9}" y="${hy + r * 0.4}" width="${r * 1.5}" height="${r * 0.33}" rx="${r * 0.16}"/></g></svg>`;
    layers.push({ input: Buffer.from(svg) });
  }
  let img = sharp(await desk(width, height), { raw: { width, height, channels: 3 } }).composite(layers);
  let raw = await img.removeAlpha().raw().toBuffer();
  img = sharp(raw, { raw: { width, height, channels: 3 } });
  if (shot.smearPx && shot.smearPx > 1) {
    // A straight smear: a 1-pixel-high box along x (sharp wants an odd kernel at least 3 high).
    const k = Math.round(shot.smearPx) | 1;
    const kernel = new Array<number>(k * 3).fill(0).fill(1, k, 2 * k);
    img = img.convolve({ width: k, height: 3, kernel, scale: k });
  }
  if (shot.defocusSigma) img = img.blur(shot.defocusSigma);
  if (shot.light && shot.light !== 1) img = img.linear(shot.light, 0);
  raw = await img.removeAlpha().raw().toBuffer();
  return raw;
}

/** A frame scaled down the way the capture view scales the video before sending it (long side `maxSide`). */
export async function previewOf(
  rgb: Buffer,
  width: number,
  height: number,
  maxSide: number,
): Promise<{ rgb: Uint8Array; width: number; height: number }> {
  const { data, info } = await sharp(rgb, { raw: { width, height, channels: 3 } })
    .resize(maxSide, maxSide, { fit: 'inside' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return {
    rgb: new Uint8Array(data.buffer, data.byteOffset, data.length),
    width: info.width,
    height: info.height,
  };
}

export async function jpegOf(rgb: Buffer, width: number, height: number, quality = 85): Promise<Buffer> {
  return sharp(rgb, { raw: { width, height, channels: 3 } })
    .jpeg({ quality })
    .toBuffer();
}

/** A paper lying still in the middle, filling most of the frame's height. */
export const CENTRED: Placement = { cx: 0.5, cy: 0.5, size: 0.94, angleDeg: 0 };

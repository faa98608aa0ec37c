// A photographed (or scanned) page, made ready for the bundle: EXIF-oriented, cropped to the detected page
// and straightened when the quality check found its four corners confidently, otherwise left whole;
// scaled to the pixels the target needs and no more; JPEG-encoded at a quality the size budget allows.
import sharp, { type Sharp } from 'sharp';
import type { QualityReport } from '../../../shared/quality';
import { ClaimDeskError } from '../errors';
import type { SupportedMime } from '../files/sniff';
import { decodeImage, describeSharpError } from '../quality/decode';
import { isConvexQuad, rectifiedSize, warpPerspective, type Pt, type RawImage } from './warp';

/** Below this the corner detector may have locked onto a table edge or a shadow: place the whole photo. */
export const CORNERS_MIN_CONFIDENCE = 0.7;
/** A straightened page smaller than this share of the photo is more likely a misdetection than a page. */
const MIN_PAGE_AREA_SHARE = 0.12;

export type PixelSource = () => Sharp;

export interface OrientedSource {
  /** A fresh sharp pipeline over the EXIF-oriented image (sharp pipelines are single-use). */
  open: PixelSource;
  width: number;
  height: number;
}

/**
 * Opens a photo for export through the quality module's decoder: the same format sniffing, HEIC support
 * (heic-decode), EXIF orientation and decompression-bomb refusal as the checks. The body is not
 * pre-verified here because rendering decodes it anyway, with truncation treated as an error. `mime`: the
 * type sniffed when the file came in, so it is not sniffed twice.
 */
export async function openOrientedSource(path: string, mime?: SupportedMime): Promise<OrientedSource> {
  const decoded = await decodeImage(path, { verify: false, ...(mime ? { mime } : {}) });
  return { open: decoded.pipeline, width: decoded.width, height: decoded.height };
}

/** The page corners in oriented pixels, when the quality report found them confidently and they make sense. */
export function trustedCorners(
  report: QualityReport | undefined,
  width: number,
  height: number,
): [Pt, Pt, Pt, Pt] | undefined {
  const m = report?.metrics;
  const corners = m?.corners;
  const confidence = m?.cornersConfidence;
  if (
    !Array.isArray(corners) ||
    corners.length !== 4 ||
    typeof confidence !== 'number' ||
    confidence < CORNERS_MIN_CONFIDENCE
  )
    return undefined;
  const pts: Pt[] = [];
  for (const c of corners as unknown[]) {
    const p = c as { x?: unknown; y?: unknown };
    if (
      typeof p?.x !== 'number' ||
      typeof p?.y !== 'number' ||
      !Number.isFinite(p.x) ||
      !Number.isFinite(p.y)
    )
      return undefined;
    pts.push({
      x: Math.min(Math.max(p.x, 0), 1) * (width - 1),
      y: Math.min(Math.max(p.y, 0), 1) * (height - 1),
    });
  }
  if (!isConvexQuad(pts)) return undefined;
  const size = rectifiedSize(pts as [Pt, Pt, Pt, Pt]);
  if (size.width * size.height < MIN_PAGE_AREA_SHARE * width * height) return undefined;
  return pts as [Pt, Pt, Pt, Pt];
}

export interface PreparedRaster {
  raw: RawImage;
  straightened: boolean;
}

/** A clockwise turn that makes the page's text upright (what the page's reading found; 0: as taken). */
export type UprightTurn = 0 | 90 | 180 | 270;

/**
 * Renders the page into at most boxWidth×boxHeight pixels (aspect kept, never enlarged): the straightened
 * page when corners are given, the whole photo otherwise, turned upright when the photo was taken sideways
 * or upside down (a reviewer reads the printed bundle without turning the sheet).
 */
export async function renderPageRaster(
  source: OrientedSource,
  corners: [Pt, Pt, Pt, Pt] | undefined,
  boxWidth: number,
  boxHeight: number,
  path: string,
  upright: UprightTurn = 0,
): Promise<PreparedRaster> {
  if (upright === 0) return renderAsTaken(source, corners, boxWidth, boxHeight, path);
  const sideways = upright === 90 || upright === 270;
  // Fit the page as taken into the box as it will be once turned.
  const { raw, straightened } = await renderAsTaken(
    source,
    corners,
    sideways ? boxHeight : boxWidth,
    sideways ? boxWidth : boxHeight,
    path,
  );
  const { data, info } = await sharp(raw.data, {
    raw: { width: raw.width, height: raw.height, channels: raw.channels as 3 },
  })
    .rotate(upright)
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { raw: { data, width: info.width, height: info.height, channels: info.channels }, straightened };
}

/** The source is shrunk before warping so the warp touches only the pixels the output needs. */
async function renderAsTaken(
  source: OrientedSource,
  corners: [Pt, Pt, Pt, Pt] | undefined,
  boxWidth: number,
  boxHeight: number,
  path: string,
): Promise<PreparedRaster> {
  try {
    if (!corners) {
      const { data, info } = await source
        .open()
        .resize(Math.round(boxWidth), Math.round(boxHeight), { fit: 'inside', withoutEnlargement: true })
        .flatten({ background: '#ffffff' }) // transparent screenshots print on white paper, not black
        .toColourspace('srgb')
        .raw()
        .toBuffer({ resolveWithObject: true });
      return {
        raw: { data, width: info.width, height: info.height, channels: info.channels },
        straightened: false,
      };
    }
    const page = rectifiedSize(corners);
    const scale = Math.min(1, boxWidth / page.width, boxHeight / page.height);
    const srcW = Math.max(1, Math.round(source.width * scale));
    const srcH = Math.max(1, Math.round(source.height * scale));
    const { data, info } = await source
      .open()
      .resize(srcW, srcH, { fit: 'fill' })
      .flatten({ background: '#ffffff' }) // transparent screenshots print on white paper, not black
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
    const sx = info.width / source.width;
    const sy = info.height / source.height;
    const scaled = corners.map((p) => ({ x: p.x * sx, y: p.y * sy })) as [Pt, Pt, Pt, Pt];
    const outW = Math.max(1, Math.round(page.width * scale));
    const outH = Math.max(1, Math.round(page.height * scale));
    const raw = warpPerspective(
      { data, width: info.width, height: info.height, channels: info.channels },
      scaled,
      outW,
      outH,
    );
    return { raw, straightened: true };
  } catch (err) {
    if (err instanceof ClaimDeskError) throw err;
    throw describeSharpError(path, err);
  }
}

export async function encodeJpeg(raw: RawImage, quality: number): Promise<Buffer> {
  return sharp(raw.data, { raw: { width: raw.width, height: raw.height, channels: raw.channels as 3 } })
    .jpeg({ quality, chromaSubsampling: '4:2:0', mozjpeg: false })
    .toBuffer();
}

export const MAX_JPEG_QUALITY = 82;
export const MIN_JPEG_QUALITY = 35;

/**
 * The best JPEG of `raw` that fits `maxBytes`: binary search on quality; if even the lowest quality is too
 * big, the image is shrunk (never below `minScale`) and searched again. Returns the smallest try if
 * nothing fits, so the caller can report the overrun instead of failing silently.
 */
export async function fitJpeg(
  raw: RawImage,
  maxBytes: number,
  minScale = 1,
): Promise<{ jpeg: Buffer; quality: number; width: number; height: number }> {
  let current = raw;
  for (;;) {
    let best: Buffer | undefined;
    let bestQ = 0;
    const top = await encodeJpeg(current, MAX_JPEG_QUALITY);
    if (top.length <= maxBytes)
      return { jpeg: top, quality: MAX_JPEG_QUALITY, width: current.width, height: current.height };
    let lo = MIN_JPEG_QUALITY;
    let hi = MAX_JPEG_QUALITY - 1;
    let smallest = top;
    while (lo <= hi) {
      const q = (lo + hi) >> 1;
      const jpeg = await encodeJpeg(current, q);
      if (jpeg.length < smallest.length) smallest = jpeg;
      if (jpeg.length <= maxBytes) {
        best = jpeg;
        bestQ = q;
        lo = q + 1;
      } else {
        hi = q - 1;
      }
    }
    if (best) return { jpeg: best, quality: bestQ, width: current.width, height: current.height };
    const scale = Math.sqrt(maxBytes / smallest.length) * 0.95;
    const nextW = Math.round(current.width * scale);
    if (scale >= 1 || nextW < raw.width * minScale || nextW < 16) {
      return { jpeg: smallest, quality: MIN_JPEG_QUALITY, width: current.width, height: current.height };
    }
    const nextH = Math.max(1, Math.round(current.height * scale));
    const { data, info } = await sharp(current.data, {
      raw: { width: current.width, height: current.height, channels: current.channels as 3 },
    })
      .resize(nextW, nextH, { fit: 'fill' })
      .raw()
      .toBuffer({ resolveWithObject: true });
    current = { data, width: info.width, height: info.height, channels: info.channels };
  }
}

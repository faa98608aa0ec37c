// Decoding a photo the way every later step needs it: format sniffed from the bytes (people rename HEIC to
// .jpg), iPhone HEIC decoded with heic-decode (sharp's prebuilt libvips has no HEVC decoder), EXIF orientation
// applied, and decompression bombs refused from the header before a single pixel is decoded.
import { readFile } from 'node:fs/promises';
import type { Metadata, Sharp } from 'sharp';
import { loadSharp } from '../lazy';
import { ClaimDeskError, describeFsError } from '../errors';
import { sniffFile, type SupportedMime } from '../files/sniff';
import { workMeter } from '../work-meter';

/**
 * Largest image we decode. A 200-MP phone mode tops out near 200 M pixels, but everyday photos are 12-50 MP;
 * a PNG that claims more than this is a decompression bomb or a mistake, and decoding it would take gigabytes.
 */
export const MAX_INPUT_PIXELS = 120_000_000;

export type ImageMime = Exclude<SupportedMime, 'application/pdf'>;

export interface DecodedImage {
  path: string;
  mime: ImageMime;
  /** Size after EXIF orientation (what a person sees). */
  width: number;
  height: number;
  /**
   * A fresh sharp pipeline over the oriented image each call (sharp instances are single-use). Chain
   * .resize() straight after it so JPEGs get libjpeg's shrink-on-load.
   */
  pipeline(): Sharp;
}

function unreadable(path: string, detailZh: string, detailEn: string, cause?: unknown): ClaimDeskError {
  return new ClaimDeskError(
    'file_unreadable',
    `无法读取图片：${path}（${detailZh}），请重新拍摄或导出后再试`,
    `cannot read image ${path}: ${detailEn}`,
    {
      field: path,
      cause,
    },
  );
}

function refuseBomb(path: string, width: number, height: number): ClaimDeskError {
  const mp = ((width * height) / 1e6).toFixed(0);
  return new ClaimDeskError(
    'file_unreadable',
    `图片像素过多（${width}×${height}，约 ${mp} 百万像素），可能是损坏或恶意文件，已拒绝打开：${path}`,
    `image too large to decode safely (${width}x${height}, ${mp} MP > ${MAX_INPUT_PIXELS / 1e6} MP): ${path}`,
    { field: path },
  );
}

/** sharp's own messages say what is wrong with the bytes; keep them as the detail. */
export function describeSharpError(path: string, err: unknown): ClaimDeskError {
  const msg = err instanceof Error ? err.message : String(err);
  if (/pixel limit/i.test(msg)) return unreadable(path, '像素过多，可能是损坏或恶意文件', msg, err);
  if (/premature end|truncated|unexpected end|end of file|Invalid PNG|corrupt|bad seek|VipsJpeg/i.test(msg)) {
    return unreadable(path, '文件不完整或已损坏', msg, err);
  }
  return unreadable(path, '文件已损坏或格式不受支持', msg, err);
}

export interface DecodeOptions {
  /**
   * Decode the whole file once at tiny scale to prove its body is intact (default true). The checker turns
   * it off because its own analysis decode finds the same faults.
   */
  verify?: boolean;
  /** The file's type when the caller already sniffed it (the page pipeline does, once). */
  mime?: SupportedMime;
}

/** Opens one image file: format, oriented size and a pipeline. Throws ClaimDeskError on any bad input. */
export async function decodeImage(path: string, options: DecodeOptions = {}): Promise<DecodedImage> {
  const mime = options.mime ?? (await sniffFile(path));
  if (mime === 'application/pdf') {
    throw new ClaimDeskError(
      'unsupported_file',
      `这是 PDF 文件，不是照片：${path}`,
      `this is a PDF, not an image: ${path}`,
      { field: path },
    );
  }
  // The header alone gives the size (HEIC too: libheif parses it without decoding HEVC), so a bomb is
  // refused here, before any pixel is allocated.
  const sharp = await loadSharp();
  let meta: Metadata;
  try {
    meta = await sharp(path, { limitInputPixels: false }).metadata();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code)
      throw describeFsError(err, path, { zh: '读取图片', en: 'read the image' });
    throw describeSharpError(path, err);
  }
  const rawW = meta.width;
  const rawH = meta.height;
  if (!rawW || !rawH) throw unreadable(path, '读不到图片尺寸', 'no dimensions in header');
  if (rawW * rawH > MAX_INPUT_PIXELS) throw refuseBomb(path, rawW, rawH);

  if (mime === 'image/heic' || mime === 'image/heif') return decodeHeicFile(path, mime);

  // EXIF orientations 5-8 swap width and height.
  const swapped = (meta.orientation ?? 1) >= 5;
  const width = swapped ? rawH : rawW;
  const height = swapped ? rawW : rawH;
  // Decode the whole file once (cheaply, at 1/8 scale for JPEG) so a truncated or corrupt body is found
  // now, not halfway through an export.
  if (options.verify !== false) {
    workMeter.decodes++;
    try {
      await sharp(path, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'truncated' })
        .resize(64, 64, { fit: 'inside' })
        .raw()
        .toBuffer();
    } catch (err) {
      throw describeSharpError(path, err);
    }
  }
  return {
    path,
    mime,
    width,
    height,
    pipeline: () => {
      // Each pipeline decodes the file's bytes again: counted, so the one-decode-per-page promise is tested.
      workMeter.decodes++;
      return sharp(path, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'truncated' }).rotate();
    },
  };
}

async function decodeHeicFile(path: string, mime: ImageMime): Promise<DecodedImage> {
  const sharp = await loadSharp();
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (err) {
    throw describeFsError(err, path, { zh: '读取图片', en: 'read the image' });
  }
  let pixels: { width: number; height: number; data: Uint8ClampedArray };
  // HEIC is decoded here, once; its pipelines read the pixels from memory.
  workMeter.decodes++;
  try {
    // Loaded on first use: its WebAssembly decoder costs ~50 ms of start-up for every CLI call otherwise.
    const { default: decodeHeic } = await import('heic-decode');
    const images = await decodeHeic.all({ buffer: bytes });
    try {
      const primary = images[0];
      if (!primary) throw new Error('no image in HEIF container');
      // Check again on the decoder's own idea of the size: the header sharp read may disagree with it.
      if (primary.width * primary.height > MAX_INPUT_PIXELS)
        throw refuseBomb(path, primary.width, primary.height);
      pixels = await primary.decode();
    } finally {
      images.dispose();
    }
  } catch (err) {
    if (err instanceof ClaimDeskError) throw err;
    throw unreadable(
      path,
      'HEIC 照片无法解码，可能已损坏',
      err instanceof Error ? err.message : String(err),
      err,
    );
  }
  // libheif applies the container's rotation/mirror (irot/imir) while decoding, which is how iPhones
  // record orientation, so the pixels are already upright; applying EXIF too would rotate twice.
  const rgba = Buffer.from(pixels.data.buffer, pixels.data.byteOffset, pixels.data.byteLength);
  const raw = { width: pixels.width, height: pixels.height, channels: 4 as const };
  return {
    path,
    mime,
    width: pixels.width,
    height: pixels.height,
    pipeline: () => sharp(rgba, { raw, limitInputPixels: MAX_INPUT_PIXELS }).removeAlpha(),
  };
}

/** True for the ClaimDesk errors that mean "this file cannot be checked" rather than a program fault. */
export function isUnreadableFileError(err: unknown): err is ClaimDeskError {
  return (
    err instanceof ClaimDeskError &&
    ['file_unreadable', 'unsupported_file', 'file_missing', 'file_too_large'].includes(err.code)
  );
}

// Thumbnails for the claim editor: a small JPEG made by sharp in main, returned as a data: URL (the CSP
// allows data: images and nothing else). Cached by content hash, so scrolling a claim costs nothing twice.
// A PDF shows its first page, rendered in-process by PDF.js.
import { readFile } from 'node:fs/promises';
import sharp, { type Sharp } from 'sharp';
import type { Thumbnail } from '../../../shared/ipc';
import { storedFilePath } from '../files/store';
import { renderPdfPage } from '../pdf/render';

/** Enough resolution for any thumbnail size (1600 px is an A4 page at 135 dpi); fewer pixels when smaller. */
const PDF_THUMBNAIL_DPI = 150;

const CACHE_LIMIT = 400;
const cache = new Map<string, Thumbnail>();

/** The first page drawn at about twice the thumbnail's size (sharp's shrink then smooths the edges). */
async function renderPdfFirstPage(path: string, maxSize: number): Promise<Sharp | null> {
  try {
    const page = await renderPdfPage(path, 0, PDF_THUMBNAIL_DPI, { maxPixels: 4 * maxSize * maxSize });
    return sharp(page.data, { raw: page });
  } catch {
    // A PDF that cannot be drawn (corrupt, password) keeps the grey placeholder; its check says why.
    return null;
  }
}

async function decodeHeic(path: string): Promise<Sharp> {
  // sharp's prebuilt libvips has no HEVC decoder; heic-decode (pure JS + wasm) gives raw RGBA.
  const { default: decode } = (await import('heic-decode')) as unknown as {
    default: (opts: {
      buffer: Buffer;
    }) => Promise<{ width: number; height: number; data: Uint8ClampedArray }>;
  };
  const img = await decode({ buffer: await readFile(path) });
  return sharp(Buffer.from(img.data.buffer), { raw: { width: img.width, height: img.height, channels: 4 } });
}

export async function makeThumbnail(
  dataDir: string,
  sha256: string,
  mime: string,
  maxSize: number,
): Promise<Thumbnail> {
  const key = `${sha256}:${maxSize}`;
  const hit = cache.get(key);
  if (hit) return hit;
  let thumb: Thumbnail;
  const path = storedFilePath(dataDir, sha256);
  const input =
    mime === 'application/pdf'
      ? await renderPdfFirstPage(path, maxSize)
      : mime === 'image/heic' || mime === 'image/heif'
        ? await decodeHeic(path)
        : sharp(path, { limitInputPixels: 268_402_689 });
  if (!input) {
    thumb = { dataUrl: null, width: 0, height: 0 };
  } else {
    const { data, info } = await input
      .rotate()
      .resize(maxSize, maxSize, { fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 72, mozjpeg: true })
      .toBuffer({ resolveWithObject: true });
    thumb = {
      dataUrl: `data:image/jpeg;base64,${data.toString('base64')}`,
      width: info.width,
      height: info.height,
    };
  }
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(key, thumb);
  return thumb;
}

// Thumbnails for the claim editor: a small JPEG made by sharp in main, returned as a data: URL (the CSP
// allows data: images and nothing else). Cached by content hash, so scrolling a claim costs nothing twice.
// A PDF shows its first page, or the page asked for (the viewer steps through them), rendered in-process by PDF.js.
import sharp, { type Sharp } from 'sharp';
import type { Thumbnail } from '../../../shared/ipc';
import { isSupportedMime } from '../files/sniff';
import { storedFilePath } from '../files/store';
import { decodeImage, isUnreadableFileError } from '../quality/decode';
import { ClaimDeskError } from '../errors';
import { openPdfForRendering } from '../pdf/render';
import type { Turn } from '../../../shared/turn';

/** Enough resolution for any thumbnail size (1600 px is an A4 page at 135 dpi); fewer pixels when smaller. */
const PDF_THUMBNAIL_DPI = 150;

const CACHE_LIMIT = 400;
const cache = new Map<string, Thumbnail>();

/**
 * Page `pageIndex` drawn at about twice the thumbnail's size (sharp's shrink then smooths the edges), with
 * the file's page count. A page past the end is refused with an error naming it (the viewer only asks for
 * pages the count it was given allows).
 */
async function renderPdfThumbnailPage(
  path: string,
  pageIndex: number,
  maxSize: number,
): Promise<{ input: Sharp | null; pages?: number }> {
  let pdf;
  try {
    pdf = await openPdfForRendering(path);
  } catch {
    // A PDF that cannot be opened (corrupt, password) keeps the grey placeholder; its check says why.
    return { input: null };
  }
  try {
    const pages = pdf.pageCount;
    if (pageIndex >= pages)
      throw new ClaimDeskError(
        'invalid_input',
        `这份 PDF 只有 ${pages} 页，没有第 ${pageIndex + 1} 页`,
        `the PDF has ${pages} pages, no page ${pageIndex + 1}`,
        { field: 'pdfPage' },
      );
    try {
      const page = await pdf.renderPage(pageIndex, PDF_THUMBNAIL_DPI, { maxPixels: 4 * maxSize * maxSize });
      return { input: sharp(page.data, { raw: page }), pages };
    } catch {
      return { input: null, pages }; // one page that cannot be drawn: placeholder, the others still show
    }
  } finally {
    await pdf.close();
  }
}

/**
 * A stored photo through the one decoder every step uses (quality/decode.ts): the same HEIC support, pixel
 * limit and EXIF orientation as the checks and the bundle. Null when it cannot be decoded: the editor keeps
 * the grey placeholder and the page's own check says why.
 */
async function openPhoto(path: string, mime: string): Promise<Sharp | null> {
  try {
    const decoded = await decodeImage(path, { verify: false, ...(isSupportedMime(mime) ? { mime } : {}) });
    return decoded.pipeline();
  } catch (err) {
    if (isUnreadableFileError(err)) return null;
    throw err;
  }
}

export async function makeThumbnail(
  dataDir: string,
  sha256: string,
  mime: string,
  maxSize: number,
  pdfPage = 0,
  turn: Turn = 0,
): Promise<Thumbnail> {
  const isPdf = mime === 'application/pdf';
  const key = `${sha256}:${maxSize}:${isPdf ? pdfPage : 0}:${turn}`;
  const hit = cache.get(key);
  if (hit) return hit;
  let thumb: Thumbnail;
  const path = storedFilePath(dataDir, sha256);
  let pdfPages: number | undefined;
  let input: Sharp | null;
  if (isPdf) {
    ({ input, pages: pdfPages } = await renderPdfThumbnailPage(path, pdfPage, maxSize));
  } else {
    input = await openPhoto(path, mime);
  }
  if (!input) {
    thumb = { dataUrl: null, width: 0, height: 0, ...(pdfPages ? { pdfPages } : {}) };
  } else {
    // EXIF orientation first (the decoder's pipeline applies it), then the quarter turn that makes a photo
    // taken sideways read upright (sharp applies rotate(angle) after autoOrient whatever the call order); the
    // boxes drawn over it turn alike.
    const { data, info } = await input
      .rotate(turn)
      .resize(maxSize, maxSize, { fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 72, mozjpeg: true })
      .toBuffer({ resolveWithObject: true });
    thumb = {
      dataUrl: `data:image/jpeg;base64,${data.toString('base64')}`,
      width: info.width,
      height: info.height,
      ...(pdfPages ? { pdfPages } : {}),
    };
  }
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(key, thumb);
  return thumb;
}

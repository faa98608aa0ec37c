// The QR code of a born-digital e-invoice PDF. The issuing systems embed it as an image, so it is taken out
// with PDF.js (unpdf, offline) and read like a photo, without rendering the page.
import { readFile, stat } from 'node:fs/promises';
import sharp from 'sharp';
import { decodeQrInPicture } from './qr';

/** An invoice is one page; its QR sits on the first. Later pages are attachments. */
export const PDF_QR_MAX_PAGES = 2;
/** Embedded pictures past this size are scans or photos, not a QR code. */
const MAX_IMAGE_PIXELS = 25_000_000;
/** Anything smaller cannot hold a readable QR code. */
const MIN_IMAGE_SIDE = 21;
const MAX_PDF_BYTES = 30 * 1024 * 1024;
/** PDF images are cut tight to the code; the reader needs a white quiet zone around it. */
const QUIET_ZONE = 0.15;

export async function decodeQrInPdf(path: string): Promise<string | null> {
  try {
    if ((await stat(path)).size > MAX_PDF_BYTES) return null;
    const { extractImages, getDocumentProxy } = await import('unpdf');
    const pdf = await getDocumentProxy(new Uint8Array(await readFile(path)), {
      isEvalSupported: false,
      verbosity: 0,
    });
    try {
      for (let page = 1; page <= Math.min(pdf.numPages, PDF_QR_MAX_PAGES); page++) {
        for (const img of await extractImages(pdf, page)) {
          const { width, height, channels } = img;
          if (width * height > MAX_IMAGE_PIXELS || Math.min(width, height) < MIN_IMAGE_SIDE) continue;
          const pad = Math.ceil(Math.max(width, height) * QUIET_ZONE);
          const raw = Buffer.from(img.data.buffer, img.data.byteOffset, img.data.byteLength);
          const picture = () =>
            sharp(raw, { raw: { width, height, channels } }).extend({
              top: pad,
              bottom: pad,
              left: pad,
              right: pad,
              background: '#ffffff',
            });
          const text = await decodeQrInPicture(picture, width + 2 * pad, height + 2 * pad);
          if (text !== null) return text;
        }
      }
      return null;
    } finally {
      await pdf.destroy();
    }
  } catch {
    return null;
  }
}

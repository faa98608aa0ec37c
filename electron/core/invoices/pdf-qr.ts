// The QR code of a born-digital e-invoice PDF. Most issuing systems embed it as an image, which is taken
// out with PDF.js (unpdf, offline) and read like a photo; some draw it as vector squares, so when no image
// holds one the page itself is rendered (../pdf/render) and read.
import { readFile, stat } from 'node:fs/promises';
import { loadSharp } from '../lazy';
import { openPdfForRendering } from '../pdf/render';
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
/**
 * Printed invoice QR codes have modules of 0.5 mm or more (a 25 × 25 mm code of 45 modules); at 200 dpi
 * that is 4 px a module, above the 2-3 px the reader needs. An A4 page is then 3.9 MP.
 */
const VECTOR_QR_DPI = 200;
const VECTOR_QR_MAX_PIXELS = 12_000_000;

export async function decodeQrInPdf(path: string): Promise<string | null> {
  try {
    if ((await stat(path)).size > MAX_PDF_BYTES) return null;
    const { extractImages, getDocumentProxy } = await import('unpdf');
    const sharp = await loadSharp();
    const bytes = new Uint8Array(await readFile(path));
    const pdf = await getDocumentProxy(bytes.slice(), {
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
    } finally {
      await pdf.destroy();
    }
    return await decodeQrOnRenderedPages(bytes);
  } catch {
    return null;
  }
}

/** A QR code drawn as paths is found only in the page's pixels. */
async function decodeQrOnRenderedPages(bytes: Uint8Array): Promise<string | null> {
  const sharp = await loadSharp();
  const pdf = await openPdfForRendering(bytes);
  try {
    for (let i = 0; i < Math.min(pdf.pageCount, PDF_QR_MAX_PAGES); i++) {
      const page = await pdf.renderPage(i, VECTOR_QR_DPI, { maxPixels: VECTOR_QR_MAX_PIXELS });
      const text = await decodeQrInPicture(() => sharp(page.data, { raw: page }), page.width, page.height);
      if (text !== null) return text;
    }
    return null;
  } finally {
    await pdf.close();
  }
}

// Upload-ready JPEGs of every document page (the portals that take pictures, not a PDF): photos rendered
// again at the upload size from their prepared source, PDF pages rendered by PDF.js, each fitted to the
// per-image budget and named so a clerk can tell them apart.
import sharp from 'sharp';
import { ClaimDeskError } from '../errors';
import { kindLabel } from '../../../shared/domain';
import { openPdfPageRenderer } from './pdf-source';
import { fitJpeg, renderPageRaster } from './photo';
import { mapLimit, PARALLEL_PHOTOS, type PreparedDocument } from './prepare';
import type { RawImage } from './warp';

/** Upload images of PDF pages are rendered at this resolution before fitting the per-image budget. */
const PDF_RASTER_DPI = 200;

function uploadImageName(d: PreparedDocument, pageNo: number): string {
  const label = kindLabel(d.doc.kind).replace(/[\\/:*?"<>|]/g, '-');
  return `${String(d.ordinal).padStart(2, '0')}-${label}-${pageNo}.jpg`;
}

export async function renderUploadImages(
  docs: readonly PreparedDocument[],
  maxBytes: number,
  longSide: number,
  warnings: string[],
): Promise<Array<{ name: string; jpeg: Buffer }>> {
  const pdfPages = openPdfPageRenderer(PDF_RASTER_DPI);
  try {
    return await renderUploadImagesWith(pdfPages, docs, maxBytes, longSide, warnings);
  } finally {
    await pdfPages.close();
  }
}

async function renderUploadImagesWith(
  pdfPages: ReturnType<typeof openPdfPageRenderer>,
  docs: readonly PreparedDocument[],
  maxBytes: number,
  longSide: number,
  warnings: string[],
): Promise<Array<{ name: string; jpeg: Buffer }>> {
  const out: Array<{ name: string; jpeg: Buffer }> = [];
  for (const d of docs) {
    const rendered = await mapLimit(
      d.pages,
      PARALLEL_PHOTOS,
      async (p, i): Promise<{ name: string; jpeg: Buffer } | undefined> => {
        let raw: RawImage;
        if (p.type === 'photo') {
          raw = (await renderPageRaster(p.source, p.corners, longSide, longSide, p.file, p.upright)).raw;
        } else {
          let page;
          try {
            page = await pdfPages.render(p.file, p.pageIndex);
          } catch (err) {
            if (err instanceof ClaimDeskError && !warnings.includes(err.zh)) warnings.push(err.zh);
            return undefined;
          }
          // Rendered on white, so the alpha channel is all opaque.
          const { data, info } = await sharp(page.data, { raw: page })
            .removeAlpha()
            .resize(longSide, longSide, { fit: 'inside', withoutEnlargement: true })
            .raw()
            .toBuffer({ resolveWithObject: true });
          raw = { data, width: info.width, height: info.height, channels: info.channels };
        }
        const fitted = await fitJpeg(raw, maxBytes, 0.5);
        const name = uploadImageName(d, i + 1);
        if (fitted.jpeg.length > maxBytes)
          warnings.push(`${name} 压缩后仍有 ${(fitted.jpeg.length / 1048576).toFixed(2)} MB，超过单张上限`);
        return { name, jpeg: fitted.jpeg };
      },
    );
    for (const r of rendered) if (r) out.push(r);
  }
  return out;
}

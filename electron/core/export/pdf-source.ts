// PDF documents (e-invoices, hospital printouts) in the bundle: every page is embedded into an A4 page of
// the bundle as a form XObject, so its text stays text (searchable, crisp) and gets our header/footer.
// For upload-ready images a PDF page must become pixels: PDF.js renders it in this process, so no
// poppler or MuPDF needs to be installed (a Windows or macOS PC has neither).
import { readFile } from 'node:fs/promises';
import { PDFDocument } from 'pdf-lib';
import { ClaimDeskError, describeFsError } from '../errors';
import { openPdfForRendering, type RenderablePdf, type RenderedPdfPage } from '../pdf/render';

export async function loadSourcePdf(path: string): Promise<PDFDocument> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (err) {
    throw describeFsError(err, path, { zh: '读取 PDF', en: 'read the PDF' });
  }
  let pdf: PDFDocument;
  let pages: number;
  try {
    pdf = await PDFDocument.load(bytes, { updateMetadata: false });
    // pdf-lib parses leniently; a file without a usable page tree only fails when pages are asked for.
    pages = pdf.getPageCount();
    pdf.getPages().forEach((p) => p.getSize());
  } catch (err) {
    const encrypted = /encrypt/i.test((err as Error)?.message ?? '');
    throw new ClaimDeskError(
      'file_unreadable',
      encrypted
        ? `PDF 已加密，无法合并：${path}。请导出一份未加密的 PDF`
        : `无法读取 PDF（文件可能已损坏）：${path}`,
      encrypted ? `PDF is encrypted and cannot be merged: ${path}` : `cannot parse PDF (corrupt?): ${path}`,
      { field: path, cause: err },
    );
  }
  if (pages === 0) {
    throw new ClaimDeskError('file_unreadable', `PDF 没有页面：${path}`, `PDF has no pages: ${path}`, {
      field: path,
    });
  }
  return pdf;
}

/**
 * Renders PDF pages for upload images in-process (PDF.js, see ../pdf/render), opening each file once
 * however many of its pages are asked for. `close()` frees them all.
 */
export function openPdfPageRenderer(dpi: number): {
  render(path: string, pageIndex: number): Promise<RenderedPdfPage>;
  close(): Promise<void>;
} {
  const open = new Map<string, Promise<RenderablePdf>>();
  return {
    async render(path, pageIndex) {
      let pdf = open.get(path);
      if (!pdf) {
        pdf = openPdfForRendering(path);
        open.set(path, pdf);
      }
      try {
        return await (await pdf).renderPage(pageIndex, dpi);
      } catch (err) {
        const reason = err instanceof ClaimDeskError ? err.zh : '';
        throw new ClaimDeskError(
          'export_failed',
          `无法把 PDF 转成上传用图片：${path}${reason ? `（${reason}）` : ''}。PDF 仍已合并进材料包`,
          `rendering PDF page ${pageIndex + 1} for upload images failed: ${path}: ${(err as Error).message}`,
          { field: path, cause: err },
        );
      }
    },
    async close() {
      const all = [...open.values()];
      open.clear();
      await Promise.all(all.map((p) => p.then((pdf) => pdf.close()).catch(() => undefined)));
    },
  };
}

// Born-digital PDFs (电子票据 e-invoices): there is no photo to judge, so we prove the file opens, count its
// pages and say which checks do not apply. A truncated or corrupt PDF is an unreadable file.
import { readFile } from 'node:fs/promises';
import type { PDFDocument } from 'pdf-lib';
import { loadPdfDocument } from '../lazy';
import { ClaimDeskError, describeFsError } from '../errors';

export interface PdfFacts {
  pages: number;
  /** First page size in millimetres. */
  pageWidthMm: number;
  pageHeightMm: number;
  encrypted: boolean;
}

function corrupt(path: string, zh: string, en: string, cause?: unknown): ClaimDeskError {
  return new ClaimDeskError(
    'file_unreadable',
    `PDF 文件无法打开：${path}（${zh}），请重新下载或导出`,
    `cannot open PDF ${path}: ${en}`,
    {
      field: path,
      cause,
    },
  );
}

export async function inspectPdf(path: string): Promise<PdfFacts> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (err) {
    throw describeFsError(err, path, { zh: '读取 PDF', en: 'read the PDF' });
  }
  // Readers look for the end-of-file marker in the last kilobyte; a download cut short has none.
  const tail = bytes.subarray(Math.max(0, bytes.length - 2048)).toString('latin1');
  if (!tail.includes('%%EOF')) throw corrupt(path, '文件不完整，缺少结尾标记', 'truncated: no %%EOF marker');
  let doc: PDFDocument;
  try {
    doc = await (
      await loadPdfDocument()
    ).load(bytes, {
      ignoreEncryption: true,
      updateMetadata: false,
      throwOnInvalidObject: true,
    });
  } catch (err) {
    throw corrupt(path, '文件结构损坏', err instanceof Error ? err.message : String(err), err);
  }
  let pages: number;
  let size: { width: number; height: number } = { width: 0, height: 0 };
  try {
    pages = doc.getPageCount();
    if (pages > 0) size = doc.getPage(0).getSize();
  } catch (err) {
    throw corrupt(path, '页面结构损坏', err instanceof Error ? err.message : String(err), err);
  }
  if (pages === 0) throw corrupt(path, '没有任何页面', 'no pages');
  const mm = 25.4 / 72;
  return {
    pages,
    pageWidthMm: Math.round(size.width * mm),
    pageHeightMm: Math.round(size.height * mm),
    encrypted: doc.isEncrypted,
  };
}

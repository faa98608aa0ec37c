// Heavy libraries loaded on first use (issue #10): sharp, pdf-lib, the QR reader and file-type cost about
// 0.7 s of CPU together to load, which every CLI call paid even for `--version` or a usage error. Each is
// loaded once, when a function that needs it runs; `npm run bench startup` measures the start-up.
import type * as zxing from '@zxing/library';
import type * as fileType from 'file-type';
import type { PDFDocument } from 'pdf-lib';
import type sharpDefault from 'sharp';

type SharpFn = typeof sharpDefault;
type ZxingModule = typeof zxing;
type FileTypeModule = typeof fileType;

let sharpP: Promise<SharpFn> | undefined;
let pdfDocumentP: Promise<typeof PDFDocument> | undefined;
let zxingP: Promise<ZxingModule> | undefined;
let fileTypeP: Promise<FileTypeModule> | undefined;

/** sharp (libvips). */
export function loadSharp(): Promise<SharpFn> {
  return (sharpP ??= import('sharp').then((m) => m.default));
}

/** pdf-lib's PDFDocument, for reading a PDF's structure. */
export function loadPdfDocument(): Promise<typeof PDFDocument> {
  return (pdfDocumentP ??= import('pdf-lib').then((m) => m.PDFDocument));
}

/** The QR reader (@zxing/library). */
export function loadZxing(): Promise<ZxingModule> {
  return (zxingP ??= import('@zxing/library'));
}

/** file-type, which recognises a file by its bytes. */
export function loadFileType(): Promise<FileTypeModule> {
  return (fileTypeP ??= import('file-type'));
}

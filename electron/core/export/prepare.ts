// The slow half of an export: every file of the bundle made ready before anything is laid out. Photos are
// decoded once, straightened when their corners were found, scaled to the print resolution and kept as one
// JPEG at best quality; PDFs are loaded to be embedded page by page. Two files at a time on the two-core
// desks we target.
import { stat } from 'node:fs/promises';
import type { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { sniffFile } from '../files/sniff';
import { CONTENT_BOX } from './layout';
import { loadSourcePdf } from './pdf-source';
import {
  encodeJpeg,
  fitJpeg,
  MAX_JPEG_QUALITY,
  openOrientedSource,
  renderPageRaster,
  trustedCorners,
  type OrientedSource,
  type UprightTurn,
} from './photo';
import type { BundleDocument, BundleInput, BundleOptions } from './types';
import type { Pt } from './warp';

/** Photos are prepared at this resolution for the A4 content box (legible print, not more pixels than that). */
export const PHOTO_DPI = 150;
export const MIN_PHOTO_DPI = 150;
/** Fonts, text sheets and PDF structure: what a bundle costs before its photos. */
const FIXED_OVERHEAD_BYTES = 160 * 1024;
export const PARALLEL_PHOTOS = 2;

export type PreparedPage =
  | {
      type: 'photo';
      file: string;
      /**
       * The page at best quality. Only this JPEG is kept, not the raw pixels, so a 100-page bundle does not
       * hold gigabytes; a tighter budget re-encodes from it (a second generation at lower quality).
       */
      jpeg: Buffer;
      width: number;
      height: number;
      straightened: boolean;
      source: OrientedSource;
      corners: [Pt, Pt, Pt, Pt] | undefined;
      upright: UprightTurn;
    }
  | { type: 'pdf'; file: string; pdf: PDFDocument; pageIndex: number };

export interface PreparedDocument {
  index: number;
  ordinal: number;
  doc: BundleDocument;
  pages: PreparedPage[];
}

/** Runs `fn` over `items`, at most `limit` at a time, answers in the items' order. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, i: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!, i);
    }
  });
  await Promise.all(workers);
  return results;
}

const pxAt = (pt: number, dpi: number): number => Math.round((pt / 72) * dpi);

export async function prepareDocuments(
  input: BundleInput,
  order: readonly number[],
  onProgress: BundleOptions['onProgress'],
): Promise<PreparedDocument[]> {
  const jobs = order.flatMap((index) => input.documents[index]!.files.map((file) => ({ index, file })));
  let done = 0;
  const prepared = await mapLimit(jobs, PARALLEL_PHOTOS, async ({ file }): Promise<PreparedPage[]> => {
    const pages = await prepareFile(file);
    onProgress?.(++done, jobs.length);
    return pages;
  });
  let cursor = 0;
  return order.map((index, i) => {
    const doc = input.documents[index]!;
    const pages = prepared.slice(cursor, cursor + doc.files.length).flat();
    cursor += doc.files.length;
    return { index, ordinal: i + 1, doc, pages };
  });
}

async function prepareFile(file: BundleDocument['files'][number]): Promise<PreparedPage[]> {
  const mime = file.mime ?? (await sniffFile(file.path));
  if (mime === 'application/pdf') {
    const pdf = await loadSourcePdf(file.path);
    return pdf.getPageIndices().map((pageIndex) => ({ type: 'pdf', file: file.path, pdf, pageIndex }));
  }
  const source = await openOrientedSource(file.path, mime);
  const corners = trustedCorners(file.quality, source.width, source.height);
  const upright = file.upright ?? 0;
  const { raw, straightened } = await renderPageRaster(
    source,
    corners,
    pxAt(CONTENT_BOX.width, PHOTO_DPI),
    pxAt(CONTENT_BOX.height, PHOTO_DPI),
    file.path,
    upright,
  );
  const jpeg = await encodeJpeg(raw, MAX_JPEG_QUALITY);
  return [
    {
      type: 'photo',
      file: file.path,
      jpeg,
      width: raw.width,
      height: raw.height,
      straightened,
      source,
      corners,
      upright,
    },
  ];
}

/** Splits the photo budget in proportion to pixel count, so a full-page bill gets more than an ID card. */
function photoBudgets(
  docs: readonly PreparedDocument[],
  maxBytes: number,
  pdfBytes: number,
): Map<PreparedPage, number> {
  const photos = docs.flatMap((d) => d.pages).filter((p) => p.type === 'photo');
  const totalPixels = photos.reduce((s, p) => s + p.width * p.height, 0) || 1;
  const available = Math.max(maxBytes - FIXED_OVERHEAD_BYTES - pdfBytes, photos.length * 24 * 1024);
  return new Map(photos.map((p) => [p, Math.floor((available * p.width * p.height) / totalPixels)]));
}

export async function sourcePdfBytes(docs: readonly PreparedDocument[]): Promise<number> {
  const files = new Set(
    docs
      .flatMap((d) => d.pages)
      .filter((p) => p.type === 'pdf')
      .map((p) => p.file),
  );
  let total = 0;
  for (const f of files) total += (await stat(f)).size;
  return total;
}

/**
 * Each photo's JPEG within its share of the budget: the prepared JPEG when it fits, else re-encoded from it
 * at a lower quality or size (never below MIN_PHOTO_DPI). Shares split `maxBytes` in proportion to pixels,
 * after what the source PDFs and the fixed overhead take.
 */
export async function encodeWithinBudget(
  docs: readonly PreparedDocument[],
  maxBytes: number,
  pdfBytes: number,
): Promise<Map<PreparedPage, Buffer>> {
  const budgets = photoBudgets(docs, maxBytes, pdfBytes);
  const photos = [...budgets.keys()];
  const minScale = MIN_PHOTO_DPI / PHOTO_DPI;
  const encoded = await mapLimit(photos, PARALLEL_PHOTOS, async (p) => {
    if (p.type !== 'photo') return Buffer.alloc(0);
    const share = budgets.get(p)!;
    if (p.jpeg.length <= share) return p.jpeg;
    const { data, info } = await sharp(p.jpeg).raw().toBuffer({ resolveWithObject: true });
    return (
      await fitJpeg(
        { data, width: info.width, height: info.height, channels: info.channels },
        share,
        minScale,
      )
    ).jpeg;
  });
  return new Map(photos.map((p, i) => [p, encoded[i]!]));
}

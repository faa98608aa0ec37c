// exportClaimBundle: one PDF a reviewer reads top to bottom (cover, checklist, pledge, every document in
// checklist order with bookmarks and running headers), optionally with upload-ready JPEGs, written
// atomically. Slow work (decoding and re-encoding photos) runs two at a time on the two-core desks we
// target; everything is prepared first, then laid out, then written under temp names and renamed.
import { createHash } from 'node:crypto';
import { mkdir, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import sharp from 'sharp';
import { PDFDocument, type PDFEmbeddedPage, type PDFImage, type PDFPage } from 'pdf-lib';
import { ClaimDeskError, describeFsError } from '../errors';
import { sniffFile } from '../files/sniff';
import { assertWritableFolder, commitTempFiles, discardTempFiles, writeTempBeside } from './atomic';
import { embedCjkFonts } from './font';
import { A4, CONTENT_BOX } from './layout';
import { DOCUMENT_KIND_LABELS, kindLabel } from '../../../shared/domain';
import { addOutline, type OutlineItem } from './outline';
import {
  checklistPageCount,
  drawChecklist,
  drawCover,
  drawPledge,
  drawSourcesAppendix,
  sourcesAppendixPageCount,
  drawRunningHeader,
  summarizeVerdict,
  type DocumentLocation,
} from './pages';
import { loadSourcePdf, openPdfPageRenderer } from './pdf-source';
import {
  MAX_JPEG_QUALITY,
  encodeJpeg,
  fitJpeg,
  openOrientedSource,
  renderPageRaster,
  type UprightTurn,
  trustedCorners,
  type OrientedSource,
} from './photo';
import {
  DEFAULT_MAX_BUNDLE_BYTES,
  DEFAULT_MAX_IMAGE_BYTES,
  DEFAULT_MAX_IMAGE_LONG_SIDE,
  type BundleDocument,
  type BundleInput,
  type BundleOptions,
  type BundleResult,
  type BundledDocumentPages,
} from './types';
import type { Pt, RawImage } from './warp';

/** Photos are prepared at this resolution for the A4 content box (legible print, not more pixels than that). */
export const PHOTO_DPI = 150;
export const MIN_PHOTO_DPI = 150;
/** Upload images of PDF pages are rendered at this resolution before fitting the per-image budget. */
const PDF_RASTER_DPI = 200;
/** Fonts, text pages and PDF structure: what a bundle costs before its photos. */
const FIXED_OVERHEAD_BYTES = 160 * 1024;
const PARALLEL_PHOTOS = 2;

type PreparedPage =
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

interface PreparedDocument {
  index: number;
  ordinal: number;
  doc: BundleDocument;
  pages: PreparedPage[];
}

async function mapLimit<T, R>(
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

/** Documents in checklist order: those satisfying the first requirement first; unmatched ones at the end. */
export function orderDocuments(input: BundleInput): number[] {
  const order: number[] = [];
  const seen = new Set<number>();
  for (const i of input.order ?? []) {
    if (Number.isInteger(i) && i >= 0 && i < input.documents.length && !seen.has(i)) {
      seen.add(i);
      order.push(i);
    }
  }
  for (const r of input.evaluation.requirements) {
    for (const i of r.documents ?? []) {
      if (i >= 0 && i < input.documents.length && !seen.has(i)) {
        seen.add(i);
        order.push(i);
      }
    }
  }
  input.documents.forEach((_d, i) => {
    if (!seen.has(i)) order.push(i);
  });
  return order;
}

/** A short, stable reference for the claim: the same claim gives the same reference on every export. */
export function claimReference(input: BundleInput): string {
  const claim = input.claim;
  const { claimant } = claim;
  const key = [
    claimant.idNumber,
    claim.hospital,
    claim.admissionDate ?? claim.visitDate ?? '',
    claim.dischargeDate ?? '',
  ].join('|');
  const hash = createHash('sha256').update(key).digest('hex').slice(0, 6).toUpperCase();
  const day = (claim.dischargeDate ?? claim.visitDate ?? claim.admissionDate ?? input.today).replaceAll(
    '-',
    '',
  );
  return `CD-${day}-${hash}`;
}

const pxAt = (pt: number, dpi: number): number => Math.round((pt / 72) * dpi);

async function prepareDocuments(
  input: BundleInput,
  order: readonly number[],
  onProgress: BundleOptions['onProgress'],
): Promise<PreparedDocument[]> {
  const jobs = order.flatMap((index) =>
    input.documents[index]!.files.map((file, page) => ({ index, file, page })),
  );
  let done = 0;
  const prepared = await mapLimit(jobs, PARALLEL_PHOTOS, async ({ index, file, page }) => {
    const pages = await prepareFile(file).catch((err: unknown) => {
      throw paperFault(input, index, page, err);
    });
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

/**
 * A page that cannot be opened stops the export: the person is told which paper it is, as the claim lists
 * it (诊断证明第 1 页“诊断证明.jpg”), and what to do, never the stored file's path.
 */
function paperFault(input: BundleInput, index: number, page: number, err: unknown): unknown {
  if (!(err instanceof ClaimDeskError) || !UNREADABLE_CODES.has(err.code)) return err;
  const doc = input.documents[index]!;
  const file = doc.files[page]!;
  const sameKind = input.documents.filter((d) => d.kind === doc.kind);
  const which =
    sameKind.length > 1 ? `第 ${sameKind.indexOf(doc) + 1} 份${kindLabel(doc.kind)}` : kindLabel(doc.kind);
  const name = file.name ?? basename(file.path);
  return new ClaimDeskError(
    'file_unreadable',
    `${which}第 ${page + 1} 页“${name}”打不开（文件已损坏或不完整），没有导出 PDF。请在报销单里把这一页换成新拍的照片（拖到这一页上）后再导出`,
    `page ${page + 1} of ${DOCUMENT_KIND_LABELS[doc.kind].en} "${name}" cannot be opened (damaged or incomplete); no PDF was made. Replace that page, then export again`,
    { field: `documents[${index}].files[${page}]`, cause: err },
  );
}

const UNREADABLE_CODES = new Set(['file_unreadable', 'unsupported_file', 'file_missing', 'file_too_large']);

async function prepareFile(file: BundleDocument['files'][number]): Promise<PreparedPage[]> {
  const mime = await sniffFile(file.path);
  if (mime === 'application/pdf') {
    const pdf = await loadSourcePdf(file.path);
    return pdf.getPageIndices().map((pageIndex) => ({ type: 'pdf', file: file.path, pdf, pageIndex }));
  }
  const source = await openOrientedSource(file.path);
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

async function sourcePdfBytes(docs: readonly PreparedDocument[]): Promise<number> {
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

interface LaidOut {
  bytes: Uint8Array;
  pageCount: number;
  documents: BundledDocumentPages[];
}

async function layOutBundle(
  input: BundleInput,
  docs: readonly PreparedDocument[],
  jpegs: ReadonlyMap<PreparedPage, Buffer>,
  producer: string,
): Promise<LaidOut> {
  const pdf = await PDFDocument.create();
  const fonts = await embedCjkFonts(pdf);
  const reference = input.reference ?? claimReference(input);
  const verdict = summarizeVerdict(input);

  // Page numbers of documents depend on how long the checklist is, which depends on the page numbers it
  // prints: iterate until the checklist length is stable (it settles on the first or second pass).
  const docPageCount = docs.reduce((s, d) => s + d.pages.length, 0);
  let checklistPages = 1;
  let locations = new Map<number, DocumentLocation>();
  for (let pass = 0; pass < 4; pass++) {
    let next = 1 + checklistPages + 1 + 1;
    locations = new Map(
      docs.map((d) => {
        const loc = {
          ordinal: d.ordinal,
          kind: d.doc.kind,
          firstPage: next,
          lastPage: next + d.pages.length - 1,
          photoFailed: d.doc.files.some((f) => f.quality?.verdict === 'fail'),
        };
        next += d.pages.length;
        return [d.index, loc];
      }),
    );
    const measured = checklistPageCount(fonts, input, {
      documents: locations,
      pledgePage: 1 + checklistPages + 1,
    });
    if (measured === checklistPages) break;
    checklistPages = measured;
  }
  const appendixPages = sourcesAppendixPageCount(fonts, input);
  const pageCount = 1 + checklistPages + 1 + docPageCount + appendixPages;

  const cover = drawCover(pdf, fonts, input, {
    reference,
    verdict,
    docCount: docs.length,
    pageCount,
    contents: docs.map((d) => locations.get(d.index)!),
  });
  const checklist = drawChecklist(pdf, fonts, input, {
    documents: locations,
    pledgePage: 1 + checklistPages + 1,
  });
  const pledge = drawPledge(pdf, fonts, input);
  const labels: string[] = [
    '封面',
    ...checklist.map((_p, i) => (i === 0 ? '材料清单' : `材料清单（续 ${i + 1}）`)),
    '诚信承诺书（请签名）',
  ];

  // Embed each source PDF's pages once per document.
  const embedded = new Map<PreparedPage, PDFEmbeddedPage>();
  for (const d of docs) {
    const byPdf = new Map<PDFDocument, Array<PreparedPage & { type: 'pdf' }>>();
    for (const p of d.pages) if (p.type === 'pdf') byPdf.set(p.pdf, [...(byPdf.get(p.pdf) ?? []), p]);
    for (const [src, pages] of byPdf) {
      const list = await pdf.embedPdf(
        src,
        pages.map((p) => p.pageIndex),
      );
      pages.forEach((p, i) => embedded.set(p, list[i]!));
    }
  }

  const images = new Map<PreparedPage, PDFImage>();
  for (const [p, jpeg] of jpegs) images.set(p, await pdf.embedJpg(jpeg));

  const outlineDocs: OutlineItem[] = [];
  const bundled: BundledDocumentPages[] = [];
  for (const d of docs) {
    let firstPage: PDFPage | undefined;
    d.pages.forEach((p, i) => {
      const page = pdf.addPage([A4.width, A4.height]);
      firstPage ??= page;
      const box = CONTENT_BOX;
      if (p.type === 'photo') {
        const img = images.get(p)!;
        const natural = { w: (img.width / PHOTO_DPI) * 72, h: (img.height / PHOTO_DPI) * 72 };
        const scale = Math.min(box.width / natural.w, box.height / natural.h, 1);
        const w = natural.w * scale;
        const h = natural.h * scale;
        page.drawImage(img, {
          x: box.x + (box.width - w) / 2,
          y: box.y + (box.height - h) / 2,
          width: w,
          height: h,
        });
      } else {
        const emb = embedded.get(p)!;
        const scale = Math.min(box.width / emb.width, box.height / emb.height, 1);
        const w = emb.width * scale;
        const h = emb.height * scale;
        page.drawPage(emb, {
          x: box.x + (box.width - w) / 2,
          y: box.y + box.height - h,
          width: w,
          height: h,
        });
      }
      labels.push(`材料 ${d.ordinal}/${docs.length} · ${kindLabel(d.doc.kind)} · 第${i + 1}页`);
    });
    const loc = locations.get(d.index)!;
    bundled.push({
      index: d.index,
      ordinal: d.ordinal,
      kind: d.doc.kind,
      firstPage: loc.firstPage,
      lastPage: loc.lastPage,
      straightened: d.pages.filter((p) => p.type === 'photo' && p.straightened).length,
    });
    const pagesOfDoc = d.pages.length > 1 ? `（${d.pages.length} 页）` : '';
    outlineDocs.push({
      title: `材料 ${d.ordinal} · ${kindLabel(d.doc.kind)}${pagesOfDoc}`,
      page: firstPage!,
    });
  }

  // Policy sources at the very end: the reviewer's checklist stays about the papers.
  const appendix = drawSourcesAppendix(pdf, fonts, input);
  appendix.forEach((_p, i) => labels.push(i === 0 ? '附录：政策依据' : `附录：政策依据（续 ${i + 1}）`));

  const claim = input.claim;
  const { claimant } = claim;
  pdf.getPages().forEach((page, i) => {
    drawRunningHeader(page, fonts, {
      reference,
      claimantName: claimant.name,
      hospital: claim.hospital,
      label: labels[i] ?? '',
      pageNo: i + 1,
      pageCount,
    });
  });

  const outline: OutlineItem[] = [
    { title: '封面', page: cover },
    { title: '材料清单', page: checklist[0]! },
    { title: '诚信承诺书', page: pledge },
  ];
  if (outlineDocs.length)
    outline.push({
      title: `申报材料（${docs.length} 份）`,
      page: outlineDocs[0]!.page,
      children: outlineDocs,
    });
  outline.push({ title: '附录：政策依据', page: appendix[0]! });
  addOutline(pdf, outline);

  const title = `医保报销材料 · ${claimant.name} · ${claim.hospital}`;
  pdf.setTitle(title, { showInWindowTitleBar: true });
  pdf.setSubject(`${reference} 医保手工报销申请材料包`);
  pdf.setAuthor(input.claim.applicant.relation === 'self' ? claimant.name : input.claim.applicant.name);
  pdf.setKeywords(['医保', '报销', reference]);
  pdf.setCreator('ClaimDesk 报销材料助手');
  pdf.setProducer(producer);
  pdf.setLanguage('zh-CN');
  const made = new Date(`${input.today}T00:00:00Z`);
  if (!Number.isNaN(made.getTime())) {
    pdf.setCreationDate(made);
    pdf.setModificationDate(made);
  }
  const bytes = await pdf.save({ useObjectStreams: true });
  return { bytes, pageCount, documents: bundled };
}

function uploadImageName(d: PreparedDocument, pageNo: number): string {
  const label = kindLabel(d.doc.kind).replace(/[\\/:*?"<>|]/g, '-');
  return `${String(d.ordinal).padStart(2, '0')}-${label}-${pageNo}.jpg`;
}

async function renderUploadImages(
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

export async function exportClaimBundle(input: BundleInput, options: BundleOptions): Promise<BundleResult> {
  const started = performance.now();
  const out = resolve(options.out);
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BUNDLE_BYTES;
  const warnings: string[] = [];
  if (!(maxBytes > 0))
    throw new ClaimDeskError('invalid_input', '材料包大小上限必须大于 0', 'max size must be positive', {
      field: 'maxMb',
    });
  await assertWritableFolder(dirname(out));
  const imagesDir = options.imagesDir ? resolve(options.imagesDir) : undefined;
  if (imagesDir) {
    try {
      await mkdir(imagesDir, { recursive: true });
    } catch (err) {
      throw describeFsError(err, imagesDir, { zh: '创建图片文件夹', en: 'create the images folder' });
    }
    await assertWritableFolder(imagesDir);
  }

  const timings: Record<string, number> = {};
  let lap = performance.now();
  const time = (phase: string) => {
    const now = performance.now();
    timings[phase] = Math.round((timings[phase] ?? 0) + now - lap);
    lap = now;
  };
  const order = orderDocuments(input);
  const docs = await prepareDocuments(input, order, options.onProgress);
  time('decode');
  const pdfBytes = await sourcePdfBytes(docs);
  const producer = options.producer ?? 'ClaimDesk';

  // Encode photos within their share of the budget; if the finished PDF still overshoots (the overhead
  // estimate was low), shrink every share by the overshoot and encode again, at most twice.
  let budgetScale = 1;
  let laid: LaidOut | undefined;
  const minScale = MIN_PHOTO_DPI / PHOTO_DPI;
  for (let attempt = 0; attempt < 3; attempt++) {
    const budgets = photoBudgets(docs, maxBytes * budgetScale, pdfBytes);
    const photos = [...budgets.keys()];
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
    const jpegs = new Map(photos.map((p, i) => [p, encoded[i]!]));
    time('encode');
    laid = await layOutBundle(input, docs, jpegs, producer);
    time('layout');
    if (laid.bytes.length <= maxBytes) break;
    budgetScale *= (maxBytes / laid.bytes.length) * 0.97;
  }
  if (!laid) throw new Error('unreachable');
  if (laid.bytes.length > maxBytes) {
    warnings.push(
      `材料包 ${(laid.bytes.length / 1048576).toFixed(1)} MB，超过上限 ${(maxBytes / 1048576).toFixed(1)} MB：照片已降到 ${MIN_PHOTO_DPI} dpi 仍放不下，请减少页数或提高上限`,
    );
  }

  const uploads = imagesDir
    ? await renderUploadImages(
        docs,
        options.imageMaxBytes ?? DEFAULT_MAX_IMAGE_BYTES,
        options.imageMaxLongSide ?? DEFAULT_MAX_IMAGE_LONG_SIDE,
        warnings,
      )
    : [];
  time('images');

  // Everything is ready in memory: write temp files, then rename them all.
  const pending: Array<{ temp: string; target: string }> = [];
  try {
    pending.push({ temp: await writeTempBeside(out, laid.bytes), target: out });
    for (const u of uploads) {
      const target = join(imagesDir!, u.name);
      pending.push({ temp: await writeTempBeside(target, u.jpeg), target });
    }
  } catch (err) {
    await discardTempFiles(pending.map((p) => p.temp));
    throw err;
  }
  await commitTempFiles(pending);
  time('write');

  return {
    output: out,
    bytes: laid.bytes.length,
    pages: laid.pageCount,
    documents: laid.documents,
    images: uploads.map((u) => join(imagesDir!, u.name)),
    warnings,
    elapsedMs: Math.round(performance.now() - started),
    timings,
  };
}

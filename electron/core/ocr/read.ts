// Reading one paper: OCR (or the PDF's own text), rows, the kind of paper, its fields. `readPage` takes
// decoded pixels (the page pipeline's `analysePage` hands its analysis raster here, so a photo is decoded
// once); `readPdf` reads a PDF's first page. The QR code is read and merged by analysePage (`mergeQr`), and
// `claimdesk read` goes through analysePage too (pages/reader.ts `readPaper`): one path for every page.
import { readFile as readBytes } from 'node:fs/promises';
import type { DocumentKind } from '../../../shared/domain';
import type { Fields, TextLine } from '../../../shared/fields';
import type { Region } from '../../../shared/quality';
import { ClaimDeskError } from '../errors';
import { loadSharp } from '../lazy';
import { renderPdfPage, type RenderedPdfPage } from '../pdf/render';
import type { ParsedInvoice } from '../invoices/parse';
import type { OcrImage, OcrSegment } from './engine';
import { ocrUpright, type UprightReading } from './orientation';
import { regionOnPhoto, type Turn } from '../../../shared/turn';
import { classifyPage } from './classify';
import { readFields } from './fields';
import { layoutPage, quadRegion, unionRegion, type Page } from './layout';
import type { Quad } from './geometry';

/** Scanned PDF pages are drawn at this resolution for OCR: 5 mm print is ~40 px high. */
const SCAN_DPI = 200;

export interface PageReading {
  kind: DocumentKind;
  /** How sure the classification is (1 when the kind was given). */
  kindConfidence: number;
  lines: TextLine[];
  fields: Fields;
  /** Fields whose label is printed but whose cell is blank (ocr/fields.ts readFields). */
  blank: string[];
  elapsedMs: number;
  /** The clockwise turn that made the page's text upright (0: read as taken). */
  upright: Turn;
}

export interface ReadOptions {
  /** The paper's kind when known (skips classification). */
  kind?: DocumentKind | undefined;
}

/** The words read, as one string without spaces: what a rule looking for 急诊 searches. */
export function plainText(parts: ReadonlyArray<{ text: string }>): string {
  return parts
    .map((p) => p.text)
    .join('')
    .replace(/\s+/g, '');
}

function linesOf(page: Page): TextLine[] {
  return page.rows.map((row) => {
    const conf =
      row.reduce((a, s) => a + s.confidence * s.text.length, 0) / row.reduce((a, s) => a + s.text.length, 0);
    return {
      text: row.map((s) => s.text).join(' '),
      confidence: Math.round(conf * 1000) / 1000,
      region: unionRegion(row.map((s) => quadRegion(s.quad, page.width, page.height))),
    };
  });
}

function finish(page: Page, options: ReadOptions, started: number): PageReading {
  const cls = options.kind ? { kind: options.kind, confidence: 1 } : classifyPage(page);
  const found = readFields(page, cls.kind);
  return {
    kind: cls.kind,
    kindConfidence: cls.confidence,
    lines: linesOf(page),
    fields: found.fields,
    blank: found.blank,
    elapsedMs: Math.round(performance.now() - started),
    upright: 0,
  };
}

/**
 * Reads decoded pixels (any size; interleaved grey or RGB), turned upright first when the page lies sideways
 * or upside down (ocr/orientation.ts); the regions of lines and fields are on the pixels as given.
 */
export async function readPage(image: OcrImage, options: ReadOptions = {}): Promise<PageReading> {
  const started = performance.now();
  return readUpright(await ocrUpright(image), options, started);
}

/**
 * What follows the OCR: rows, kind, fields, and the regions mapped back onto the photo as taken. Split from
 * readPage so a measuring script can keep the OCR of a photo and find its fields again after a change to
 * the field rules (scripts/ocr-corpus/ocr-cache.ts).
 */
export function readUpright(
  upright: UprightReading,
  options: ReadOptions = {},
  started = performance.now(),
): PageReading {
  const reading = finish(layoutPage(upright.segments, upright.width, upright.height), options, started);
  if (upright.rotation === 0) return reading;
  reading.upright = upright.rotation;
  const back = (r: Region): Region => regionOnPhoto(r, upright.rotation);
  for (const line of reading.lines) line.region = back(line.region);
  for (const f of Object.values(reading.fields)) if (f.region) f.region = back(f.region);
  return reading;
}

/**
 * An invoice's QR code, when it names the invoice (财政电子票据, VAT, 数电), gives exact values: they become
 * the fields (source `qr`), keeping the printed field's box. Where the printed text agrees, the reading is
 * certain; where it disagrees, the QR wins (it is the issuer's own data) at a lower confidence, so a check
 * consuming it warns rather than errs.
 */
export function mergeQr(fields: Fields, inv: ParsedInvoice): Fields {
  if (inv.format === 'raw') return fields;
  const out: Fields = { ...fields };
  const put = (name: string, value: string | number | null): void => {
    if (value === null) return;
    const printed = fields[name];
    const agrees = printed !== undefined && printed.value === value;
    out[name] = {
      value,
      confidence: agrees || printed === undefined ? 0.99 : 0.9,
      ...(printed?.region ? { region: printed.region } : {}),
      source: 'qr',
    };
  };
  put('invoiceCode', inv.code);
  put('invoiceNumber', inv.number);
  put('checkCode', inv.checkCode);
  put('totalAmount', inv.amount);
  put('issueDate', inv.issueDate);
  return out;
}

/** Text the PDF carries on its first page, as boxes (null when the page has no text: a scan). */
async function pdfSegments(
  path: string,
): Promise<{ segments: OcrSegment[]; width: number; height: number } | null> {
  const { getDocumentProxy } = await import('unpdf');
  const pdf = await getDocumentProxy(new Uint8Array(await readBytes(path)), {
    isEvalSupported: false,
    stopAtErrors: false,
    verbosity: 0,
  });
  try {
    const page = await pdf.getPage(1);
    const vp = page.getViewport({ scale: 1 });
    const content = await page.getTextContent();
    const segments: OcrSegment[] = [];
    for (const item of content.items) {
      if (!('str' in item) || !item.str.trim()) continue;
      const [a, b, , , e, f] = item.transform as number[];
      const size = Math.hypot(a!, b!) || item.height;
      const x0 = e!;
      const y0 = vp.height - f! - size * 0.85;
      const w = item.width || size * item.str.length;
      const quad: Quad = [
        [x0, y0],
        [x0 + w, y0],
        [x0 + w, y0 + size * 1.1],
        [x0, y0 + size * 1.1],
      ];
      const chars = [...item.str];
      segments.push({
        text: item.str,
        confidence: 1,
        quad,
        charPos: chars.map((_, i) => (i + 0.5) / chars.length),
        charConf: chars.map(() => 1),
      });
    }
    return segments.length ? { segments, width: vp.width, height: vp.height } : null;
  } finally {
    await pdf.destroy();
  }
}

/**
 * Reads a PDF's first page: from its text when it has some (source `pdf_text`, no OCR); a scan is rendered
 * in-process (PDF.js on a Skia canvas) at 200 dpi and OCR'd.
 */
export async function readPdf(path: string, options: ReadOptions = {}): Promise<PageReading> {
  const started = performance.now();
  const text = await pdfSegments(path).catch(() => null);
  if (text) {
    const reading = finish(layoutPage(text.segments, text.width, text.height), options, started);
    for (const f of Object.values(reading.fields)) f.source = 'pdf_text';
    return reading;
  }
  let page: RenderedPdfPage;
  try {
    page = await renderPdfPage(path, 0, SCAN_DPI);
  } catch (cause) {
    throw new ClaimDeskError(
      'file_unreadable',
      `这份 PDF 无法打开，无法识别：${path}。请重新导出或改为上传照片`,
      `cannot render the PDF for OCR: ${path}`,
      { field: path, cause },
    );
  }
  const rgb = await (
    await loadSharp()
  )(page.data, {
    raw: { width: page.width, height: page.height, channels: 4 },
  })
    .removeAlpha()
    .raw()
    .toBuffer();
  const reading = await readPage({ data: rgb, width: page.width, height: page.height, channels: 3 }, options);
  reading.elapsedMs = Math.round(performance.now() - started);
  return reading;
}

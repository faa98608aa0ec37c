// PDF pages to pixels inside the process: PDF.js (pdfjs-dist, legacy Node build) drawing on a Skia canvas
// (@napi-rs/canvas, whose prebuilt binary ships in an npm package per platform). A Windows or macOS user
// has no poppler/MuPDF, and upload images, thumbnails, vector QR codes and OCR of scanned PDFs all need
// pixels. Character maps (CJK fonts that are not embedded), the 14 standard fonts and the image decoders'
// wasm are read from pdfjs-dist's own folders on disk, never fetched.
import type * as NapiCanvasModule from '@napi-rs/canvas';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import type * as PdfJsModule from 'pdfjs-dist/legacy/build/pdf.mjs';
import { ClaimDeskError, describeFsError } from '../errors';
import { cjkFontPath } from '../paths';

type PdfJs = typeof PdfJsModule;
type PdfDocumentProxy = Awaited<ReturnType<PdfJs['getDocument']>['promise']>;
type NapiCanvas = typeof NapiCanvasModule;
type RenderParameters = Parameters<Awaited<ReturnType<PdfDocumentProxy['getPage']>>['render']>[0];

export type PdfSource = string | Uint8Array;

export interface RenderedPdfPage {
  /** RGBA, 8 bits a channel, rows top to bottom, opaque (drawn on white like paper). */
  data: Buffer;
  width: number;
  height: number;
  channels: 4;
  /** The resolution actually used: lower than asked when the page would exceed `maxPixels`. */
  dpi: number;
  /** Zero-based. */
  pageIndex: number;
}

export interface RenderOptions {
  /** Upper bound on width × height; the dpi is lowered to fit (a poster-size page at 300 dpi is 140 MP). */
  maxPixels?: number;
}

/** 40 MP of RGBA is 160 MB: the most one page may take, beyond any upload or OCR need (A3 at 400 dpi). */
export const DEFAULT_MAX_RENDER_PIXELS = 40_000_000;
/** PDF user space is 1/72 inch. */
const PDF_POINTS_PER_INCH = 72;

interface Engine {
  pdfjs: PdfJs;
  canvas: NapiCanvas;
  assets: { cMapUrl: string; standardFontDataUrl: string; wasmUrl: string; iccUrl: string };
}

let engine: Promise<Engine> | undefined;

/** Loads PDF.js and the canvas once; the worker code runs in this thread (no worker file to locate). */
function loadEngine(): Promise<Engine> {
  engine ??= (async () => {
    const require = createRequire(import.meta.url);
    const root = dirname(require.resolve('pdfjs-dist/package.json'));
    // PDF.js in Node runs its "worker" in-thread; handing it the module up front avoids its own lookup
    // of ./pdf.worker.mjs by URL, which differs between the CLI, the tests and the packaged app.
    const g = globalThis as { pdfjsWorker?: unknown };
    g.pdfjsWorker ??= await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const canvas = await import('@napi-rs/canvas');
    // A font a PDF names but does not embed (常见: STSong-Light / SimSun in government-issued PDFs) is
    // drawn with the canvas's generic family, which has no hanzi in Skia's own font set: every character
    // would be a box. The bundle's Noto Sans SC answers for all generic families instead, on every PC.
    for (const weight of ['regular', 'bold'] as const) {
      for (const family of ['sans-serif', 'serif', 'monospace'])
        canvas.GlobalFonts.registerFromPath(cjkFontPath(weight), family);
    }
    // PDF.js's Node file readers take plain paths ending in a separator.
    const dir = (name: string) => join(root, name) + sep;
    return {
      pdfjs,
      canvas,
      assets: {
        cMapUrl: dir('cmaps'),
        standardFontDataUrl: dir('standard_fonts'),
        wasmUrl: dir('wasm'),
        iccUrl: dir('iccs'),
      },
    };
  })();
  engine.catch(() => (engine = undefined));
  return engine;
}

function describeSource(src: PdfSource): string {
  return typeof src === 'string' ? src : 'PDF';
}

/** An open PDF whose pages can be rendered one by one; `close()` frees PDF.js's caches. */
export interface RenderablePdf {
  readonly pageCount: number;
  renderPage(pageIndex: number, dpi: number, options?: RenderOptions): Promise<RenderedPdfPage>;
  close(): Promise<void>;
}

export async function openPdfForRendering(src: PdfSource): Promise<RenderablePdf> {
  const name = describeSource(src);
  let bytes: Uint8Array;
  if (typeof src === 'string') {
    try {
      // PDF.js takes ownership of (detaches) the buffer it is given, so it always gets its own copy.
      bytes = new Uint8Array(await readFile(src));
    } catch (err) {
      throw describeFsError(err, src, { zh: '读取 PDF', en: 'read the PDF' });
    }
  } else {
    bytes = new Uint8Array(src); // a copy (Buffer#slice would share memory), and a plain Uint8Array
  }
  const { pdfjs, canvas, assets } = await loadEngine();
  let doc: PdfDocumentProxy;
  try {
    doc = await pdfjs.getDocument({
      data: bytes,
      ...assets,
      isEvalSupported: false,
      // No fonts from the system: a page looks the same on every PC (and in the tests).
      useSystemFonts: false,
      stopAtErrors: false,
      verbosity: pdfjs.VerbosityLevel.ERRORS,
    }).promise;
  } catch (err) {
    const encrypted = (err as Error)?.name === 'PasswordException';
    throw new ClaimDeskError(
      'file_unreadable',
      encrypted
        ? `PDF 设有打开密码，无法显示：${name}。请导出一份未加密的 PDF`
        : `无法读取 PDF（文件可能已损坏）：${name}`,
      encrypted ? `PDF needs a password: ${name}` : `cannot parse PDF (corrupt?): ${name}`,
      { field: typeof src === 'string' ? src : undefined, cause: err },
    );
  }

  return {
    pageCount: doc.numPages,
    async renderPage(pageIndex, dpi, options = {}) {
      if (!Number.isInteger(pageIndex) || pageIndex < 0 || pageIndex >= doc.numPages) {
        throw new ClaimDeskError(
          'invalid_input',
          `PDF 只有 ${doc.numPages} 页，没有第 ${pageIndex + 1} 页：${name}`,
          `page index ${pageIndex} out of range (0..${doc.numPages - 1}): ${name}`,
        );
      }
      if (!(dpi > 0) || !Number.isFinite(dpi)) {
        throw new ClaimDeskError('invalid_input', '渲染分辨率必须大于 0', `dpi must be positive: ${dpi}`);
      }
      const maxPixels = options.maxPixels ?? DEFAULT_MAX_RENDER_PIXELS;
      const page = await doc.getPage(pageIndex + 1);
      try {
        const base = page.getViewport({ scale: 1 });
        let scale = dpi / PDF_POINTS_PER_INCH;
        const area = base.width * scale * base.height * scale;
        if (area > maxPixels) scale *= Math.sqrt(maxPixels / area);
        // Rounded up, as pdftoppm does, so both give the same size for the same page and dpi.
        const sizeAt = (s: number) =>
          [base.width * s, base.height * s].map((v) => Math.max(1, Math.ceil(v - 1e-6)));
        while (scale > 1e-3 && sizeAt(scale)[0]! * sizeAt(scale)[1]! > maxPixels) scale *= 0.995;
        const viewport = page.getViewport({ scale });
        const [width, height] = sizeAt(scale) as [number, number];
        const surface = canvas.createCanvas(width, height);
        const ctx = surface.getContext('2d');
        ctx.fillStyle = '#ffffff';
        ctx.fillRect(0, 0, width, height);
        try {
          await page.render({
            // The Skia canvas implements the parts of the DOM canvas PDF.js draws with.
            canvas: surface as unknown as RenderParameters['canvas'],
            canvasContext: ctx as unknown as RenderParameters['canvasContext'],
            viewport,
          }).promise;
        } catch (err) {
          throw new ClaimDeskError(
            'file_unreadable',
            `PDF 第 ${pageIndex + 1} 页无法显示（文件可能已损坏）：${name}`,
            `rendering page ${pageIndex + 1} failed: ${name}: ${(err as Error).message}`,
            { field: typeof src === 'string' ? src : undefined, cause: err },
          );
        }
        const pixels = ctx.getImageData(0, 0, width, height).data;
        return {
          data: Buffer.from(pixels.buffer, pixels.byteOffset, pixels.byteLength),
          width,
          height,
          channels: 4,
          dpi: scale * PDF_POINTS_PER_INCH,
          pageIndex,
        };
      } finally {
        page.cleanup();
      }
    },
    async close() {
      await doc.destroy();
    },
  };
}

/** Renders page `pageIndex` (zero-based) of a PDF file or bytes at `dpi` to RGBA pixels. */
export async function renderPdfPage(
  src: PdfSource,
  pageIndex: number,
  dpi: number,
  options?: RenderOptions,
): Promise<RenderedPdfPage> {
  const pdf = await openPdfForRendering(src);
  try {
    return await pdf.renderPage(pageIndex, dpi, options);
  } finally {
    await pdf.close();
  }
}

/** Renders every page (or the first `maxPages`) in order, one page in memory at a time per call. */
export async function renderPdfPages(
  src: PdfSource,
  dpi: number,
  onPage: (page: RenderedPdfPage) => Promise<void> | void,
  options: RenderOptions & { maxPages?: number } = {},
): Promise<number> {
  const pdf = await openPdfForRendering(src);
  try {
    const n = Math.min(pdf.pageCount, options.maxPages ?? Infinity);
    for (let i = 0; i < n; i++) await onPage(await pdf.renderPage(i, dpi, options));
    return pdf.pageCount;
  } finally {
    await pdf.close();
  }
}

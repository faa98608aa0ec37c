// `analysePage`: the one place a page's file is opened and looked at. Import, replace, `claimdesk check`,
// `claimdesk import`, the manifest path of `evaluate`/`bundle` and the app's check worker all call it; what
// it finds is kept as typed page facts (shared/page-facts.ts) with the page, and nothing later decodes the
// photo again to learn something about it. See docs/architecture.md, "The walk of one page".
//
// Per image page: the type is sniffed once (or given by the caller who already sniffed it), the bytes are
// hashed once (or the hash is given: the file store hashes while copying), the pixels are decoded once at
// analysis resolution, and every check, the fingerprint and the QR reader work on that one raster.
import { basename } from 'node:path';
import type { DocumentKind } from '../../../shared/domain';
import type { TextLine, Fields } from '../../../shared/fields';
import {
  PAGE_FACTS_VERSION,
  type InvoiceQr,
  type PageFacts,
  type PageMetrics,
  type PageQuality,
} from '../../../shared/page-facts';
import { type Finding, verdictOf } from '../../../shared/quality';
import { ClaimDeskError } from '../errors';
import { isDirectory, isEmptyFile, sniffFile, type SupportedMime } from '../files/sniff';
import { sha256OfFile } from '../files/store';
import { parseInvoicePayload } from '../invoices/parse';
import { decodeQrInPdf } from '../invoices/pdf-qr';
import { decodeQrInGrey } from '../invoices/qr';
import {
  analyse,
  DEFAULT_SEAL_KINDS,
  fingerprintOf,
  isSamePicture,
  MSG,
  type Fingerprint,
} from '../quality/checks';
import { decodeImage, isUnreadableFileError } from '../quality/decode';
import { inspectPdf } from '../quality/pdf';
import { loadRaster, type Raster } from '../quality/raster';
import { mergeQr } from '../ocr/read';

/** One file to analyse. Callers pass what they already know so it is not found out twice. */
export interface PageInput {
  path: string;
  /** The file's sha256 when known (the file store computes it while copying). */
  sha256?: string | undefined;
  /** The sniffed type when known (import sniffs every file before storing any). */
  mime?: SupportedMime | undefined;
  kind?: DocumentKind | string | undefined;
  /** Name to report as the quality report's `file` (default: the path as given). */
  displayName?: string | undefined;
}

/** What a reader (OCR, PDF text) found on a page, to keep in its facts; every part optional. */
export interface ReadFacts {
  text?: string | null;
  lines?: TextLine[];
  fields?: Fields;
  /** Fields whose label is printed but whose cell is blank (a masked name): absent, and said so. */
  blankFields?: string[];
  /** The kind of paper found from its print, when the page came without a kind. */
  kind?: DocumentKind;
  kindConfidence?: number;
  /** The clockwise turn that made the text upright (0 or absent: read as taken). */
  upright?: 0 | 90 | 180 | 270;
}

/**
 * The hook for reading text and fields off a page. It gets the page already decoded (`raster` is the
 * analysis raster of a photo, null for a PDF or an unreadable file), so a reader adds no decode of its own.
 */
export type PageReader = (page: {
  path: string;
  mime: SupportedMime;
  kind: string | undefined;
  raster: Raster | null;
}) => Promise<ReadFacts | null>;

export interface AnalyseOptions {
  /** Run the photo checks (default true); `claimdesk import --no-check` switches them off. */
  checks?: boolean | undefined;
  /** Force the seal check on or off; default: whether the kind is in `sealKinds`. */
  sealRequired?: boolean | undefined;
  /** Kinds that need a seal (from the rule data); default DEFAULT_SEAL_KINDS. */
  sealKinds?: readonly string[] | undefined;
  /** Look for a QR code (default: on invoice pages only). */
  readQr?: boolean | undefined;
  /** Reads text/fields off the page; none by default. */
  reader?: PageReader | undefined;
}

/** The facts to store, and the page's fine detail for same-picture checks within one batch (not stored). */
export interface AnalysedPage {
  facts: PageFacts;
  detail: Int8Array | null;
  /** Why the file could not be read, when it could not (also an `unreadable_file` finding when checked). */
  unreadable: ClaimDeskError | null;
}

/** A function that analyses one page: analysePage itself, or the app's worker-thread proxy of it. */
export type PageAnalyser = (input: PageInput, options?: AnalyseOptions) => Promise<PageFacts>;

const NOT_FOR_PDF = [
  'low_resolution',
  'blurry',
  'glare',
  'too_dark',
  'overexposed',
  'incomplete_page',
  'seal_missing',
];
const PDF_NOTE =
  'PDF 电子票据：已确认文件可以打开并统计页数；清晰度、反光、曝光、四角和印章检查只适用于照片，未对 PDF 执行';

function sealNeeded(kind: string | undefined, options: AnalyseOptions): boolean {
  if (options.sealRequired !== undefined) return options.sealRequired;
  if (!kind) return false;
  return (options.sealKinds ?? DEFAULT_SEAL_KINDS).includes(kind);
}

function invoiceOf(payload: string | null): InvoiceQr | null {
  return payload === null ? null : parseInvoicePayload(payload);
}

/**
 * Analyses one page. Never throws for a bad file: that becomes an `unreadable_file` finding (and facts with
 * what could be learned). Throws only for program faults.
 */
export async function analysePage(input: PageInput, options: AnalyseOptions = {}): Promise<AnalysedPage> {
  const started = performance.now();
  const path = input.path;
  // A page that came without a kind takes the kind its reader found (a dropped stack of papers): the seal
  // check, the QR code and the fields then follow that kind.
  let kind = input.kind;
  const checks = options.checks ?? true;
  const readQrOf = (k: string | undefined): boolean => options.readQr ?? k === 'invoice';
  let mime: SupportedMime | null = input.mime ?? null;
  let sha256: string | null = input.sha256 ?? null;
  let phash: string | null = null;
  let detail: Int8Array | null = null;
  let qr: PageFacts['qr'] = null;
  let reading: ReadFacts | null = null;
  let unreadable: ClaimDeskError | null = null;

  const quality = (findings: Finding[], metrics: PageMetrics): PageQuality => ({
    file: input.displayName ?? path,
    ...(kind ? { kind } : {}),
    verdict: verdictOf(findings),
    findings,
    metrics,
    elapsedMs: Math.round(performance.now() - started),
  });
  const facts = (report: PageQuality | null): AnalysedPage => ({
    facts: {
      version: PAGE_FACTS_VERSION,
      mime,
      quality: checks ? report : null,
      fingerprint: { sha256, phash },
      qr,
      ...(reading?.text !== undefined ? { text: reading.text } : {}),
      ...(reading?.lines ? { lines: reading.lines } : {}),
      ...(reading?.fields ? { fields: withQr(reading.fields) } : {}),
      ...(reading?.blankFields?.length ? { blankFields: reading.blankFields } : {}),
      ...(reading?.upright ? { upright: reading.upright } : {}),
      ...(reading?.kind && !input.kind
        ? { readKind: { kind: reading.kind, confidence: reading.kindConfidence ?? 0 } }
        : {}),
    },
    detail,
    unreadable,
  });
  // The invoice's QR code gives its code, number, amount and date exactly: one merge for every path
  // (import, replace, `claimdesk read`).
  const withQr = (fields: Fields): Fields =>
    kind === 'invoice' && qr?.invoice ? mergeQr(fields, qr.invoice) : fields;
  const read = async (raster: Raster | null, m: SupportedMime): Promise<void> => {
    if (!options.reader) return;
    reading = await options.reader({ path, mime: m, kind, raster });
    if (!kind && reading?.kind && reading.kind !== 'other') kind = reading.kind;
  };

  try {
    if (await isDirectory(path)) {
      throw new ClaimDeskError(
        'file_unreadable',
        `这是文件夹，不是文件：${path}，请选择文件夹里的照片或 PDF`,
        `is a directory: ${path}`,
        { field: path },
      );
    }
    if (await isEmptyFile(path)) {
      throw new ClaimDeskError(
        'file_unreadable',
        `文件是空的（0 字节）：${path}，请重新拍摄或导出`,
        `empty file: ${path}`,
        { field: path },
      );
    }
    mime ??= await sniffFile(path);
    if (mime === 'application/pdf') {
      const pdf = checks ? await inspectPdf(path) : null;
      sha256 ??= await sha256OfFile(path);
      await read(null, mime);
      if (readQrOf(kind)) {
        const payload = await decodeQrInPdf(path);
        qr = { payload, invoice: invoiceOf(payload) };
      }
      return facts(
        pdf &&
          quality([], {
            mime,
            pages: pdf.pages,
            pageWidthMm: pdf.pageWidthMm,
            pageHeightMm: pdf.pageHeightMm,
            encrypted: pdf.encrypted,
            notApplicable: NOT_FOR_PDF,
            note: PDF_NOTE,
          }),
      );
    }
    // Hashing the bytes runs alongside the decode (sharp decodes on libuv's thread pool). The catch only
    // keeps a failure from being "unhandled" while the decode is awaited; the await below still throws it.
    const hashing = sha256 === null ? sha256OfFile(path) : Promise.resolve(sha256);
    hashing.catch(() => undefined);
    const decoded = await decodeImage(path, { verify: false, mime });
    const raster = await loadRaster(decoded);
    const fp = fingerprintOf(raster);
    sha256 = await hashing;
    phash = fp.phash;
    detail = fp.detail;
    await read(raster, mime);
    if (readQrOf(kind)) {
      const payload = await decodeQrInGrey(raster.grey, raster.width, raster.height);
      qr = { payload, invoice: invoiceOf(payload) };
    }
    if (!checks) return facts(null);
    const { findings, metrics } = analyse(raster, decoded.width, decoded.height, {
      ...(kind ? { kind } : {}),
      sealRequired: sealNeeded(kind, options),
    });
    return facts(
      quality(findings, {
        mime,
        width: decoded.width,
        height: decoded.height,
        phash: fp.phash,
        ...metrics,
      }),
    );
  } catch (err) {
    if (!isUnreadableFileError(err)) throw err;
    unreadable = err;
    return facts(
      quality([{ code: 'unreadable_file', severity: 'error', message: MSG.unreadable(err.zh) }], {
        error: err.code,
      }),
    );
  }
}

/**
 * Analyses many pages in order (`claimdesk check`, a manifest's documents). One bad file never stops the
 * batch; photos that are the same picture (byte-identical, or a re-saved/re-scaled copy) get a
 * `duplicate_image` finding.
 */
export async function analysePages(
  inputs: readonly PageInput[],
  options: AnalyseOptions & { onProgress?: (done: number, total: number) => void } = {},
): Promise<AnalysedPage[]> {
  const results: AnalysedPage[] = [];
  for (const [i, input] of inputs.entries()) {
    results.push(await analysePage(input, options));
    options.onProgress?.(i + 1, inputs.length);
  }
  const fingerprints: Fingerprint[] = results.map((r) => ({
    sha256: r.facts.fingerprint.sha256,
    phash: r.facts.fingerprint.phash,
    detail: r.detail,
  }));
  for (let i = 0; i < results.length; i++) {
    const report = results[i]!.facts.quality;
    if (!report) continue;
    for (let j = 0; j < i; j++) {
      if (!isSamePicture(fingerprints[i]!, fingerprints[j]!)) continue;
      const other = results[j]!.facts.quality?.file ?? inputs[j]!.displayName ?? inputs[j]!.path;
      report.findings.push({
        code: 'duplicate_image',
        severity: 'warning',
        message: MSG.duplicate(basename(other)),
      });
      report.verdict = verdictOf(report.findings);
      break;
    }
  }
  return results;
}

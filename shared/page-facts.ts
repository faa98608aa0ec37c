// Page facts: everything ClaimDesk learns about one stored page, decided ONCE when the page comes in
// (electron/core/pages/analyse.ts `analysePage`) and kept with the page (document_pages.facts_json,
// migration 0040). Evaluation, the claims board's invoice index and export read these; none of them opens
// the photo again to find something out. See docs/architecture.md, "The walk of one page, from drop to PDF".
import { z } from 'zod';
import { DocumentKind } from './domain';
import { Fields, TextLine } from './fields';
import { Finding, Point, Region, Verdict } from './quality';

/** Numbers behind an image page's verdict (quality/checks.ts `analyse`), in oriented pixels / 0..1 coords. */
export const ImageMetrics = z.object({
  mime: z.string(),
  width: z.number(),
  height: z.number(),
  /** 64-bit perceptual hash of the page (16 hex digits), the same value as `fingerprint.phash`. */
  phash: z.string(),
  analysisWidth: z.number(),
  analysisHeight: z.number(),
  /** [top-left, top-right, bottom-right, bottom-left] of the paper, 0..1 of the oriented image. */
  corners: z.tuple([Point, Point, Point, Point]),
  /** 0..1: how sure the page finder is of the corners; export straightens only above its own bar. */
  cornersConfidence: z.number(),
  pageAreaFraction: z.number(),
  pageFillsFrame: z.boolean(),
  /** False when the page outline could not be trusted and the whole frame was judged instead. */
  pageTrusted: z.boolean().optional(),
  /** Share of the page outline with print just inside it (a sheet's edge keeps a blank margin). */
  pageOutlinePrint: z.number().optional(),
  /** Height of the smallest body text in photo pixels, measured on the text (null: none found). */
  textHeightPx: z.number().nullable().optional(),
  textLineRuns: z.number().optional(),
  /** The lines run down the frame: the page was photographed on its side (measured across the other way). */
  textSideways: z.boolean().optional(),
  /** Ink-edge width over the text height (the blur measure), null when either was not measurable. */
  blurRatio: z.number().nullable().optional(),
  /** Share of the ink pixels that reach full ink strength (blur of any shape lowers it), null: too little ink. */
  inkKeptDark: z.number().nullable().optional(),
  /** Print resolution at A4 (pages analysed before legibility was measured on the text). */
  effectiveDpi: z.number().optional(),
  blurMm: z.number().nullable(),
  edgeWidthPx: z.object({ x: z.number().nullable(), y: z.number().nullable() }),
  edgeCount: z.number(),
  /** Sensor noise σ of the analysed photo, grey levels: an ink edge must stand 6σ above it. */
  noiseLevel: z.number().optional(),
  paperLevel: z.number(),
  inkLevel: z.number(),
  /** How dark the print's strokes get (lower quartile of the darkest pixel of each cell with ink): overexposure's measure. */
  printLevel: z.number().optional(),
  clippedFraction: z.number(),
  glareFraction: z.number(),
  /** Width (px) over which the judged highlight fades into the paper: a reflection's rim, not a white box's. */
  glareRimPx: z.number().optional(),
  /** Full-resolution stroke-core floor, read only when the paper is clipped (overexposure). */
  strokeFloor: z.number().optional(),
  /** Bright patches set aside as white objects on the paper (masking boxes, blank cells): rims as sharp as print. */
  whiteObjects: z.number().optional(),
  sealChecked: z.boolean().optional(),
  sealFound: z.boolean().optional(),
  sealRingCoverage: z.number().optional(),
  /** Red rings found, the printed 财政部监制 oval of an invoice form included. */
  sealRings: z.number().optional(),
  /** Seal-sized red shapes not read as rings (share of the page): a seal may hide there, so "none" is not sure. */
  sealUnresolvedRed: z.number().optional(),
  /** RMS distance of the best red ring's rim from a fitted ellipse, share of its radius. */
  sealOutlineError: z.number().nullable().optional(),
  sealRegion: Region.optional(),
});
export type ImageMetrics = z.infer<typeof ImageMetrics>;

/** What a born-digital PDF page reports: it opens, how many pages, and which photo checks do not apply. */
export const PdfMetrics = z.object({
  mime: z.literal('application/pdf'),
  pages: z.number(),
  pageWidthMm: z.number().nullable(),
  pageHeightMm: z.number().nullable(),
  encrypted: z.boolean(),
  notApplicable: z.array(z.string()),
  note: z.string(),
});
export type PdfMetrics = z.infer<typeof PdfMetrics>;

/** A file that could not be opened: the error code behind its `unreadable_file` finding. */
export const UnreadableMetrics = z.object({ error: z.string() });
export type UnreadableMetrics = z.infer<typeof UnreadableMetrics>;

export const PageMetrics = z.union([PdfMetrics, ImageMetrics, UnreadableMetrics]);
export type PageMetrics = z.infer<typeof PageMetrics>;

/** The photo check's report on a page: the `claimdesk check --json` object, with typed metrics. */
export const PageQuality = z.object({
  file: z.string(),
  kind: z.string().optional(),
  verdict: Verdict,
  findings: z.array(Finding),
  metrics: PageMetrics,
  elapsedMs: z.number(),
});
export type PageQuality = z.infer<typeof PageQuality>;

/** An invoice's identity as its QR code states it (electron/core/invoices/parse.ts). */
export const InvoiceQr = z.object({
  format: z.enum(['vat', 'digital', 'fiscal', 'raw']),
  payload: z.string(),
  typeCode: z.string().nullable(),
  code: z.string().nullable(),
  number: z.string().nullable(),
  /** Yuan, as printed in the QR. */
  amount: z.number().nullable(),
  /** YYYY-MM-DD */
  issueDate: z.string().nullable(),
  checkCode: z.string().nullable(),
  /** What two copies of the same invoice share: the identity used to find duplicates. */
  key: z.string(),
});
export type InvoiceQr = z.infer<typeof InvoiceQr>;

/** The version analysePage writes. Raising it needs an upgrade step (shared/page-facts-upgrade.ts). */
export const PAGE_FACTS_VERSION = 1;

// Loose: a field a newer build added is carried along by this one, not dropped (page-facts-upgrade.ts).
export const PageFacts = z.looseObject({
  version: z.literal(PAGE_FACTS_VERSION),
  /** The file's type sniffed from its bytes; null when the file could not be read at all. */
  mime: z.string().nullable(),
  /** The photo check's report; null when checks were switched off (`claimdesk import --no-check`). */
  quality: PageQuality.nullable(),
  /**
   * What finds the same picture again: the file's sha256 (files.sha256 for a stored page; null when the
   * file could not be read) and, for photos, the perceptual hash.
   */
  fingerprint: z.object({
    sha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .nullable(),
    phash: z.string().nullable(),
  }),
  /**
   * The page's QR code. Null when it was not looked for (only invoice pages are read); otherwise the raw
   * payload (null when none could be read) and, when it is an invoice's, what it says.
   */
  qr: z.object({ payload: z.string().nullable(), invoice: InvoiceQr.nullable() }).nullable(),
  /**
   * Plain text read off the page (born-digital PDF text, or OCR through a PageReader), for checks such as
   * the 急诊 mark. Absent when nothing was read; null when reading was tried and found nothing.
   */
  text: z.string().nullable().optional(),
  /** Lines of text in reading order, from a PageReader (OCR); absent until one is plugged in. */
  lines: z.array(TextLine).optional(),
  /** Fields read off the paper (shared/fields.ts vocabulary), from a PageReader. */
  fields: Fields.optional(),
  /**
   * Fields whose label is printed on the paper but whose cell is blank or masked (a 交款人 left empty): the
   * field is absent, and the reader says why rather than taking the next cell's text. Added in issue 21;
   * absent on facts stored before, which parse as they are.
   */
  blankFields: z.array(z.string()).optional(),
  /**
   * The kind of paper found from what is printed on it, when the page came in without a kind (a dropped
   * stack): the requirement it is placed under. Absent when the kind was given.
   */
  readKind: z.object({ kind: DocumentKind, confidence: z.number() }).optional(),
  /**
   * The clockwise turn (degrees) that made the photo's text upright when it was read: the photo was taken
   * sideways or upside down. Absent when it reads as taken.
   */
  upright: z.union([z.literal(90), z.literal(180), z.literal(270)]).optional(),
});
export type PageFacts = z.infer<typeof PageFacts>;

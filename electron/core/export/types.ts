// What the bundle exporter takes and gives back. The caller (CLI `bundle`/`demo`, the desktop app) has
// already analysed every file and evaluated the claim; export only lays them out. The claim comes in the
// same shape evaluation reads (ClaimFacts): the app passes its stored claim, the CLI what its manifest says.
import type { DocumentKind } from '../../../shared/domain';
import type { SupportedMime } from '../files/sniff';
import type { EvaluationReport } from '../../../shared/evaluation';
import type { ClaimFacts } from '../rules/engine';
import type { QualityReport } from '../../../shared/quality';
import type { UprightTurn } from './photo';

export interface BundleFile {
  /** Absolute path of the photo or PDF. */
  path: string;
  /** Its type as sniffed when it came in (stored with the page); sniffed again only when absent. */
  mime?: SupportedMime;
  /** The quality report of this file (its corners drive cropping and straightening). */
  quality?: QualityReport;
  /** The clockwise turn that makes a sideways or upside-down photo upright (from its reading). */
  upright?: UprightTurn;
}

export interface BundleDocument {
  kind: DocumentKind;
  files: BundleFile[];
}

export interface BundleInput {
  /** The claim's people and care: who, where, when (cover page, pledge, PDF metadata). */
  claim: ClaimFacts;
  /** In claim order: requirement results refer to documents by this index. */
  documents: BundleDocument[];
  evaluation: EvaluationReport;
  /** Document indexes in bundle order (the rule engine's documentOrder); default: checklist order. */
  order?: readonly number[];
  /** The day the bundle is made, YYYY-MM-DD (printed on the cover and the pledge's context). */
  today: string;
  /** Claim reference printed on every page; derived from the claim when absent. */
  reference?: string;
}

export const DEFAULT_MAX_BUNDLE_BYTES = 8 * 1024 * 1024;
export const DEFAULT_MAX_IMAGE_BYTES = 1024 * 1024;
/** 2480 px = A4's long side at 300 dpi; portals accept it and it keeps small print legible. */
export const DEFAULT_MAX_IMAGE_LONG_SIDE = 2480;

export interface BundleOptions {
  /** Target PDF path. Its folder must exist. */
  out: string;
  /** Also write upload-ready JPEGs of every document page into this folder (created if missing). */
  imagesDir?: string;
  maxBytes?: number;
  imageMaxBytes?: number;
  imageMaxLongSide?: number;
  /** Producer string for the PDF metadata. */
  producer?: string;
  /** Called as each file is prepared (decoded, straightened, encoded): the slow part of an export. */
  onProgress?: (done: number, total: number) => void;
}

export interface BundledDocumentPages {
  /** Index into the claim's documents. */
  index: number;
  /** 1-based position of the document in the bundle ("材料 3/8"). */
  ordinal: number;
  kind: DocumentKind;
  firstPage: number;
  lastPage: number;
  /** Photos that were cropped to the page and straightened. */
  straightened: number;
}

export interface BundleResult {
  output: string;
  bytes: number;
  pages: number;
  documents: BundledDocumentPages[];
  images: string[];
  /** Things the person should know that did not stop the export (e.g. over budget), zh-CN. */
  warnings: string[];
  elapsedMs: number;
  /** Milliseconds per phase (decode, encode, layout, images, write), for the benchmark and logs. */
  timings: Record<string, number>;
}

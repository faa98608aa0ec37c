// The page pipeline's steps for a page that is kept: the file goes into the store (hashed once while it is
// copied), analysePage looks at the stored copy once, and the facts go with the page into the database
// (repo.addDocument at import, repo.replacePage at replace): storeAndAnalyse, for the CLI's import and a
// replaced page. A drop in the app takes the same steps in another order (import-files.ts): the file is
// staged (copied and hashed), analysed, and only then committed, so a file that cannot be opened never
// enters the store. Every way in analyses with analyseInThread, or the app's check worker that runs it.
import type { PageFacts } from '../../../shared/page-facts';
import type { SupportedMime } from '../files/sniff';
import type { FileStore } from '../db/contract';
import { ClaimDeskError } from '../errors';
import { sha256OfFile, storeFile } from '../files/store';
import { sealKindsFromRules } from '../rules/seal-kinds';
import type { NewPage } from '../repo';
import { ocrPageReader } from './reader';
import { plainText, readPdf } from '../ocr/read';
import { readChineseTextOfRaster } from '../rules/ocr';
import { readPdfText } from '../rules/pdf-text';
import { ruleTextKinds } from '../rules/text-kinds';
import {
  analysePage,
  type AnalyseOptions,
  type PageAnalyser,
  type PageInput,
  type PageReader,
} from './analyse';

let sealKinds: readonly string[] | null = null;

/**
 * Only the words a rule reads (the text of born-digital PDFs, OCR of a scanned PDF's first page and of the
 * analysis raster), for the kinds a rule reads words on: the manifest path of `evaluate`, which needs no
 * fields. Pages that come in read everything once with ocrPageReader.
 */
export const readRuleText: PageReader = async ({ path, mime, kind, raster }) => {
  if (!kind || !ruleTextKinds().has(kind)) return null;
  if (mime === 'application/pdf') {
    const own = await readPdfText(path);
    if (own && /\p{Script=Han}/u.test(own)) return { text: own };
    // A scanned PDF carries no words of its own: its first page is rendered in-process and OCR'd, as
    // `claimdesk read` and import do, so a scanned 急诊 certificate is read rather than left to a person.
    const scanned = await readPdf(path).then(
      (r) => plainText(r.lines) || null,
      () => null,
    );
    return { text: scanned ?? own };
  }
  return { text: raster ? await readChineseTextOfRaster(raster) : null };
};

/** Kinds that need a seal per the national rule data, read once per process. */
function storedSealKinds(): readonly string[] {
  sealKinds ??= sealKindsFromRules();
  return sealKinds;
}

/**
 * analysePage in this thread, with the rule data's seal kinds and the one page reader (OCR of the analysis
 * raster: text, lines, fields, and the kind when none was given): the CLI's and the tests' analyser, and
 * what the app's check worker runs.
 */
export const analyseInThread: PageAnalyser = async (input: PageInput, options: AnalyseOptions = {}) =>
  (await analysePage(input, { sealKinds: storedSealKinds(), reader: ocrPageReader, ...options })).facts;

export interface IncomingFile {
  /** Where the file is now (the person's own copy). */
  path: string;
  /** Its type, already sniffed (import sniffs every file before storing any). */
  mime: SupportedMime;
  kind: string;
  originalName: string;
}

export interface PipelineOptions {
  /** analyseInThread by default; the app passes its worker-thread analyser. */
  analyse?: PageAnalyser | undefined;
  /** Run the photo checks (default true). */
  checks?: boolean | undefined;
}

/** Stores one incoming file and analyses the stored copy: the page row to write, facts included. */
export async function storeAndAnalyse(
  dataDir: string,
  file: IncomingFile,
  options: PipelineOptions = {},
): Promise<NewPage> {
  const stored = await storeFile(dataDir, file.path);
  const analyse = options.analyse ?? analyseInThread;
  const facts: PageFacts = await analyse(
    {
      path: stored.path,
      sha256: stored.sha256,
      mime: file.mime,
      kind: file.kind,
      displayName: file.originalName,
    },
    { checks: options.checks ?? true },
  );
  return {
    sha256: stored.sha256,
    size: stored.size,
    mime: file.mime,
    originalName: file.originalName,
    facts,
  };
}

/**
 * The same step through the storage contract's file store (either engine: the data folder's files/, or the
 * shared database): the original is put first (hashed on the way; the same bytes from another desk are
 * stored once), then the desk's own file is analysed where it lies, and hashed again afterwards, so the facts
 * written with the page are of exactly the bytes stored (a file changed meanwhile is refused, nothing written).
 */
export async function putAndAnalyse(
  files: FileStore,
  file: IncomingFile,
  options: PipelineOptions = {},
): Promise<NewPage> {
  const stored = await files.put(file.path);
  const analyse = options.analyse ?? analyseInThread;
  const facts: PageFacts = await analyse(
    {
      path: file.path,
      sha256: stored.sha256,
      mime: file.mime,
      kind: file.kind,
      displayName: file.originalName,
    },
    { checks: options.checks ?? true },
  );
  if ((await sha256OfFile(file.path)) !== stored.sha256)
    throw new ClaimDeskError(
      'file_unreadable',
      `“${file.originalName}”在导入时被改动了，这份材料没有导入。请等文件保存好后重新导入`,
      `"${file.originalName}" changed while it was being imported; nothing was imported`,
      { field: 'files' },
    );
  return {
    sha256: stored.sha256,
    size: stored.size,
    mime: file.mime,
    originalName: file.originalName,
    facts,
  };
}

// Importing what a person dropped: every file is judged on its own, so one bad file (a .txt, a truncated
// JPEG, a decompression bomb, a photo already used under another item) never costs the good ones. Bad files
// are not stored; each is named by the person's own file name, never by a temp or storage path.
import { DOCUMENT_KIND_LABELS, DocumentKind } from '../../shared/domain';
import type { ImportRejection } from '../../shared/ipc';
import type { PageFacts, PageQuality } from '../../shared/page-facts';
import type { ClaimDocument } from '../../shared/schemas';
import { assertClaimEditable } from './claim-lock';
import { store } from './db/store';
import { ClaimDeskError, zodToInvalidInput } from './errors';
import { sha256OfFile, stageFile, type StagedFile } from './files/store';
import { sniffFile, type SupportedMime } from './files/sniff';
import { analyseInThread } from './pages/pipeline';
import type { PageAnalyser } from './pages/analyse';
import { MAX_INPUT_PIXELS } from './quality/decode';
import { addDocument, type NewPage } from './repo';
import type { Workspace } from './workspace';

export interface DroppedFilesRequest {
  claimId: number;
  kind: unknown;
  files: ReadonlyArray<{ path: string; name: string }>;
  /** analyseInThread by default; the app passes its worker-thread analyser. */
  analyse?: PageAnalyser | undefined;
  onProgress?: (done: number, total: number) => void;
}

export interface DroppedFilesResult {
  document: ClaimDocument;
  rejected: ImportRejection[];
}

/** Where this photo already is in the claim (the same bytes), as the item's name; null when it is new. */
function placeOfSameFile(ws: Workspace, claimId: number, sha256: string): string | null {
  const held = store.documents.kindHoldingFile(ws.db, claimId, sha256);
  if (held === null) return null;
  const kind = DocumentKind.safeParse(held);
  return kind.success ? DOCUMENT_KIND_LABELS[kind.data].zh : '其他材料';
}

function rejectUnreadable(name: string, report: PageQuality): ImportRejection | null {
  if (!report.findings.some((f) => f.code === 'unreadable_file')) return null;
  // The decoder refuses a picture whose header claims more pixels than it may allocate (a decompression bomb).
  const tooLarge =
    (report.metrics as Record<string, unknown>)['error'] === 'file_too_large' ||
    report.findings.some((f) => f.code === 'unreadable_file' && f.message.includes('像素过多'));
  if (tooLarge)
    return {
      name,
      reason: `“${name}”的图片尺寸过大（超过 ${Math.round(MAX_INPUT_PIXELS / 1e6)} 百万像素），无法安全打开，没有添加。请用手机正常拍照后再添加`,
      reasonEn: `"${name}" is too large to open safely (over ${Math.round(MAX_INPUT_PIXELS / 1e6)} megapixels); not added`,
    };
  return {
    name,
    reason: `“${name}”打不开：文件不完整或已损坏（可能没有传完），没有添加。请重新拍照或重新导出后再添加`,
    reasonEn: `"${name}" cannot be opened: the file is incomplete or damaged; not added`,
  };
}

/** The good files of a drop, analysed and stored (not yet pages of the claim), and the files left out. */
export interface PreparedDrop {
  pages: NewPage[];
  rejected: ImportRejection[];
}

/**
 * One dropped file looked at: its facts, or why it is left out. When it was to be stored, `staged` is its
 * copy waiting in files/tmp/ (the caller commits it); a file left out leaves nothing behind.
 */
export type ExaminedFile =
  | { ok: true; sha256: string; mime: SupportedMime; facts: PageFacts; staged: StagedFile | null }
  | { ok: false; rejection: ImportRejection };

function notAPhotoOrPdf(name: string, err: ClaimDeskError): ImportRejection {
  // Named by the person's file name, never by its path.
  return err.code === 'file_missing'
    ? {
        name,
        reason: `“${name}”找不到了（可能已被移走或删除），没有添加。请重新拖入这个文件`,
        reasonEn: `"${name}" can no longer be found (moved or deleted?); not added`,
      }
    : {
        name,
        reason: `“${name}”不是照片或 PDF，没有添加（可以添加 JPG、PNG、HEIC 照片或 PDF）`,
        reasonEn: `"${name}" is not a photo or PDF; not added`,
      };
}

/**
 * The per-file look of every drop: sniff, refuse a file this drop (`seen`) or the claim already holds,
 * analyse (the one analysePage, in the worker in the app), refuse what cannot be opened. With `store`, the
 * file is copied into files/tmp/ and hashed in that one pass, and the copy is what is analysed (the same
 * bytes); without, it is hashed where it lies and nothing is written (the new-claim screen's first look).
 * `claimId` null: a claim not created yet (the new-claim screen), which holds nothing.
 */
export async function examineDroppedFile(
  ws: Workspace,
  req: {
    claimId: number | null;
    kind: DocumentKind | undefined;
    file: { path: string; name: string };
    seen: ReadonlySet<string>;
    store: boolean;
    analyse?: PageAnalyser | undefined;
  },
): Promise<ExaminedFile> {
  const { name, path } = req.file;
  let mime: SupportedMime;
  try {
    mime = await sniffFile(path);
  } catch (err) {
    if (!(err instanceof ClaimDeskError)) throw err;
    return { ok: false, rejection: notAPhotoOrPdf(name, err) };
  }
  const staged = req.store ? await stageFile(ws.dataDir, path) : null;
  const leftOut = async (rejection: ImportRejection): Promise<ExaminedFile> => {
    await staged?.discard();
    return { ok: false, rejection };
  };
  try {
    const sha256 = staged?.sha256 ?? (await sha256OfFile(path));
    const already = req.seen.has(sha256)
      ? '这次添加的文件'
      : req.claimId === null
        ? null
        : placeOfSameFile(ws, req.claimId, sha256);
    if (already)
      return leftOut({
        name,
        reason: `“${name}”和“${already}”里的一个文件完全相同，没有再添加。一张照片只能用作一份材料`,
        reasonEn: `"${name}" is the same file as one already under "${already}"; not added again`,
      });
    // Analysed before it enters the store, so a file that cannot be opened never becomes a page.
    const analyse = req.analyse ?? analyseInThread;
    const facts = await analyse(
      { path: staged?.path ?? path, sha256, mime, kind: req.kind, displayName: name },
      { checks: true },
    );
    const refusal = facts.quality ? rejectUnreadable(name, facts.quality) : null;
    if (refusal) return leftOut(refusal);
    return { ok: true, sha256, mime, facts, staged };
  } catch (err) {
    await staged?.discard();
    throw err;
  }
}

/**
 * The per-file part of every drop that is kept: examineDroppedFile, then the good files committed into the
 * store. `kind` undefined means the reader finds each page's kind from its print (a dropped stack). Writes
 * no claim rows.
 */
export async function prepareDroppedFiles(
  ws: Workspace,
  req: {
    claimId: number | null;
    kind: DocumentKind | undefined;
    files: ReadonlyArray<{ path: string; name: string }>;
    analyse?: PageAnalyser | undefined;
    onProgress?: ((done: number, total: number) => void) | undefined;
  },
): Promise<PreparedDrop> {
  const rejected: ImportRejection[] = [];
  const pages: NewPage[] = [];
  const seen = new Set<string>();
  for (const [i, file] of req.files.entries()) {
    const looked = await examineDroppedFile(ws, { ...req, file, seen, store: true });
    if (looked.ok) {
      const stored = await looked.staged!.commit();
      seen.add(looked.sha256);
      pages.push({
        sha256: stored.sha256,
        size: stored.size,
        mime: looked.mime,
        originalName: file.name,
        facts: looked.facts,
      });
    } else rejected.push(looked.rejection);
    req.onProgress?.(i + 1, req.files.length);
  }
  return { pages, rejected };
}

/** A drop where no file could be added: every file named with its reason. */
export function nothingAdded(rejected: readonly ImportRejection[]): ClaimDeskError {
  return new ClaimDeskError(
    'unsupported_file',
    rejected.map((r) => r.reason).join('；'),
    rejected.map((r) => r.reasonEn).join('; '),
    { field: 'files' },
  );
}

/**
 * Imports the good files of a drop as one document of `kind` and reports the others. Throws (naming every
 * file) only when no file could be added.
 */
export async function importDroppedFiles(
  ws: Workspace,
  req: DroppedFilesRequest,
): Promise<DroppedFilesResult> {
  const kind = DocumentKind.safeParse(req.kind);
  if (!kind.success) throw zodToInvalidInput(kind.error, 'kind');
  assertClaimEditable(ws.db, req.claimId);
  const { pages, rejected } = await prepareDroppedFiles(ws, { ...req, kind: kind.data });
  if (pages.length === 0) throw nothingAdded(rejected);
  return { document: addDocument(ws.db, req.claimId, kind.data, 'imported', pages), rejected };
}

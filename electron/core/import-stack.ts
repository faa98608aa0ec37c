// Papers that sort themselves: a whole stack of photos and PDFs dropped on a claim at once. Each file goes
// through the same per-file step as any drop (prepareDroppedFiles: analysePage in the check worker), with no
// kind given, so the page reader finds the kind from what is printed on it; each page is then placed under
// that kind's requirement. A page whose kind is unclear goes under 其他材料 and the person chooses; a page
// the person moves (reassignPage) is analysed again for its new kind through the same pipeline.
import { DocumentKind } from '../../shared/domain';
import type { ImportRejection, StackImportResult } from '../../shared/ipc';
import type { StackPlacement } from '../../shared/stack';
import type { PageFacts } from '../../shared/page-facts';
import type { Finding } from '../../shared/quality';
import type { Fields } from '../../shared/fields';
import type { Claim, ClaimDocument } from '../../shared/schemas';
import { assertClaimEditable } from './claim-lock';
import { store } from './db/store';
import { ClaimDeskError, zodToInvalidInput } from './errors';
import { storedFilePath } from './files/store';
import type { SupportedMime } from './files/sniff';
import { examineDroppedFile, nothingAdded, prepareDroppedFiles } from './import-files';
import type { PageAnalyser } from './pages/analyse';
import { analyseInThread } from './pages/pipeline';
import {
  addDocument,
  checkNewClaim,
  createClaim,
  locatePage,
  pageFile,
  reassignPage as reassignStoredPage,
  type NewPage,
} from './repo';
import type { Workspace } from './workspace';

/**
 * Below this the kind is not taken: classifyPage gives 0.75 when two kinds' title words score the same, i.e.
 * the print does not decide between them, and a wrong placement costs the person more than one choice.
 */
export const STACK_MIN_CONFIDENCE = 0.76;

/** The kind a stack page is placed under, or null when its print does not say clearly (the person chooses). */
export function placedKind(facts: PageFacts | null): DocumentKind | null {
  const read = facts?.readKind;
  if (!read || read.kind === 'other' || read.confidence < STACK_MIN_CONFIDENCE) return null;
  return read.kind;
}

/** Places prepared stack pages under their kinds in one transaction; the placements in drop order. */
function placeStack(ws: Workspace, claimId: number, pages: readonly NewPage[]): StackPlacement[] {
  const groups = new Map<DocumentKind, NewPage[]>();
  for (const page of pages) {
    const kind = placedKind(page.facts) ?? 'other';
    groups.set(kind, [...(groups.get(kind) ?? []), page]);
  }
  // All the stack's documents or none: a failure half-way leaves no half-sorted claim.
  const docs = store.engine.transaction(ws.db, () =>
    [...groups.entries()].map(([kind, group]) => addDocument(ws.db, claimId, kind, 'imported', group)),
  );
  // Listed in drop order (a file is in one drop once: prepareDroppedFiles refuses a repeat of the same bytes).
  const order = new Map(pages.map((p, i) => [p.sha256, i]));
  return docs
    .flatMap((doc) =>
      doc.pages.map((page) => ({
        at: order.get(page.sha256) ?? 0,
        placement: {
          pageId: page.id,
          documentId: doc.id,
          name: page.originalName,
          kind: doc.kind === 'other' ? null : doc.kind,
        } satisfies StackPlacement,
      })),
    )
    .sort((a, b) => a.at - b.at)
    .map((p) => p.placement);
}

/**
 * Imports a dropped stack: every good file is read, classified and placed under its kind (one new document
 * per kind found, pages in drop order); the others are reported. Throws only when no file could be added.
 */
export async function importStack(
  ws: Workspace,
  req: {
    claimId: number;
    files: ReadonlyArray<{ path: string; name: string }>;
    analyse?: PageAnalyser | undefined;
    onProgress?: ((done: number, total: number) => void) | undefined;
  },
): Promise<StackImportResult> {
  assertClaimEditable(ws.db, req.claimId);
  const { pages, rejected } = await prepareDroppedFiles(ws, { ...req, kind: undefined });
  if (pages.length === 0) throw nothingAdded(rejected);
  return { placed: placeStack(ws, req.claimId, pages), rejected };
}

/** One file of a stack dropped on the new-claim screen, read but not stored, by its place in the drop. */
export interface StackFileReading {
  /** Where the file was in the drop. */
  index: number;
  name: string;
  /** The kind found from the print; null when unclear (it will wait under 其他材料 for the person). */
  kind: DocumentKind | null;
  /** What the reader found on it (the form is pre-filled from the invoices'). */
  fields: Fields;
  /** Why the photo should be taken again: the checks' errors (the camera marks it 重拍). */
  retake: Finding[];
}

/**
 * Readings of stack files kept between the drop on the new-claim screen and the creation of the claim, by
 * the file's sha256: the creation stores exactly the facts the person saw, without reading (OCR, seconds a
 * photo) every paper a second time. Keyed by content, so a file changed since the drop is read again. Only
 * main holds them (the renderer sends tokens, never facts); bounded, oldest forgotten first.
 */
export class StackReadings {
  private readonly facts = new Map<string, PageFacts>();

  constructor(private readonly limit = 200) {}

  get size(): number {
    return this.facts.size;
  }

  /**
   * The stack analyser (no kind given, photo checks on) that remembers what it read, and answers a file it
   * has read before from memory. Any other request goes to `inner` untouched.
   */
  analyser(inner: PageAnalyser): PageAnalyser {
    return async (input, options) => {
      const stackRead = input.kind === undefined && options?.checks !== false && input.sha256 !== undefined;
      if (!stackRead) return inner(input, options);
      const key = input.sha256!;
      const known = this.facts.get(key);
      if (known) return known;
      const facts = await inner(input, options);
      this.facts.set(key, facts);
      while (this.facts.size > this.limit) this.facts.delete(this.facts.keys().next().value!);
      return facts;
    };
  }

  /** Forgets the readings of files now stored with a claim (their facts live with the pages). */
  forget(sha256s: Iterable<string>): void {
    for (const sha of sha256s) this.facts.delete(sha);
  }
}

/**
 * Reads a stack dropped on the new-claim screen, one file after another (in the check worker in the app),
 * writing nothing: each file's kind from its print and its fields, and the files that cannot be used with
 * why (the same refusals as any drop). What was read is kept in `readings` for the creation.
 */
export async function readStack(
  ws: Workspace,
  req: {
    files: ReadonlyArray<{ path: string; name: string }>;
    readings?: StackReadings | undefined;
    analyse?: PageAnalyser | undefined;
    onProgress?: ((done: number, total: number) => void) | undefined;
  },
): Promise<{ read: StackFileReading[]; rejected: ImportRejection[] }> {
  const read: StackFileReading[] = [];
  const rejected: ImportRejection[] = [];
  const seen = new Set<string>();
  const inner = req.analyse ?? analyseInThread;
  const analyse = req.readings ? req.readings.analyser(inner) : inner;
  for (const [index, file] of req.files.entries()) {
    const looked = await examineDroppedFile(ws, {
      claimId: null,
      kind: undefined,
      file,
      seen,
      store: false,
      analyse,
    });
    if (looked.ok) {
      seen.add(looked.sha256);
      read.push({
        index,
        name: file.name,
        kind: placedKind(looked.facts),
        fields: looked.facts.fields ?? {},
        retake: (looked.facts.quality?.findings ?? []).filter((f) => f.severity === 'error'),
      });
    } else rejected.push(looked.rejection);
    req.onProgress?.(index + 1, req.files.length);
  }
  return { read, rejected };
}

/**
 * Creates a claim with the stack dropped on the new-claim screen, in one step: the answers are checked
 * first (a wrong answer costs no file work), the files examined again (from `readings` when they were read
 * at the drop) and stored, then the claim and every page under its kind in one transaction. A file that
 * can no longer be used (moved, changed into something unreadable) refuses the whole creation, naming it:
 * nothing half-made, and the person still has the list.
 */
export async function createClaimWithStack(
  ws: Workspace,
  req: {
    claim: unknown;
    files: ReadonlyArray<{ path: string; name: string }>;
    readings?: StackReadings | undefined;
    analyse?: PageAnalyser | undefined;
    onProgress?: ((done: number, total: number) => void) | undefined;
  },
): Promise<{ claim: Claim; placed: StackPlacement[] }> {
  checkNewClaim(ws.db, req.claim);
  const inner = req.analyse ?? analyseInThread;
  const { pages, rejected } = await prepareDroppedFiles(ws, {
    claimId: null,
    kind: undefined,
    files: req.files,
    analyse: req.readings ? req.readings.analyser(inner) : inner,
    onProgress: req.onProgress,
  });
  if (rejected.length > 0) {
    const why = nothingAdded(rejected);
    throw new ClaimDeskError(
      'unsupported_file',
      `报销单没有创建：${why.zh}`,
      `The claim was not created: ${why.en}`,
      { field: 'files' },
    );
  }
  const made = store.engine.transaction(ws.db, () => {
    const claim = createClaim(ws.db, req.claim);
    return { claim, placed: pages.length > 0 ? placeStack(ws, claim.id, pages) : [] };
  });
  req.readings?.forget(pages.map((p) => p.sha256));
  return made;
}

/**
 * Moves one page to another kind of paper (the person corrects a misplaced or unrecognised page): the stored
 * file is analysed again as that kind (fields of the new kind, its seal rule, the invoice QR), then in one
 * transaction the page joins the claim's last document of that kind (or a new one), leaves its old
 * document (removed when it was its last page), and its facts, invoice index row and the claim's search
 * words change with it. Answers with the document the page is now in.
 */
export async function reassignPage(
  ws: Workspace,
  req: { pageId: number; kind: unknown; analyse?: PageAnalyser | undefined },
): Promise<ClaimDocument> {
  const parsed = DocumentKind.safeParse(req.kind);
  if (!parsed.success) throw zodToInvalidInput(parsed.error, 'kind');
  const kind = parsed.data;
  const before = locatePage(ws.db, req.pageId);
  assertClaimEditable(ws.db, before.claimId);
  const file = pageFile(ws.db, req.pageId);
  // Slow work (decode, OCR) before the transaction, as every page edit does.
  const facts = await (req.analyse ?? analyseInThread)(
    {
      path: storedFilePath(ws.dataDir, file.sha256),
      sha256: file.sha256,
      mime: file.mime as SupportedMime,
      kind,
      displayName: file.originalName,
    },
    { checks: true },
  );
  return reassignStoredPage(ws.db, req.pageId, kind, facts);
}

// Papers that sort themselves: a whole stack of photos and PDFs dropped on a claim at once. Each file goes
// through the same per-file step as any drop (prepareDroppedFiles: analysePage in the check worker), with no
// kind given, so the page reader finds the kind from what is printed on it; each page is then placed under
// that kind's requirement. A page whose kind is unclear goes under 其他材料 and the person chooses; a page
// the person moves (reassignPage) is analysed again for its new kind through the same pipeline.
import { DocumentKind } from '../../shared/domain';
import type { ImportRejection } from '../../shared/ipc';
import type { PageFacts } from '../../shared/page-facts';
import type { ClaimDocument } from '../../shared/schemas';
import { assertClaimEditable } from './claim-lock';
import { store } from './db/store';
import { zodToInvalidInput } from './errors';
import { storedFilePath } from './files/store';
import type { SupportedMime } from './files/sniff';
import { nothingAdded, prepareDroppedFiles } from './import-files';
import type { PageAnalyser } from './pages/analyse';
import { analyseInThread } from './pages/pipeline';
import { addDocument, findPage, pageFile, reassignPage as reassignStoredPage, type NewPage } from './repo';
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

export interface StackPlacement {
  pageId: number;
  documentId: number;
  /** The person's own file name. */
  name: string;
  /** The kind found from the print; null when unclear (the page waits under 其他材料 for the person). */
  kind: DocumentKind | null;
}

export interface StackResult {
  placed: StackPlacement[];
  rejected: ImportRejection[];
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
): Promise<StackResult> {
  assertClaimEditable(ws.db, req.claimId);
  const { pages, rejected } = await prepareDroppedFiles(ws, { ...req, kind: undefined });
  if (pages.length === 0) throw nothingAdded(rejected);
  const groups = new Map<DocumentKind, NewPage[]>();
  for (const page of pages) {
    const kind = placedKind(page.facts) ?? 'other';
    groups.set(kind, [...(groups.get(kind) ?? []), page]);
  }
  // All the stack's documents or none: a failure half-way leaves no half-sorted claim.
  const docs = store.engine.transaction(ws.db, () =>
    [...groups.entries()].map(([kind, group]) => addDocument(ws.db, req.claimId, kind, 'imported', group)),
  );
  // Listed in drop order (a file is in one drop once: prepareDroppedFiles refuses a repeat of the same bytes).
  const order = new Map(pages.map((p, i) => [p.sha256, i]));
  const placed = docs
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
  return { placed, rejected };
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
  const before = findPage(ws.db, req.pageId);
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

// Importing files into a claim: validate every file first, copy them into the store (slow, async), and only
// then record the document in one short transaction.
import { basename } from 'node:path';
import { DocumentKind, type DocumentOrigin } from '../../shared/domain';
import type { ClaimDocument } from '../../shared/schemas';
import { zodToInvalidInput } from './errors';
import { storeFile } from './files/store';
import { sniffFile, type SupportedMime } from './files/sniff';
import { addDocument, getClaim, type NewPage } from './repo';
import type { Workspace } from './workspace';

/** Runs the quality check on one stored file; returns the report to keep with the page (or null). */
export type PageChecker = (file: { path: string; mime: SupportedMime; kind: DocumentKind; originalName: string }) => Promise<unknown>;

export interface ImportRequest {
  claimId: number;
  kind: unknown;
  paths: readonly string[];
  origin?: DocumentOrigin;
  /** Names to record instead of the paths' base names (drag-and-drop gives temp paths). */
  originalNames?: readonly string[];
  checkPage?: PageChecker;
  onProgress?: (done: number, total: number) => void;
}

/** Imports the files as the pages of one document of `kind`. All-or-nothing for the database. */
export async function importDocument(ws: Workspace, req: ImportRequest): Promise<ClaimDocument> {
  const kind = DocumentKind.safeParse(req.kind);
  if (!kind.success) throw zodToInvalidInput(kind.error, 'kind');
  getClaim(ws.db, req.claimId);
  // Check every file before storing any, so a typo in the last name doesn't leave half an import.
  const mimes: SupportedMime[] = [];
  for (const p of req.paths) mimes.push(await sniffFile(p));
  const pages: NewPage[] = [];
  for (const [i, p] of req.paths.entries()) {
    const stored = await storeFile(ws.dataDir, p);
    const mime = mimes[i]!;
    const originalName = req.originalNames?.[i] ?? basename(p);
    const quality = req.checkPage ? await req.checkPage({ path: stored.path, mime, kind: kind.data, originalName }) : null;
    pages.push({ sha256: stored.sha256, size: stored.size, mime, originalName, quality });
    req.onProgress?.(i + 1, req.paths.length);
  }
  return addDocument(ws.db, req.claimId, kind.data, req.origin ?? 'imported', pages);
}

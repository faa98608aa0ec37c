// Importing files into a claim: validate every file first, then store and analyse each (slow, async:
// pages/pipeline.ts), and only then record the document with its pages' facts in one short transaction.
import { basename } from 'node:path';
import { DocumentKind, type DocumentOrigin } from '../../shared/domain';
import type { ClaimDocument } from '../../shared/schemas';
import { zodToInvalidInput } from './errors';
import { sniffFile, type SupportedMime } from './files/sniff';
import type { PageAnalyser } from './pages/analyse';
import { storeAndAnalyse } from './pages/pipeline';
import { addDocument, getClaim, type NewPage } from './repo';
import type { Workspace } from './workspace';

export interface ImportRequest {
  claimId: number;
  kind: unknown;
  paths: readonly string[];
  origin?: DocumentOrigin;
  /** Names to record instead of the paths' base names (drag-and-drop gives temp paths). */
  originalNames?: readonly string[];
  /** How each page is analysed: in this thread by default, the app's worker thread in the app. */
  analyse?: PageAnalyser;
  /** Run the photo checks (default true; `claimdesk import --no-check` turns them off). */
  checks?: boolean;
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
    const file = {
      path: p,
      mime: mimes[i]!,
      kind: kind.data,
      originalName: req.originalNames?.[i] ?? basename(p),
    };
    pages.push(await storeAndAnalyse(ws.dataDir, file, { analyse: req.analyse, checks: req.checks }));
    req.onProgress?.(i + 1, req.paths.length);
  }
  return addDocument(ws.db, req.claimId, kind.data, req.origin ?? 'imported', pages);
}

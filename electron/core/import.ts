// Importing files into a claim (the CLI's `import`): validate every file first, then store and analyse each
// (slow, async: pages/pipeline.ts), and only then record the document with its pages' facts in one short
// transaction. Invoice pages stored before their QR was read get it read here, once (indexClaimInvoices).
import { basename } from 'node:path';
import { DocumentKind, type DocumentOrigin } from '../../shared/domain';
import type { PageFacts } from '../../shared/page-facts';
import type { ClaimDocument } from '../../shared/schemas';
import { store } from './db/store';
import { zodToInvalidInput } from './errors';
import { sniffFile, type SupportedMime } from './files/sniff';
import { storedFilePath } from './files/store';
import { listClaimInvoices, type StoredInvoice } from './invoices/store';
import type { PageAnalyser } from './pages/analyse';
import { analyseInThread, storeAndAnalyse } from './pages/pipeline';
import { addDocument, getClaim, listDocuments, refreshSearchText, setPageFacts, type NewPage } from './repo';
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

/**
 * Brings a stored claim's invoice index up to date and returns it. Pages imported since migration 0040 were
 * indexed in the transaction that stored them; this only reads the QR of invoice pages stored before
 * (facts without a QR reading), once: the reading is kept in their facts, so it never happens again.
 * Called at import time (CLI `import`), never by evaluation.
 */
export async function indexClaimInvoices(ws: Workspace, claimId: number): Promise<StoredInvoice[]> {
  getClaim(ws.db, claimId);
  const pending: Array<{ pageId: number; sha256: string; facts: PageFacts }> = [];
  for (const doc of listDocuments(ws.db, claimId).filter((d) => d.kind === 'invoice')) {
    for (const page of doc.pages) {
      // Read already; or stored by a newer ClaimDesk and unreadable here: those facts stay as they were.
      if (page.facts?.qr || page.factsUnread) continue;
      const read = await analyseInThread(
        { path: storedFilePath(ws.dataDir, page.sha256), sha256: page.sha256, kind: doc.kind },
        // Only the QR when the page was already checked: its stored report stays as it was.
        {
          readQr: true,
          checks: page.facts?.quality === undefined || page.facts?.quality === null,
          reader: undefined,
        },
      );
      const facts: PageFacts = page.facts
        ? {
            ...page.facts,
            qr: read.qr,
            fingerprint: { ...page.facts.fingerprint, phash: read.fingerprint.phash },
          }
        : read;
      pending.push({ pageId: page.id, sha256: page.sha256, facts });
    }
  }
  if (pending.length > 0) {
    store.engine.transaction(ws.db, () => {
      const at = new Date().toISOString();
      for (const p of pending) {
        setPageFacts(ws.db, p.pageId, p.facts);
        store.invoices.indexPage(
          ws.db,
          { claimId, pageId: p.pageId, sha256: p.sha256, isInvoice: true, facts: p.facts },
          at,
        );
      }
      refreshSearchText(ws.db, claimId);
    });
  }
  return listClaimInvoices(ws.db, claimId);
}

// Importing files into a claim (the CLI's `import`): validate every file first, then store and analyse each
// (slow, async: pages/pipeline.ts), and only then record the document with its pages' facts in one short
// transaction. Invoice pages stored before their QR was read get it read here, once (indexClaimInvoices).
//
// Both take the storage engine (either: the data folder, or the office's shared database; the CLI's path),
// or, until the app is on the contract (issue #23), a Workspace over the synchronous store: one function name,
// the engine path below and the folder path kept as it was.
import { randomBytes } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { DocumentKind, type DocumentOrigin } from '../../shared/domain';
import type { PageFacts } from '../../shared/page-facts';
import type { ClaimDocument } from '../../shared/schemas';
import type { StorageEngine } from './db/contract';
import { store } from './db/store';
import { zodToInvalidInput } from './errors';
import { sniffFile, type SupportedMime } from './files/sniff';
import { storedFilePath } from './files/store';
import { listClaimInvoices, type StoredInvoice } from './invoices/store';
import type { PageAnalyser } from './pages/analyse';
import { analyseInThread, putAndAnalyse, storeAndAnalyse } from './pages/pipeline';
import { addDocument, getClaim, listDocuments, refreshSearchText, setPageFacts, type NewPage } from './repo';
import * as stored from './repo-async';
import type { Workspace } from './workspace';

const isEngine = (target: Workspace | StorageEngine): target is StorageEngine => 'files' in target;

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
export async function importDocument(
  target: Workspace | StorageEngine,
  req: ImportRequest,
): Promise<ClaimDocument> {
  const kind = DocumentKind.safeParse(req.kind);
  if (!kind.success) throw zodToInvalidInput(kind.error, 'kind');
  if (isEngine(target)) return importThrough(target, kind.data, req);
  const ws = target;
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
 * The import through the storage contract: the claim must exist, every file is sniffed before any is stored,
 * each original is put into the engine's file store (a desk that stops half-way leaves originals no page
 * uses, never half a document), and the document with every page's facts is written in one transaction.
 */
async function importThrough(
  engine: StorageEngine,
  kind: DocumentKind,
  req: ImportRequest,
): Promise<ClaimDocument> {
  await stored.getClaim(engine, req.claimId);
  const mimes: SupportedMime[] = [];
  for (const p of req.paths) mimes.push(await sniffFile(p));
  const pages: NewPage[] = [];
  for (const [i, p] of req.paths.entries()) {
    const file = { path: p, mime: mimes[i]!, kind, originalName: req.originalNames?.[i] ?? basename(p) };
    pages.push(await putAndAnalyse(engine.files, file, { analyse: req.analyse, checks: req.checks }));
    req.onProgress?.(i + 1, req.paths.length);
  }
  return stored.addDocument(engine, req.claimId, kind, req.origin ?? 'imported', pages);
}

/**
 * Brings a stored claim's invoice index up to date and returns it. Pages imported since migration 0040 were
 * indexed in the transaction that stored them; this only reads the QR of invoice pages stored before
 * (facts without a QR reading), once: the reading is kept in their facts, so it never happens again.
 * Called at import time (CLI `import`), never by evaluation.
 */
export async function indexClaimInvoices(
  target: Workspace | StorageEngine,
  claimId: number,
): Promise<StoredInvoice[]> {
  if (isEngine(target)) return indexThrough(target, claimId);
  const ws = target;
  getClaim(ws.db, claimId);
  const pending: Array<{ pageId: number; sha256: string; facts: PageFacts }> = [];
  for (const doc of listDocuments(ws.db, claimId).filter((d) => d.kind === 'invoice')) {
    for (const page of doc.pages) {
      // Read already; or stored by a newer ClaimDesk and unreadable here: those facts stay as they were.
      if (page.facts?.qr || page.factsUnread) continue;
      const facts = await readInvoiceQr(storedFilePath(ws.dataDir, page.sha256), page.sha256, page.facts);
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

/** What a QR reading of an older invoice page adds to its facts (only the QR when it was already checked). */
async function readInvoiceQr(path: string, sha256: string, facts: PageFacts | null): Promise<PageFacts> {
  const read = await analyseInThread(
    { path, sha256, kind: 'invoice' },
    { readQr: true, checks: facts?.quality === undefined || facts?.quality === null, reader: undefined },
  );
  return facts
    ? { ...facts, qr: read.qr, fingerprint: { ...facts.fingerprint, phash: read.fingerprint.phash } }
    : read;
}

/** indexClaimInvoices through the storage contract: the original is read from the engine's file store. */
async function indexThrough(engine: StorageEngine, claimId: number): Promise<StoredInvoice[]> {
  await stored.getClaim(engine, claimId);
  const pending: Array<{ pageId: number; sha256: string; facts: PageFacts }> = [];
  for (const doc of (await stored.listDocuments(engine, claimId)).filter((d) => d.kind === 'invoice')) {
    for (const page of doc.pages) {
      if (page.facts?.qr || page.factsUnread) continue;
      // The reader takes a file: the original's bytes go to a private temporary file for the reading.
      const path = join(tmpdir(), `claimdesk-qr-${process.pid}-${randomBytes(6).toString('hex')}`);
      await writeFile(path, await engine.files.read(page.sha256), { mode: 0o600 });
      try {
        pending.push({
          pageId: page.id,
          sha256: page.sha256,
          facts: await readInvoiceQr(path, page.sha256, page.facts),
        });
      } finally {
        await rm(path, { force: true });
      }
    }
  }
  if (pending.length > 0)
    await engine.transaction(async (tx) => {
      const at = new Date().toISOString();
      for (const p of pending) {
        await tx.documents.setPageFacts(p.pageId, p.facts);
        await tx.invoices.indexPage(
          { claimId, pageId: p.pageId, sha256: p.sha256, isInvoice: true, facts: p.facts },
          at,
        );
      }
      await tx.search.refresh(claimId);
    });
  return engine.invoices.ofClaim(claimId);
}

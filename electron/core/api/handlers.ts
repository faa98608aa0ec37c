// The handlers behind every channel of shared/ipc.ts: plain Node on electron/core, no 'electron'. The desktop
// app registers them on ipcMain; the browser test serves them over HTTP on 127.0.0.1. What differs between the
// two (dialogs, shell, printing) comes in through `Platform`.
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { exportClaimBundles, mergeBundlesForPrint } from '../export/bulk';
import { matchingClaimIds } from '../claim-selection';
import {
  requestedItem,
  requestedItems,
  setRequestedItemDone,
  statusHistory,
  statusSince,
  transitionWithFacts,
  type StatusFacts,
} from '../claim-status';
import { isReadOnlyStatus, type ClaimStatus } from '../../../shared/lifecycle';
import {
  purgeDeletedClaims,
  setClaimsArchived,
  softDeleteClaims,
  undeleteClaims,
  UNDO_WINDOW_MS,
} from '../claim-trash';
import type { Workspace } from '../workspace';
import { backupsDir, openWorkspace } from '../workspace';
import { backupDatabase, restoreWorkspace } from '../backup';
import {
  listBackups,
  manualBackupFileName,
  readBackupSchedule,
  updateBackupSchedule,
} from '../backup-schedule';
import type { PageAnalyser } from '../pages/analyse';
import { storeAndAnalyse } from '../pages/pipeline';
import { importDroppedFiles } from '../import-files';
import { createClaimWithStack, importStack, readStack, reassignPage, StackReadings } from '../import-stack';
import { assertClaimEditable, claimOfDocument } from '../claim-lock';
import { isReadyToSubmit } from '../../../shared/evaluation';
import { claimConfirmations, setDocumentConfirmation } from '../confirmations';
import { pageCorrections, setPageField } from '../field-corrections';
import { isPledgeSigned, setPledgeSigned } from '../pledge';
import { sniffFile } from '../files/sniff';
import {
  createClaim,
  createHousehold,
  createPerson,
  deletePerson,
  getClaim,
  getDocument,
  getPerson,
  listClaims,
  listDocuments,
  listHouseholds,
  listPeople,
  removeDocument,
  renameHousehold,
  updateClaim,
  updatePerson,
  documentCounts,
  findPage,
  movePage,
  pageFile,
  removePage,
  replacePage,
} from '../repo';
import { ClaimDeskError } from '../errors';
import { localToday } from '../rules/dates';
import { QualityReport } from '../../../shared/quality';
import type { BackupInfo, ClaimSummary } from '../../../shared/ipc';
import { CanceledError, UnavailableError, type ApiHandlers } from './dispatch';
import { writeClaimList } from '../export/claim-list';
import { FileGrants } from './grants';
import {
  availableFeatures,
  bringListFor,
  checkerFor,
  confirmableRequirements,
  deadlineOf,
  evaluateStoredClaim,
  exportStoredClaim,
  type BundleOptions,
} from './integrations';
import { readSettings, writeSettings } from './settings';
import { makeThumbnail } from './thumbnails';
import { isBackupFileName, isProducedPath } from './trust';
import { cameraHandlers } from './camera';
import { pruneCaptures } from './captures';
import type { LiveAnalyser } from './live-in-worker';
import { analyseLiveFrame } from '../quality/live';

/** What the shell around the handlers provides: Electron's dialogs and shell, or the test's stand-ins. */
export interface Platform {
  shell: 'electron' | 'test';
  version: string;
  /** Absolute paths the user chose; [] when the dialog was closed. */
  chooseFiles(options: { multiple: boolean; purpose: 'documents' | 'backup' }): Promise<string[]>;
  /** Where to save the bundle; null when the dialog was closed. */
  chooseSavePath(defaultName: string): Promise<string | null>;
  /** A folder for many bundles (bulk export); null when the dialog was closed. Absent: no bulk export. */
  chooseFolder?(): Promise<string | null>;
  openPath(path: string): Promise<void>;
  showInFolder(path: string): Promise<void>;
  printPdf(path: string): Promise<boolean>;
  /** Today's date as YYYY-MM-DD (tests fix it). */
  today?(): string;
  /** A folder for the data; null when the dialog was closed. Absent where the shell cannot switch folders. */
  chooseDataFolder?(): Promise<string | null>;
  /** Remembers the new data folder and restarts on it (the desktop app). */
  switchDataFolder?(dataDir: string): Promise<void>;
}

/** How the bundle is built: in this thread (CLI, tests) or in a worker thread (the desktop app). */
export type ExportRunner = (
  ws: Workspace,
  opts: BundleOptions,
) => Promise<{ pages: number | null; images: string[] }>;

/** How pages are analysed as they come in: in this thread (CLI, tests) or in a worker thread (the app). */
export type CheckerFactory = (ws: Workspace) => PageAnalyser;

export interface ApiState {
  ws: Workspace;
  /** Told when a restore replaced the open workspace (the app restarts its backup schedule on it). */
  onReplaced?: (ws: Workspace) => void;
}

export const THUMBNAIL_DEFAULT_SIZE = 240;

/** A progress line names the file being looked at next (the last one once all are done). */
function labelOf(files: readonly { name: string }[], done: number): string {
  return (files[done] ?? files[done - 1])?.name ?? '';
}

export function createHandlers(
  state: ApiState,
  platform: Platform,
  grants = new FileGrants(),
  runExport: ExportRunner = exportStoredClaim,
  checkerOf: CheckerFactory = checkerFor,
  analyseLive: LiveAnalyser = async (frame) => analyseLiveFrame(frame),
): ApiHandlers {
  const produced = new Set<string>();
  // What the new-claim screen's stack drop read, kept by file hash until the claim is created with it.
  const stackReadings = new StackReadings();
  const today = (): string => platform.today?.() ?? localToday();
  const db = () => state.ws.db;

  // Claims deleted more than the undo window ago go for good: at start (here) and at each later delete.
  const purgeExpired = () =>
    purgeDeletedClaims(db(), state.ws.dataDir, new Date(Date.now() - UNDO_WINDOW_MS));
  void purgeExpired().catch((err: unknown) =>
    console.error('[claimdesk] purge of deleted claims failed', err),
  );

  // Camera photos whose bytes are now stored with their paper are removed at start (api/captures.ts).
  void pruneCaptures(state.ws.dataDir).catch((err: unknown) =>
    console.error('[claimdesk] clean-up of camera photos failed', err),
  );

  async function listBackupFiles(): Promise<BackupInfo[]> {
    return (await listBackups(state.ws.dataDir)).filter((b) => isBackupFileName(b.name));
  }

  /** One status move with its facts; 材料齐全 only on the engine's verdict (the one the editor and bundle show). */
  async function moveClaim(id: number, to: ClaimStatus, facts: StatusFacts) {
    if (to === 'ready' && getClaim(db(), id).status !== 'ready') {
      const report = await evaluateStoredClaim(state.ws, id, today());
      if (!isReadyToSubmit(report))
        throw new ClaimDeskError(
          'transition_refused',
          '材料还不齐全或还有问题没解决，不能标为“材料齐全”，请先看材料清单',
          'the claim is not ready: the checklist is incomplete or has errors',
          { field: 'status' },
        );
    }
    return transitionWithFacts(db(), id, to, facts, today());
  }

  function producedOrRefuse(path: string): string {
    if (!isProducedPath(produced, path)) {
      throw new ClaimDeskError(
        'invalid_input',
        '只能打开本程序刚导出的文件',
        'only files this app exported can be opened',
        { field: 'path' },
      );
    }
    return path;
  }

  return {
    ...cameraHandlers(() => state.ws.dataDir, grants, analyseLive),
    async getAppInfo() {
      return {
        version: platform.version,
        dataDir: state.ws.dataDir,
        shell: platform.shell,
        today: today(),
        features: availableFeatures(state.ws),
      };
    },
    async getSettings() {
      return readSettings(db());
    },
    async saveSettings(settings) {
      return writeSettings(db(), settings);
    },

    async listHouseholds() {
      return listHouseholds(db());
    },
    async createHousehold(req) {
      return createHousehold(db(), req);
    },
    async renameHousehold(req) {
      return renameHousehold(db(), req.id, req.name);
    },
    async listPeople(req) {
      return listPeople(db(), req.householdId);
    },
    async createPerson(req) {
      return createPerson(db(), req);
    },
    async updatePerson(req) {
      return updatePerson(db(), req.id, req.person);
    },
    async deletePerson(req) {
      deletePerson(db(), req.id);
      return { deleted: true as const };
    },

    async listClaims(req) {
      const page = listClaims(db(), req);
      const ids = page.items.map((c) => c.id);
      const counts = documentCounts(db(), ids);
      const since = statusSince(db(), ids);
      const t = today();
      const idTails = new Map<number, string>();
      const items: ClaimSummary[] = [];
      for (const c of page.items) {
        const pid = c.fields.claimantId;
        if (!idTails.has(pid)) idTails.set(pid, getPerson(db(), pid).idNumber.replace(/\s/g, '').slice(-4));
        // The board's 缺 n 项 / 齐 is the engine's verdict, the same one 材料齐全 and the bundle take.
        let checklist: ClaimSummary['checklist'] = null;
        if (!isReadOnlyStatus(c.status)) {
          const report = await evaluateStoredClaim(state.ws, c.id, t);
          checklist = {
            missing: report.requirements.filter((r) => r.status !== 'satisfied').length,
            ready: isReadyToSubmit(report),
          };
        }
        items.push({
          ...c,
          deadline: deadlineOf(state.ws, c, t),
          documentCount: counts.get(c.id) ?? 0,
          statusSince: since.get(c.id) ?? null,
          claimantIdTail: idTails.get(pid) ?? '',
          checklist,
        });
      }
      return { ...page, items };
    },
    async listClaimIds(req) {
      return matchingClaimIds(db(), req);
    },
    async getClaim(req) {
      const claim = getClaim(db(), req.id);
      return {
        claim,
        documents: listDocuments(db(), req.id),
        history: statusHistory(db(), req.id),
        requestedItems: requestedItems(db(), req.id),
        claimant: getPerson(db(), claim.fields.claimantId),
        confirmations: Object.entries(claimConfirmations(db(), req.id)).flatMap(([documentId, checks]) =>
          checks.map((check) => ({ documentId: Number(documentId), check })),
        ),
        pledgeSigned: isPledgeSigned(db(), req.id),
      };
    },
    async createClaim(req) {
      return createClaim(db(), req);
    },
    async createClaimWithStack(req, call) {
      const files = req.files.map((t) => grants.resolve(t));
      call.emitProgress({ task: 'import', done: 0, total: files.length, label: files[0]?.name ?? '' });
      return createClaimWithStack(state.ws, {
        claim: req.claim,
        files,
        readings: stackReadings,
        analyse: checkerOf(state.ws),
        onProgress: (done, all) =>
          call.emitProgress({ task: 'import', done, total: all, label: labelOf(files, done) }),
      });
    },
    async updateClaim(req) {
      assertClaimEditable(db(), req.id);
      return updateClaim(db(), req.id, req.claim);
    },
    async transitionClaim(req) {
      return moveClaim(req.id, req.to, req);
    },
    async transitionClaims(req) {
      const items = [];
      for (const id of req.ids) {
        const reference = getClaim(db(), id).reference;
        try {
          await moveClaim(id, req.to, req);
          items.push({ claimId: id, reference, moved: true, reason: null, reasonEn: null });
        } catch (err) {
          if (!(err instanceof ClaimDeskError)) throw err;
          items.push({ claimId: id, reference, moved: false, reason: err.zh, reasonEn: err.en });
        }
      }
      return { items };
    },
    async archiveClaims(req) {
      return { changed: setClaimsArchived(db(), req.ids, req.archived) };
    },
    async deleteClaims(req) {
      await purgeExpired();
      return { deleted: softDeleteClaims(db(), req.ids), undoMs: UNDO_WINDOW_MS };
    },
    async undeleteClaims(req) {
      return { restored: undeleteClaims(db(), req.ids) };
    },
    async setRequestedItemDone(req) {
      assertClaimEditable(db(), requestedItem(db(), req.itemId).claimId);
      return setRequestedItemDone(db(), req.itemId, req.done);
    },
    async evaluateClaim(req) {
      getClaim(db(), req.id);
      const report = await evaluateStoredClaim(state.ws, req.id, today());
      return { ...report, confirmable: confirmableRequirements(state.ws, req.id) };
    },
    async getBringList(req) {
      return bringListFor(state.ws, req, today());
    },
    async confirmDocument(req) {
      assertClaimEditable(db(), claimOfDocument(db(), req.documentId));
      const confirmed = setDocumentConfirmation(db(), req.documentId, req.check, req.confirmed);
      return { documentId: req.documentId, confirmed };
    },
    async setDocumentField(req) {
      return { pageId: req.pageId, fields: setPageField(db(), req.pageId, req.field, req.value) };
    },
    async readStack(req, call) {
      const files = req.files.map((t) => grants.resolve(t));
      call.emitProgress({ task: 'import', done: 0, total: files.length, label: files[0]?.name ?? '' });
      const { read, rejected } = await readStack(state.ws, {
        files,
        readings: stackReadings,
        analyse: checkerOf(state.ws),
        onProgress: (done, all) =>
          call.emitProgress({ task: 'import', done, total: all, label: labelOf(files, done) }),
      });
      return {
        read: read.map((r) => ({
          token: req.files[r.index]!,
          name: r.name,
          kind: r.kind,
          fields: r.fields,
          retake: r.retake,
        })),
        rejected,
      };
    },
    async getPageCorrections(req) {
      pageFile(db(), req.pageId); // an unknown page is refused, not answered with nothing
      return { pageId: req.pageId, fields: pageCorrections(db(), req.pageId) };
    },
    async markPledgeSigned(req) {
      return { id: req.id, signed: setPledgeSigned(db(), req.id, req.signed) };
    },

    async pickFiles(req) {
      const paths = await platform.chooseFiles({ multiple: req.multiple ?? true, purpose: 'documents' });
      return grants.grant(paths);
    },
    async importDocument(req, call) {
      const files = req.files.map((t) => grants.resolve(t));
      const total = files.length;
      // The label names the file being checked next (the last one once all are done).
      call.emitProgress({ task: 'import', done: 0, total, label: files[0]?.name ?? '' });
      const { document, rejected } = await importDroppedFiles(state.ws, {
        claimId: req.claimId,
        kind: req.kind,
        files,
        analyse: checkerOf(state.ws),
        onProgress: (done, all) =>
          call.emitProgress({
            task: 'import',
            done,
            total: all,
            label: labelOf(files, done),
          }),
      });
      return { ...document, rejected };
    },
    async importStack(req, call) {
      const files = req.files.map((t) => grants.resolve(t));
      call.emitProgress({ task: 'import', done: 0, total: files.length, label: files[0]?.name ?? '' });
      return importStack(state.ws, {
        claimId: req.claimId,
        files,
        analyse: checkerOf(state.ws),
        onProgress: (done, all) =>
          call.emitProgress({
            task: 'import',
            done,
            total: all,
            label: labelOf(files, done),
          }),
      });
    },
    async reassignPage(req, call) {
      call.emitProgress({ task: 'import', done: 0, total: 1, label: '' });
      const doc = await reassignPage(state.ws, { ...req, analyse: checkerOf(state.ws) });
      call.emitProgress({ task: 'import', done: 1, total: 1, label: '' });
      return doc;
    },
    async removeDocument(req) {
      assertClaimEditable(db(), claimOfDocument(db(), req.documentId));
      removeDocument(db(), req.documentId);
      return { removed: true as const };
    },
    async removePage(req) {
      assertClaimEditable(db(), findPage(db(), req.pageId).claimId);
      removePage(db(), req.pageId);
      return { removed: true as const };
    },
    async replacePage(req, call) {
      const page = findPage(db(), req.pageId);
      assertClaimEditable(db(), page.claimId);
      const kind = getDocument(db(), page.documentId).kind;
      const file = grants.resolve(req.file);
      call.emitProgress({ task: 'replace', done: 0, total: 1, label: file.name });
      const mime = await sniffFile(file.path);
      const incoming = { path: file.path, mime, kind, originalName: file.name };
      const newPage = await storeAndAnalyse(state.ws.dataDir, incoming, { analyse: checkerOf(state.ws) });
      const updated = replacePage(db(), req.pageId, newPage);
      call.emitProgress({ task: 'replace', done: 1, total: 1, label: file.name });
      return updated;
    },
    async movePage(req) {
      assertClaimEditable(db(), findPage(db(), req.pageId).claimId);
      return movePage(db(), req.pageId, req.direction);
    },
    async getThumbnail(req) {
      const f = pageFile(db(), req.pageId);
      return makeThumbnail(
        state.ws.dataDir,
        f.sha256,
        f.mime,
        req.maxSize ?? THUMBNAIL_DEFAULT_SIZE,
        req.pdfPage ?? 0,
        // A photo taken sideways is shown upright (its boxes turn alike in the page); a PDF as it prints.
        f.mime === 'application/pdf' ? 0 : f.upright,
      );
    },
    async getPageQuality(req) {
      const q = QualityReport.safeParse(pageFile(db(), req.pageId).quality);
      return q.success ? q.data : null;
    },

    async exportBundle(req, call) {
      const claim = getClaim(db(), req.claimId);
      const out = await platform.chooseSavePath(`${claim.reference}-${claim.claimantName}-报销材料.pdf`);
      if (out === null) return null;
      const outFile = resolve(extname(out).toLowerCase() === '.pdf' ? out : `${out}.pdf`);
      const imagesDir = req.withImages ? outFile.replace(/\.pdf$/i, '-上传图片') : null;
      call.emitProgress({ task: 'export', done: 0, total: 1, label: '准备' });
      const result = await runExport(state.ws, {
        claimId: req.claimId,
        outFile,
        imagesDir,
        allowIncomplete: req.allowIncomplete ?? false,
        today: today(),
        onProgress: (done, total, label) => call.emitProgress({ task: 'export', done, total, label }),
      });
      produced.add(outFile);
      if (imagesDir) produced.add(imagesDir);
      const bytes = (await stat(outFile)).size;
      return { path: outFile, bytes, pages: result.pages, imagesDir, images: result.images };
    },
    async exportBundles(req, call) {
      for (const id of req.ids) getClaim(db(), id);
      if (!platform.chooseFolder) {
        throw new UnavailableError('这里不能选择文件夹', 'this shell cannot choose a folder');
      }
      const folder = await platform.chooseFolder();
      if (folder === null) return null;
      const target = resolve(folder);
      const items = await exportClaimBundles(state.ws, {
        claimIds: req.ids,
        folder: target,
        today: today(),
        runExport,
        onProgress: (done, total, label) => call.emitProgress({ task: 'batch', done, total, label }),
      });
      for (const item of items) if (item.path) produced.add(item.path);
      return { folder: target, items };
    },
    async printBundles(req) {
      const paths = req.paths.map(producedOrRefuse);
      // One merged PDF, one print dialog; the merged copy is only for the printer and goes afterwards.
      const dir = await mkdtemp(join(tmpdir(), 'claimdesk-print-'));
      try {
        const merged = join(dir, '报销材料-合并打印.pdf');
        const pages = await mergeBundlesForPrint(paths, merged);
        produced.add(merged);
        const printed = await platform.printPdf(merged);
        produced.delete(merged);
        return { printed, pages };
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
    async exportClaimList(req, call) {
      for (const id of req.ids) getClaim(db(), id);
      const ext = `.${req.format}`;
      const out = await platform.chooseSavePath(`报销清单-${today()}${ext}`);
      if (out === null) return null;
      const outFile = resolve(extname(out).toLowerCase() === ext ? out : `${out}${ext}`);
      call.emitProgress({ task: 'export', done: 0, total: 1, label: '准备' });
      const result = await writeClaimList(state.ws, req.ids, req.format, outFile, today());
      produced.add(outFile);
      return { path: outFile, ...result };
    },
    async openExported(req) {
      await platform.openPath(producedOrRefuse(req.path));
      return { opened: true as const };
    },
    async showExportedInFolder(req) {
      await platform.showInFolder(producedOrRefuse(req.path));
      return { shown: true as const };
    },
    async printExported(req) {
      return { printed: await platform.printPdf(producedOrRefuse(req.path)) };
    },

    async listBackups() {
      return listBackupFiles();
    },
    async createBackup(_req, call) {
      call.emitProgress({ task: 'backup', done: 0, total: 1, label: '' });
      const name = manualBackupFileName(new Date());
      const r = await backupDatabase(db(), join(backupsDir(state.ws.dataDir), name));
      call.emitProgress({ task: 'backup', done: 1, total: 1, label: name });
      return {
        name,
        path: r.path,
        bytes: r.bytes,
        createdAt: new Date().toISOString(),
        kind: 'manual' as const,
      };
    },
    async changeDataDir() {
      if (!platform.chooseDataFolder || !platform.switchDataFolder) {
        throw new UnavailableError('这里不能更换数据文件夹', 'this shell cannot change the data folder');
      }
      const chosen = await platform.chooseDataFolder();
      if (chosen === null) return null;
      const target = resolve(chosen);
      if (target === resolve(state.ws.dataDir)) return { dataDir: target, restarting: false };
      // Open (create, check, migrate) the new folder now: a read-only or damaged folder is refused here,
      // while the current one is still open, instead of after the restart.
      const probe = await openWorkspace(target);
      probe.close();
      await platform.switchDataFolder(target);
      return { dataDir: target, restarting: true };
    },
    async getBackupSchedule() {
      return readBackupSchedule(db());
    },
    async saveBackupSchedule(req) {
      return updateBackupSchedule(db(), req);
    },
    async restoreBackup(req, call) {
      let file: string;
      if (req.file) file = grants.resolve(req.file).path;
      else if (req.name) {
        const found = (await listBackupFiles()).find((b) => b.name === req.name);
        if (!found)
          throw new ClaimDeskError('not_found', `找不到备份 ${req.name}`, `backup ${req.name} not found`, {
            field: 'name',
          });
        file = found.path;
      } else {
        const picked = await platform.chooseFiles({ multiple: false, purpose: 'backup' });
        if (!picked[0]) throw new CanceledError();
        file = picked[0];
      }
      call.emitProgress({ task: 'restore', done: 0, total: 1, label: '' });
      // The backup is checked before the open database is closed; the folder is reopened whatever happens.
      const r = await restoreWorkspace(state.ws, file);
      state.ws = r.workspace;
      state.onReplaced?.(r.workspace);
      call.emitProgress({ task: 'restore', done: 1, total: 1, label: '' });
      if (r.error) throw r.error;
      return {
        claims: r.result.claims,
        safetyCopy: r.result.safetyCopy,
        missingFiles: r.result.missingFiles,
      };
    },
  };
}

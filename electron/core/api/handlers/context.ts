// What every concern's handlers share: the open workspace, the shell around them (`Platform`), the file
// grants, how exports and page analysis run, and the per-session memory (what was exported, what a stack
// drop read). Built once by createHandlers (../handlers.ts) and handed to each concern module.
import type { VerdictWarmer } from '../../claim-verdict';
import type { CallContext } from '../dispatch';
import type { FileGrants } from '../grants';
import type { Db } from '../../db/contract';
import type { StoredExportOptions, StoredExportResult } from '../../export/stored-claim';
import type { StackReadings } from '../../import-stack';
import type { LiveAnalyser } from '../live-in-worker';
import type { PageAnalyser } from '../../pages/analyse';
import type { Workspace } from '../../workspace';
import type { SecretStore } from '../shared-database';
import type { ProgressEvent } from '../../../../shared/ipc';

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
  /**
   * Where 设置 → 共享数据库 keeps the database this desk uses (the app's settings folder) and how it seals the
   * password (Electron safeStorage; tests their own). Absent: this shell cannot switch databases.
   */
  sharedDatabase?: { configDir: string; secrets: SecretStore };
  /**
   * Make the board's verdicts ahead of it in idle turns (claim-verdict.ts verdictWarmer): the desktop app.
   * Off by default, so tests count exactly the evaluations their own calls cause.
   */
  warmVerdicts?: boolean;
}

/** How the bundle is built: in this thread (CLI, tests) or in a worker thread (the desktop app). */
export type ExportRunner = (ws: Workspace, opts: StoredExportOptions) => Promise<StoredExportResult>;

/** How pages are analysed as they come in: in this thread (CLI, tests) or in a worker thread (the app). */
export type CheckerFactory = (ws: Workspace) => PageAnalyser;

export interface ApiState {
  ws: Workspace;
  /** Told when a restore replaced the open workspace (the app restarts its backup schedule on it). */
  onReplaced?: (ws: Workspace) => void;
  /** Set by createHandlers when the platform warms verdicts (tests wait on its idle()). */
  verdictWarmer?: VerdictWarmer;
}

export interface HandlerContext {
  state: ApiState;
  platform: Platform;
  grants: FileGrants;
  runExport: ExportRunner;
  /** The page analyser for the open workspace (this thread, or the app's check worker). */
  analyser(): PageAnalyser;
  /** The live checks on a camera preview frame (this thread, or the app's live worker). */
  analyseLive: LiveAnalyser;
  /** Today as YYYY-MM-DD: the platform's (tests fix it) or the local date. */
  today(): string;
  /** The open workspace's database (a restore replaces it, so it is looked up on every call). */
  db(): Db;
  /** Paths this session exported: the only ones it will open, show in their folder or print. */
  produced: Set<string>;
  /** What the new-claim screen's stack drop read, kept by file hash until the claim is created with it. */
  stackReadings: StackReadings;
}

/**
 * Progress of a task over files: announces the start (nothing done, the first file's name) and returns the
 * callback the work reports to. A line names the file being looked at next (the last one once all are done).
 */
export function fileProgress(
  call: CallContext,
  task: ProgressEvent['task'],
  files: readonly { name: string }[],
): (done: number, total: number) => void {
  const labelOf = (done: number): string => (files[done] ?? files[done - 1])?.name ?? '';
  call.emitProgress({ task, done: 0, total: files.length, label: labelOf(0) });
  return (done, total) => call.emitProgress({ task, done, total, label: labelOf(done) });
}

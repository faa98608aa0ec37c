// Online backups (the storage engine's consistent copy, taken while the app keeps writing) and restore. The
// file store is append-only and content-addressed, so a database backup stays valid against the same data
// folder. Everything that touches the database itself goes through the storage contract (`store.engine`).
import { copyFile, mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { StorageEngine } from './db/contract';
import { DATABASE_FILE_NAME, databasePath, openDatabaseFile, type Db } from './db/open';
import { store } from './db/store';
import { LATEST_SCHEMA_VERSION } from './db/migrations';
import { ClaimDeskError, DatabaseFromFutureError, describeFsError } from './errors';
import {
  commitTemp,
  copyFileAtomic,
  discardTemp,
  fsyncFile,
  removeDeadTemps,
  tempNameFor,
} from './files/atomic';
import { storeRoot, storedFilePath, verifyStoredFile } from './files/store';
import { backupsDir, openWorkspace, type Workspace } from './workspace';

const isEngine = (x: object): x is StorageEngine => 'snapshot' in x && 'files' in x;

/**
 * Writes a consistent copy of the open database to `outFile`: a temp name first, fsynced, checked with
 * PRAGMA integrity_check, then renamed, so a file under a backup's name is always a whole, readable backup.
 * Given the storage engine (either; the CLI's path on the office's shared database), the copy is the
 * engine's snapshot: a self-contained SQLite store of every row (on PostgreSQL without the originals, which
 * stay in the database: the server's own backup, pg_dump, holds rows and originals together).
 */
export async function backupDatabase(
  source: Db | StorageEngine,
  outFile: string,
): Promise<{ path: string; bytes: number }> {
  const dir = dirname(outFile);
  try {
    await mkdir(dir, { recursive: true });
  } catch (err) {
    throw describeFsError(err, dir, { zh: '创建备份文件夹', en: 'create the backup folder' });
  }
  // The pid in the name lets cleanInterruptedBackupFiles tell a crashed writer's leftovers from a live one's.
  const tmp = join(dir, tempNameFor(basename(outFile)));
  try {
    // One self-contained file (safe to copy to a USB stick): no -wal/-shm files needed beside it.
    if (isEngine(source)) await writeFile(tmp, await source.snapshot(), { mode: 0o600 });
    else await store.engine.copyTo(source, tmp);
    await fsyncFile(tmp);
  } catch (err) {
    await discardTemp(tmp);
    throw describeFsError(err, outFile, { zh: '写入备份', en: 'write the backup' });
  }
  try {
    inspectBackup(tmp);
  } catch (err) {
    await discardTemp(tmp);
    throw err;
  }
  try {
    await commitTemp(tmp, outFile);
  } catch (err) {
    throw describeFsError(err, outFile, { zh: '写入备份', en: 'write the backup' });
  }
  return { path: outFile, bytes: (await stat(outFile)).size };
}

/**
 * Removes the half-written copies a crash or kill left behind (backups/.NAME.PID-….part and the data
 * folder's .claimdesk.sqlite3.restore.PID-….part, with their SQLite sidecars) when process PID is gone.
 * Returns how many were removed.
 */
export async function cleanInterruptedBackupFiles(dataDir: string): Promise<number> {
  return (
    (await removeDeadTemps(backupsDir(dataDir))) +
    (await removeDeadTemps(dataDir, { label: RESTORE_TEMP_LABEL }))
  );
}

/** The label of the restored database's temporary copy in the data folder. */
const RESTORE_TEMP_LABEL = `${DATABASE_FILE_NAME}.restore`;

/** Checks that a file is a ClaimDesk database this version can read; returns its schema version. */
export function inspectBackup(file: string): { schemaVersion: number; claims: number } {
  let found: ReturnType<typeof store.engine.inspectFile>;
  try {
    found = store.engine.inspectFile(file);
  } catch (err) {
    if (err instanceof DatabaseFromFutureError || err instanceof ClaimDeskError) {
      if (err instanceof DatabaseFromFutureError) throw err;
      throw new ClaimDeskError(
        'backup_invalid',
        `备份文件无法使用：${file}（${err.zh}）`,
        `backup is not usable: ${file} (${err.en})`,
        {
          field: file,
          cause: err,
        },
      );
    }
    throw new ClaimDeskError('backup_invalid', `备份文件已损坏：${file}`, `backup file is damaged: ${file}`, {
      field: file,
      cause: err,
    });
  }
  const version = found.schemaVersion;
  if (!found.hasClaims || version === 0) {
    throw new ClaimDeskError(
      'backup_invalid',
      `这不是 ClaimDesk 的备份文件：${file}`,
      `not a ClaimDesk backup: ${file}`,
      { field: file },
    );
  }
  if (version > LATEST_SCHEMA_VERSION) throw new DatabaseFromFutureError(version, LATEST_SCHEMA_VERSION);
  return { schemaVersion: version, claims: found.claims };
}

/**
 * Replaces the data folder's database with `backupFile`. The database must be closed by the caller.
 * The current database is first saved to backups/pre-restore-*.sqlite3, so a restore can be undone.
 */
export interface RestoreResult {
  /** Where the database that was replaced was saved (null when there was none). */
  safetyCopy: string | null;
  claims: number;
  /** Pages in the restored database whose original is not in this data folder's store (restored from elsewhere). */
  missingFiles: number;
  /** The replaced database was damaged: it was kept byte for byte as backups/damaged-….sqlite3 (not listed). */
  replacedWasDamaged: boolean;
}

/** Errors that mean the current database itself is damaged (as opposed to busy, full or unwritable). */
function isDamage(err: unknown): boolean {
  if (store.engine.isDamage(err)) return true;
  if (err instanceof ClaimDeskError) return err.code === 'backup_invalid' || err.code === 'database_corrupt';
  return false;
}

/**
 * Saves the database a restore is about to replace: a checked backup (backups/pre-restore-….sqlite3) when it
 * is healthy, or, when it is damaged (the usual reason to restore), a byte-for-byte copy kept out of the
 * backup list, so a damaged database never blocks the restore and is never thrown away either.
 */
async function saveCurrentDatabase(
  dataDir: string,
  target: string,
): Promise<{ path: string; damaged: boolean }> {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  // Refused (naming the file) while another window or command has it open: swapping the file under a live
  // connection would lose whatever it writes next.
  // A file too damaged even to lock is kept as a damaged copy below, like one whose backup fails.
  let current: Db | undefined;
  try {
    current = store.engine.openExclusive(target);
    const path = join(backupsDir(dataDir), `pre-restore-${stamp}.sqlite3`);
    await backupDatabase(current, path);
    return { path, damaged: false };
  } catch (err) {
    if (!isDamage(err)) throw err;
  } finally {
    if (current) store.engine.close(current);
  }
  const path = join(backupsDir(dataDir), `damaged-${stamp}.sqlite3`);
  try {
    await mkdir(backupsDir(dataDir), { recursive: true });
    await copyFileAtomic(target, path);
    await copyFileAtomic(`${target}-wal`, `${path}-wal`).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw err;
    });
  } catch (err) {
    throw describeFsError(err, path, {
      zh: '保存损坏的数据库副本',
      en: 'keep a copy of the damaged database',
    });
  }
  return { path, damaged: true };
}

export async function restoreDatabase(dataDir: string, backupFile: string): Promise<RestoreResult> {
  const info = inspectBackup(backupFile);
  const target = databasePath(dataDir);
  let safetyCopy: string | null = null;
  const exists = await stat(target).then(
    () => true,
    () => false,
  );
  let replacedWasDamaged = false;
  if (exists) {
    const saved = await saveCurrentDatabase(dataDir, target);
    safetyCopy = saved.path;
    replacedWasDamaged = saved.damaged;
  }
  await cleanInterruptedBackupFiles(dataDir);
  const tmp = join(dataDir, tempNameFor(RESTORE_TEMP_LABEL));
  try {
    await copyFile(backupFile, tmp);
    await fsyncFile(tmp);
    // The WAL belongs to the database being replaced; leaving it would replay old pages onto the restore.
    await rm(`${target}-wal`, { force: true });
    await rm(`${target}-shm`, { force: true });
    await commitTemp(tmp, target);
  } catch (err) {
    await discardTemp(tmp);
    throw describeFsError(err, target, { zh: '恢复数据库', en: 'restore the database' });
  }
  // Bring an older backup's schema up to date now, so the next open is ordinary.
  const restored = openDatabaseFile(target);
  try {
    return {
      safetyCopy,
      claims: info.claims,
      missingFiles: await countMissingFiles(dataDir, restored),
      replacedWasDamaged,
    };
  } finally {
    store.engine.close(restored);
  }
}

async function countMissingFiles(dataDir: string, db: Db): Promise<number> {
  let missing = 0;
  for (const sha of store.documents.referencedFiles(db)) {
    const ok = await stat(storedFilePath(dataDir, sha)).then(
      (s) => s.isFile(),
      () => false,
    );
    if (!ok) missing++;
  }
  return missing;
}

/**
 * For the desktop app: closes the open workspace, restores `backupFile` into its data folder and opens it
 * again. A bad backup (damaged, not ours, from a newer version) is refused before anything is closed; if the
 * restore itself fails, the data folder is reopened as it was and the error is returned beside it, so the
 * app always gets a workspace back.
 */
export async function restoreWorkspace(
  ws: Workspace,
  backupFile: string,
): Promise<
  | { workspace: Workspace; result: RestoreResult; error?: never }
  | { workspace: Workspace; result?: never; error: ClaimDeskError }
> {
  inspectBackup(backupFile);
  ws.close();
  try {
    const result = await restoreDatabase(ws.dataDir, backupFile);
    return { workspace: await openWorkspace(ws.dataDir), result };
  } catch (err) {
    const error =
      err instanceof ClaimDeskError
        ? err
        : new ClaimDeskError('backup_invalid', `恢复失败：${backupFile}`, `restore failed: ${backupFile}`, {
            field: backupFile,
            cause: err,
          });
    return { workspace: await openWorkspace(ws.dataDir), error };
  }
}

export interface DataFolderReport {
  ok: boolean;
  /** PRAGMA integrity_check's answer ('ok' when healthy). */
  integrity: string;
  /** Rows PRAGMA foreign_key_check reports (0 when healthy). */
  foreignKeyProblems: number;
  /** Stored originals referenced by pages, and how many were re-hashed (all, unless `quick`). */
  filesReferenced: number;
  filesHashed: number;
  /** Referenced originals that are missing or whose bytes no longer match their sha256 name. */
  missing: string[];
  damaged: string[];
  /** The pages whose original is missing or damaged, named the way the user knows them. */
  affectedPages: Array<{
    claimId: number;
    reference: string;
    kind: string;
    originalName: string;
    state: 'missing' | 'damaged';
  }>;
  /**
   * Stored originals no page refers to (an interrupted or refused import left them). Reported, not removed:
   * another window may be importing the same bytes right now, and deleting them could lose its page.
   */
  orphans: { count: number; bytes: number };
  /** Interrupted writes waiting in files/tmp (cleaned whenever the data folder is opened). */
  tempFiles: number;
}

/**
 * Checks a data folder end to end: the database's integrity and foreign keys, every page's original present
 * and (unless `quick`) re-hashed against its name, and originals nothing refers to.
 */
export async function verifyDataFolder(
  target: Workspace | StorageEngine,
  options: { quick?: boolean } = {},
): Promise<DataFolderReport> {
  if (isEngine(target)) return verifyStore(target, options);
  const ws = target;
  const { integrity, foreignKeyProblems } = store.engine.integrity(ws.db);
  const referenced = new Set(store.documents.referencedFiles(ws.db));
  const missing: string[] = [];
  const damaged: string[] = [];
  let filesHashed = 0;
  for (const sha of referenced) {
    const path = storedFilePath(ws.dataDir, sha);
    if (options.quick) {
      const ok = await stat(path).then(
        (s) => s.isFile(),
        () => false,
      );
      if (!ok) missing.push(sha);
      continue;
    }
    filesHashed++;
    const state = await verifyStoredFile(ws.dataDir, sha);
    if (state === 'missing') missing.push(sha);
    else if (state === 'mismatch') damaged.push(sha);
  }
  const orphans = { count: 0, bytes: 0 };
  const root = storeRoot(ws.dataDir);
  for (const prefix of await readdir(root).catch(() => [] as string[])) {
    if (!/^[0-9a-f]{2}$/.test(prefix)) continue;
    for (const name of await readdir(join(root, prefix)).catch(() => [] as string[])) {
      const m = /^([0-9a-f]{64})\.bin$/.exec(name);
      if (!m || referenced.has(m[1]!)) continue;
      const info = await stat(join(root, prefix, name)).catch(() => null);
      if (!info) continue;
      orphans.count++;
      orphans.bytes += info.size;
    }
  }
  const tempFiles = (await readdir(join(root, 'tmp')).catch(() => [] as string[])).filter((n) =>
    n.endsWith('.part'),
  ).length;
  const affectedPages: DataFolderReport['affectedPages'] = [];
  for (const [list, state] of [
    [missing, 'missing'],
    [damaged, 'damaged'],
  ] as const) {
    for (const sha of list) {
      for (const row of store.documents.pagesUsingFile(ws.db, sha)) affectedPages.push({ ...row, state });
    }
  }
  return {
    ok: integrity === 'ok' && foreignKeyProblems === 0 && missing.length === 0 && damaged.length === 0,
    integrity,
    foreignKeyProblems,
    filesReferenced: referenced.size,
    filesHashed,
    missing,
    damaged,
    affectedPages,
    orphans,
    tempFiles,
  };
}

/**
 * verifyDataFolder through the storage contract (the office's shared database): the engine's integrity
 * answer, and every page's original present in its file store and (unless `quick`) re-hashed. Originals no
 * page uses and interrupted writes are the data folder's notions: none to count in a database, where an
 * original and all its pieces are written in one transaction.
 */
async function verifyStore(engine: StorageEngine, options: { quick?: boolean }): Promise<DataFolderReport> {
  const { integrity, foreignKeyProblems } = await engine.integrity();
  const referenced = await engine.documents.referencedFiles();
  const missing: string[] = [];
  const damaged: string[] = [];
  let filesHashed = 0;
  for (const sha of referenced) {
    if (options.quick) {
      if (!(await engine.files.has(sha))) missing.push(sha);
      continue;
    }
    filesHashed++;
    const state = await engine.files.verify(sha);
    if (state === 'missing') missing.push(sha);
    else if (state === 'mismatch') damaged.push(sha);
  }
  const affectedPages: DataFolderReport['affectedPages'] = [];
  for (const [list, state] of [
    [missing, 'missing'],
    [damaged, 'damaged'],
  ] as const)
    for (const sha of list)
      for (const row of await engine.documents.pagesUsingFile(sha)) affectedPages.push({ ...row, state });
  return {
    ok: integrity === 'ok' && foreignKeyProblems === 0 && missing.length === 0 && damaged.length === 0,
    integrity,
    foreignKeyProblems,
    filesReferenced: referenced.length,
    filesHashed,
    missing,
    damaged,
    affectedPages,
    orphans: { count: 0, bytes: 0 },
    tempFiles: 0,
  };
}

// Online backups (SQLite backup API: consistent while the app keeps writing) and restore. The file store is
// append-only and content-addressed, so a database backup stays valid against the same data folder.
import Database from 'better-sqlite3';
import { copyFile, mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { DATABASE_FILE_NAME, databasePath, openDatabaseFile, type Db } from './db/open';
import { LATEST_SCHEMA_VERSION } from './db/migrations';
import { ClaimDeskError, DatabaseFromFutureError, describeFsError } from './errors';
import { storedFilePath } from './files/store';
import { backupsDir, openWorkspace, type Workspace } from './workspace';

/** Writes a consistent copy of the open database to `outFile` (temp name first, then rename). */
export async function backupDatabase(db: Db, outFile: string): Promise<{ path: string; bytes: number }> {
  const dir = dirname(outFile);
  try {
    await mkdir(dir, { recursive: true });
  } catch (err) {
    throw describeFsError(err, dir, { zh: '创建备份文件夹', en: 'create the backup folder' });
  }
  const tmp = join(dir, `.${basename(outFile)}.${process.pid}.part`);
  try {
    await db.backup(tmp);
    const fh = await open(tmp, 'r+');
    await fh.sync();
    await fh.close();
    await rename(tmp, outFile);
  } catch (err) {
    await rm(tmp, { force: true });
    throw describeFsError(asErrno(err), outFile, { zh: '写入备份', en: 'write the backup' });
  }
  return { path: outFile, bytes: (await stat(outFile)).size };
}

/** SQLite reports a read-only or full target folder in its own codes; give them their file-system meaning. */
function asErrno(err: unknown): unknown {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return err;
  if (code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_READONLY') || code === 'SQLITE_PERM')
    return { code: 'EACCES' };
  if (code === 'SQLITE_FULL' || code.startsWith('SQLITE_IOERR')) return { code: 'ENOSPC' };
  return err;
}

/** Checks that a file is a ClaimDesk database this version can read; returns its schema version. */
export function inspectBackup(file: string): { schemaVersion: number; claims: number } {
  let db: Db;
  try {
    db = openDatabaseFile(file, { readonly: true });
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
    throw err;
  }
  try {
    const version = db.pragma('user_version', { simple: true }) as number;
    const hasClaims = db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'claims'")
      .get();
    if (!hasClaims || version === 0) {
      throw new ClaimDeskError(
        'backup_invalid',
        `这不是 ClaimDesk 的备份文件：${file}`,
        `not a ClaimDesk backup: ${file}`,
        { field: file },
      );
    }
    if (version > LATEST_SCHEMA_VERSION) throw new DatabaseFromFutureError(version, LATEST_SCHEMA_VERSION);
    const claims = (db.prepare('SELECT count(*) AS n FROM claims').get() as { n: number }).n;
    return { schemaVersion: version, claims };
  } catch (err) {
    if (err instanceof ClaimDeskError) throw err;
    throw new ClaimDeskError('backup_invalid', `备份文件已损坏：${file}`, `backup file is damaged: ${file}`, {
      field: file,
      cause: err,
    });
  } finally {
    db.close();
  }
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
}

export async function restoreDatabase(dataDir: string, backupFile: string): Promise<RestoreResult> {
  const info = inspectBackup(backupFile);
  const target = databasePath(dataDir);
  let safetyCopy: string | null = null;
  const exists = await stat(target).then(
    () => true,
    () => false,
  );
  if (exists) {
    const current = new Database(target);
    try {
      safetyCopy = join(
        backupsDir(dataDir),
        `pre-restore-${new Date().toISOString().replace(/[:.]/g, '-')}.sqlite3`,
      );
      await backupDatabase(current, safetyCopy);
    } finally {
      current.close();
    }
  }
  const tmp = join(dataDir, `.${DATABASE_FILE_NAME}.restore.part`);
  try {
    await copyFile(backupFile, tmp);
    const fh = await open(tmp, 'r+');
    await fh.sync();
    await fh.close();
    // The WAL belongs to the database being replaced; leaving it would replay old pages onto the restore.
    await rm(`${target}-wal`, { force: true });
    await rm(`${target}-shm`, { force: true });
    await rename(tmp, target);
  } catch (err) {
    await rm(tmp, { force: true });
    throw describeFsError(err, target, { zh: '恢复数据库', en: 'restore the database' });
  }
  // Bring an older backup's schema up to date now, so the next open is ordinary.
  const restored = openDatabaseFile(target);
  try {
    return { safetyCopy, claims: info.claims, missingFiles: await countMissingFiles(dataDir, restored) };
  } finally {
    restored.close();
  }
}

async function countMissingFiles(dataDir: string, db: Db): Promise<number> {
  const rows = db.prepare('SELECT DISTINCT file_sha256 AS sha FROM document_pages').all() as Array<{
    sha: string;
  }>;
  let missing = 0;
  for (const r of rows) {
    const ok = await stat(storedFilePath(dataDir, r.sha)).then(
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

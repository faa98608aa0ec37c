// Storage (SQLite): the engine-wide operations of the contract: transactions, closing, the online backup
// copy (SQLite's backup API: consistent while the app keeps writing), opening a store file for inspection
// or replacement, and the consistency checks backups and `claimdesk verify` report.
import Database from 'better-sqlite3';
import { ClaimDeskError, DatabaseCorruptError } from '../../errors';
import type { SyncEngineStore } from '../sync-contract';
import { openDatabaseFile, schemaVersion } from '../open';
import { asStore, sqliteOf } from '../sqlite';

/** SQLite reports a read-only or full target folder in its own codes; give them their file-system meaning. */
function asErrno(err: unknown): unknown {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return err;
  if (code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_READONLY') || code === 'SQLITE_PERM')
    return { code: 'EACCES' };
  if (code === 'SQLITE_FULL' || code.startsWith('SQLITE_IOERR')) return { code: 'ENOSPC' };
  return err;
}

export const sqliteEngine: SyncEngineStore = {
  transaction(db, fn, options = {}) {
    const tx = sqliteOf(db).transaction(fn);
    return options.immediate ? tx.immediate() : tx();
  },

  close(db) {
    sqliteOf(db).close();
  },

  schemaVersion,

  async copyTo(db, file) {
    try {
      await sqliteOf(db).backup(file);
      // A backup is one self-contained file (safe to copy to a USB stick): rollback journal, not WAL, so
      // opening it later never needs -wal/-shm files beside it.
      const copy = new Database(file);
      try {
        copy.pragma('journal_mode = DELETE');
      } finally {
        copy.close();
      }
    } catch (err) {
      throw asErrno(err);
    }
  },

  inspectFile(file) {
    const store = openDatabaseFile(file, { readonly: true });
    try {
      const db = sqliteOf(store);
      const version = schemaVersion(store);
      const hasClaims =
        db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'claims'").get() !==
        undefined;
      const claims = hasClaims ? (db.prepare('SELECT count(*) FROM claims').pluck().get() as number) : 0;
      return { schemaVersion: version, hasClaims, claims };
    } finally {
      sqliteOf(store).close();
    }
  },

  /**
   * Takes SQLite's exclusive lock, which fails while any other connection (the desktop app, another command)
   * has the database open: swapping the file under a live connection would lose whatever it writes next, and
   * deleting the WAL would drop its committed but not yet checkpointed transactions.
   */
  openExclusive(file) {
    const db = new Database(file, { timeout: 2000 });
    try {
      db.pragma('locking_mode = EXCLUSIVE');
      db.exec('BEGIN EXCLUSIVE; COMMIT;');
    } catch (err) {
      db.close();
      if ((err as { code?: string }).code === 'SQLITE_BUSY') {
        throw new ClaimDeskError(
          'data_dir_unwritable',
          `数据正在被另一个 ClaimDesk 窗口或命令使用，请先关闭它再恢复备份：${file}`,
          `the database is open in another ClaimDesk window or command; close it before restoring: ${file}`,
          { field: file, cause: err },
        );
      }
      throw err;
    }
    return asStore(db);
  },

  integrity(store) {
    const db = sqliteOf(store);
    const integrity = (db.pragma('integrity_check') as Array<{ integrity_check: string }>)
      .map((r) => r.integrity_check)
      .join('; ');
    return { integrity, foreignKeyProblems: (db.pragma('foreign_key_check') as unknown[]).length };
  },

  /**
   * Row counts, highest ids and latest update times. Backing up an unchanged database would only push older,
   * still-useful copies out of the rolling window.
   */
  dataChangeMarker(db) {
    const row = sqliteOf(db)
      .prepare(
        `SELECT
          (SELECT count(*) || ':' || coalesce(max(id), 0) || ':' || coalesce(max(updated_at), '') FROM households) AS h,
          (SELECT count(*) || ':' || coalesce(max(id), 0) || ':' || coalesce(max(updated_at), '') FROM people) AS p,
          (SELECT count(*) || ':' || coalesce(max(id), 0) || ':' || coalesce(max(updated_at), '') FROM claims) AS c,
          (SELECT count(*) || ':' || coalesce(max(id), 0) FROM claim_status_history) AS s,
          (SELECT count(*) || ':' || coalesce(max(id), 0) FROM documents) AS d,
          (SELECT count(*) || ':' || coalesce(max(id), 0) FROM document_pages) AS g,
          (SELECT count(*) FROM files) AS f`,
      )
      .get() as Record<string, string | number>;
    return Object.values(row).join('|');
  },

  isDamage(err) {
    if (err instanceof DatabaseCorruptError) return true;
    const code = (err as { code?: unknown } | null)?.code;
    return code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB';
  },
};

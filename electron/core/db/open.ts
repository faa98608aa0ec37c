// Opens (or creates) the SQLite database: pragmas, integrity check, migrations. Everything that writes
// to the database goes through a handle opened here.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  DatabaseCorruptError,
  DatabaseFromFutureError,
  describeFsError,
  describeSqliteError,
} from '../errors';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations';
import type { Db } from './contract';
import { asStore, sqliteOf, type SqliteDb } from './sqlite';

export type { Db } from './contract';

export const DATABASE_FILE_NAME = 'claimdesk.sqlite3';

export interface OpenOptions {
  /** Skip PRAGMA integrity_check (only for throwaway in-memory databases in tests and benchmarks). */
  skipIntegrityCheck?: boolean;
  readonly?: boolean;
}

export function databasePath(dataDir: string): string {
  return join(dataDir, DATABASE_FILE_NAME);
}

/** Opens the database at `file` (or ':memory:'), checks it, and brings its schema up to date. */
export function openDatabaseFile(file: string, options: OpenOptions = {}): Db {
  let db: SqliteDb;
  try {
    db = new Database(file, {
      readonly: options.readonly ?? false,
      fileMustExist: options.readonly ?? false,
    });
  } catch (err) {
    throw describeFsError(err, file, { zh: '打开数据库', en: 'open the database' });
  }
  try {
    configure(db, options.readonly ?? false);
    if (!options.skipIntegrityCheck) assertIntegrity(db, file);
    if (!options.readonly) migrate(asStore(db));
    else assertNotFromFuture(db);
    return asStore(db);
  } catch (err) {
    db.close();
    if (
      (err as { code?: string }).code === 'SQLITE_NOTADB' ||
      (err as { code?: string }).code === 'SQLITE_CORRUPT'
    ) {
      throw new DatabaseCorruptError(file, String((err as Error).message));
    }
    throw describeSqliteError(err, file);
  }
}

/** Opens the app's database inside `dataDir`, creating the folder if needed. */
export function openDatabase(dataDir: string, options: OpenOptions = {}): Db {
  try {
    mkdirSync(dataDir, { recursive: true });
  } catch (err) {
    throw describeFsError(err, dataDir, { zh: '创建数据文件夹', en: 'create the data folder' });
  }
  return openDatabaseFile(databasePath(dataDir), options);
}

function configure(db: SqliteDb, readonly: boolean): void {
  if (!readonly) {
    // WAL lets the UI read while an import writes; FULL sync because this is a family's only copy.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
  }
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
}

function assertIntegrity(db: SqliteDb, file: string): void {
  const rows = db.pragma('integrity_check') as Array<{ integrity_check: string }>;
  const first = rows[0]?.integrity_check;
  if (first !== 'ok') throw new DatabaseCorruptError(file, rows.map((r) => r.integrity_check).join('; '));
}

export function schemaVersion(db: Db): number {
  return sqliteOf(db).pragma('user_version', { simple: true }) as number;
}

function assertNotFromFuture(db: SqliteDb): void {
  const current = schemaVersion(asStore(db));
  if (current > LATEST_SCHEMA_VERSION) throw new DatabaseFromFutureError(current, LATEST_SCHEMA_VERSION);
}

/** Applies every pending migration in one transaction, so a crash leaves the old schema intact. */
export function migrate(store: Db): void {
  const db = sqliteOf(store);
  assertNotFromFuture(db);
  const current = schemaVersion(store);
  const pending = MIGRATIONS.filter((m) => m.version > current);
  if (pending.length === 0) return;
  db.transaction(() => {
    // Foreign keys are checked at commit, not row by row: a migration that rebuilds a table (0060) copies
    // each row before dropping the old table, which balances even for a row whose parent is gone (a store
    // written with foreign keys off can hold one); checked per row, that row would stop the store opening.
    db.pragma('defer_foreign_keys = ON');
    for (const m of pending) db.exec(m.sql);
    // PRAGMA takes no bound parameters; the value is an integer from our own table, not user input.
    db.pragma(`user_version = ${pending[pending.length - 1]!.version}`);
  }).immediate();
}

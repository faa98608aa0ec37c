// Migrations and opening rules on real SQLite files.
import Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../electron/core/db/migrations';
import { databasePath, openDatabase, openDatabaseFile } from '../../electron/core/db/open';
import { sqliteOf } from '../../electron/core/db/sqlite';
import { DatabaseCorruptError, DatabaseFromFutureError } from '../../electron/core/errors';
import { makeTempDir } from '../helpers/tmp';

const temps: Array<() => void> = [];
afterEach(() => temps.splice(0).forEach((c) => c()));
function tempDir(): string {
  const t = makeTempDir();
  temps.push(t.cleanup);
  return t.dir;
}

function schemaOf(db: Database.Database): string[] {
  return (
    db
      .prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")
      .all() as Array<{
      type: string;
      name: string;
      sql: string | null;
    }>
  ).map((r) => `${r.type} ${r.name}: ${r.sql ?? ''}`);
}

describe('migrations', () => {
  it('versions are increasing multiples of 10 and the last one is recorded in user_version', () => {
    const versions = MIGRATIONS.map((m) => m.version);
    expect(versions.every((v) => v % 10 === 0)).toBe(true);
    expect([...versions].sort((a, b) => a - b)).toEqual(versions);
    expect(new Set(versions).size).toBe(versions.length);
  });

  it('applies every migration to an empty database file, with WAL, foreign keys and STRICT tables', () => {
    const dir = tempDir();
    const db = sqliteOf(openDatabase(dir));
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const tables = db
      .prepare(
        "SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%' " +
          // FTS5 search indexes are virtual tables, which have no STRICT mode.
          "AND name NOT IN (SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE%')",
      )
      .all() as Array<{ name: string; strict: number }>;
    expect(tables.map((t) => t.name)).toEqual(
      expect.arrayContaining(['claims', 'people', 'documents', 'document_pages', 'files']),
    );
    for (const t of tables) expect({ table: t.name, strict: t.strict }).toEqual({ table: t.name, strict: 1 });
    db.close();
  });

  it('replaying the migrations one by one gives the same schema as applying them together', () => {
    const all = new Database(':memory:');
    all.exec(MIGRATIONS.map((m) => m.sql).join('\n'));
    const stepwise = new Database(':memory:');
    for (const m of MIGRATIONS) stepwise.exec(m.sql);
    const viaOpen = sqliteOf(openDatabaseFile(':memory:', { skipIntegrityCheck: true }));
    expect(schemaOf(stepwise)).toEqual(schemaOf(all));
    expect(schemaOf(viaOpen)).toEqual(schemaOf(all));
    [all, stepwise, viaOpen].forEach((d) => d.close());
  });

  it('reopening an up-to-date database changes nothing', () => {
    const dir = tempDir();
    const first = sqliteOf(openDatabase(dir));
    const before = schemaOf(first);
    first.close();
    const again = sqliteOf(openDatabase(dir));
    expect(schemaOf(again)).toEqual(before);
    again.close();
  });

  it('refuses a database stamped by a newer version, and leaves it untouched', () => {
    const dir = tempDir();
    sqliteOf(openDatabase(dir)).close();
    const raw = new Database(databasePath(dir));
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 10}`);
    raw.close();
    expect(() => sqliteOf(openDatabase(dir))).toThrow(DatabaseFromFutureError);
    expect(() => sqliteOf(openDatabase(dir))).toThrow(/更新版本/);
    const check = new Database(databasePath(dir));
    expect(check.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION + 10);
    check.close();
  });

  it('refuses a file that is not a database with a clear error', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'claimdesk.sqlite3'), Buffer.alloc(8192, 0x41));
    expect(() => sqliteOf(openDatabase(dir))).toThrow(DatabaseCorruptError);
  });

  it('refuses a database whose pages are damaged (integrity_check on open)', () => {
    const dir = tempDir();
    const db = sqliteOf(openDatabase(dir));
    const ins = db.prepare(
      "INSERT INTO households (name, notes, created_at, updated_at) VALUES (?, '', 'x', 'x')",
    );
    db.transaction(() => {
      for (let i = 0; i < 3000; i++) ins.run(`户${i}`.repeat(5));
    })();
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const file = databasePath(dir);
    const bytes = readFileSync(file);
    // Scribble over the b-tree page headers in the middle of the file, as a bad sector or a torn copy would.
    for (let page = 3; page < 8; page++) bytes.fill(0xff, 4096 * page, 4096 * page + 12);
    writeFileSync(file, bytes);
    expect(() => sqliteOf(openDatabase(dir))).toThrow(DatabaseCorruptError);
  });
});

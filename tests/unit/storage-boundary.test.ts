// Storage behind one contract (issues #10, #23): SQL and the drivers (better-sqlite3, pg) live under
// electron/core/db/ only; the rest
// of the code reaches storage through the contract (db/contract.ts, an opaque handle and plain data), so a
// second engine (PostgreSQL) can implement the same functions later. This scans the real source tree: a file
// outside the storage folder that prepares a statement, runs a pragma, opens a transaction on a handle,
// unwraps the handle to the SQLite connection (sqliteOf) or imports better-sqlite3 fails here. There are no
// exceptions.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/tmp';

const STORAGE_DIR = 'electron/core/db/';

/** A statement prepared or run on a handle, a transaction or pragma, or the driver itself. */
const SQL_USE = [
  /\.prepare\(/,
  /\bdb(?:\(\))?\s*\.\s*(?:exec|pragma|transaction)\(/,
  /\.pragma\(/,
  /\.transaction\(\s*\(/,
  /from\s+['"]better-sqlite3['"]/,
  /require\(\s*['"]better-sqlite3['"]\s*\)/,
  /from\s+['"]pg(?:\/[^'"]*)?['"]/,
  /require\(\s*['"]pg['"]\s*\)/,
  /\bsqliteOf\(/,
  /from\s+['"][./]*(?:core\/)?db\/sqlite['"]/,
];

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(full));
    else if (/\.(?:ts|tsx|mts|mjs)$/.test(entry.name)) out.push(full);
  }
  return out;
}

function filesUsingSql(): string[] {
  return ['electron', 'shared', 'renderer']
    .flatMap((d) => sourceFiles(join(REPO_ROOT, d)))
    .map((f) => relative(REPO_ROOT, f).split(sep).join('/'))
    .filter((f) => !f.startsWith(STORAGE_DIR))
    .filter((f) => {
      const text = readFileSync(join(REPO_ROOT, f), 'utf8');
      return SQL_USE.some((re) => re.test(text));
    })
    .sort();
}

describe('storage boundary', () => {
  it('the detector sees SQL where it is (the storage folder itself is not empty of it)', () => {
    const text = readFileSync(join(REPO_ROOT, STORAGE_DIR, 'store', 'documents.ts'), 'utf8');
    expect(SQL_USE.some((re) => re.test(text))).toBe(true);
    expect(SQL_USE.some((re) => re.test("import Database from 'better-sqlite3';"))).toBe(true);
    expect(SQL_USE.some((re) => re.test("import pg from 'pg';"))).toBe(true);
    expect(SQL_USE.some((re) => re.test("import type { Pool } from 'pg';"))).toBe(true);
    expect(SQL_USE.some((re) => re.test("import { x } from './pg/engine';"))).toBe(false);
    expect(SQL_USE.some((re) => re.test("db().exec('VACUUM')"))).toBe(true);
    expect(SQL_USE.some((re) => re.test('/x/.exec(text)'))).toBe(false);
    expect(SQL_USE.some((re) => re.test('sqliteOf(ws.db).prepare'))).toBe(true);
    expect(SQL_USE.some((re) => re.test("import { sqliteOf } from '../db/sqlite';"))).toBe(true);
    expect(SQL_USE.some((re) => re.test('store.engine.transaction(db, () => 1)'))).toBe(false);
  });

  it('no SQL, SQLite handle, better-sqlite3 or pg outside electron/core/db/, with no exceptions', () => {
    expect(filesUsingSql()).toEqual([]);
  });

  it('the storage contract names no SQLite type and imports nothing of the engine', () => {
    const text = readFileSync(join(REPO_ROOT, STORAGE_DIR, 'contract.ts'), 'utf8');
    const imports = [...text.matchAll(/from\s+['"]([^'"]+)['"]/g)].map((m) => m[1]!);
    expect(imports.filter((i) => !i.startsWith('../../../shared/'))).toEqual([]);
    const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
    expect(code).toMatch(/transaction<T>/); // the stripping left the code
    // The engine's name may be said ('sqlite' | 'postgres'); no driver type may.
    expect(code.replace(/'sqlite'/g, '')).not.toMatch(
      /sqlite|Database\b|Statement\b|RunResult|Pool\b|PoolClient|QueryResult/i,
    );
    expect(code).toMatch(/Promise<ClaimListPage>/); // every operation answers a promise
  });
});

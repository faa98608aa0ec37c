// Storage behind one contract (issue #10): SQL and better-sqlite3 live under electron/core/db/ only, so a
// second engine (PostgreSQL) can implement the same functions later. This scans the real source tree: a new
// file outside the storage folder that prepares a statement, runs a pragma, opens a transaction or imports
// better-sqlite3 fails here. Files not moved yet are listed by name; the list may only shrink — a listed
// file that no longer touches SQL fails too, so it is taken off the list in the same commit.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/tmp';

const STORAGE_DIR = 'electron/core/db/';

/** Still holding SQL outside the storage folder; to be moved (issue #10 item 4). */
const NOT_MOVED_YET = new Set([
  'electron/core/backup.ts',
  'electron/core/claim-lock.ts',
  'electron/core/confirmations.ts',
  'electron/core/field-corrections.ts',
  'electron/core/import-files.ts',
  'electron/core/invoices/rows.ts',
  'electron/core/invoices/store.ts',
  'electron/core/pledge.ts',
  'electron/core/repo.ts',
]);

/** A statement prepared or run on a handle, a transaction or pragma, or the driver itself. */
const SQL_USE = [
  /\.prepare\(/,
  /\bdb(?:\(\))?\s*\.\s*(?:exec|pragma|transaction)\(/,
  /\.pragma\(/,
  /\.transaction\(\s*\(/,
  /from\s+['"]better-sqlite3['"]/,
  /require\(\s*['"]better-sqlite3['"]\s*\)/,
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
    const text = readFileSync(join(REPO_ROOT, STORAGE_DIR, 'store', 'pages.ts'), 'utf8');
    expect(SQL_USE.some((re) => re.test(text))).toBe(true);
    expect(SQL_USE.some((re) => re.test("import Database from 'better-sqlite3';"))).toBe(true);
    expect(SQL_USE.some((re) => re.test("db().exec('VACUUM')"))).toBe(true);
    expect(SQL_USE.some((re) => re.test('/x/.exec(text)'))).toBe(false);
  });

  it('no SQL or better-sqlite3 outside electron/core/db/ beyond the files not moved yet', () => {
    const offenders = filesUsingSql().filter((f) => !NOT_MOVED_YET.has(f));
    expect(offenders).toEqual([]);
  });

  it('every file on the not-moved-yet list still uses SQL (the list only shrinks)', () => {
    const using = new Set(filesUsingSql());
    expect([...NOT_MOVED_YET].filter((f) => !using.has(f))).toEqual([]);
  });
});

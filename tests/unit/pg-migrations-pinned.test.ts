// The shared database's migrations are pinned like SQLite's (tests/unit/db-migrations-pinned.test.ts): a
// database that ran one never sees an edit, so a shipped migration's text must never change.
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PG_MIGRATIONS } from '../../electron/core/db/pg/migrations';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { REPO_ROOT } from '../helpers/tmp';

const PINNED: Record<number, [name: string, sha256: string]> = {
  10: ['create-schema', 'ba28d143d22cac2103f4525fbde16a9d5767f7b9db8d3435d751f89e5dd8e86f'],
  20: ['board-indexes', 'f933ca47713a7f53d7caed460e43fc2076f776413ccd5d10b5d5d72faa2cb74a'],
  30: ['claim-verdicts', '4ad3802687a5e1d78eff37d7f90c64eb1a5e90e2724a02466245f16948fc74a7'],
};

describe('shipped PostgreSQL migrations', () => {
  it('run exactly the SQL they shipped with', () => {
    for (const m of PG_MIGRATIONS) {
      const pinned = PINNED[m.version];
      expect(
        pinned,
        `migration ${m.version} (${m.name}) has no pinned hash: add it when it ships`,
      ).toBeDefined();
      expect(m.name).toBe(pinned![0]);
      expect(createHash('sha256').update(m.sql).digest('hex'), `migration ${m.version} was edited`).toBe(
        pinned![1],
      );
    }
    expect(PG_MIGRATIONS.map((m) => m.version)).toEqual(
      expect.arrayContaining(Object.keys(PINNED).map(Number)),
    );
  });

  it('lists every migration file in the folder, in version order', () => {
    const files = readdirSync(join(REPO_ROOT, 'electron', 'core', 'db', 'pg', 'migrations')).filter((f) =>
      /^\d{4}-/.test(f),
    );
    expect(files.map((f) => Number(f.slice(0, 4)))).toEqual(PG_MIGRATIONS.map((m) => m.version));
  });

  it('the latest one mirrors the latest SQLite schema (a new SQLite migration needs its PostgreSQL twin)', () => {
    expect(PG_MIGRATIONS.at(-1)!.mirrorsSqlite).toBe(MIGRATIONS.at(-1)!.version);
  });
});

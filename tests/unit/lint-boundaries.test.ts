// The runtime boundaries fail `npm run lint`: ESLint's own Node API, with the repository's eslint.config.js,
// on probe sources placed where the rules apply. A rule that stopped matching (a renamed folder, a broken
// resolver) makes these tests fail, not the build silently pass.
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/tmp';

const eslint = new ESLint({ cwd: REPO_ROOT });

/** Lints `code` as if it were the file at `relPath` (nothing is written for these). */
async function ruleIdsFor(relPath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(REPO_ROOT, relPath) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? `fatal: ${m.message}`);
}

describe('lint boundaries', () => {
  it('accepts a core module that imports only core and shared code', async () => {
    const ids = await ruleIdsFor(
      'electron/core/api/lint-probe.ts',
      "import { ClaimDeskError } from '../errors';\nimport { DOCUMENT_KINDS } from '../../../shared/domain';\nexport const probe = [ClaimDeskError, DOCUMENT_KINDS];\n",
    );
    expect(ids).toEqual([]);
  });

  it('refuses core → cli, core → main and core → electron', async () => {
    // The rule acts on resolved paths: the probes' targets must exist, or the probe proves nothing.
    for (const f of [
      'electron/cli/context.ts',
      'electron/main/data-location.ts',
      'electron/core/errors.ts',
    ]) {
      expect(existsSync(join(REPO_ROOT, f)), f).toBe(true);
    }
    expect(
      await ruleIdsFor(
        'electron/core/api/lint-probe.ts',
        "import { dataDirOf } from '../../cli/context';\nexport const probe = dataDirOf;\n",
      ),
    ).toContain('import-x/no-restricted-paths');
    expect(
      await ruleIdsFor(
        'electron/core/lint-probe.ts',
        "import * as m from '../main/data-location';\nexport const probe = m;\n",
      ),
    ).toContain('import-x/no-restricted-paths');
    expect(
      await ruleIdsFor(
        'electron/core/lint-probe.ts',
        "import { app } from 'electron';\nexport const probe = app;\n",
      ),
    ).toContain('no-restricted-imports');
  });

  it('refuses the SQLite driver and the store handle outside the storage folder, and allows them inside', async () => {
    expect(existsSync(join(REPO_ROOT, 'electron/core/db/sqlite.ts'))).toBe(true);
    const driver = "import Database from 'better-sqlite3';\nexport const probe = Database;\n";
    const unwrap = "import { sqliteOf } from '../db/sqlite';\nexport const probe = sqliteOf;\n";
    expect(await ruleIdsFor('electron/core/api/lint-probe.ts', driver)).toContain('no-restricted-imports');
    expect(await ruleIdsFor('electron/core/api/lint-probe.ts', unwrap)).toContain('no-restricted-imports');
    expect(await ruleIdsFor('electron/cli/lint-probe.ts', driver)).toContain('no-restricted-imports');
    expect(await ruleIdsFor('electron/main/lint-probe.ts', driver)).toContain('no-restricted-imports');
    expect(await ruleIdsFor('electron/core/db/store/lint-probe.ts', driver)).toEqual([]);
    // The PostgreSQL driver likewise (issue 23).
    const pgDriver = "import pg from 'pg';\nexport const probe = pg;\n";
    expect(await ruleIdsFor('electron/core/api/lint-probe.ts', pgDriver)).toContain('no-restricted-imports');
    expect(await ruleIdsFor('electron/cli/lint-probe.ts', pgDriver)).toContain('no-restricted-imports');
    expect(await ruleIdsFor('electron/main/lint-probe.ts', pgDriver)).toContain('no-restricted-imports');
    expect(await ruleIdsFor('electron/core/db/pg/lint-probe.ts', pgDriver)).toEqual([]);
    expect(
      await ruleIdsFor(
        'electron/core/db/store/lint-probe.ts',
        "import { sqliteOf } from '../sqlite';\nexport const probe = sqliteOf;\n",
      ),
    ).toEqual([]);
  });

  it('refuses Node modules and electron/ code in shared/ and the renderer', async () => {
    const node = "import { readFileSync } from 'node:fs';\nexport const probe = readFileSync;\n";
    const bare = "import { join } from 'path';\nexport const probe = join;\n";
    expect(await ruleIdsFor('shared/lint-probe.ts', node)).toContain('import-x/no-nodejs-modules');
    expect(await ruleIdsFor('shared/lint-probe.ts', bare)).toContain('import-x/no-nodejs-modules');
    expect(await ruleIdsFor('renderer/src/lint-probe.tsx', node)).toContain('import-x/no-nodejs-modules');
    expect(
      await ruleIdsFor(
        'shared/lint-probe.ts',
        "import { ClaimDeskError } from '../electron/core/errors';\nexport const probe = ClaimDeskError;\n",
      ),
    ).toContain('import-x/no-restricted-paths');
    expect(
      await ruleIdsFor(
        'renderer/src/lint-probe.tsx',
        "import { ClaimDeskError } from '../../electron/core/errors';\nexport const probe = ClaimDeskError;\n",
      ),
    ).toContain('import-x/no-restricted-paths');
  });

  describe('import cycles', () => {
    // Cycles are found through the files on disk, so these probes are real files (one folder, removed after).
    const dir = join(REPO_ROOT, 'electron', 'core', `lint-probe-${process.pid}`);
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('refuses two modules that import each other', async () => {
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'a.ts'), "import { b } from './b';\nexport const a = (): number => b();\n");
      writeFileSync(join(dir, 'b.ts'), "import { a } from './a';\nexport const b = (): number => a();\n");
      writeFileSync(join(dir, 'c.ts'), "import { a } from './a';\nexport const c = a;\n");
      const results = await eslint.lintFiles([join(dir, 'a.ts'), join(dir, 'b.ts'), join(dir, 'c.ts')]);
      const byFile = Object.fromEntries(
        results.map((r) => [r.filePath.slice(dir.length + 1), r.messages.map((m) => m.ruleId)]),
      );
      expect(byFile['a.ts']).toContain('import-x/no-cycle');
      expect(byFile['b.ts']).toContain('import-x/no-cycle');
      expect(byFile['c.ts']).toEqual([]);
    });
  });
});

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

  describe('layers inside core', () => {
    const LAYERS = 'claimdesk/core-layers';
    /** [the probe's place, what it imports]: the import goes up the order base → storage → papers → rules →
     * records → pages → intake → export → api. The first eight are the wrong-way pairs issue 22 found. */
    const upward: Array<[string, string]> = [
      ['electron/core/export/bulk.ts', '../api/handlers'],
      ['electron/core/export/claim-list.ts', '../api/dispatch'],
      ['electron/core/quality/index.ts', '../pages/analyse'],
      ['electron/core/quality/seal-kinds.ts', '../rules/pack'],
      ['electron/core/invoices/store.ts', '../pages/pipeline'],
      ['electron/core/rules/evaluate.ts', '../pages/analyse'],
      ['electron/core/rules/evaluate.ts', '../pages/reader'],
      ['electron/core/pdf/render.ts', '../export/font'],
      // One step up from each layer.
      ['electron/core/errors.ts', './files/store'],
      ['electron/core/db/open.ts', '../quality/decode'],
      ['electron/core/ocr/read.ts', '../rules/engine'],
      ['electron/core/rules/evaluate.ts', '../repo'],
      ['electron/core/repo.ts', './pages/pipeline'],
      ['electron/core/pages/pipeline.ts', '../import'],
      ['electron/core/import.ts', './export/bundle'],
      ['electron/core/export/bundle.ts', '../api/dispatch'],
    ];

    it('refuses an import up the layers, for values, types and dynamic imports alike', async () => {
      for (const [probe, target] of upward) {
        // The imported module must exist, or the probe would prove nothing about a real path.
        expect(existsSync(join(REPO_ROOT, probe, '..', `${target}.ts`)), target).toBe(true);
        const value = `import * as m from '${target}';\nexport const probe = m;\n`;
        expect(await ruleIdsFor(probe, value), `${probe} → ${target}`).toContain(LAYERS);
      }
      const [probe, target] = upward[0]!;
      const typeOnly = `import type { ApiState } from '${target}';\nexport type Probe = ApiState;\n`;
      expect(await ruleIdsFor(probe, typeOnly)).toContain(LAYERS);
      const dynamic = `export const probe = () => import('${target}');\n`;
      expect(await ruleIdsFor(probe, dynamic)).toContain(LAYERS);
      const reexport = `export { createHandlers } from '${target}';\n`;
      expect(await ruleIdsFor(probe, reexport)).toContain(LAYERS);
    });

    it('accepts imports down the layers and within one', async () => {
      const down: Array<[string, string]> = [
        ['electron/core/api/handlers.ts', '../export/stored-claim'],
        ['electron/core/export/stored-claim.ts', '../claim-evaluation'],
        ['electron/core/import.ts', './pages/pipeline'],
        ['electron/core/pages/pipeline.ts', '../repo'],
        ['electron/core/claim-evaluation.ts', './rules/evaluate'],
        ['electron/core/rules/evaluate.ts', '../invoices/store'],
        ['electron/core/ocr/read.ts', '../invoices/parse'],
        ['electron/core/quality/decode.ts', '../files/sniff'],
        ['electron/core/files/store.ts', '../work-meter'],
        ['electron/core/rules/seal-kinds.ts', './pack'],
      ];
      for (const [probe, target] of down) {
        expect(existsSync(join(REPO_ROOT, probe, '..', `${target}.ts`)), target).toBe(true);
        const code = `import * as m from '${target}';\nexport const probe = m;\n`;
        expect(await ruleIdsFor(probe, code), `${probe} → ${target}`).not.toContain(LAYERS);
      }
    });

    it('refuses a module of core that is in no layer', async () => {
      const code = "import { ClaimDeskError } from './errors';\nexport const probe = ClaimDeskError;\n";
      expect(await ruleIdsFor('electron/core/lint-probe.ts', code)).toContain(LAYERS);
      expect(await ruleIdsFor('electron/core/unplaced/lint-probe.ts', code.replace('./', '../'))).toContain(
        LAYERS,
      );
    });
  });

  describe('import cycles', () => {
    // Cycles are found through the files on disk, so these probes are real files (one folder, removed after),
    // inside a layer (api/) so the layer rule has nothing to say about them.
    const dir = join(REPO_ROOT, 'electron', 'core', 'api', `lint-probe-${process.pid}`);
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

import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

// The costliest test files start first, so the two workers finish together instead of one long file starting
// last and running alone at the end. Vitest does this by itself from its results cache, which a clean clone
// (CI) does not have: there it falls back to file size, which says little (kill-import is 166 lines and ~80 s,
// a table of rules 600 lines and 0.2 s). So a file's cost is, in order: its duration in this machine's results
// cache, its duration in the committed table tests/helpers/file-costs.json (refreshed from a whole run's
// output by `node tests/helpers/file-costs.mjs LOG`), or DEFAULT_COST for a file newer than the table.
const TABLE = JSON.parse(
  readFileSync(new URL('./tests/helpers/file-costs.json', import.meta.url), 'utf8'),
) as Record<string, number>;
/** Seconds assumed for a file not in the table: about the median file, so it neither leads nor trails. */
const DEFAULT_COST = 5;

class CostliestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const root = this.ctx.config.root;
    const cost = (spec: TestSpecification): number => {
      const file = relative(root, spec.moduleId).split('\\').join('/');
      const cached = this.ctx.cache.getFileTestResults(`${spec.project.name}:${file}`);
      if (cached && !cached.failed && cached.duration > 0) return cached.duration / 1000;
      return TABLE[file] ?? DEFAULT_COST;
    };
    const costs = new Map(files.map((f) => [f, cost(f)]));
    return [...files].sort((a, b) => costs.get(b)! - costs.get(a)!);
  }
}

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Integration tests spawn the CLI and run sharp; two workers match the two cores of our machines.
    maxWorkers: 2,
    sequence: { sequencer: CostliestFirst },
  },
});

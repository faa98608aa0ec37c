// Starts the costliest test files first, so the two vitest workers finish together instead of one long file
// starting last and running alone at the end. Vitest does this by itself from its results cache, which a clean
// clone (CI) does not have: there it falls back to file size, which says little (kill-import is 166 lines and
// ~80 s, a table of rules is 600 lines and 0.2 s). So the cost of a file is, in order: its duration in this
// machine's results cache, its duration in the committed table tests/helpers/file-costs.json (refreshed from a
// whole run's output by tests/helpers/file-costs.mjs), or DEFAULT_COST for a file new since the table.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const TABLE = JSON.parse(readFileSync(new URL('./file-costs.json', import.meta.url), 'utf8')) as Record<
  string,
  number
>;

/** Seconds assumed for a file not in the table yet: about the median file, so it neither leads nor trails. */
const DEFAULT_COST = 5;

export default class CostliestFirst extends BaseSequencer {
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

import { defineConfig } from 'vitest/config';
import CostliestFirst from './tests/helpers/sequencer';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Integration tests spawn the CLI and run sharp; two workers match the two cores of our machines.
    maxWorkers: 2,
    // The costliest files first (from a committed table on a clean clone), so both workers end together.
    sequence: { sequencer: CostliestFirst },
  },
});

#!/usr/bin/env node
// Rewrites tests/helpers/file-costs.json from the output of a whole vitest run (`npx vitest run > LOG`, or a
// `.ci/run` log): each test file's duration in seconds as vitest printed it. The sequencer
// (vitest.config.ts) starts the costliest files first from this table when vitest has no results
// cache of its own, as on a clean clone. Usage: node tests/helpers/file-costs.mjs LOG
import { readFileSync, writeFileSync } from 'node:fs';

// Colour codes (ESC [ … m) are removed first; the escape character is built, not written, for the linter.
const ESC = String.fromCharCode(27);
const log = readFileSync(process.argv[2] ?? '/dev/stdin', 'utf8').replace(
  new RegExp(`${ESC}\\[[0-9;]*m`, 'g'),
  '',
);
const costs = {};
for (const m of log.matchAll(/^ [✓✗×❯↓] (tests\/\S+\.test\.ts) \(\d+ tests?[^)]*\)\s+(\d+)ms/gm))
  costs[m[1]] = Math.round(Number(m[2]) / 100) / 10;
const sorted = Object.fromEntries(Object.entries(costs).sort((a, b) => b[1] - a[1]));
if (Object.keys(sorted).length === 0) throw new Error('no vitest file lines found in the log');
const out = new URL('./file-costs.json', import.meta.url);
writeFileSync(out, `${JSON.stringify(sorted, null, 2)}\n`);
console.log(`${Object.keys(sorted).length} files written to ${out.pathname}`);

// Memory soak for the per-file quality check (the path the app's import takes): checks the ~1,055 fuzz inputs
// over and over in one process and prints RSS and the JS heap after each round. A leak keeps climbing; the
// native allocator warming up flattens out after a few rounds.
//   node --expose-gc --import tsx scripts/memory-soak.ts [rounds=6]
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkFile } from '../electron/core/pages/check';
import { generateFuzzInputs } from './fuzz-inputs';

const rounds = Number(process.argv[2] ?? 6);
const dir = mkdtempSync(join(tmpdir(), 'claimdesk-soak-'));
try {
  await generateFuzzInputs(dir, {
    seed: 20261122,
    heicSeed: join(import.meta.dirname, '..', 'tests', 'fixtures', 'hostile', 'seed.heic'),
  });
  const files = readdirSync(dir).map((f) => join(dir, f));
  // libheif reports each broken HEIC on console.log; the figures below are what matters here.
  const log = console.log;
  console.log = () => undefined;
  const mb = (n: number): number => Math.round(n / 1048576);
  const rows: string[] = [];
  for (let round = 1; round <= rounds; round++) {
    const t0 = performance.now();
    for (const f of files) await checkFile(f, { kind: 'invoice' }).catch(() => undefined);
    (globalThis as { gc?: () => void }).gc?.();
    const m = process.memoryUsage();
    rows.push(
      `round ${round}: ${files.length} files in ${Math.round(performance.now() - t0)} ms, RSS ${mb(m.rss)} MB, JS heap ${mb(m.heapUsed)} MB`,
    );
  }
  console.log = log;
  console.log(rows.join('\n'));
} finally {
  rmSync(dir, { recursive: true, force: true });
}

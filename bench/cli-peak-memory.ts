// `claimdesk check --json` over a batch of files in a process of its own, with that process's own peak
// resident memory. Used by `npm run bench quality` and the batch-memory test (tests/integration/
// check-batch-memory.test.ts).
//
// Why not getrusage's maxRSS: on Linux it is kept across execve, and Node's spawn forks first, so the child's
// figure starts at the parent's resident size at the fork (the forked copy maps all of the parent's pages
// until exec). The bench process that spawns the batch has itself made a corpus and run dozens of 12-MP
// checks, so maxRSS reported the bench's own size (1011 MB on 7 Dec, after the earlier sections grew it),
// not the check's. VmHWM in /proc/self/status is the peak of the address space the process has after exec:
// its own.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('..', import.meta.url));

export interface CliBatch {
  /** Reports printed (one per file). */
  count: number;
  wallMs: number;
  /** The child's own peak resident memory, MB (VmHWM; getrusage's maxRSS where /proc is missing). */
  peakRssMb: number;
  /** CPU time of the child (user + system), ms. */
  cpuMs: number;
}

/** Runs `claimdesk check --json` over `files` with the built CLI (dist/cli.mjs) in its own process. */
export function runCliCheck(files: readonly string[], args: readonly string[] = []): CliBatch {
  const runner = `import { readFileSync } from 'node:fs';
process.on('exit', () => {
  let kb = process.resourceUsage().maxRSS;
  try {
    const m = /VmHWM:\\s+(\\d+)/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m) kb = Number(m[1]);
  } catch {}
  const cpu = process.cpuUsage();
  process.stderr.write('PEAK_KB=' + kb + ' CPU_US=' + (cpu.user + cpu.system) + '\\n');
});
process.argv = [process.argv[0], 'claimdesk', 'check', '--json', ...${JSON.stringify([...args, ...files])}];
await import(${JSON.stringify(join(REPO, 'dist', 'cli.mjs'))});`;
  const t0 = performance.now();
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', runner], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const wallMs = performance.now() - t0;
  const m = /PEAK_KB=(\d+) CPU_US=(\d+)/.exec(child.stderr);
  if (!m)
    throw new Error(`claimdesk check gave no figures (status ${child.status}): ${child.stderr.slice(-500)}`);
  const count = child.stdout ? (JSON.parse(child.stdout) as unknown[]).length : 0;
  return { count, wallMs, peakRssMb: Number(m[1]) / 1024, cpuMs: Number(m[2]) / 1000 };
}

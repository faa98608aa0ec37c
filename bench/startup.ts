// CLI start-up: the CPU time (user + system) and wall time of `claimdesk --version` and of `claimdesk
// evaluate` on the sample claim's manifest without documents (no photo to check: what remains is start-up,
// loading the rule engine and the rules themselves), beside `node -e 0` measured in the same run, rounds
// interleaved. Each child reports its own process.cpuUsage() at exit through the same preload, the peer
// included. Target (issue #10): each CLI call ≤ 4× `node -e 0` in CPU — heavy libraries (sharp, pdf-lib,
// the QR and OCR readers, pdf.js) load only in the commands that use them (electron/core/lazy.ts, the
// CLI's dynamic imports); before that change `--version` cost ~1.4 s CPU here (1.1 s user), about 10× the peer.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sampleManifest } from '../tests/helpers/sample-claim';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const REPO = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(REPO, 'dist', 'cli.mjs');
const MAX_RATIO = 4;

function median(v: number[]): number {
  const s = [...v].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

interface Sample {
  cpuMs: number;
  wallMs: number;
}

function runOnce(preload: string, args: string[]): Sample {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--import', preload, ...args], { encoding: 'utf8' });
  const wallMs = performance.now() - t0;
  const m = /BENCH_CPU (\d+) (\d+)/.exec(r.stderr);
  if (!m)
    throw new Error(`no CPU figure from ${args.join(' ')} (status ${r.status}): ${r.stderr.slice(-400)}`);
  return { cpuMs: (Number(m[1]) + Number(m[2])) / 1000, wallMs };
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'claimdesk-bench-startup-'));
  try {
    const preload = join(dir, 'cpu.mjs');
    writeFileSync(
      preload,
      "process.on('exit', () => { const u = process.cpuUsage(); process.stderr.write(`\\nBENCH_CPU ${u.user} ${u.system}\\n`); });\n",
    );
    const manifest = join(dir, 'claim.json');
    writeFileSync(manifest, JSON.stringify(sampleManifest({ documents: [] })));
    const cases: Array<[string, string[]]> = [
      ['node -e 0 (peer)', ['-e', '0']],
      ['claimdesk --version', [CLI, '--version']],
      [
        'claimdesk evaluate (no photos)',
        [CLI, 'evaluate', manifest, '--json', '--no-check', '--today', '2026-10-01'],
      ],
    ];
    const samples = new Map<string, Sample[]>(cases.map(([name]) => [name, []]));
    for (let i = 0; i < ROUNDS; i++)
      for (const [name, args] of cases) samples.get(name)!.push(runOnce(preload, args));
    const peer = median(samples.get(cases[0]![0])!.map((s) => s.cpuMs));
    console.log(`${ROUNDS} rounds, medians (CPU = user + system of the child process)`);
    for (const [name] of cases) {
      const cpu = median(samples.get(name)!.map((s) => s.cpuMs));
      const wall = median(samples.get(name)!.map((s) => s.wallMs));
      const ratio = cpu / peer;
      const verdict = name.startsWith('node')
        ? ''
        : ratio <= MAX_RATIO
          ? `  ok (≤ ${MAX_RATIO}×)`
          : `  OVER ${MAX_RATIO}×`;
      console.log(
        `${name.padEnd(32)} CPU ${cpu.toFixed(0).padStart(5)} ms  wall ${wall.toFixed(0).padStart(5)} ms  ${ratio.toFixed(1)}× node -e 0${verdict}`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

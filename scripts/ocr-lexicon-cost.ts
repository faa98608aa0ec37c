// What the doubtful-character work costs one read (issue 11): 12 MP invoice photos (bench/ocr.ts's, seeds
// 9100+) read with `read`'s path, interleaved photo by photo, with everything on (the seal-crossed lines'
// second look and the lexicon check) and with both off (one look, no check); per read wall-clock and process
// CPU, the first round left out (sessions warm up). Then the lexicon's own load: time and heap growth in a
// fresh process. Not a bench section: a micro-timing for the README, run on the shared machine.
//   npx tsx scripts/ocr-lexicon-cost.ts [ROUNDS]
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { loadModels } from '../electron/core/ocr/models';
import { setSealLines, setStageMeter } from '../electron/core/ocr/toggles';
import { setLexiconCheck } from '../electron/core/ocr/fields';
import { readPaper } from '../electron/core/pages/reader';
import { shoot } from './ocr-corpus/shots';

if (process.argv[2] === '--load-only') {
  global.gc?.();
  const before = process.memoryUsage();
  const { shippedLexicon, lexiconStats } = await import('../electron/core/ocr/lexicon');
  const t0 = performance.now();
  const lex = shippedLexicon();
  const ms = performance.now() - t0;
  global.gc?.();
  const after = process.memoryUsage();
  const t1 = performance.now();
  let found = 0;
  for (let i = 0; i < 10_000; i++) if (lex!.has(i % 2 ? '阑尾炎' : '烧骨')) found++;
  const perLookup = (performance.now() - t1) / 10_000;
  console.log(
    JSON.stringify({
      loadMs: Math.round(ms),
      stats: lexiconStats(),
      heapMB: +((after.heapUsed - before.heapUsed) / 2 ** 20).toFixed(1),
      externalMB: +((after.external - before.external) / 2 ** 20).toFixed(1),
      rssMB: +((after.rss - before.rss) / 2 ** 20).toFixed(1),
      lookupUs: +(perLookup * 1000).toFixed(2),
      found,
    }),
  );
  process.exit(0);
}

const ROUNDS = Number(process.argv[2] ?? 3);
const dir = join(tmpdir(), 'claimdesk-bench-ocr');
mkdirSync(dir, { recursive: true });
const files: string[] = [];
for (let i = 0; i < 3; i++) {
  const file = join(dir, `invoice-${i}.jpg`);
  if (!existsSync(file)) writeFileSync(file, (await shoot('invoice', 9100 + i, i)).jpeg);
  files.push(file);
}
await loadModels();
// CPU of the stages the work touches (the second look; CTC with the alternatives), per mode, summed per read.
const stages: Record<'on' | 'off', Map<string, number>> = { on: new Map(), off: new Map() };
let current: Map<string, number> | null = null;
setStageMeter({
  add: (name, _wall, cpu) => {
    if (current && (name === 'rec.seal' || name === 'rec.ctc'))
      current.set(name, (current.get(name) ?? 0) + cpu);
  },
});
const times: Record<'on' | 'off', { wall: number[]; cpu: number[] }> = {
  on: { wall: [], cpu: [] },
  off: { wall: [], cpu: [] },
};
const load0 = loadavg()[0]!;
for (let round = 0; round < ROUNDS; round++) {
  for (const file of files) {
    for (const mode of round % 2 ? (['off', 'on'] as const) : (['on', 'off'] as const)) {
      setSealLines(mode === 'on' ? 'alternatives' : 'once');
      setLexiconCheck(mode === 'on');
      current = round > 0 ? stages[mode] : null;
      const c = process.cpuUsage();
      const w = performance.now();
      await readPaper(file, { kind: 'invoice' });
      const used = process.cpuUsage(c);
      if (round > 0) {
        times[mode].wall.push(performance.now() - w);
        times[mode].cpu.push((used.user + used.system) / 1000);
      }
    }
  }
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
for (const mode of ['on', 'off'] as const)
  console.log(
    `${mode}: median wall ${median(times[mode].wall).toFixed(0)} ms, CPU ${median(times[mode].cpu).toFixed(0)} ms ` +
      `(${times[mode].wall.length} reads; wall ${times[mode].wall.map((x) => x.toFixed(0)).join(' ')})`,
  );
for (const mode of ['on', 'off'] as const)
  console.log(
    `${mode}: per read, CPU ms ` +
      [...stages[mode].entries()]
        .map(([k, v]) => `${k} ${(v / times[mode].wall.length).toFixed(1)}`)
        .join(', '),
  );
console.log(`load average ${load0.toFixed(1)} → ${loadavg()[0]!.toFixed(1)}`);
const r = spawnSync(process.execPath, [...process.execArgv, '--expose-gc', process.argv[1]!, '--load-only'], {
  encoding: 'utf8',
});
console.log('lexicon load in a fresh process:', r.stdout.trim() || r.stderr.slice(-500));

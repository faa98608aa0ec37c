// Kill at any step of an export: `claimdesk bundle` is SIGKILLed at seeded random moments. The target must
// then be absent or a complete PDF (qpdf --check), and when an earlier bundle was already there it must be
// that earlier file, untouched, or a complete new one: never a half-written PDF under the user's name.
import { spawn, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensurePhotos, seededRandom } from '../../scripts/reliability-fixtures';
import { CLI, REPO_ROOT, makeTempDir } from '../helpers/tmp';
import { sampleManifest } from '../helpers/sample-claim';

const RUNS = 22;
const SEED = 20261123;

const tmp = makeTempDir('claimdesk-kill-bundle-');
const claimDir = join(tmp.dir, 'claim');
const manifest = join(claimDir, 'manifest.json');
let bundleRegistered = false;
let qpdfPresent = false;

/**
 * When to kill: `afterMs` from spawn (start-up and the photo checks included), or `afterPartMs` after the
 * hidden `.part` first appears beside the target, which is the write itself (PDF bytes, fsync, rename). The
 * second is progress, not a fraction of a clock-measured run, so it lands in the write on a loaded machine too.
 */
type KillAt = { afterMs: number } | { afterPartMs: number };

/** A hidden temp file beside the target (false once the folder is gone: a timed-out test's clean-up). */
const partIn = (dir: string): boolean => existsSync(dir) && readdirSync(dir).some((n) => n.endsWith('.part'));

function bundleAndKill(
  out: string,
  killAt: KillAt,
): Promise<{
  killed: boolean;
  status: number | null;
  stderr: string;
  partSeenMs: number | null;
  exitMs: number;
}> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(
      process.execPath,
      // --no-read: the subject is what a killed write leaves behind; reading the papers only makes each run longer.
      [CLI, 'bundle', manifest, '--out', out, '--allow-incomplete', '--today', '2026-09-20', '--no-read'],
      {
        cwd: REPO_ROOT,
        env: { ...process.env, CLAIMDESK_HOME: join(tmp.dir, 'data') },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    let killed = false;
    const kill = (): void => {
      if (!killed) killed = child.kill('SIGKILL');
    };
    let partSeenMs: number | null = null;
    let partTimer: NodeJS.Timeout | undefined;
    const timer = 'afterMs' in killAt ? setTimeout(kill, killAt.afterMs) : undefined;
    // The temp file is watched in every run (the undisturbed one measures how long the write takes).
    const watch = setInterval(() => {
      if (partSeenMs !== null || !partIn(dirname(out))) return;
      partSeenMs = performance.now() - started;
      if ('afterPartMs' in killAt) partTimer = setTimeout(kill, killAt.afterPartMs);
    }, 2);
    child.on('error', reject);
    child.on('exit', (status, signal) => {
      clearTimeout(timer);
      clearTimeout(partTimer);
      clearInterval(watch);
      resolve({
        killed: killed && signal === 'SIGKILL',
        status,
        stderr,
        partSeenMs,
        exitMs: performance.now() - started,
      });
    });
  });
}

function qpdfCheck(file: string): { ok: boolean; output: string } {
  const r = spawnSync('qpdf', ['--check', file], { encoding: 'utf8' });
  // qpdf exits 0 (clean) or 3 (warnings only); 2 means errors.
  return { ok: r.status === 0 || r.status === 3, output: `${r.stdout}${r.stderr}` };
}

beforeAll(async () => {
  bundleRegistered = /^\s+bundle\b/m.test(
    spawnSync(process.execPath, [CLI, '--help'], { encoding: 'utf8' }).stdout,
  );
  qpdfPresent = spawnSync('qpdf', ['--version']).status === 0;
  mkdirSync(claimDir);
  const photos = (await ensurePhotos('kill-photos', 50)).slice(0, 6);
  photos.forEach((p, i) => copyFileSync(p, join(claimDir, `p${i + 1}.jpg`)));
  const docs: Array<[string, number[]]> = [
    ['invoice', [1, 2]],
    ['itemized_bill', [3, 4]],
    ['discharge_summary', [5]],
    ['diagnosis_certificate', [6]],
  ];
  writeFileSync(
    manifest,
    JSON.stringify(
      sampleManifest({
        documents: docs.map(([kind, pages]) => ({ kind, files: pages.map((n) => `p${n}.jpg`) })),
      }),
    ),
  );
});
afterAll(() => tmp.cleanup());

describe('SIGKILL during a bundle export', () => {
  it(
    `leaves the target absent, the earlier bundle, or a complete PDF (${RUNS} runs)`,
    { timeout: 300_000 },
    async (ctx) => {
      // A missing `bundle` command fails (it is a contract, docs/contracts.md); only a missing qpdf, the
      // independent reader scripts/setup.sh installs, skips with a message.
      expect(bundleRegistered, 'claimdesk bundle must be registered').toBe(true);
      if (!qpdfPresent) {
        console.warn('[kill-bundle] SKIPPED: qpdf is not installed (bash scripts/setup.sh installs it)');
        return ctx.skip();
      }
      // One undisturbed export: its duration spreads the clock kills, its write (from the .part appearing to
      // the exit) spreads the kills in the write, and it is the "earlier bundle" for half the runs.
      const reference = join(tmp.dir, 'reference.pdf');
      const first = await bundleAndKill(reference, { afterMs: 300_000 });
      const fullMs = first.exitMs;
      // Exit 1 = exported but the claim is incomplete (--allow-incomplete); the PDF is written either way.
      expect([0, 1], first.stderr).toContain(first.status);
      expect(qpdfCheck(reference).ok).toBe(true);
      expect(first.partSeenMs, 'the export writes its PDF under a hidden .part first').not.toBeNull();
      const writeMs = Math.max(1, fullMs - first.partSeenMs!);
      const earlier = readFileSync(reference);

      const rnd = seededRandom(SEED);
      const tally = { absent: 0, earlierKept: 0, complete: 0, finished: 0, tempLeft: 0, inWrite: 0 };
      for (let run = 0; run < RUNS; run++) {
        const dir = join(tmp.dir, `run-${run}`);
        mkdirSync(dir);
        const out = join(dir, 'bundle.pdf');
        const hadEarlier = run % 2 === 1;
        if (hadEarlier) writeFileSync(out, earlier);
        // Half the kills anywhere by the clock, half in the write: 0–120 % of the reference write after the
        // .part appears (past 100 % the export may have finished, which must leave a complete PDF).
        const killAt: KillAt =
          run % 4 < 2
            ? { afterMs: Math.round(50 + rnd() * fullMs) }
            : { afterPartMs: Math.round(rnd() * 1.2 * writeMs) };
        const r = await bundleAndKill(out, killAt);
        if (r.killed && r.partSeenMs !== null) tally.inWrite++;
        const label = `run ${run} (seed ${SEED}, kill ${JSON.stringify(killAt)} of ~${Math.round(fullMs)} ms, write ~${Math.round(writeMs)} ms${hadEarlier ? ', earlier bundle present' : ''})`;
        if (!r.killed) {
          expect([0, 1], `${label}: ${r.stderr}`).toContain(r.status);
          expect(existsSync(out), label).toBe(true);
          tally.finished++;
        }
        if (!existsSync(out)) {
          expect(hadEarlier, `${label}: the earlier bundle disappeared`).toBe(false);
          tally.absent++;
        } else if (hadEarlier && readFileSync(out).equals(earlier)) {
          tally.earlierKept++;
        } else {
          const check = qpdfCheck(out);
          expect(check.ok, `${label}: target is not a complete PDF\n${check.output}`).toBe(true);
          tally.complete++;
        }
        // Temp files beside the target are expected only from a kill, never from a finished export.
        const temps = readdirSync(dir).filter((n) => n !== 'bundle.pdf');
        if (!r.killed) expect(temps, label).toEqual([]);
        if (temps.length > 0) tally.tempLeft++;
        rmSync(dir, { recursive: true, force: true });
      }
      console.log(
        `[kill-bundle] ${RUNS} runs of a 6-photo bundle (~${Math.round(fullMs)} ms undisturbed, the write ~${Math.round(writeMs)} ms): ` +
          `target absent ${tally.absent}, earlier bundle kept ${tally.earlierKept}, complete PDF ${tally.complete} (qpdf --check), ` +
          `finished ${tally.finished}; ${tally.inWrite} kills landed after the .part appeared; ` +
          `${tally.tempLeft} kills left a hidden .part beside the target; 0 half-written PDFs`,
      );
      // The write-phase kills must really land in the write, or this test proves little. How many do depends
      // on the machine's load (a write of a few ms can start and finish between two looks for the .part:
      // 3 of 11 in the clean-clone CI of 7 Dec, 4 of 4 alone), so the bar is that some do, every run.
      expect(tally.inWrite, 'kills that landed after the .part appeared').toBeGreaterThanOrEqual(1);
    },
  );
});

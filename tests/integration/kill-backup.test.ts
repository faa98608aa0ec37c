// Kill at any step of a backup and of a restore, on a database of ~5,000 claims with long notes (big enough that both take
// a measurable while). After each SIGKILL: the live database passes integrity_check and holds either the old
// or the restored data, never a mix; every file under a backup's name is a whole backup; the half-written
// copies are cleaned by the next backup round.
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { cpSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectBackup } from '../../electron/core/backup';
import { databasePath } from '../../electron/core/db/open';
import { openWorkspace } from '../../electron/core/workspace';
import { makeClaimDataDir, seededRandom } from '../../scripts/reliability-fixtures';
import { CLI, REPO_ROOT, makeTempDir, runCli } from '../helpers/tmp';

const RUNS = 8;
const CLAIMS = 5_000;
const tmp = makeTempDir('claimdesk-kill-backup-');
let template = '';
let backupFile = '';

/** Adds `count` claims copied from claim #1, each with a long note, in one transaction. */
function bloat(dataDir: string, count: number): void {
  const db = new Database(databasePath(dataDir));
  db.exec(`
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${count})
    INSERT INTO claims (reference, claimant_id, applicant_relation, care_setting, hospital, treatment_region,
                        admission_date, discharge_date, notes, status, created_at, updated_at)
    SELECT 'BULK-' || i, claimant_id, applicant_relation, care_setting, hospital || ' 分院 ' || i, treatment_region,
           admission_date, discharge_date, printf('%.400c', '备'), status, created_at, updated_at
    FROM n, (SELECT * FROM claims WHERE id = 1);`);
  db.close();
}

function claimCount(dataDir: string): number {
  const db = new Database(databasePath(dataDir), { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM claims').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

function runAndKill(
  args: string[],
  dataDir: string,
  delayMs: number,
): Promise<{ killed: boolean; status: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, CLAIMDESK_HOME: dataDir },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    let killed = false;
    const timer = setTimeout(() => (killed = child.kill('SIGKILL')), delayMs);
    child.on('error', reject);
    child.on('exit', (status, signal) => {
      clearTimeout(timer);
      resolve({ killed: killed && signal === 'SIGKILL', status, stderr });
    });
  });
}

async function timeRun(args: string[], dataDir: string): Promise<number> {
  const t0 = performance.now();
  const r = await runAndKill(args, dataDir, 300_000);
  expect(r.status, r.stderr).toBe(0);
  return performance.now() - t0;
}

const leftovers = (dir: string): string[] =>
  readdirSync(dir).filter((n) => n.startsWith('.') && n.includes('.part'));

beforeAll(async () => {
  template = join(tmp.dir, 'template');
  await makeClaimDataDir(template);
  // The backup holds just the one claim; the live database gets 20,000 more after it is taken.
  backupFile = join(tmp.dir, 'one-claim.sqlite3');
  expect(runCli(['backup', '--out', backupFile], { dataDir: template }).status).toBe(0);
  bloat(template, CLAIMS);
  (await openWorkspace(template)).close();
}, 120_000);
afterAll(() => tmp.cleanup());

describe('SIGKILL during backup and restore', () => {
  it(`backup --auto killed at random moments (${RUNS} runs)`, { timeout: 240_000 }, async () => {
    const probe = join(tmp.dir, 'probe-backup');
    cpSync(template, probe, { recursive: true });
    const fullMs = await timeRun(['backup', '--auto', '--force'], probe);
    const rnd = seededRandom(7001);
    let interrupted = 0;
    for (let run = 0; run < RUNS; run++) {
      const dataDir = join(tmp.dir, `backup-${run}`);
      cpSync(template, dataDir, { recursive: true });
      // Half anywhere, half late, where the copy is written, checked and renamed (start-up takes the rest).
      const delayMs = Math.round(run % 2 === 0 ? 30 + rnd() * fullMs : fullMs * (0.6 + rnd() * 0.45));
      const r = await runAndKill(['backup', '--auto', '--force'], dataDir, delayMs);
      const label = `backup run ${run}, kill after ${delayMs} of ~${Math.round(fullMs)} ms`;
      if (!r.killed) expect(r.status, `${label}: ${r.stderr}`).toBe(0);
      const backups = join(dataDir, 'backups');
      if (
        r.killed &&
        leftovers(dataDir).length +
          (readdirSync(dataDir).includes('backups') ? leftovers(backups).length : 0) >
          0
      )
        interrupted++;
      // Every file under a backup's name is a complete, readable backup.
      for (const name of readdirSync(dataDir).includes('backups') ? readdirSync(backups) : []) {
        if (name.startsWith('.')) continue;
        expect(inspectBackup(join(backups, name)).claims, `${label}: ${name}`).toBe(CLAIMS + 1);
      }
      expect(claimCount(dataDir), label).toBe(CLAIMS + 1);
      // The next round cleans what the killed one left and succeeds.
      const next = runCli(['backup', '--auto', '--force'], { dataDir });
      expect(next.status, `${label}: ${next.stderr}`).toBe(0);
      expect(leftovers(backups), label).toEqual([]);
    }
    console.log(
      `[kill-backup] ${RUNS} kills of backup --auto on ${CLAIMS + 1} claims (~${Math.round(fullMs)} ms): ${interrupted} left a half-written copy, all cleaned by the next round; every named backup whole`,
    );
  });

  it(
    `restore killed at random moments (${RUNS} runs): old data or restored data, never a mix`,
    { timeout: 240_000 },
    async () => {
      const probe = join(tmp.dir, 'probe-restore');
      cpSync(template, probe, { recursive: true });
      const fullMs = await timeRun(['restore', backupFile], probe);
      const rnd = seededRandom(7002);
      const seen = { old: 0, restored: 0 };
      for (let run = 0; run < RUNS; run++) {
        const dataDir = join(tmp.dir, `restore-${run}`);
        cpSync(template, dataDir, { recursive: true });
        // Half anywhere, half late, where the copy is written, checked and renamed (start-up takes the rest).
        const delayMs = Math.round(run % 2 === 0 ? 30 + rnd() * fullMs : fullMs * (0.6 + rnd() * 0.45));
        const r = await runAndKill(['restore', backupFile], dataDir, delayMs);
        const label = `restore run ${run}, kill after ${delayMs} of ~${Math.round(fullMs)} ms`;
        if (!r.killed) expect(r.status, `${label}: ${r.stderr}`).toBe(0);
        // openWorkspace runs integrity_check and the migrations, as the app does on its next start.
        (await openWorkspace(dataDir)).close();
        const n = claimCount(dataDir);
        expect([CLAIMS + 1, 1], label).toContain(n);
        if (n === 1) seen.restored++;
        else seen.old++;
        const next = runCli(['backup', '--auto', '--force'], { dataDir });
        expect(next.status, `${label}: ${next.stderr}`).toBe(0);
        expect(leftovers(dataDir), `${label}: restore leftovers not cleaned`).toEqual([]);
      }
      console.log(
        `[kill-backup] ${RUNS} kills of restore (~${Math.round(fullMs)} ms): ${seen.old} kept the old data, ${seen.restored} had the backup's; integrity ok every time`,
      );
    },
  );
});

// Full disk, file-size limits and read-only folders: every write that cannot happen ends in a clear error
// (disk_full / data_dir_unwritable, Chinese first, exit 1), never an internal error, and the database and
// the files already stored are unharmed.
//
// Tests run as root here, so chmod cannot make a folder read-only. Instead each scenario runs inside a
// private mount namespace (`unshare -rm`, no real root needed): a read-only bind mount or a tiny tmpfs that
// vanishes with the shell. Where user namespaces are not allowed those scenarios are skipped with a message;
// the `ulimit -f` scenarios run everywhere.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensurePhotos, inspectDataDir, makeClaimDataDir } from '../../scripts/reliability-fixtures';
import { CLI, REPO_ROOT, makeTempDir } from '../helpers/tmp';

const tmp = makeTempDir('claimdesk-disk-');
let template = '';
let photos: string[] = [];

function namespacesWork(): boolean {
  const probe = join(tmp.dir, 'probe-mnt');
  mkdirSync(probe, { recursive: true });
  const r = spawnSync(
    'unshare',
    ['-rm', 'sh', '-c', `mount -t tmpfs -o size=64k tmpfs ${probe} && touch ${probe}/x`],
    { encoding: 'utf8' },
  );
  return r.status === 0;
}

interface Step {
  status: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs a shell script (optionally inside `unshare -rm`) whose CLI calls write their status and output to
 * numbered files; returns one Step per `run` call so each can be asserted separately.
 */
function runScript(script: string, options: { namespace: boolean; dataDir: string }): Step[] {
  const out = join(tmp.dir, `steps-${Math.random().toString(36).slice(2)}`);
  mkdirSync(out);
  const prelude = `
i=0
run() { i=$((i+1)); "$@" >"${out}/$i.out" 2>"${out}/$i.err"; echo $? >"${out}/$i.rc"; }
C() { node "${CLI}" "$@"; }
export CLAIMDESK_HOME="${options.dataDir}"
`;
  const args = options.namespace
    ? ['unshare', '-rm', 'sh', '-c', prelude + script]
    : ['sh', '-c', prelude + script];
  const r = spawnSync(args[0]!, args.slice(1), { cwd: REPO_ROOT, encoding: 'utf8', timeout: 120_000 });
  expect(r.status, `script failed: ${r.stderr}`).toBe(0);
  const steps: Step[] = [];
  for (let n = 1; existsSync(join(out, `${n}.rc`)); n++) {
    const read = (ext: string): string =>
      spawnSync('cat', [join(out, `${n}.${ext}`)], { encoding: 'utf8' }).stdout;
    steps.push({ status: Number(read('rc').trim()), stdout: read('out'), stderr: read('err') });
  }
  return steps;
}

function freshDataDir(name: string): string {
  const dir = join(tmp.dir, name);
  cpSync(template, dir, { recursive: true });
  return dir;
}

function expectCleanFailure(step: Step, code: RegExp): void {
  expect(step.status, step.stderr).toBe(1);
  expect(step.stderr).toMatch(/^错误：/);
  expect(step.stderr).toMatch(code);
  expect(step.stderr).not.toMatch(/内部错误|internal error|at .*\.mjs/);
}

async function expectUnharmed(dataDir: string, documents: number): Promise<void> {
  const health = await inspectDataDir(dataDir);
  expect(health.integrity).toBe('ok');
  expect(health.documents).toBe(documents);
  expect(health.badPages).toEqual([]);
  expect(health.tempFiles).toBe(0);
}

beforeAll(async () => {
  expect(existsSync(join(REPO_ROOT, 'dist', 'cli.mjs')), 'build the CLI first (npm test does)').toBe(true);
  photos = await ensurePhotos('kill-photos', 50);
  template = join(tmp.dir, 'template');
  await makeClaimDataDir(template);
});
afterAll(() => tmp.cleanup());

describe('file-size limit (ulimit -f): Node must not die of SIGXFSZ', () => {
  it('an import larger than the limit fails with disk_full and stores nothing', async () => {
    const dataDir = freshDataDir('ulimit-import');
    const big = join(tmp.dir, 'big.jpg');
    // A real 3000×3000 noise JPEG (~5 MB): far over a 500 KB limit.
    const sharp = (await import('sharp')).default;
    await sharp({
      create: {
        width: 3000,
        height: 3000,
        channels: 3,
        background: '#808080',
        noise: { type: 'gaussian', mean: 128, sigma: 60 },
      },
    })
      .jpeg({ quality: 95 })
      .toFile(big);
    const [imp, show] = runScript(
      `ulimit -f 500; run C import 1 --kind invoice "${photos[0]}" "${big}"; run C claim show 1 --json`,
      {
        namespace: false,
        dataDir,
      },
    );
    expectCleanFailure(imp!, /磁盘空间不足/);
    expect(show!.status).toBe(0);
    await expectUnharmed(dataDir, 0);
  });

  it('a database write over the limit fails with disk_full; earlier data stays', async () => {
    // A new data folder needs ~100 KB of schema: under a 60 KB limit the first start cannot finish it.
    const dataDir = join(tmp.dir, 'ulimit-new');
    const [first] = runScript(`ulimit -f 60; run C household add --name 张家`, { namespace: false, dataDir });
    expectCleanFailure(first!, /无法写入数据库|磁盘空间不足/);
    // Without the limit the same folder opens normally: the failed migration left nothing half-done.
    const [again, list] = runScript(`run C household add --name 张家; run C household list --json`, {
      namespace: false,
      dataDir,
    });
    expect(again!.status, again!.stderr).toBe(0);
    expect(JSON.parse(list!.stdout)).toHaveLength(1);

    const existing = freshDataDir('ulimit-backup');
    // 100 KB lets the 128 KB database open but not be copied.
    const [backup] = runScript(`ulimit -f 100; run C backup --out "${join(tmp.dir, 'limited.sqlite3')}"`, {
      namespace: false,
      dataDir: existing,
    });
    expectCleanFailure(backup!, /磁盘空间不足，无法写入备份/);
    expect(existsSync(join(tmp.dir, 'limited.sqlite3'))).toBe(false);
    await expectUnharmed(existing, 0);
  });
});

describe.runIf(process.platform === 'linux')(
  'full disk and read-only folders (private mount namespace)',
  () => {
    let canMount = false;
    beforeAll(() => {
      canMount = namespacesWork();
      if (!canMount)
        console.warn(
          '[reliability-disk] SKIPPED: `unshare -rm` (user + mount namespace) is not permitted on this machine',
        );
    });

    it('a 50-photo import onto a nearly full disk fails with disk_full; the claim and database are intact', async (ctx) => {
      if (!canMount) return ctx.skip();
      const mnt = join(tmp.dir, 'tiny');
      const after = join(tmp.dir, 'tiny-after');
      mkdirSync(mnt);
      mkdirSync(after);
      const data = join(mnt, 'data');
      const steps = runScript(
        `mount -t tmpfs -o size=600k tmpfs "${mnt}" && cp -a "${template}" "${data}"
       run C import 1 --kind invoice ${photos.map((p) => `"${p}"`).join(' ')}
       run C backup --out "${mnt}/b.sqlite3"
       run C household add --name 李家
       run C claim show 1 --json
       cp -a "${data}" "${after}/data"`,
        { namespace: true, dataDir: data },
      );
      const [imp, backup, household, show] = steps;
      expectCleanFailure(imp!, /磁盘空间不足/);
      expectCleanFailure(backup!, /磁盘空间不足，无法写入备份/);
      // The database itself can still take a small write or not, but never ends in an internal error.
      if (household!.status !== 0) expectCleanFailure(household!, /无法写入数据库|磁盘空间不足/);
      expect(show!.status, show!.stderr).toBe(0);
      expect(JSON.parse(show!.stdout).documents).toEqual([]);
      await expectUnharmed(join(after, 'data'), 0);
    });

    it('a read-only data folder and a read-only backup folder give data_dir_unwritable; nothing changes', async (ctx) => {
      if (!canMount) return ctx.skip();
      const dataDir = freshDataDir('readonly');
      const outDir = join(tmp.dir, 'readonly-out');
      mkdirSync(outDir);
      const [add, imp, backup] = runScript(
        `mount --bind "${dataDir}" "${dataDir}" && mount -o remount,ro,bind "${dataDir}"
       mount --bind "${outDir}" "${outDir}" && mount -o remount,ro,bind "${outDir}"
       run C household add --name 王家
       run C import 1 --kind invoice "${photos[0]}"
       umount "${dataDir}"
       run C backup --out "${outDir}/b.sqlite3"`,
        { namespace: true, dataDir },
      );
      expectCleanFailure(add!, /无法写入|只读|没有权限/);
      expectCleanFailure(imp!, /无法写入|只读|没有权限/);
      expectCleanFailure(backup!, /没有权限写入备份/);
      await expectUnharmed(dataDir, 0);
      const people = runScript(`run C household list --json`, { namespace: false, dataDir });
      expect(JSON.parse(people[0]!.stdout).map((h: { name: string }) => h.name)).toEqual(['张家']);
    });
  },
);

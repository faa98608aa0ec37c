// The one atomic-write helper (electron/core/files/atomic.ts) and its clean-up rule: a temporary file is
// removed only when the process named in it is gone. The "app" here is this test process (alive); a real
// CLI process opens the same data folder, as a desk's CLI would while the app is importing.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  copyFileAtomic,
  isProcessAlive,
  parseTempName,
  removeDeadTemps,
  tempNameFor,
  writeFileAtomic,
} from '../../electron/core/files/atomic';
import { storeFile, storedFilePath } from '../../electron/core/files/store';
import { writeDataLocation } from '../../electron/main/data-location';
import { makeTempDir, runCli } from '../helpers/tmp';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));
function tempDir(): string {
  const t = makeTempDir('claimdesk-atomic-');
  cleanups.push(t.cleanup);
  return t.dir;
}

/** The pid of a process that has certainly exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  });
  const pid = Number(r.stdout);
  expect(isProcessAlive(pid)).toBe(false);
  return pid;
}

/** A temporary name as the helper makes it, but owned by `pid`. */
const nameOwnedBy = (label: string, pid: number) =>
  tempNameFor(label).replace(`.${process.pid}-`, `.${pid}-`);

describe('temporary names', () => {
  it('carry the owner pid, for every scheme this and earlier releases wrote', () => {
    expect(parseTempName(tempNameFor('材料包.pdf'))).toEqual({ label: '材料包.pdf', pid: process.pid });
    expect(parseTempName('.auto-x.sqlite3.4194305.part-shm')).toEqual({
      label: 'auto-x.sqlite3',
      pid: 4194305,
    });
    expect(parseTempName('.a.pdf.77-0a1b2c3d.tmp')).toEqual({ label: 'a.pdf', pid: 77 });
    expect(parseTempName('.claimdesk.sqlite3.77.restore.part')).toEqual({
      label: 'claimdesk.sqlite3.restore',
      pid: 77,
    });
    expect(parseTempName('材料包.pdf')).toBeNull();
    expect(parseTempName('.hidden')).toBeNull();
  });

  it('the file store writes its temporary file under a name owned by the writing process', async () => {
    const dataDir = tempDir();
    const src = join(tempDir(), 'big.bin');
    writeFileSync(src, randomBytes(8 * 1024 * 1024));
    const seen = new Set<string>();
    const storing = storeFile(dataDir, src);
    let done = false;
    void storing.finally(() => (done = true));
    while (!done) {
      for (const n of existsSync(join(dataDir, 'files', 'tmp'))
        ? readdirSync(join(dataDir, 'files', 'tmp'))
        : [])
        seen.add(n);
      await new Promise((r) => setImmediate(r));
    }
    const stored = await storing;
    expect(readFileSync(storedFilePath(dataDir, stored.sha256)).equals(readFileSync(src))).toBe(true);
    expect(seen.size).toBe(1);
    expect(parseTempName([...seen][0]!)?.pid).toBe(process.pid);
    expect(readdirSync(join(dataDir, 'files', 'tmp'))).toEqual([]);
  });
});

describe('clean-up of interrupted writes', () => {
  it("another process opening the data folder keeps a live writer's temporary files and removes a dead one's", () => {
    const dataDir = tempDir();
    expect(runCli(['household', 'list'], { dataDir }).status).toBe(0);
    const dead = deadPid();
    const store = join(dataDir, 'files', 'tmp');
    const backups = join(dataDir, 'backups');
    mkdirSync(store, { recursive: true });
    mkdirSync(backups, { recursive: true });
    const live = [join(store, tempNameFor('import')), join(backups, tempNameFor('auto-1.sqlite3'))];
    const gone = [
      join(store, nameOwnedBy('import', dead)),
      join(backups, nameOwnedBy('auto-2.sqlite3', dead)),
    ];
    writeFileSync(`${gone[1]}-wal`, 'sidecar');
    // An import temp from a release before names carried a pid: removed only once it is a day old.
    const legacyOld = join(store, '1700000000000-0a1b2c3d4e5f.part');
    const legacyNew = join(store, `${Date.now()}-0a1b2c3d4e5f.part`);
    for (const f of [...live, ...gone, legacyOld, legacyNew]) writeFileSync(f, 'in flight');
    utimesSync(legacyOld, new Date(Date.now() - 2 * 86_400_000), new Date(Date.now() - 2 * 86_400_000));

    // The CLI opens the folder (files/tmp is swept) and runs a backup round (backups/ is swept).
    const r = runCli(['backup', '--auto'], { dataDir });
    expect(r.status, r.stderr).toBe(0);

    for (const f of live) expect(existsSync(f), f).toBe(true);
    for (const f of gone) expect(existsSync(f), f).toBe(false);
    expect(existsSync(`${gone[1]}-wal`)).toBe(false);
    expect(existsSync(legacyOld)).toBe(false);
    expect(existsSync(legacyNew)).toBe(true);
  });

  it('removes only the labelled target’s dead leftovers, and never files that are not temporary', async () => {
    const dir = tempDir();
    const dead = deadPid();
    const mine = join(dir, nameOwnedBy('a.pdf', dead));
    const other = join(dir, nameOwnedBy('b.pdf', dead));
    const plain = join(dir, 'a.pdf.part');
    for (const f of [mine, other, plain]) writeFileSync(f, 'x');
    expect(await removeDeadTemps(dir, { label: 'a.pdf' })).toBe(1);
    expect([existsSync(mine), existsSync(other), existsSync(plain)]).toEqual([false, true, true]);
  });
});

describe('writeFileAtomic', () => {
  it('replaces the target whole and leaves no temporary file (the data-location pointer uses it)', async () => {
    const dir = tempDir();
    await writeDataLocation(dir, '/srv/one');
    await writeDataLocation(dir, '/srv/two');
    expect(JSON.parse(readFileSync(join(dir, 'data-location.json'), 'utf8'))).toEqual({
      dataDir: '/srv/two',
    });
    expect(readdirSync(dir)).toEqual(['data-location.json']);
  });

  it('on a failed rename keeps the earlier target and removes the temporary file', async () => {
    const dir = tempDir();
    const target = join(dir, 'out');
    mkdirSync(target); // a folder where the file should go: rename fails with EISDIR
    writeFileSync(join(target, 'keep'), 'earlier');
    await expect(writeFileAtomic(target, 'new')).rejects.toMatchObject({ code: expect.stringMatching(/^E/) });
    expect(readdirSync(dir)).toEqual(['out']);
    expect(readFileSync(join(target, 'keep'), 'utf8')).toBe('earlier');
  });
});

describe('copyFileAtomic', () => {
  it('copies whole under the name, and a failed copy leaves neither the name nor a temporary file', async () => {
    const dir = tempDir();
    const source = join(dir, 'claimdesk.sqlite3');
    const bytes = randomBytes(256 * 1024);
    writeFileSync(source, bytes);
    await copyFileAtomic(source, join(dir, 'damaged-1.sqlite3'));
    expect(readFileSync(join(dir, 'damaged-1.sqlite3')).equals(bytes)).toBe(true);
    // A source that is gone (a WAL that was never there): the error comes back, nothing is left behind.
    await expect(
      copyFileAtomic(join(dir, 'missing-wal'), join(dir, 'damaged-1.sqlite3-wal')),
    ).rejects.toMatchObject({ code: 'ENOENT' });
    expect(readdirSync(dir).sort()).toEqual(['claimdesk.sqlite3', 'damaged-1.sqlite3']);
  });
});

// The one way ClaimDesk writes a file that must appear whole or not at all (stored originals, exported
// bundles, backups, the restored database, the app's data-location pointer):
//   1. write under a temporary name that carries the writer's process id: `.<label>.<pid>-<random>.part`,
//      in the target's folder (or one on the same file system), so the rename below is atomic;
//   2. fsync the file, rename it onto the target, fsync the folder (the rename survives a power cut);
//   3. on failure remove the temporary file and leave the target as it was.
// Clean-up of interrupted writes removes a temporary file only when its owner process is gone: a CLI that
// opens the app's data folder must not delete the app's in-flight writes (nor the other way round).
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { copyFile, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export const TEMP_SUFFIX = '.part';

/** SQLite may leave these beside a database file it had open; they belong to that file. */
const SQLITE_SIDECARS = ['-wal', '-shm', '-journal'] as const;

/** A fresh temporary file name for `label` (usually the target's base name), owned by this process. */
export function tempNameFor(label: string): string {
  return `.${label}.${process.pid}-${randomBytes(4).toString('hex')}${TEMP_SUFFIX}`;
}

/** A fresh temporary path in the target's own folder. */
export function tempPathBeside(target: string): string {
  return join(dirname(target), tempNameFor(basename(target)));
}

/**
 * The owner pid and label of a temporary file name, or null when the name is not one of ours. Earlier
 * releases' names are read too (`.<label>.<pid>.part`, `.<label>.<pid>-<hex>.tmp`,
 * `.<label>.<pid>.restore.part`), so their leftovers are cleaned the same way.
 */
export function parseTempName(name: string): { label: string; pid: number } | null {
  const base = name.replace(/-(?:wal|shm|journal)$/, '');
  const restore = /^\.(.+)\.(\d+)\.restore\.part$/.exec(base);
  const m =
    restore ?? /^\.(.+)\.(\d+)-[0-9a-f]+\.(?:part|tmp)$/.exec(base) ?? /^\.(.+)\.(\d+)\.part$/.exec(base);
  if (!m) return null;
  const pid = Number(m[2]);
  if (!Number.isSafeInteger(pid) || pid <= 0) return null;
  return { label: restore ? `${m[1]!}.restore` : m[1]!, pid };
}

/** True while a process with this id runs (its temporary files must not be touched). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to another user, so it is alive.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Flushes a written file to the disk. */
export async function fsyncFile(path: string): Promise<void> {
  const fh = await open(path, 'r+');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** Makes a rename in `dir` durable (Linux/macOS); Windows cannot open a folder, which is fine there. */
export async function fsyncDir(dir: string): Promise<void> {
  try {
    const fh = await open(dir, 'r');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  } catch {
    /* not supported on this platform */
  }
}

/** Removes a temporary file and any SQLite sidecars beside it; never throws. */
export async function discardTemp(temp: string): Promise<void> {
  await Promise.all(
    ['', ...SQLITE_SIDECARS].map((s) => rm(`${temp}${s}`, { force: true }).catch(() => undefined)),
  );
}

/**
 * Renames a finished (fsynced) temporary file onto `target` and fsyncs the target's folder. On failure the
 * temporary file is removed and the error (with its errno code) is thrown for the caller to describe.
 */
export async function commitTemp(temp: string, target: string): Promise<void> {
  try {
    await rename(temp, target);
  } catch (err) {
    await discardTemp(temp);
    throw err;
  }
  await fsyncDir(dirname(target));
}

/** Writes `bytes` to a fresh temporary file beside `target` and fsyncs it; returns its path (not renamed). */
export async function writeTempBeside(target: string, bytes: Uint8Array | string): Promise<string> {
  const temp = tempPathBeside(target);
  let handle;
  try {
    handle = await open(temp, 'wx');
    await handle.writeFile(bytes);
    await handle.sync();
  } catch (err) {
    await handle?.close().catch(() => undefined);
    await discardTemp(temp);
    throw err;
  }
  await handle.close();
  return temp;
}

/**
 * Writes `bytes` to `target` atomically: first removes dead writers' leftovers for the same target, then
 * temp → fsync → rename → fsync folder. Throws the underlying file-system error.
 */
export async function writeFileAtomic(target: string, bytes: Uint8Array | string): Promise<void> {
  await removeDeadTemps(dirname(target), { label: basename(target) });
  await commitTemp(await writeTempBeside(target, bytes), target);
}

/** Copies `source` to `target` atomically, as writeFileAtomic writes: a half copy never sits under the name. */
export async function copyFileAtomic(source: string, target: string): Promise<void> {
  await removeDeadTemps(dirname(target), { label: basename(target) });
  const temp = tempPathBeside(target);
  try {
    await copyFile(source, temp, constants.COPYFILE_EXCL);
    await fsyncFile(temp);
  } catch (err) {
    await discardTemp(temp);
    throw err;
  }
  await commitTemp(temp, target);
}

/**
 * Removes the temporary files in `dir` whose owner process is gone (with their SQLite sidecars), only
 * those for `label` when given. Live owners' files, and every file that is not one of ours, stay.
 * `legacyMaxAgeMs` also removes pid-less `.part` files (an earlier file-store format) older than that.
 * Returns how many temporary files were removed (sidecars not counted).
 */
export async function removeDeadTemps(
  dir: string,
  options: { label?: string; legacyMaxAgeMs?: number } = {},
): Promise<number> {
  const names = await readdir(dir).catch(() => [] as string[]);
  let removed = 0;
  for (const name of names) {
    const owner = parseTempName(name);
    if (!owner) {
      if (options.legacyMaxAgeMs === undefined || !/^\d+-[0-9a-f]+\.part$/.test(name)) continue;
      const info = await stat(join(dir, name)).catch(() => null);
      if (!info || Date.now() - info.mtimeMs < options.legacyMaxAgeMs) continue;
      await rm(join(dir, name), { force: true }).catch(() => undefined);
      removed++;
      continue;
    }
    if (options.label !== undefined && owner.label !== options.label) continue;
    if (isProcessAlive(owner.pid)) continue;
    const isSidecar = /-(?:wal|shm|journal)$/.test(name);
    await discardTemp(join(dir, isSidecar ? name.replace(/-(?:wal|shm|journal)$/, '') : name));
    if (!isSidecar) removed++;
  }
  return removed;
}

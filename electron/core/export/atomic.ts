// Output files appear whole or not at all: written under a temporary name in the target folder (same
// file system, so rename is atomic), fsynced, then renamed. On any failure the temporary file is removed
// and the target path is left as it was.
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ClaimDeskError, describeFsError } from '../errors';

export function tempPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
}

/** True while a process with this id runs (a temp file of a live export must not be touched). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes temp files that an export killed before its rename left beside `target` (`.NAME.PID-hex.tmp`
 * whose process is gone). Files of a live export, and every other file, are left alone.
 */
export async function removeStaleTemps(target: string): Promise<number> {
  const prefix = `.${basename(target)}.`;
  let names: string[];
  try {
    names = await readdir(dirname(target));
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
    const pid = Number(/^(\d+)-[0-9a-f]+\.tmp$/.exec(name.slice(prefix.length))?.[1]);
    if (!Number.isInteger(pid) || pid <= 0 || isProcessAlive(pid)) continue;
    await rm(join(dirname(target), name), { force: true }).catch(() => undefined);
    removed++;
  }
  return removed;
}

/** Fails early, with the folder named, when the output folder is missing, not a folder, or read-only. */
export async function assertWritableFolder(folder: string): Promise<void> {
  let info;
  try {
    info = await stat(folder);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new ClaimDeskError(
        'invalid_input',
        `输出文件夹不存在：${folder}`,
        `output folder does not exist: ${folder}`,
        { field: folder },
      );
    }
    throw describeFsError(err, folder, { zh: '访问输出文件夹', en: 'access the output folder' });
  }
  if (!info.isDirectory()) {
    throw new ClaimDeskError(
      'invalid_input',
      `输出位置不是文件夹：${folder}`,
      `output location is not a folder: ${folder}`,
      { field: folder },
    );
  }
  try {
    await access(folder, constants.W_OK);
  } catch (err) {
    throw describeFsError(err, folder, { zh: '写入输出文件夹', en: 'write to the output folder' });
  }
}

/** Writes bytes to a temp file beside `target` and fsyncs it; returns the temp path (not yet renamed). */
export async function writeTempBeside(target: string, bytes: Uint8Array): Promise<string> {
  await removeStaleTemps(target);
  const temp = tempPathFor(target);
  let handle;
  try {
    handle = await open(temp, 'wx');
    await handle.writeFile(bytes);
    await handle.sync();
  } catch (err) {
    await handle?.close().catch(() => undefined);
    await rm(temp, { force: true }).catch(() => undefined);
    throw describeFsError(err, target, { zh: '写入导出文件', en: 'write the export file' });
  }
  await handle.close();
  return temp;
}

/** Renames finished temp files onto their targets; a failed rename removes every temp file left. */
export async function commitTempFiles(pairs: ReadonlyArray<{ temp: string; target: string }>): Promise<void> {
  try {
    for (const { temp, target } of pairs) {
      try {
        await rename(temp, target);
      } catch (err) {
        throw describeFsError(err, target, { zh: '保存导出文件', en: 'save the export file' });
      }
    }
  } finally {
    await discardTempFiles(pairs.map((p) => p.temp));
  }
}

export async function discardTempFiles(temps: readonly string[]): Promise<void> {
  await Promise.all(temps.map((t) => rm(t, { force: true }).catch(() => undefined)));
}

export async function writeFileAtomic(target: string, bytes: Uint8Array): Promise<void> {
  const temp = await writeTempBeside(target, bytes);
  await commitTempFiles([{ temp, target }]);
}

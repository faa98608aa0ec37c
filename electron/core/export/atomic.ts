// Output files appear whole or not at all: written under a temporary name in the target folder (same
// file system, so rename is atomic), fsynced, then renamed. On any failure the temporary file is removed
// and the target path is left as it was.
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ClaimDeskError, describeFsError } from '../errors';

export function tempPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
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

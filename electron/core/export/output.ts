// Where an export writes (bundles, upload images, the claim list, merged print copies): the output folder is
// checked before any slow work, and every file appears whole or not at all through the one atomic-write
// helper (../files/atomic.ts: a temporary name carrying this process's id beside the target, fsynced,
// renamed, folder fsynced). On any failure the temporary files are removed and the targets are left as they
// were. This module adds the export's own wording of errors and committing several files at once.
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { ClaimDeskError, describeFsError } from '../errors';
import * as atomic from '../files/atomic';

/** Removes temp files that an export killed before its rename left beside `target`; live ones stay. */
async function removeDeadOutputTemps(target: string): Promise<number> {
  return atomic.removeDeadTemps(dirname(target), { label: basename(target) });
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
export async function stageOutput(target: string, bytes: Uint8Array): Promise<string> {
  await removeDeadOutputTemps(target);
  try {
    return await atomic.writeTempBeside(target, bytes);
  } catch (err) {
    throw describeFsError(err, target, { zh: '写入导出文件', en: 'write the export file' });
  }
}

/** Renames finished temp files onto their targets; a failed rename removes every temp file left. */
export async function commitOutputs(pairs: ReadonlyArray<{ temp: string; target: string }>): Promise<void> {
  try {
    for (const { temp, target } of pairs) {
      try {
        await atomic.commitTemp(temp, target);
      } catch (err) {
        throw describeFsError(err, target, { zh: '保存导出文件', en: 'save the export file' });
      }
    }
  } finally {
    await discardOutputs(pairs.map((p) => p.temp));
  }
}

export async function discardOutputs(temps: readonly string[]): Promise<void> {
  await Promise.all(temps.map((t) => atomic.discardTemp(t)));
}

/** One output file, whole or not at all. */
export async function writeOutputFile(target: string, bytes: Uint8Array): Promise<void> {
  const temp = await stageOutput(target, bytes);
  await commitOutputs([{ temp, target }]);
}

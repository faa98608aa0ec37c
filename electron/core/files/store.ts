// Content-addressed store for original files: <dataDir>/files/ab/abcdef….bin named by sha256. A file is
// written to files/tmp/ under a temporary name carrying this process's id (./atomic.ts), fsynced, then
// renamed into place, so a crash never leaves a half file under a real name; the same bytes imported twice
// are stored once.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ClaimDeskError, describeFsError } from '../errors';
import { workMeter } from '../work-meter';
import { commitTemp, removeDeadTemps, tempNameFor } from './atomic';

/** Files larger than this are refused before hashing: no phone photo or e-invoice comes close. */
export const MAX_IMPORT_BYTES = 200 * 1024 * 1024;

export interface StoredFile {
  sha256: string;
  size: number;
  /** Absolute path of the stored copy. */
  path: string;
  /** True when these bytes were already in the store. */
  existed: boolean;
}

export function storeRoot(dataDir: string): string {
  return join(dataDir, 'files');
}

export function storedFilePath(dataDir: string, sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
  return join(storeRoot(dataDir), sha256.slice(0, 2), `${sha256}.bin`);
}

function tempDir(dataDir: string): string {
  return join(storeRoot(dataDir), 'tmp');
}

export async function sha256OfFile(path: string): Promise<string> {
  workMeter.hashes++;
  const hash = createHash('sha256');
  await new Promise<void>((resolve, reject) => {
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve());
  });
  return hash.digest('hex');
}

async function statSource(srcPath: string): Promise<number> {
  let info;
  try {
    info = await stat(srcPath);
  } catch (err) {
    throw describeFsError(err, srcPath, { zh: '读取文件', en: 'read the file' });
  }
  if (!info.isFile()) {
    throw new ClaimDeskError(
      'file_unreadable',
      `不是普通文件：${srcPath}`,
      `not a regular file: ${srcPath}`,
      { field: srcPath },
    );
  }
  if (info.size === 0) {
    throw new ClaimDeskError('file_unreadable', `文件是空的：${srcPath}`, `file is empty: ${srcPath}`, {
      field: srcPath,
    });
  }
  if (info.size > MAX_IMPORT_BYTES) {
    throw new ClaimDeskError(
      'file_too_large',
      `文件太大（${(info.size / 1048576).toFixed(0)} MB，上限 ${MAX_IMPORT_BYTES / 1048576} MB）：${srcPath}`,
      `file too large (${info.size} bytes > ${MAX_IMPORT_BYTES}): ${srcPath}`,
      { field: srcPath },
    );
  }
  return info.size;
}

/**
 * A copy of an incoming file in files/tmp/, hashed while it was copied, not yet in the store: the caller
 * looks at it (is it a repeat? can it be opened?) and then commits it into the store or discards it, so a
 * file is read and hashed once whichever way it goes.
 */
export interface StagedFile {
  sha256: string;
  size: number;
  /** The temporary copy: the same bytes as the original, readable until commit or discard. */
  path: string;
  /** Renames the copy into the store (or drops it when the store already holds these bytes). */
  commit(): Promise<StoredFile>;
  /** Removes the copy; the store is untouched. */
  discard(): Promise<void>;
}

/** Copies `srcPath` into files/tmp/ while hashing it in one pass (fsynced): see StagedFile. */
export async function stageFile(dataDir: string, srcPath: string): Promise<StagedFile> {
  await statSource(srcPath);
  const tmp = tempDir(dataDir);
  try {
    await mkdir(tmp, { recursive: true });
  } catch (err) {
    throw describeFsError(err, tmp, { zh: '写入数据文件夹', en: 'write the data folder' });
  }
  const tmpPath = join(tmp, tempNameFor('import'));
  workMeter.hashes++;
  const hash = createHash('sha256');
  let size = 0;
  const out = await open(tmpPath, 'wx').catch((err: unknown) => {
    throw describeFsError(err, tmpPath, { zh: '写入数据文件夹', en: 'write the data folder' });
  });
  try {
    try {
      for await (const chunk of createReadStream(srcPath)) {
        const buf = chunk as Buffer;
        hash.update(buf);
        size += buf.length;
        await out.write(buf);
      }
    } catch (err) {
      const isRead =
        (err as { syscall?: string }).syscall === 'read' || (err as { path?: string }).path === srcPath;
      throw isRead
        ? describeFsError(err, srcPath, { zh: '读取文件', en: 'read the file' })
        : describeFsError(err, tmpPath, { zh: '写入数据文件夹', en: 'write the data folder' });
    }
    await out.sync().catch((err: unknown) => {
      throw describeFsError(err, tmpPath, { zh: '写入数据文件夹', en: 'write the data folder' });
    });
  } catch (err) {
    await out.close().catch(() => undefined);
    await rm(tmpPath, { force: true });
    throw err;
  }
  await out.close();
  const sha256 = hash.digest('hex');
  const discard = () => rm(tmpPath, { force: true });
  return {
    sha256,
    size,
    path: tmpPath,
    discard,
    async commit() {
      const finalPath = storedFilePath(dataDir, sha256);
      const existed = await stat(finalPath).then(
        (s) => s.size === size,
        () => false,
      );
      if (existed) {
        await discard();
        return { sha256, size, path: finalPath, existed: true };
      }
      try {
        await mkdir(join(storeRoot(dataDir), sha256.slice(0, 2)), { recursive: true });
        await commitTemp(tmpPath, finalPath);
      } catch (err) {
        await discard();
        throw describeFsError(err, finalPath, { zh: '写入数据文件夹', en: 'write the data folder' });
      }
      return { sha256, size, path: finalPath, existed: false };
    },
  };
}

/**
 * Copies `srcPath` into the store while hashing it in one pass, then renames it into place.
 * The caller records the file in the database only after this resolves.
 */
export async function storeFile(dataDir: string, srcPath: string): Promise<StoredFile> {
  return (await stageFile(dataDir, srcPath)).commit();
}

/** Files in files/tmp/ from releases before temp names carried a process id: no import lasts a day. */
const LEGACY_TEMP_MAX_AGE_MS = 24 * 60 * 60 * 1000;

/**
 * Removes leftovers of writes that a crash or kill interrupted: files/tmp/ entries whose writer process is
 * gone. Another process's in-flight import (the app while the CLI opens the same folder) is left alone.
 * Called when the store is opened.
 */
export async function cleanTempFiles(dataDir: string): Promise<number> {
  return removeDeadTemps(tempDir(dataDir), { legacyMaxAgeMs: LEGACY_TEMP_MAX_AGE_MS });
}

/** Re-hashes a stored file: used by verification and the fault-injection tests. */
export async function verifyStoredFile(
  dataDir: string,
  sha256: string,
): Promise<'ok' | 'missing' | 'mismatch'> {
  const path = storedFilePath(dataDir, sha256);
  try {
    return (await sha256OfFile(path)) === sha256 ? 'ok' : 'mismatch';
  } catch {
    return 'missing';
  }
}

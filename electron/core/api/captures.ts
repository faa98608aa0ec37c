// Photos taken with the camera (issue 24), kept in the data folder until their bytes are stored with a
// paper: <data folder>/captures/拍照-<date>-<time>-<n>.jpg, written whole or not at all. A photo reaches main
// as bytes (there is no file the person chose), is written here and granted like a dropped file, and from
// then on takes the path every paper takes. Nothing taken is lost when the check, the reading or the app
// stops half-way: the file is still here. A photo whose bytes are in the store (files/) is removed at the
// next start; one never stored is kept for KEEP_UNSTORED_DAYS.
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ClaimDeskError, describeFsError } from '../errors';
import { writeFileAtomic } from '../files/atomic';
import { sha256OfFile, storedFilePath } from '../files/store';

export const CAPTURES_DIR = 'captures';
/** A photo taken but never stored with a paper (the person left 新建报销 without creating it) is kept this long. */
export const KEEP_UNSTORED_DAYS = 30;

const EXT: Record<string, string> = { 'image/jpeg': '.jpg', 'image/png': '.png' };

export function capturesDir(dataDir: string): string {
  return join(dataDir, CAPTURES_DIR);
}

/** The first bytes of each format the camera hands over; anything else is refused before it is written. */
function looksLike(type: string, bytes: Uint8Array): boolean {
  if (type === 'image/jpeg') return bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
  if (type === 'image/png')
    return bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47;
  return false;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

let seq = 0;

/** Writes one photo into captures/; answers its path and the name the person sees (拍照-20261001-143205-1.jpg). */
export async function saveCapture(
  dataDir: string,
  type: string,
  bytes: Uint8Array,
  now = new Date(),
): Promise<{ path: string; name: string }> {
  if (!looksLike(type, bytes))
    throw new ClaimDeskError(
      'unsupported_file',
      '摄像头给出的照片无法识别，请再拍一次',
      'the camera gave a photo in an unknown format; take it again',
    );
  const stamp = `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;
  const name = `拍照-${stamp}-${++seq}${EXT[type]}`;
  const path = join(capturesDir(dataDir), name);
  try {
    await mkdir(capturesDir(dataDir), { recursive: true });
    await writeFileAtomic(path, bytes);
  } catch (err) {
    throw describeFsError(err, path, { zh: '保存照片', en: 'save the photo' });
  }
  return { path, name };
}

/**
 * Removes the photos whose bytes are in the store (they live on with their paper) and those never stored
 * after KEEP_UNSTORED_DAYS. Answers how many were removed. Errors are left to the caller to log.
 */
export async function pruneCaptures(dataDir: string, now = Date.now()): Promise<number> {
  const dir = capturesDir(dataDir);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    if (!/^拍照-.*\.(jpg|png)$/.test(name)) continue;
    const path = join(dir, name);
    const old = now - (await stat(path)).mtimeMs > KEEP_UNSTORED_DAYS * 86_400_000;
    const stored = await stat(storedFilePath(dataDir, await sha256OfFile(path))).then(
      () => true,
      () => false,
    );
    if (stored || old) {
      await rm(path, { force: true });
      removed++;
    }
  }
  return removed;
}

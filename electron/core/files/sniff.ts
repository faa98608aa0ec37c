// What kind of file is this, by its bytes rather than its name: people rename HEIC photos to .jpg.
import { stat } from 'node:fs/promises';
import { loadFileType } from '../lazy';
import { describeFsError, ClaimDeskError } from '../errors';
import { workMeter } from '../work-meter';

export const SUPPORTED_MIME = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/tiff',
  'image/heic',
  'image/heif',
  'application/pdf',
] as const;
export type SupportedMime = (typeof SUPPORTED_MIME)[number];

/** A type read back from storage (files.mime, page facts) that is one ClaimDesk handles. */
export function isSupportedMime(mime: string | null | undefined): mime is SupportedMime {
  return (SUPPORTED_MIME as readonly (string | null | undefined)[]).includes(mime);
}

export async function sniffFile(path: string): Promise<SupportedMime> {
  workMeter.sniffs++;
  let detected;
  try {
    detected = await (await loadFileType()).fileTypeFromFile(path);
  } catch (err) {
    throw describeFsError(err, path, { zh: '读取文件', en: 'read the file' });
  }
  const mime =
    detected?.mime === 'image/heic-sequence'
      ? 'image/heic'
      : detected?.mime === 'image/heif-sequence'
        ? 'image/heif'
        : detected?.mime;
  if (!mime || !(SUPPORTED_MIME as readonly string[]).includes(mime)) {
    throw new ClaimDeskError(
      'unsupported_file',
      `不支持的文件类型（${mime ?? '无法识别'}）：${path}。请使用 JPG、PNG、WebP、TIFF、HEIC 照片或 PDF`,
      `unsupported file type (${mime ?? 'unknown'}): ${path}; use JPEG, PNG, WebP, TIFF, HEIC or PDF`,
      { field: path },
    );
  }
  return mime as SupportedMime;
}

/** True for an empty file: the sniffer cannot say anything about one. */
export async function isEmptyFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).size === 0;
  } catch {
    return false;
  }
}

/** True for a folder (file-type reads a folder as an unknown file instead of failing). */
export async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

// Files reach main only from the open dialog or a drop. Main keeps their paths and hands the renderer an
// opaque, unguessable token; every later call names the token, so the renderer can never ask main to read
// a path it made up.
import { randomBytes } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { FileGrant } from '../../../shared/ipc';
import { ClaimDeskError, describeFsError } from '../errors';

interface GrantedFile {
  path: string;
  name: string;
  size: number;
}

/** Tokens are forgotten after this long; a user picks files and uses them within minutes. */
export const GRANT_LIFETIME_MS = 60 * 60 * 1000;

export class FileGrants {
  private readonly files = new Map<string, GrantedFile & { expires: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Registers files the user chose; the paths come from the dialog or the preload, never from the page. */
  async grant(paths: readonly string[], names?: readonly string[]): Promise<FileGrant[]> {
    this.forgetExpired();
    const out: FileGrant[] = [];
    for (const [i, path] of paths.entries()) {
      let size: number;
      try {
        const info = await stat(path);
        if (!info.isFile()) {
          throw new ClaimDeskError(
            'file_unreadable',
            `这是文件夹，不是文件：${path}`,
            `not a file: ${path}`,
            { field: path },
          );
        }
        size = info.size;
      } catch (err) {
        if (err instanceof ClaimDeskError) throw err;
        throw describeFsError(err, path, { zh: '读取文件', en: 'read the file' });
      }
      const token = randomBytes(18).toString('base64url');
      const name = names?.[i] ?? basename(path);
      this.files.set(token, { path, name, size, expires: this.now() + GRANT_LIFETIME_MS });
      out.push({ token, name, size });
    }
    return out;
  }

  /** The file behind a token; an unknown or expired token is refused (the user picks the file again). */
  resolve(token: string): GrantedFile {
    const f = this.files.get(token);
    if (!f || f.expires < this.now()) {
      this.files.delete(token);
      throw new ClaimDeskError(
        'file_missing',
        '文件凭据已失效，请重新选择文件',
        'file grant unknown or expired; choose the file again',
        {
          field: 'files',
        },
      );
    }
    return { path: f.path, name: f.name, size: f.size };
  }

  private forgetExpired(): void {
    const t = this.now();
    for (const [k, v] of this.files) if (v.expires < t) this.files.delete(k);
  }
}

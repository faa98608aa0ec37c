// The file store of the SQLite engine: the data folder's content-addressed files/ (files/store.ts writes each
// original under a temporary name, fsyncs and renames it, so no reader ever sees half a file; the same bytes
// stored twice are one file). This adapts it to the contract's FileStore.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ClaimDeskError } from '../errors';
import { storeFile, storeRoot, storedFilePath, verifyStoredFile } from '../files/store';
import type { FileStore } from './contract';

export function localFileStore(dataDir: string): FileStore {
  const put = async (sourcePath: string) => {
    const stored = await storeFile(dataDir, sourcePath);
    return { sha256: stored.sha256, size: stored.size, existed: stored.existed };
  };
  return {
    put,
    async putBytes(bytes) {
      // Through a file of our own in files/tmp, so the one write path (hash while copying, rename) serves.
      const dir = join(storeRoot(dataDir), 'tmp');
      await mkdir(dir, { recursive: true });
      const src = join(dir, `.bytes.${process.pid}-${randomBytes(4).toString('hex')}.part`);
      await writeFile(src, bytes);
      try {
        return await put(src);
      } finally {
        await rm(src, { force: true });
      }
    },
    async read(sha256) {
      try {
        return await readFile(storedFilePath(dataDir, sha256));
      } catch (err) {
        throw new ClaimDeskError(
          'file_missing',
          `找不到保存的原件：${sha256.slice(0, 12)}…`,
          `stored original missing: ${sha256}`,
          {
            cause: err,
          },
        );
      }
    },
    async has(sha256) {
      return stat(storedFilePath(dataDir, sha256)).then(
        (s) => s.isFile(),
        () => false,
      );
    },
    verify: (sha256) => verifyStoredFile(dataDir, sha256),
    async remove(sha256) {
      await rm(storedFilePath(dataDir, sha256), { force: true });
    },
  };
}

// The PostgreSQL engine's file store: originals in the shared database (docs/storage.md: why, with figures),
// content-addressed by sha256 in 1 MiB pieces. A put hashes the desk's file first; when the database has the
// bytes already (this desk's or another's import) nothing is sent. Otherwise the blob row and every piece are
// written in one transaction: no reader sees an original until all of it is there, a desk that dies half-way
// leaves nothing, and two desks putting the same bytes at once store them once (the second waits on the
// first's primary key, then finds it).
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Pool, PoolClient } from 'pg';
import { ClaimDeskError, describeFsError } from '../../errors';
import { MAX_IMPORT_BYTES, sha256OfFile } from '../../files/store';
import type { FileStore, StoredOriginal } from '../contract';
import { describePgError } from './cx';

export const CHUNK_BYTES = 1024 * 1024;

async function* chunksOfFile(path: string): AsyncGenerator<Buffer> {
  let pending: Buffer[] = [];
  let size = 0;
  for await (const piece of createReadStream(path, { highWaterMark: CHUNK_BYTES })) {
    pending.push(piece as Buffer);
    size += (piece as Buffer).length;
    if (size >= CHUNK_BYTES) {
      const all = Buffer.concat(pending);
      yield all.subarray(0, CHUNK_BYTES);
      pending = [all.subarray(CHUNK_BYTES)];
      size = pending[0]!.length;
    }
  }
  if (size > 0) yield Buffer.concat(pending);
}

async function* chunksOfBytes(bytes: Uint8Array): AsyncGenerator<Buffer> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < buf.length; i += CHUNK_BYTES) yield buf.subarray(i, i + CHUNK_BYTES);
}

const missing = (sha256: string, cause?: unknown) =>
  new ClaimDeskError(
    'file_missing',
    `共享数据库里找不到这份原件：${sha256.slice(0, 12)}…`,
    `original not in the shared database: ${sha256}`,
    {
      cause,
    },
  );

export function pgFileStore(pool: Pool): FileStore {
  async function client<T>(fn: (c: PoolClient) => Promise<T>): Promise<T> {
    let c: PoolClient;
    try {
      c = await pool.connect();
    } catch (err) {
      throw describePgError(err);
    }
    try {
      return await fn(c);
    } catch (err) {
      throw describePgError(err);
    } finally {
      c.release();
    }
  }

  async function has(sha256: string): Promise<boolean> {
    return client(
      async (c) => (await c.query('SELECT 1 FROM file_blobs WHERE sha256 = $1', [sha256])).rowCount! > 0,
    );
  }

  /** Writes the pieces of bytes whose hash is `sha256` (already computed) unless they are stored. */
  async function write(
    sha256: string,
    size: number,
    pieces: () => AsyncGenerator<Buffer>,
  ): Promise<StoredOriginal> {
    if (await has(sha256)) return { sha256, size, existed: true };
    return client(async (c) => {
      await c.query('BEGIN');
      try {
        const inserted = await c.query(
          `INSERT INTO file_blobs (sha256, size, created_at) VALUES ($1, $2, $3) ON CONFLICT (sha256) DO NOTHING`,
          [sha256, size, new Date().toISOString()],
        );
        if (inserted.rowCount === 0) {
          await c.query('ROLLBACK');
          return { sha256, size, existed: true };
        }
        // Hashed again on the way: a file changed since its first read must not be stored under the old name.
        const hash = createHash('sha256');
        let n = 0;
        let written = 0;
        for await (const piece of pieces()) {
          hash.update(piece);
          written += piece.length;
          await c.query('INSERT INTO file_chunks (sha256, n, data) VALUES ($1, $2, $3)', [
            sha256,
            n++,
            piece,
          ]);
        }
        if (hash.digest('hex') !== sha256 || written !== size)
          throw new ClaimDeskError(
            'file_unreadable',
            '文件在导入时被改动了，请重新导入',
            'the file changed while it was being stored',
          );
        await c.query('COMMIT');
        return { sha256, size, existed: false };
      } catch (err) {
        await c.query('ROLLBACK').catch(() => undefined);
        throw err;
      }
    });
  }

  async function read(sha256: string): Promise<Buffer> {
    return client(async (c) => {
      const blob = await c.query<{ size: string }>('SELECT size FROM file_blobs WHERE sha256 = $1', [sha256]);
      if (blob.rowCount === 0) throw missing(sha256);
      // Text results: bytea arrives as hex, which node-postgres turns into bytes natively. (Its per-query
      // binary mode still decodes every value as UTF-8 text, which would damage the bytes.)
      const r = await c.query<{ data: Buffer }>('SELECT data FROM file_chunks WHERE sha256 = $1 ORDER BY n', [
        sha256,
      ]);
      return Buffer.concat(r.rows.map((row) => row.data));
    });
  }

  return {
    async put(sourcePath) {
      let info;
      try {
        info = await stat(sourcePath);
      } catch (err) {
        throw describeFsError(err, sourcePath, { zh: '读取文件', en: 'read the file' });
      }
      if (!info.isFile() || info.size === 0)
        throw new ClaimDeskError(
          'file_unreadable',
          `文件是空的或不是普通文件：${sourcePath}`,
          `not a non-empty regular file: ${sourcePath}`,
          {
            field: sourcePath,
          },
        );
      if (info.size > MAX_IMPORT_BYTES)
        throw new ClaimDeskError(
          'file_too_large',
          `文件太大：${sourcePath}`,
          `file too large: ${sourcePath}`,
          {
            field: sourcePath,
          },
        );
      const sha256 = await sha256OfFile(sourcePath);
      return write(sha256, info.size, () => chunksOfFile(sourcePath));
    },
    async putBytes(bytes) {
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      return write(sha256, bytes.byteLength, () => chunksOfBytes(bytes));
    },
    read,
    has,
    async verify(sha256) {
      try {
        const bytes = await read(sha256);
        return createHash('sha256').update(bytes).digest('hex') === sha256 ? 'ok' : 'mismatch';
      } catch (err) {
        if (err instanceof ClaimDeskError && err.code === 'file_missing') return 'missing';
        throw err;
      }
    },
    async remove(sha256) {
      await client((c) => c.query('DELETE FROM file_blobs WHERE sha256 = $1', [sha256]));
    },
  };
}

// A workspace is one data folder: the SQLite database plus the content-addressed file store.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase, type Db } from './db/open';
import { store } from './db/store';
import { describeFsError } from './errors';
import { cleanTempFiles } from './files/store';

export interface Workspace {
  readonly dataDir: string;
  readonly db: Db;
  close(): void;
}

export function backupsDir(dataDir: string): string {
  return join(dataDir, 'backups');
}

/** Opens a data folder: creates it, checks and migrates the database, and clears interrupted writes. */
export async function openWorkspace(dataDir: string): Promise<Workspace> {
  try {
    mkdirSync(dataDir, { recursive: true });
  } catch (err) {
    throw describeFsError(err, dataDir, { zh: '创建数据文件夹', en: 'create the data folder' });
  }
  const db = openDatabase(dataDir);
  await cleanTempFiles(dataDir);
  let closed = false;
  return {
    dataDir,
    db,
    close() {
      if (closed) return;
      closed = true;
      store.engine.close(db);
    },
  };
}

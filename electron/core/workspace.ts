// A workspace is what one desk has open: a storage engine (the data folder's SQLite store, or the office's
// shared PostgreSQL database) and this PC's data folder (backups and other local files live there either way).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Actor, Db, StorageEngine } from './db/contract';
import { openStorage } from './db/engines';
import { transitionalStoreOf } from './db/sqlite-engine';
import { ClaimDeskError, describeFsError } from './errors';

export interface Workspace {
  /** This PC's data folder (on a shared database it keeps only local things: backups, the folder's store). */
  readonly dataDir: string;
  /** Where everything is kept: every handler awaits this contract (db/contract.ts). */
  readonly engine: StorageEngine;
  /** True when the engine is the office's shared database rather than this PC's data folder. */
  readonly shared: boolean;
  /**
   * The transitional synchronous store on the engine's own connection (SQLite only), for the callers that
   * are not yet on the asynchronous contract (import, bundle, backups: issue #23 phase 2). On a shared
   * database it throws `not_on_shared_database`, saying in plain words that this part is not available there.
   */
  readonly db: Db;
  close(): Promise<void>;
}

export function backupsDir(dataDir: string): string {
  return join(dataDir, 'backups');
}

/** What a part not yet converted says when it is asked on a shared database. */
export function notOnSharedDatabase(): ClaimDeskError {
  return new ClaimDeskError(
    'not_on_shared_database',
    '这项功能暂时只能在本机数据上使用，连接共享数据库时还不能用。其他操作不受影响，数据没有改动。',
    'this feature works on the local data folder only for now, not on a shared database; nothing was changed',
  );
}

export interface OpenWorkspaceOptions {
  /** The shared database (postgres://…); absent: the data folder's own SQLite store. */
  url?: string | undefined;
  /** Who writes at this desk (default: the machine's name, nobody signed in). */
  actor?: Actor | undefined;
}

/**
 * A workspace over a synchronous store opened elsewhere (the export worker's own connection to the folder,
 * transitional until the bundle is on the asynchronous contract): it has no engine.
 */
export function storeOnlyWorkspace(dataDir: string, db: Db, close: () => void): Workspace {
  return {
    dataDir,
    db,
    shared: false,
    get engine(): StorageEngine {
      throw new Error('this workspace has only the synchronous store (the export worker)');
    },
    async close() {
      close();
    },
  };
}

/**
 * Opens a desk's workspace: creates the data folder, then opens (checks, migrates) the engine — the shared
 * database at `url`, else the folder's SQLite store, whose interrupted writes are cleared on the way.
 */
export async function openWorkspace(dataDir: string, options: OpenWorkspaceOptions = {}): Promise<Workspace> {
  try {
    mkdirSync(dataDir, { recursive: true });
  } catch (err) {
    throw describeFsError(err, dataDir, { zh: '创建数据文件夹', en: 'create the data folder' });
  }
  const engine = await openStorage(options.url ? { url: options.url } : { dataDir }, options.actor);
  const store = transitionalStoreOf(engine);
  let closing: Promise<void> | null = null;
  return {
    dataDir,
    engine,
    shared: engine.kind !== 'sqlite',
    get db(): Db {
      if (!store) throw notOnSharedDatabase();
      return store;
    },
    close() {
      return (closing ??= engine.close());
    },
  };
}

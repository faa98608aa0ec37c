// Which engine a desk uses: the shared PostgreSQL when a URL names one (CLAIMDESK_DATABASE_URL, the CLI's
// --database, the app's 设置), else the data folder's SQLite store.
import type { Actor, StorageEngine } from './contract';
import { openPostgresEngine } from './pg/engine';
import { moveInto, type MoveInReport } from './pg/move-in';
import { defaultActor, openSqliteEngine } from './sqlite-engine';

export type StorageLocation = { dataDir: string } | { url: string };

export function isDatabaseUrl(text: string): boolean {
  return /^postgres(?:ql)?:\/\//i.test(text);
}

export function openStorage(where: StorageLocation, actor?: Actor): Promise<StorageEngine> {
  const who = actor === undefined ? {} : { actor };
  return 'url' in where
    ? openPostgresEngine({ url: where.url, ...who })
    : openSqliteEngine({ dataDir: where.dataDir, ...who });
}

export type { MoveInReport } from './pg/move-in';

/**
 * Copies a data folder into the shared database at `url` (`claimdesk migrate --to`, 设置 later): one
 * transaction for the rows, originals stored once, then every count and hash checked. Moving it again adds
 * nothing. The folder is only read.
 */
export async function moveDataFolder(dataDir: string, url: string, actor?: Actor): Promise<MoveInReport> {
  const who = actor ?? defaultActor();
  const source = await openSqliteEngine({ dataDir, actor: who });
  try {
    const target = await openPostgresEngine({ url, actor: who });
    try {
      return await moveInto(source, target, url, who);
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}

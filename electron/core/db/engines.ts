// Which engine a desk uses: the shared PostgreSQL when a URL names one (CLAIMDESK_DATABASE_URL, the CLI's
// --database, the app's 设置), else the data folder's SQLite store.
import type { Actor, StorageEngine } from './contract';
import type { MoveInReport } from './pg/move-in';
import { defaultActor, openSqliteEngine } from './sqlite-engine';

// The PostgreSQL engine (and the pg driver under it, ~0.2 s of CPU to load) is imported only when a URL
// names a shared database, so a desk on its data folder, and every `claimdesk` call, does not pay for it.
const loadPostgres = () => import('./pg/engine');

export type StorageLocation = { dataDir: string } | { url: string };

export function isDatabaseUrl(text: string): boolean {
  return /^postgres(?:ql)?:\/\//i.test(text);
}

export async function openStorage(where: StorageLocation, actor?: Actor): Promise<StorageEngine> {
  const who = actor === undefined ? {} : { actor };
  if (!('url' in where)) return openSqliteEngine({ dataDir: where.dataDir, ...who });
  const { openPostgresEngine } = await loadPostgres();
  return openPostgresEngine({ url: where.url, ...who });
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
    const [{ openPostgresEngine }, { moveInto }] = await Promise.all([
      loadPostgres(),
      import('./pg/move-in'),
    ]);
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

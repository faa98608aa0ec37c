// Which engine a desk uses: the shared PostgreSQL when a URL names one (CLAIMDESK_DATABASE_URL, the CLI's
// --database, the app's 设置: phase 2 of #23 wires those), else the data folder's SQLite store.
import type { Actor, StorageEngine } from './contract';
import { openPostgresEngine } from './pg/engine';
import { openSqliteEngine } from './sqlite-engine';

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

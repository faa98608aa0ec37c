// Brings the shared database's schema up to date, once, however many desks start at the same moment: the
// migrations run in one transaction under an advisory lock, and the version is read again under it. A
// database at a newer version than this ClaimDesk knows is refused before anything is touched.
import type { PoolClient } from 'pg';
import { ClaimDeskError, DatabaseFromFutureError } from '../../errors';
import { LATEST_PG_SCHEMA_VERSION, PG_MIGRATIONS } from './migrations';

/** The advisory lock key schema changes take (any constant both sides agree on: 'CDMIGRAT' in ASCII). */
const MIGRATION_LOCK = 0x43444d49;

export async function pgSchemaVersion(client: Pick<PoolClient, 'query'>): Promise<number> {
  const exists = await client.query<{ t: string | null }>(
    `SELECT to_regclass('claimdesk_schema')::text AS t`,
  );
  if (!exists.rows[0]?.t) return 0;
  const r = await client.query<{ version: number }>('SELECT version FROM claimdesk_schema');
  return r.rows[0]?.version ?? 0;
}

export async function migratePg(client: PoolClient): Promise<number> {
  const before = await pgSchemaVersion(client);
  if (before > LATEST_PG_SCHEMA_VERSION) throw new DatabaseFromFutureError(before, LATEST_PG_SCHEMA_VERSION);
  if (before === LATEST_PG_SCHEMA_VERSION) return before;
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    const current = await pgSchemaVersion(client);
    if (current > LATEST_PG_SCHEMA_VERSION)
      throw new DatabaseFromFutureError(current, LATEST_PG_SCHEMA_VERSION);
    for (const m of PG_MIGRATIONS.filter((x) => x.version > current)) await client.query(m.sql);
    await client.query(
      `CREATE TABLE IF NOT EXISTS claimdesk_schema (version integer NOT NULL);
       DELETE FROM claimdesk_schema;`,
    );
    await client.query('INSERT INTO claimdesk_schema (version) VALUES ($1)', [LATEST_PG_SCHEMA_VERSION]);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
  return LATEST_PG_SCHEMA_VERSION;
}

/**
 * pg_trgm finds Chinese words only when the database's character classification knows them (LC_CTYPE such
 * as C.UTF-8 or zh_CN.UTF-8, not C): without it every search reads the whole table. Refused with the fix.
 */
export async function assertTrigramsSeeChinese(client: Pick<PoolClient, 'query'>): Promise<void> {
  const r = await client.query<{ n: number; ctype: string }>(
    `SELECT cardinality(show_trgm('王小明')) AS n, current_setting('lc_ctype') AS ctype`,
  );
  const row = r.rows[0]!;
  if (row.n > 0) return;
  throw new ClaimDeskError(
    'database_unreachable',
    `共享数据库的字符设置（LC_CTYPE=${row.ctype}）无法识别中文，搜索会很慢。请让管理员用 UTF-8 字符设置重建数据库，例如：CREATE DATABASE claimdesk ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8' TEMPLATE template0`,
    `the shared database's LC_CTYPE (${row.ctype}) does not classify Chinese characters, so pg_trgm cannot index them; create it with a UTF-8 ctype (e.g. C.UTF-8)`,
  );
}

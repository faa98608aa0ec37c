// What only the PostgreSQL engine does (issue 23), against a real server: it refuses a database written by a
// newer ClaimDesk and one whose character classes cannot see Chinese (pg_trgm would then read every row);
// desks starting together on an empty database migrate it once; its schema has the SQLite store's tables and
// columns (what db/rows.ts and snapshots rely on); and a stopped server is named in plain words.
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openPostgresEngine } from '../../electron/core/db/pg/engine';
import { PG_MIGRATIONS } from '../../electron/core/db/pg/migrations';
import { migrate } from '../../electron/core/db/open';
import { asStore } from '../../electron/core/db/sqlite';
import { SNAPSHOT_TABLES, storedColumns } from '../../electron/core/db/snapshot';
import { DatabaseFromFutureError } from '../../electron/core/errors';
import { freshDatabase, pgTestServer, sql } from '../helpers/pg-server';

const server = await pgTestServer();
afterAll(() => server?.stop());
const desk = { desk: 'desk-t', person: null };

describe.skipIf(!server)('PostgreSQL engine', () => {
  it('two desks opening an empty database at once migrate it once; a newer schema is refused', async () => {
    const db = await freshDatabase(server!.url);
    try {
      const [a, b] = await Promise.all([
        openPostgresEngine({ url: db.url, actor: desk }),
        openPostgresEngine({ url: db.url, actor: desk }),
      ]);
      expect(await a.schemaVersion()).toBe(PG_MIGRATIONS.at(-1)!.version);
      await Promise.all([a.close(), b.close()]);
      await sql(db.url, 'UPDATE claimdesk_schema SET version = 9990');
      await expect(openPostgresEngine({ url: db.url, actor: desk })).rejects.toBeInstanceOf(
        DatabaseFromFutureError,
      );
    } finally {
      await db.drop();
    }
  });

  it('refuses a database whose LC_CTYPE cannot classify Chinese, naming the fix', async () => {
    const name = `cd_ctype_${Date.now()}`;
    await sql(
      server!.url,
      `CREATE DATABASE ${name} ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0`,
    );
    const u = new URL(server!.url);
    u.pathname = `/${name}`;
    try {
      await expect(openPostgresEngine({ url: u.toString(), actor: desk })).rejects.toThrow(
        /LC_CTYPE=C.*C\.UTF-8/s,
      );
    } finally {
      await sql(server!.url, `DROP DATABASE ${name} WITH (FORCE)`);
    }
  });

  it('has every table and column of the SQLite store (the mirror)', async () => {
    const db = await freshDatabase(server!.url);
    const mem = new Database(':memory:');
    try {
      const e = await openPostgresEngine({ url: db.url, actor: desk });
      await e.close();
      migrate(asStore(mem));
      const cols = await sql<{ table_name: string; column_name: string }>(
        db.url,
        `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public'`,
      );
      for (const table of SNAPSHOT_TABLES) {
        const pgCols = cols.filter((c) => c.table_name === table).map((c) => c.column_name);
        expect(pgCols.sort(), table).toEqual(expect.arrayContaining(storedColumns(mem, table)));
        expect(pgCols.length, `${table} has columns SQLite lacks`).toBe(
          // claims: care_end_date (generated, stored) and its search words (search_text, search_grams).
          storedColumns(mem, table).length + (table === 'claims' ? 3 : 0),
        );
      }
    } finally {
      mem.close();
      await db.drop();
    }
  });

  it('a server that cannot be reached is said in plain words', async () => {
    const u = new URL(server!.url);
    u.port = '1';
    const err = await openPostgresEngine({ url: u.toString(), actor: desk }).catch((x: unknown) => x);
    expect(err).toMatchObject({ code: 'database_unreachable' });
    expect((err as Error).message).toMatch(/连不上共享数据库服务器/);
  });
});

// A real PostgreSQL for the storage tests (issue 23): the server .ci/run starts (CLAIMDESK_TEST_DATABASE_URL),
// or, without one, a throw-away server this test file starts itself with Debian's binaries
// (scripts/pg-test-server.mjs). Tests skip, saying why, only when no server binaries exist at all. Each caller
// gets its own fresh database on that server, dropped afterwards.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { findServerBinaries, startServer, stopServer } from '../../scripts/pg-test-server.mjs';

export const PG_SKIP_REASON =
  'PostgreSQL tests skipped: no server binaries (install Debian package postgresql-15, or set CLAIMDESK_TEST_DATABASE_URL)';

export interface PgTestServer {
  url: string;
  stop(): void;
}

/** The server to test against, or null (with PG_SKIP_REASON printed) when there can be none. */
export async function pgTestServer(): Promise<PgTestServer | null> {
  const given = process.env.CLAIMDESK_TEST_DATABASE_URL;
  if (given) return { url: given, stop: () => undefined };
  if (!findServerBinaries()) {
    console.warn(PG_SKIP_REASON);
    return null;
  }
  const s = await startServer();
  return { url: s.url, stop: () => stopServer(s.dir) };
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** A fresh, empty database on the server (UTF-8, C.UTF-8 character classes); `drop` removes it. */
export async function freshDatabase(serverUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `cd_test_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(
      `CREATE DATABASE ${name} ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8' TEMPLATE template0`,
    );
  } finally {
    await admin.end();
  }
  return {
    url: withDatabase(serverUrl, name),
    drop: async () => {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

/** Runs SQL on a test database directly (to look at what the engine wrote, or to fake a newer schema). */
export async function sql<R extends pg.QueryResultRow = Record<string, unknown>>(
  url: string,
  text: string,
  values: unknown[] = [],
): Promise<R[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<R>(text, values)).rows;
  } finally {
    await c.end();
  }
}

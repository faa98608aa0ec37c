// The shared database's migrations, numbered like SQLite's (steps of 10) but on their own: the version is kept
// in claimdesk_schema, and a database at a higher version than LATEST_PG_SCHEMA_VERSION was written by a newer
// ClaimDesk and is refused. Never edit a shipped entry: append a new one (and mirror what SQLite adds).
import m0010 from './0010-create-schema';
import m0020 from './0020-board-indexes';
import m0030 from './0030-claim-verdicts';

export interface PgMigration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
  /** The SQLite schema version whose tables and columns this one brings the shared database to. */
  readonly mirrorsSqlite: number;
}

export const PG_MIGRATIONS: readonly PgMigration[] = [
  { version: 10, name: 'create-schema', sql: m0010, mirrorsSqlite: 90 },
  { version: 20, name: 'board-indexes', sql: m0020, mirrorsSqlite: 100 },
  { version: 30, name: 'claim-verdicts', sql: m0030, mirrorsSqlite: 110 },
];

export const LATEST_PG_SCHEMA_VERSION = PG_MIGRATIONS[PG_MIGRATIONS.length - 1]!.version;

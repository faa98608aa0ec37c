// The SQLite engine's side of the opaque store handle (db/contract.ts `Db`): inside electron/core/db/ the
// handle is a better-sqlite3 connection. Tests that inspect the real database file use sqliteOf too.
import type Database from 'better-sqlite3';
import type { Actor, Db } from './contract';

export type SqliteDb = Database.Database;

/** The connection behind a store handle opened by this engine. */
export function sqliteOf(db: Db): SqliteDb {
  return db as unknown as SqliteDb;
}

/** A connection as the opaque handle callers hold. */
export function asStore(connection: SqliteDb): Db {
  return connection as unknown as Db;
}

const actors = new WeakMap<object, Actor>();

/** Who writes through this connection (the asynchronous engine sets it); null for today's callers. */
export function actorOf(db: Db): Actor | null {
  return actors.get(db as object) ?? null;
}

export function setConnectionActor(connection: SqliteDb, actor: Actor): void {
  actors.set(connection, actor);
}

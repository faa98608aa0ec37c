// Snapshots: the portable form of a backup (contract.ts `StorageEngine.snapshot`). Whichever engine took it, a
// snapshot is the bytes of a self-contained ClaimDesk SQLite store at the latest SQLite schema, in rollback-
// journal mode (no -wal file needed beside it), so a backup taken from the office's PostgreSQL opens on any
// PC, and one taken on a PC can be moved into the shared database. Rows are copied table by table, the same
// columns in both schemas (PostgreSQL's migrations mirror SQLite's).
import Database from 'better-sqlite3';
import { DatabaseFromFutureError } from '../errors';
import type { SnapshotInfo } from './contract';
import { LATEST_SCHEMA_VERSION } from './migrations';
import { migrate } from './open';
import { asStore, type SqliteDb } from './sqlite';
import { refreshSearchText } from './store/search';

/** The copied tables, parents before children (the order rows can be inserted in). */
export const SNAPSHOT_TABLES = [
  'households',
  'people',
  'claims',
  'claim_status_history',
  'claim_requested_items',
  'claim_pledge_signatures',
  'files',
  'documents',
  'document_pages',
  'document_confirmations',
  'page_field_corrections',
  'claim_invoices',
  'settings',
] as const;
export type SnapshotTable = (typeof SNAPSHOT_TABLES)[number];

/** The bytes of a connection's database, made self-contained: SQLite's header says rollback journal (1), not WAL (2). */
export function snapshotBytesOf(conn: SqliteDb): Uint8Array {
  const bytes = conn.serialize();
  bytes[18] = 1;
  bytes[19] = 1;
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The stored (not generated) columns of a table in the SQLite schema. */
export function storedColumns(conn: SqliteDb, table: string): string[] {
  const cols = conn.pragma(`table_xinfo(${table})`) as Array<{ name: string; hidden: number }>;
  return cols.filter((c) => c.hidden === 0).map((c) => c.name);
}

/** A fresh in-memory store at the latest schema, for building a snapshot. */
export function emptySnapshotStore(): SqliteDb {
  const mem = new Database(':memory:');
  mem.pragma('foreign_keys = ON');
  migrate(asStore(mem));
  return mem;
}

/**
 * Fills an empty snapshot store from `rowsOf` (one table's rows, as objects keyed by column name), rebuilds
 * the search words and answers the snapshot's bytes.
 */
export async function buildSnapshot(
  rowsOf: (table: SnapshotTable, columns: string[]) => Promise<Array<Record<string, unknown>>>,
): Promise<Uint8Array> {
  const mem = emptySnapshotStore();
  try {
    for (const table of SNAPSHOT_TABLES) {
      const columns = storedColumns(mem, table);
      const rows = await rowsOf(table, columns);
      const insert = mem.prepare(
        `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`,
      );
      mem.transaction(() => {
        for (const row of rows) insert.run(row);
      })();
    }
    const ids = mem.prepare('SELECT id FROM claims').pluck().all() as number[];
    mem.transaction(() => {
      for (const id of ids) refreshSearchText(asStore(mem), id);
    })();
    return snapshotBytesOf(mem);
  } finally {
    mem.close();
  }
}

/** Opens a snapshot's bytes as a read-only in-memory store (throws SQLite's error when they are not one). */
export function openSnapshot(bytes: Uint8Array): SqliteDb {
  return new Database(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { readonly: true });
}

/** What a snapshot holds; refuses one written by a newer ClaimDesk. */
export function inspectSnapshot(bytes: Uint8Array): SnapshotInfo {
  const snap = openSnapshot(bytes);
  try {
    const version = snap.pragma('user_version', { simple: true }) as number;
    const hasClaims =
      snap.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'claims'").get() !==
      undefined;
    const claims = hasClaims ? (snap.prepare('SELECT count(*) FROM claims').pluck().get() as number) : 0;
    if (version > LATEST_SCHEMA_VERSION) throw new DatabaseFromFutureError(version, LATEST_SCHEMA_VERSION);
    return { schemaVersion: version, hasClaims, claims };
  } finally {
    snap.close();
  }
}

// The SQLite engine of the asynchronous storage contract (contract.ts), over the same modules (db/store/)
// that serve today's synchronous `store`: each operation runs the module's function on the engine's one
// connection and answers a promise; nothing is written twice.
//
// better-sqlite3 is synchronous, and its own transactions cannot span an `await`. A transaction here issues
// BEGIN [IMMEDIATE] and COMMIT itself on the connection and keeps the connection to itself until it ends:
// other callers queue (db/mutex.ts) instead of slipping their statements into it. Within the transaction's
// asynchronous context, calls join it (db/session.ts); the module functions' own transactions become
// savepoints (better-sqlite3 sees the open transaction). bench/db-engines.ts measures what the queue costs.
import { hostname } from 'node:os';
import { cleanTempFiles } from '../files/store';
import type { Actor, Db, Session, StorageEngine, StoreChange } from './contract';
import { localFileStore } from './local-files';
import { openDatabase } from './open';
import { Mutex } from './mutex';
import { coordinator, type TxConnection, type TxFrame } from './session';
import { snapshotBytesOf } from './snapshot';
import { setConnectionActor, sqliteOf, type SqliteDb } from './sqlite';
import { sqliteClaimFacts } from './store/claim-facts';
import { claimWithStamp, sqliteClaims } from './store/claims';
import { sqliteDocuments } from './store/documents';
import { sqliteEngine } from './store/engine';
import { sqliteInvoices } from './store/invoices';
import { householdWithStamp, personWithStamp, sqlitePeople } from './store/people';
import { refreshSearchText } from './store/search';
import { sqliteSettings } from './store/settings';
import { sqliteVerdicts } from './store/verdicts';
import { stampOf } from './store/versions';

type Run = <R>(fn: (db: Db) => R, writes?: boolean) => Promise<R>;

/**
 * The operations that only read. Every other one writes, and outside a transaction it runs in its own
 * BEGIN IMMEDIATE: the modules' own transactions begin deferred (read, then write), and with several
 * processes on one file a deferred transaction whose first read another process's commit overtook cannot
 * take the write lock at all ("database is locked" at once, no waiting) — bench/db-desks.ts met exactly that.
 */
const READS = new Set([
  'household',
  'listHouseholds',
  'person',
  'personIdByIdNumber',
  'listPeople',
  'claimCountOfPerson',
  'claim',
  'byReference',
  'idsOfClaimant',
  'list',
  'history',
  'isPledgeSigned',
  'historyWithFacts',
  'latestChanges',
  'requestedItems',
  'requestedItem',
  'exists',
  'document',
  'idsOfClaim',
  'claimOfDocument',
  'counts',
  'kindHoldingFile',
  'page',
  'pageKind',
  'pageFile',
  'referencedFiles',
  'pagesUsingFile',
  'confirmations',
  'claimConfirmations',
  'fieldCorrections',
  'claimFieldCorrections',
  'ofClaim',
  'byKey',
  'byFile',
  'fingerprints',
  'byRowId',
  'read',
  'stamp',
  // verdicts
  'of',
]);

/** The synchronous module functions `(db, …args) => R` as the contract's `(…args) => Promise<R>`. */
type Lifted<T> = {
  [K in keyof T]: T[K] extends (db: Db, ...args: infer A) => infer R
    ? (...args: A) => Promise<Awaited<R>>
    : never;
};

function lift<T extends object>(ops: T, run: Run): Lifted<T> {
  const out: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(ops)) {
    out[name] = (...args: unknown[]) =>
      run((db) => (fn as (db: Db, ...a: unknown[]) => unknown)(db, ...args), !READS.has(name));
  }
  return out as Lifted<T>;
}

function session(run: Run, transaction: Session['transaction']): Session {
  return {
    people: {
      ...lift(sqlitePeople, run),
      household: (id) => run((db) => householdWithStamp(db, id)),
      person: (id) => run((db) => personWithStamp(db, id)),
    },
    claims: { ...lift(sqliteClaims, run), claim: (id) => run((db) => claimWithStamp(db, id)) },
    claimFacts: lift(sqliteClaimFacts, run),
    documents: lift(sqliteDocuments, run),
    invoices: lift(sqliteInvoices, run),
    search: { refresh: (claimId) => run((db) => refreshSearchText(db, claimId), true) },
    settings: lift(sqliteSettings, run),
    versions: { stamp: (row, id) => run((db) => stampOf(db, row, id)) },
    verdicts: lift(sqliteVerdicts, run),
    transaction,
  };
}

interface SqliteTx extends TxConnection {
  readonly db: Db;
}

/** Each open SQLite engine's connection as the synchronous store's handle (see transitionalStoreOf). */
const transitionalStores = new WeakMap<StorageEngine, Db>();

/**
 * The synchronous store on the SAME connection as this SQLite engine (null for any other engine): for the
 * app's callers not yet converted to the asynchronous contract (issue #23 phase 2), so one process never
 * holds two connections that could wait on each other's write lock. Safe beside the engine because a SQLite
 * transaction whose callback awaits only engine operations runs to its end within one turn of the event loop.
 */
export function transitionalStoreOf(engine: StorageEngine): Db | null {
  return transitionalStores.get(engine) ?? null;
}

/** The desk's default name: the machine's. */
export function defaultActor(person: string | null = null): Actor {
  return { desk: hostname(), person };
}

const WATCHED = ['claims', 'people', 'households'] as const;

/**
 * Reports this connection's own row changes to JavaScript: temporary triggers (they exist for this connection
 * only, not in the file) call a function registered on it. Other processes' commits are seen through
 * PRAGMA data_version, which changes when another connection committed.
 */
function watchOwnChanges(conn: SqliteDb, pending: StoreChange[], actor: () => Actor): void {
  conn.function('claimdesk_changed', { deterministic: false }, (table: unknown, id: unknown, op: unknown) => {
    pending.push({
      table: table as StoreChange['table'],
      id: Number(id),
      op: op as StoreChange['op'],
      desk: actor().desk,
    });
    return null;
  });
  for (const table of WATCHED) {
    for (const [op, row] of [
      ['insert', 'NEW'],
      ['update', 'NEW'],
      ['delete', 'OLD'],
    ] as const) {
      conn.exec(
        `CREATE TEMP TRIGGER IF NOT EXISTS claimdesk_watch_${table}_${op} AFTER ${op.toUpperCase()} ON main.${table}
         BEGIN SELECT claimdesk_changed('${table}', ${row}.id, '${op}'); END`,
      );
    }
  }
}

export interface SqliteEngineOptions {
  /** The data folder: claimdesk.sqlite3 and files/. */
  dataDir: string;
  actor?: Actor;
  /** How often other processes' commits are looked for while someone listens (ms). */
  pollMs?: number;
}

/** Opens (creating and migrating) the data folder's store as an asynchronous engine. */
export async function openSqliteEngine(options: SqliteEngineOptions): Promise<StorageEngine> {
  const db = openDatabase(options.dataDir);
  await cleanTempFiles(options.dataDir);
  const conn = sqliteOf(db);
  let actor = options.actor ?? defaultActor();
  setConnectionActor(conn, actor);
  const mutex = new Mutex();
  const coord = coordinator<SqliteTx>();
  const listeners = new Set<(c: StoreChange) => void>();
  const pending: StoreChange[] = [];
  watchOwnChanges(conn, pending, () => actor);
  let closed = false;

  const emit = () => {
    const batch = pending.splice(0);
    for (const change of batch) for (const l of listeners) l(change);
  };

  /** Runs an operation: inside the open transaction of this context, or alone on the connection. */
  const run: Run = async (fn, writes = false) => {
    if (coord.current()) return fn(db);
    if (closed) throw new Error('storage engine closed');
    const release = await mutex.acquire();
    const mark = pending.length;
    try {
      if (!writes) return fn(db);
      conn.exec('BEGIN IMMEDIATE');
      let value;
      try {
        value = fn(db);
        conn.exec('COMMIT');
      } catch (err) {
        if (conn.inTransaction) conn.exec('ROLLBACK');
        throw err;
      }
      emit();
      return value;
    } catch (err) {
      pending.length = mark;
      throw err;
    } finally {
      release();
    }
  };

  const runIn =
    (frame: TxFrame<SqliteTx>): Run =>
    async (fn) => {
      if (frame.done) throw new Error('this transaction has already ended: use the engine, not its old tx');
      return fn(frame.conn.db);
    };

  const txConnection: SqliteTx = {
    db,
    exec: async (sql) => {
      conn.exec(sql);
    },
  };

  const transaction: Session['transaction'] = (fn, opts = {}) =>
    coord.transaction(
      async (frame) => {
        const mark = pending.length;
        frame.onRollback.push(() => {
          pending.length = Math.min(pending.length, mark);
        });
        if (frame.depth === 0) frame.afterCommit.push(emit);
        return fn(session(runIn(frame), transaction));
      },
      async () => {
        if (closed) throw new Error('storage engine closed');
        const release = await mutex.acquire();
        try {
          conn.exec(opts.immediate ? 'BEGIN IMMEDIATE' : 'BEGIN');
        } catch (err) {
          release();
          throw err;
        }
        return { conn: txConnection, end: async () => release() };
      },
    );

  // Other processes' commits (the CLI beside the app): PRAGMA data_version moves when one happened.
  let poll: NodeJS.Timeout | null = null;
  let seenVersion = 0;
  const startPolling = () => {
    if (poll) return;
    seenVersion = conn.pragma('data_version', { simple: true }) as number;
    poll = setInterval(() => {
      if (closed) return;
      void run((d) => sqliteOf(d).pragma('data_version', { simple: true }) as number).then((v) => {
        if (v === seenVersion) return;
        seenVersion = v;
        for (const l of listeners) l({ table: 'claims', id: null, op: 'update', desk: null });
      });
    }, options.pollMs ?? 500);
    poll.unref();
  };

  const base = session(run, transaction);
  const engine: StorageEngine = {
    ...base,
    kind: 'sqlite',
    get actor() {
      return actor;
    },
    setActor(next) {
      actor = next;
      setConnectionActor(conn, next);
    },
    files: localFileStore(options.dataDir),
    async close() {
      if (closed) return;
      const release = await mutex.acquire();
      closed = true;
      if (poll) clearInterval(poll);
      listeners.clear();
      conn.close();
      release();
    },
    schemaVersion: () => run((d) => sqliteEngine.schemaVersion(d)),
    snapshot: () => run((d) => snapshotBytesOf(sqliteOf(d))),
    integrity: () => run((d) => sqliteEngine.integrity(d)),
    dataChangeMarker: () => run((d) => sqliteEngine.dataChangeMarker(d)),
    isDamage: (err) => sqliteEngine.isDamage(err),
    async onChange(listener) {
      listeners.add(listener);
      startPolling();
      return async () => {
        listeners.delete(listener);
        if (listeners.size === 0 && poll) {
          clearInterval(poll);
          poll = null;
        }
      };
    },
  };
  transitionalStores.set(engine, db);
  return engine;
}

// The PostgreSQL engine of the storage contract (contract.ts): the office's shared database, reached over
// node-postgres. A pool of a few connections serves single statements; a transaction takes one connection for
// itself (db/session.ts coordinates nesting and the asynchronous context). `immediate` transactions take one
// transaction-level advisory lock, so read-then-write sequences are serialised across desks exactly as
// SQLite's BEGIN IMMEDIATE serialises them across processes; edits made on what a person saw minutes ago are
// guarded by row versions instead (db/stale.ts).
import pg from 'pg';
import type { PoolClient } from 'pg';
import { ClaimDeskError } from '../../errors';
import type { Actor, Session, StorageEngine, StoreChange } from '../contract';
import { coordinator, type TxConnection, type TxFrame } from '../session';
import { buildSnapshot } from '../snapshot';
import { defaultActor } from '../sqlite-engine';
import { pgClaimFacts } from './claim-facts';
import { pgClaims } from './claims';
import { describePgError, makeCx, type PgCx } from './cx';
import { pgDocuments } from './documents';
import { pgFileStore } from './files';
import { pgInvoices } from './invoices';
import { assertTrigramsSeeChinese, migratePg, pgSchemaVersion } from './migrate';
import { connectionOptions } from './connection';
import { pgPeople } from './people';
import { refreshSearch } from './search';
import { pgSettings } from './settings';
import { pgVerdicts } from './verdicts';
import { pgStamp } from './versions';

/** The advisory lock `immediate` transactions take ('CDIMMEDI' would not fit: any agreed constant serves). */
export const IMMEDIATE_LOCK = 0x43444957;
const CHANNEL = 'claimdesk_changes';

interface PgTx extends TxConnection {
  readonly client: PoolClient;
}

type Bound<T> = {
  [K in keyof T]: T[K] extends (cx: PgCx, ...a: infer A) => infer R ? (...a: A) => R : never;
};

function bind<T extends object>(ops: T, cx: () => PgCx): Bound<T> {
  const out: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(ops))
    out[name] = (...args: unknown[]) => (fn as (cx: PgCx, ...a: unknown[]) => unknown)(cx(), ...args);
  return out as Bound<T>;
}

export interface PostgresEngineOptions {
  /** postgres://user@host:port/database (the password from the URL, PGPASSWORD or PGPASSFILE). */
  url: string;
  actor?: Actor;
  /** Connections in the pool (default 4: one desk's board, an import and a listener fit). */
  poolSize?: number;
}

/** Opens the shared database, bringing its schema up to date (refusing one written by a newer ClaimDesk). */
export async function openPostgresEngine(options: PostgresEngineOptions): Promise<StorageEngine> {
  let actor = options.actor ?? defaultActor();
  // Every connection names its desk from its first moment (a startup option), so change events say where a
  // change came from. Board queries are planned for their own values every time (a broad search walks the sort
  // index, a narrow one starts from the search index): a plan cached for one search term would serve the other
  // kind badly.
  const config = {
    ...connectionOptions(options.url),
    application_name: 'claimdesk',
    connectionTimeoutMillis: 5000,
    options: `-c plan_cache_mode=force_custom_plan -c claimdesk.desk=${actor.desk.replace(/[\\\s]/g, (c) => `\\${c}`)}`,
  };
  const pool = new pg.Pool({ ...config, max: options.poolSize ?? 4, idleTimeoutMillis: 30_000 });
  // An idle connection the server dropped: the pool discards it; the next query opens a fresh one.
  pool.on('error', () => undefined);
  // A connection the server drops while this desk holds it (mid-query, or between the queries of a
  // transaction or of reading an original) emits 'error' on its client, which the pool does not listen to
  // while the client is out: unheard, it would end the process. Its queries fail on their own (and are given
  // their plain sentence by describePgError); the pool drops the broken client when it is released.
  pool.on('connect', (client) => client.on('error', () => undefined));

  let setup: PoolClient;
  try {
    setup = await pool.connect();
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw describePgError(err);
  }
  try {
    await migratePg(setup);
    await assertTrigramsSeeChinese(setup);
  } catch (err) {
    setup.release();
    await pool.end().catch(() => undefined);
    throw describePgError(err);
  }
  setup.release();

  const coord = coordinator<PgTx>();
  const frameCx = new WeakMap<TxFrame<PgTx>, PgCx>();

  const begin = (immediate: boolean) => async () => {
    let client: PoolClient;
    try {
      client = await pool.connect();
    } catch (err) {
      throw describePgError(err);
    }
    try {
      await client.query('BEGIN');
      if (immediate) await client.query('SELECT pg_advisory_xact_lock($1)', [IMMEDIATE_LOCK]);
    } catch (err) {
      client.release(true);
      throw describePgError(err);
    }
    const conn: PgTx = {
      client,
      exec: async (sql) => {
        try {
          await client.query(sql);
        } catch (err) {
          throw describePgError(err);
        }
      },
    };
    // A connection that failed mid-transaction is not given back to the pool: it may be broken.
    return { conn, end: async (ok: boolean) => client.release(!ok) };
  };

  const transaction: Session['transaction'] = (fn, opts = {}) =>
    coord.transaction((frame) => fn(session(() => cxOf(frame))), begin(opts.immediate ?? false));

  const atomic = <T>(fn: (cx: PgCx) => Promise<T>): Promise<T> =>
    coord.transaction((frame) => fn(cxOf(frame)), begin(false));

  const poolCx = makeCx(pool, true, () => actor, atomic);

  function cxOf(frame: TxFrame<PgTx>): PgCx {
    let cx = frameCx.get(frame);
    if (!cx) {
      const guarded = {
        query: (...args: Parameters<PoolClient['query']>) => {
          if (frame.done)
            throw new Error('this transaction has already ended: use the engine, not its old tx');
          return (frame.conn.client.query as (...a: unknown[]) => unknown)(...args);
        },
      } as Pick<PoolClient, 'query'>;
      // Nested atomic work is a savepoint of this transaction, as the SQLite modules' nested transactions are.
      cx = makeCx(guarded, false, () => actor, atomic);
      frameCx.set(frame, cx);
    }
    return cx;
  }

  /** Inside a transaction of this asynchronous context, its connection; otherwise the pool. */
  const currentCx = () => {
    const frame = coord.current();
    return frame ? cxOf(frame) : poolCx;
  };

  function session(cx: () => PgCx): Session {
    return {
      people: bind(pgPeople, cx),
      claims: bind(pgClaims, cx),
      claimFacts: bind(pgClaimFacts, cx),
      documents: bind(pgDocuments, cx),
      invoices: bind(pgInvoices, cx),
      search: { refresh: (claimId) => cx().atomic((c) => refreshSearch(c, claimId)) },
      settings: bind(pgSettings, cx),
      versions: { stamp: (row, id) => pgStamp(cx(), row, id) },
      verdicts: bind(pgVerdicts, cx),
      transaction,
    };
  }

  // ---- change events: one listening connection, reopened when it drops ----
  const listeners = new Set<(c: StoreChange) => void>();
  let listener: pg.Client | null = null;
  let listening: Promise<void> | null = null;
  let closed = false;
  const listen = (): Promise<void> => {
    if (listening) return listening;
    listening = (async () => {
      const client = new pg.Client(config);
      client.on('notification', (msg) => {
        if (msg.channel !== CHANNEL || !msg.payload) return;
        const change = JSON.parse(msg.payload) as StoreChange;
        for (const l of listeners) l(change);
      });
      const reopen = () => {
        if (listener === client) listener = null;
        listening = null;
        if (!closed && listeners.size > 0)
          setTimeout(() => void listen().catch(() => undefined), 1000).unref();
      };
      client.on('error', reopen);
      client.on('end', reopen);
      try {
        await client.connect();
        await client.query(`LISTEN ${CHANNEL}`);
      } catch (err) {
        listening = null;
        await client.end().catch(() => undefined);
        throw describePgError(err);
      }
      listener = client;
    })();
    return listening;
  };

  const base = session(currentCx);
  const engine: StorageEngine = {
    ...base,
    kind: 'postgres',
    get actor() {
      return actor;
    },
    setActor(next) {
      actor = next;
    },
    files: pgFileStore(pool),
    async close() {
      if (closed) return;
      closed = true;
      listeners.clear();
      const l = listener;
      listener = null;
      if (l) await l.end().catch(() => undefined);
      await pool.end();
    },
    schemaVersion: async () => {
      const c = await pool.connect().catch((err: unknown) => {
        throw describePgError(err);
      });
      try {
        return await pgSchemaVersion(c);
      } finally {
        c.release();
      }
    },
    async snapshot() {
      // One consistent view of every table while other desks keep writing.
      const { conn, end } = await begin(false)();
      let ok = false;
      try {
        await conn.exec('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
        const bytes = await buildSnapshot(async (table, columns) => {
          const r = await conn.client.query(`SELECT ${columns.join(', ')} FROM ${table}`);
          return r.rows as Array<Record<string, unknown>>;
        });
        await conn.exec('COMMIT');
        ok = true;
        return bytes;
      } finally {
        if (!ok) await conn.exec('ROLLBACK').catch(() => undefined);
        await end(ok);
      }
    },
    async integrity() {
      // PostgreSQL checks references on every write and pages on every read (checksums when enabled): a
      // store it serves is consistent; a damaged one fails its queries with XX001/XX002 (isDamage).
      await poolCx.q('SELECT 1');
      return { integrity: 'ok', foreignKeyProblems: 0 };
    },
    async dataChangeMarker() {
      const row = await poolCx.one<Record<string, string>>(
        `SELECT
          (SELECT count(*) || ':' || coalesce(max(id), 0) || ':' || coalesce(max(updated_at), '') FROM households) AS h,
          (SELECT count(*) || ':' || coalesce(max(id), 0) || ':' || coalesce(max(updated_at), '') FROM people) AS p,
          (SELECT count(*) || ':' || coalesce(max(id), 0) || ':' || coalesce(max(updated_at), '') || ':' || coalesce(sum(version), 0) FROM claims) AS c,
          (SELECT count(*) || ':' || coalesce(max(id), 0) FROM claim_status_history) AS s,
          (SELECT count(*) || ':' || coalesce(max(id), 0) FROM documents) AS d,
          (SELECT count(*) || ':' || coalesce(max(id), 0) || ':' || coalesce(sum(version), 0) FROM document_pages) AS g,
          (SELECT count(*) FROM files) AS f`,
      );
      return Object.values(row!).join('|');
    },
    isDamage(err) {
      const code = (err as { code?: unknown } | null)?.code;
      return code === 'XX001' || code === 'XX002';
    },
    async onChange(fn) {
      if (closed) throw new ClaimDeskError('database_unreachable', '共享数据库连接已关闭', 'engine closed');
      listeners.add(fn);
      await listen();
      return async () => {
        listeners.delete(fn);
        if (listeners.size === 0 && listener) {
          const l = listener;
          listener = null;
          listening = null;
          await l.end().catch(() => undefined);
        }
      };
    },
  };
  return engine;
}

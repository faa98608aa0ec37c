// The PostgreSQL engine's way to run statements: a context that is either the pool (one statement, any
// connection) or one client inside a transaction, plus the writer (desk and person). Module functions take it
// first, as the SQLite modules take their connection, and ask for `atomic` where several statements must be
// all or nothing.
import { createHash } from 'node:crypto';
import type { Pool, PoolClient, QueryResultRow } from 'pg';
import { ClaimDeskError } from '../../errors';
import type { Actor } from '../contract';

export interface PgCx {
  q<R extends QueryResultRow = Record<string, unknown>>(
    sql: string,
    params?: readonly unknown[],
  ): Promise<R[]>;
  /** The first row, or undefined. */
  one<R extends QueryResultRow = Record<string, unknown>>(
    sql: string,
    params?: readonly unknown[],
  ): Promise<R | undefined>;
  /** Rows changed by a write. */
  run(sql: string, params?: readonly unknown[]): Promise<number>;
  /** Runs `fn` in a transaction: the open one when this context is in one, else a new one. */
  atomic<T>(fn: (cx: PgCx) => Promise<T>): Promise<T>;
  readonly actor: Actor;
  /** True for the pool: independent statements may run at once, each on its own connection. */
  readonly pooled: boolean;
}

/** SQLSTATE classes and codes that mean the server cannot be reached (not a bad statement). */
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EPIPE',
]);

export function isConnectionLoss(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && (UNREACHABLE.has(code) || code.startsWith('08') || code.startsWith('57P0')))
    return true;
  const message = (err as Error | null)?.message ?? '';
  return /Connection terminated|connection timeout|Client has encountered a connection error/i.test(message);
}

/** A server that answered but would not let this desk in: no password, a wrong one, or no such database. */
function loginRefused(err: unknown): ClaimDeskError | null {
  const code = (err as { code?: unknown } | null)?.code;
  const message = (err as Error | null)?.message ?? '';
  const noPassword = /client password must be/i.test(message);
  if (!noPassword && code !== '28P01' && code !== '28000' && code !== '3D000') return null;
  return new ClaimDeskError(
    'database_unreachable',
    code === '3D000'
      ? '共享数据库服务器上没有这个数据库，请核对地址最后的库名，或请管理员先建好它。没有保存任何内容'
      : '共享数据库拒绝登录：没有提供密码或密码不对。请把密码写进 PostgreSQL 的密码文件（PGPASSFILE 或 ~/.pgpass），或在“设置”里重新填写。没有保存任何内容',
    `the shared database refused this desk (${noPassword ? 'no password given' : message}); nothing was saved`,
    { cause: err },
  );
}

/** Gives a lost connection or a refused login its plain meaning; other errors pass as they are. */
export function describePgError(err: unknown): unknown {
  if (err instanceof ClaimDeskError) return err;
  const refused = loginRefused(err);
  if (refused) return refused;
  if (!isConnectionLoss(err)) return err;
  return new ClaimDeskError(
    'database_unreachable',
    '连不上共享数据库服务器（网络断开或服务器已停止）。刚才的操作没有保存，您填写的内容仍在；连接恢复后会自动重新连接，请稍后再试',
    `the shared database server cannot be reached; nothing was saved (${(err as Error).message})`,
    { cause: err },
  );
}

type Queryable = Pick<Pool, 'query'> | Pick<PoolClient, 'query'>;

const names = new Map<string, string>();
/** A short stable name for a statement's text (the same text always gets the same name). */
function statementName(sql: string): string {
  let name = names.get(sql);
  if (!name) {
    name = `cd${createHash('sha1').update(sql).digest('hex').slice(0, 16)}`;
    names.set(sql, name);
  }
  return name;
}

export function makeCx(
  on: Queryable,
  pooled: boolean,
  actor: () => Actor,
  atomic: <T>(fn: (cx: PgCx) => Promise<T>) => Promise<T>,
): PgCx {
  const query = async <R extends QueryResultRow>(sql: string, params?: readonly unknown[]) => {
    try {
      // Named statements are parsed and planned once per connection, then reused (the board asks the same few
      // shapes over and over); node-postgres keeps them per connection by name.
      return await on.query<R>({
        name: statementName(sql),
        text: sql,
        values: params as unknown[] | undefined,
      });
    } catch (err) {
      throw describePgError(err);
    }
  };
  return {
    async q<R extends QueryResultRow>(sql: string, params?: readonly unknown[]) {
      return (await query<R>(sql, params)).rows;
    },
    async one<R extends QueryResultRow>(sql: string, params?: readonly unknown[]) {
      return (await query<R>(sql, params)).rows[0] as R | undefined;
    },
    async run(sql, params) {
      return (await query(sql, params)).rowCount ?? 0;
    },
    atomic,
    pooled,
    get actor() {
      return actor();
    },
  };
}

/** `$1, $2, …` for n values starting at `from`. */
export function params(n: number, from = 1): string {
  return Array.from({ length: n }, (_, i) => `$${from + i}`).join(', ');
}

/** A concern of the contract as the PostgreSQL modules write it: each operation takes the context first. */
export type PgOps<T> = {
  [K in keyof T]: T[K] extends (...a: infer A) => infer R ? (cx: PgCx, ...a: A) => R : never;
};

// How both engines run the asynchronous contract's transactions (contract.ts): one connection per open
// transaction, used by one caller at a time; nested calls join as savepoints; and the transaction a piece of
// code runs in is found from its asynchronous context (AsyncLocalStorage), so code the callback awaits that
// holds the engine rather than `tx` joins the transaction instead of waiting behind it (a deadlock) or
// writing outside it.
import { AsyncLocalStorage } from 'node:async_hooks';
import { Mutex } from './mutex';

/** What an engine must give for one connection in a transaction. */
export interface TxConnection {
  /** Runs a statement without result (BEGIN, COMMIT, SAVEPOINT …). */
  exec(sql: string): Promise<void>;
}

export interface TxFrame<C extends TxConnection> {
  readonly conn: C;
  readonly depth: number;
  /** Siblings nested at the same level take turns: savepoints must not interleave. */
  readonly children: Mutex;
  done: boolean;
  /** Hooks run once the outermost transaction committed (change events). */
  readonly afterCommit: Array<() => void>;
  /** Hooks run when this frame is undone (dropping change events recorded inside it). */
  readonly onRollback: Array<() => void>;
}

export interface Coordinator<C extends TxConnection> {
  /** The open transaction of the current asynchronous context, if any. */
  current(): TxFrame<C> | null;
  /**
   * Runs `fn` in a transaction: the current one as a savepoint when there is one, else a new one on a
   * connection `begin` provides (`end` gives it back, committed or not).
   */
  transaction<T>(
    fn: (frame: TxFrame<C>) => Promise<T>,
    begin: () => Promise<{ conn: C; end: (ok: boolean) => Promise<void> }>,
  ): Promise<T>;
}

export function coordinator<C extends TxConnection>(): Coordinator<C> {
  const als = new AsyncLocalStorage<TxFrame<C>>();
  let savepoints = 0;

  function current(): TxFrame<C> | null {
    const f = als.getStore();
    return f && !f.done ? f : null;
  }

  async function transaction<T>(
    fn: (frame: TxFrame<C>) => Promise<T>,
    begin: () => Promise<{ conn: C; end: (ok: boolean) => Promise<void> }>,
  ): Promise<T> {
    const outer = current();
    if (outer) {
      return outer.children.run(async () => {
        const name = `cd_sp_${++savepoints}`;
        await outer.conn.exec(`SAVEPOINT ${name}`);
        const frame: TxFrame<C> = {
          conn: outer.conn,
          depth: outer.depth + 1,
          children: new Mutex(),
          done: false,
          afterCommit: outer.afterCommit,
          onRollback: [],
        };
        try {
          const value = await als.run(frame, () => fn(frame));
          await outer.conn.exec(`RELEASE SAVEPOINT ${name}`);
          // Undone with the outer transaction if that one fails later.
          outer.onRollback.push(...frame.onRollback);
          return value;
        } catch (err) {
          await outer.conn.exec(`ROLLBACK TO SAVEPOINT ${name}`);
          await outer.conn.exec(`RELEASE SAVEPOINT ${name}`);
          for (const undo of frame.onRollback) undo();
          throw err;
        } finally {
          frame.done = true;
        }
      });
    }
    const { conn, end } = await begin();
    const frame: TxFrame<C> = {
      conn,
      depth: 0,
      children: new Mutex(),
      done: false,
      afterCommit: [],
      onRollback: [],
    };
    let ok = false;
    try {
      const value = await als.run(frame, () => fn(frame));
      await conn.exec('COMMIT');
      ok = true;
      return value;
    } catch (err) {
      try {
        await conn.exec('ROLLBACK');
      } catch {
        // The connection is gone (a server stopped mid-transaction): the server undid it already.
      }
      for (const undo of frame.onRollback) undo();
      throw err;
    } finally {
      frame.done = true;
      await end(ok);
      if (ok) for (const hook of frame.afterCommit) hook();
    }
  }

  return { current, transaction };
}

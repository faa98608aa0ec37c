// Other desks' changes, forwarded to the window (issue #23): the engine's change feed (PostgreSQL LISTEN/
// NOTIFY; SQLite's own commits and other processes' through its change counter) is batched over a short
// window and handed to `emit` (the desktop app: webContents.send; the browser test: its event stream), so the
// board refreshes the rows that changed instead of polling the whole list. This desk's own changes are left
// out: the screen that made them already shows them.
import type { StoreChangeEvent } from '../../../shared/ipc';
import type { StoreChange } from '../db/contract';
import type { ApiState } from './handlers/context';

/** How long changes are gathered before one batch goes to the window (a burst of writes = one refresh). */
export const CHANGE_BATCH_MS = 150;

export interface ChangeFeed {
  /** Listens on the workspace open now (call again after a restore or switch replaced it). */
  follow(): Promise<void>;
  stop(): Promise<void>;
}

export function changeFeed(state: ApiState, emit: (changes: StoreChangeEvent[]) => void): ChangeFeed {
  let unlisten: (() => Promise<void>) | null = null;
  let pending: StoreChangeEvent[] = [];
  let timer: NodeJS.Timeout | null = null;
  const flush = () => {
    timer = null;
    const batch = pending;
    pending = [];
    if (batch.length > 0) emit(batch);
  };
  const stopListening = async () => {
    const u = unlisten;
    unlisten = null;
    if (u) await u();
  };
  return {
    async follow() {
      await stopListening();
      const ws = state.ws;
      unlisten = await ws.engine.onChange((c: StoreChange) => {
        if (c.desk !== null && c.desk === ws.engine.actor.desk) return;
        pending.push({ table: c.table, id: c.id, op: c.op });
        timer ??= setTimeout(flush, CHANGE_BATCH_MS);
      });
    },
    async stop() {
      if (timer) clearTimeout(timer);
      timer = null;
      pending = [];
      await stopListening();
    },
  };
}

// The channel handlers on a real, fresh data folder (real SQLite file, real sharp, the real checker and rule
// engine), called through the same dispatcher the window uses, with responses validated against the IPC
// catalogue. Only the dialogs and the shell are stand-ins (`platform` overrides them). The ipc-* tests
// share this set-up instead of each writing it out.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { dispatch } from '../../electron/core/api/dispatch';
import { FileGrants } from '../../electron/core/api/grants';
import { createHandlers, type ApiState, type Platform } from '../../electron/core/api/handlers';
import { openWorkspace } from '../../electron/core/workspace';
import type { Envelope, IpcMethod, IpcResponse, ProgressEvent } from '../../shared/ipc';

export interface IpcSession {
  /** The temporary folder; the data folder is `dir/data`. Set once the suite's beforeAll has run. */
  readonly dir: string;
  /** The handlers' state: `state.ws` may be replaced (a test reopening the workspace). */
  readonly state: ApiState;
  readonly grants: FileGrants;
  call<M extends IpcMethod>(method: M, payload: unknown): Promise<Envelope<IpcResponse<M>>>;
  /** The call's value; throws naming the method when the handler refused it. */
  ok<M extends IpcMethod>(method: M, payload: unknown): Promise<IpcResponse<M>>;
}

export interface IpcSessionOptions {
  /** Told every progress event main pushes while a call runs (import, export, batch…). */
  onProgress?: (event: ProgressEvent) => void;
}

/**
 * Registers beforeAll/afterAll in the calling suite: a temp folder named `prefix…`, a workspace in it, and
 * handlers over it with a test platform (today 2026-10-01, no dialogs, nothing opened) plus `platform`.
 */
export function useIpcSession(
  prefix: string,
  platform: Partial<Platform> = {},
  options: IpcSessionOptions = {},
): IpcSession {
  let dir: string | undefined;
  let handlers: ReturnType<typeof createHandlers> | undefined;
  const state = {} as ApiState;
  const grants = new FileGrants();

  const call = async <M extends IpcMethod>(
    method: M,
    payload: unknown,
  ): Promise<Envelope<IpcResponse<M>>> => {
    if (!handlers) throw new Error('the IPC session is used before its beforeAll ran');
    return (await dispatch(
      handlers,
      method,
      payload,
      { emitProgress: (e) => options.onProgress?.(e) },
      { validateResponses: true },
    )) as Envelope<IpcResponse<M>>;
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), prefix));
    state.ws = await openWorkspace(join(dir, 'data'));
    handlers = createHandlers(
      state,
      {
        shell: 'test',
        version: 'test',
        chooseFiles: async () => [],
        chooseSavePath: async () => null,
        openPath: async () => undefined,
        showInFolder: async () => undefined,
        printPdf: async () => false,
        today: () => '2026-10-01',
        ...platform,
      },
      grants,
    );
  });

  afterAll(async () => {
    state.ws?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  return {
    get dir(): string {
      if (!dir) throw new Error('the IPC session is used before its beforeAll ran');
      return dir;
    },
    state,
    grants,
    call,
    async ok(method, payload) {
      const r = await call(method, payload);
      if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
      return r.value;
    },
  };
}

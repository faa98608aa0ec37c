// The channel catalogue, the dispatcher every call goes through, and the preload's window.claimdesk object.
import { describe, expect, it, vi } from 'vitest';
import type { ErrorCode } from '../../electron/core/errors';
import { ClaimDeskError, ERROR_CODES, InvalidInputError } from '../../electron/core/errors';
import {
  CanceledError,
  dispatch,
  UnavailableError,
  type ApiHandlers,
} from '../../electron/core/api/dispatch';
import {
  DROPPED_FILES_CHANNEL,
  IPC,
  IPC_ERROR_CODES,
  IPC_METHODS,
  PROGRESS_CHANNEL,
  type IpcErrorCode,
} from '../../shared/ipc';

// Compile-time: every code the core can throw is a code the envelope may carry.
const _everyCoreCodeIsAnIpcCode: ErrorCode extends IpcErrorCode ? true : false = true;

describe('channel catalogue', () => {
  it('names each channel once, as area:verb', () => {
    const channels = IPC_METHODS.map((m) => IPC[m].channel);
    expect(new Set(channels).size).toBe(channels.length);
    // The verb may be lowerCamelCase when it names what it sets (documents:setField).
    for (const c of channels) expect(c).toMatch(/^[a-z]+:[a-z]+(?:[A-Z][a-z]+)*$/);
    expect(channels).not.toContain(PROGRESS_CHANNEL);
    expect(channels).not.toContain(DROPPED_FILES_CHANNEL);
  });

  it('has error codes without duplicates, and every core error code among them', () => {
    expect(new Set(IPC_ERROR_CODES).size).toBe(IPC_ERROR_CODES.length);
    expect(_everyCoreCodeIsAnIpcCode).toBe(true); // compile time; the run-time check follows
    for (const code of ERROR_CODES) expect(IPC_ERROR_CODES, code).toContain(code);
  });

  it('carries every core error code to the window unchanged, with its Chinese message', async () => {
    for (const code of ERROR_CODES) {
      const thrown = new ClaimDeskError(code, `中文说明 ${code}`, `english ${code}`);
      const r = await dispatch(
        handlersWith({ getClaim: async () => Promise.reject(thrown) }),
        'getClaim',
        { id: 1 },
        noProgress,
      );
      expect(r, code).toMatchObject({ ok: false, error: { code, message: `中文说明 ${code}` } });
    }
  });

  it('refuses payloads that do not match the schema', () => {
    expect(
      IPC.importDocument.request.safeParse({ claimId: 1, kind: 'invoice', files: ['../../etc/passwd'] })
        .success,
    ).toBe(false);
    expect(
      IPC.importDocument.request.safeParse({ claimId: 1, kind: 'selfie', files: ['A'.repeat(24)] }).success,
    ).toBe(false);
    expect(IPC.listClaims.request.safeParse({ pageSize: 100000 }).success).toBe(false);
    expect(IPC.getAppInfo.request.safeParse({ extra: true }).success).toBe(false);
    expect(IPC.restoreBackup.request.safeParse({ name: 'x'.repeat(300) }).success).toBe(false);
  });
});

function handlersWith(overrides: Partial<ApiHandlers>): ApiHandlers {
  const fail = async () => {
    throw new Error('not under test');
  };
  return Object.fromEntries(IPC_METHODS.map((m) => [m, overrides[m] ?? fail])) as unknown as ApiHandlers;
}
const noProgress = { emitProgress: () => undefined };

describe('dispatch', () => {
  it('answers an unknown method with bad_request, without calling anything', async () => {
    const r = await dispatch(handlersWith({}), 'fs:readFile', { path: '/etc/passwd' }, noProgress);
    expect(r).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    const proto = await dispatch(handlersWith({}), '__proto__', {}, noProgress);
    expect(proto).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });

  it('names the bad field of a malformed payload (Chinese first)', async () => {
    const spy = vi.fn();
    const r = await dispatch(handlersWith({ getClaim: spy }), 'getClaim', { id: 'one' }, noProgress);
    expect(spy).not.toHaveBeenCalled();
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('bad_request');
      expect(r.error.field).toBe('id');
      // The path is for programs (field); the words people read carry no code name.
      expect(r.error.message).not.toContain('字段 id');
    }
  });

  it('passes the parsed payload and wraps the value', async () => {
    const r = await dispatch(
      handlersWith({
        listClaims: async (req) => ({ items: [], total: 0, page: req.page ?? 1, pageSize: 50 }),
      }),
      'listClaims',
      { page: 3 },
      noProgress,
    );
    expect(r).toEqual({ ok: true, value: { items: [], total: 0, page: 3, pageSize: 50 } });
  });

  it.each([
    [
      'a ClaimDeskError keeps its code, Chinese message and field',
      new InvalidInputError('医院名称不能为空', 'hospital is empty', 'hospital'),
      { code: 'invalid_input', message: '医院名称不能为空', field: 'hospital' },
    ],
    [
      'not found',
      new ClaimDeskError('not_found', '找不到报销单 9', 'claim 9 not found'),
      { code: 'not_found', message: '找不到报销单 9' },
    ],
    ['a closed dialog is canceled', new CanceledError(), { code: 'canceled' }],
    [
      'a missing module is unavailable',
      new UnavailableError('尚未安装', 'not installed'),
      { code: 'unavailable', message: '尚未安装' },
    ],
  ])('%s', async (_name, thrown, expected) => {
    const r = await dispatch(
      handlersWith({ getClaim: async () => Promise.reject(thrown) }),
      'getClaim',
      { id: 1 },
      noProgress,
    );
    expect(r).toMatchObject({ ok: false, error: expected });
  });

  it('hides the detail of an unexpected error from the window', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const r = await dispatch(
      handlersWith({ getClaim: async () => Promise.reject(new Error('ENOENT /home/secret/path')) }),
      'getClaim',
      { id: 1 },
      noProgress,
    );
    expect(r).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(r)).not.toContain('/home/secret');
    log.mockRestore();
  });

  it('catches an answer that drifted from the catalogue when asked to', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const r = await dispatch(
      handlersWith({ getSettings: async () => ({ language: 'fr' }) as never }),
      'getSettings',
      {},
      noProgress,
      { validateResponses: true },
    );
    expect(r).toMatchObject({ ok: false, error: { code: 'internal' } });
    log.mockRestore();
  });
});

// The preload, run against a stand-in of Electron's modules: it must expose one object with exactly the
// catalogue's methods (plus the two listed extras), each bound to its own channel.
const electron = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoked: [] as Array<[string, unknown]>,
  listeners: new Map<string, (...args: unknown[]) => void>(),
}));
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => electron.exposed.set(key, api) },
  ipcRenderer: {
    invoke: async (channel: string, payload: unknown) => {
      electron.invoked.push([channel, payload]);
      return { ok: true, value: channel };
    },
    on: (channel: string, fn: (...args: unknown[]) => void) => electron.listeners.set(channel, fn),
    removeListener: (channel: string) => electron.listeners.delete(channel),
  },
  webUtils: { getPathForFile: (f: { name: string; fakePath?: string }) => f.fakePath ?? '' },
}));

describe('preload', () => {
  it('exposes only window.claimdesk, with the catalogue methods and nothing generic', async () => {
    await import('../../electron/preload/index');
    expect([...electron.exposed.keys()]).toEqual(['claimdesk']);
    const api = electron.exposed.get('claimdesk') as Record<string, (...a: unknown[]) => unknown>;
    expect(Object.keys(api).sort()).toEqual(
      [...IPC_METHODS, 'grantDroppedFiles', 'onProgress', 'onStoreChanges'].sort(),
    );
    expect(api).not.toHaveProperty('invoke');
    expect(api).not.toHaveProperty('send');
    expect(api).not.toHaveProperty('ipcRenderer');

    for (const m of IPC_METHODS) await api[m]!({ probe: m });
    expect(electron.invoked.map(([c]) => c)).toEqual(IPC_METHODS.map((m) => IPC[m].channel));

    const seen: unknown[] = [];
    const off = api.onProgress!((e: unknown) => seen.push(e)) as () => void;
    electron.listeners.get(PROGRESS_CHANNEL)?.({}, { task: 'export', done: 1, total: 2, label: '' });
    expect(seen).toHaveLength(1);
    off();
    expect(electron.listeners.has(PROGRESS_CHANNEL)).toBe(false);
  });

  it('sends dropped files by their preload-read paths; files without a path are not sent', async () => {
    const api = electron.exposed.get('claimdesk') as {
      grantDroppedFiles(f: unknown[]): Promise<{ ok: boolean }>;
    };
    electron.invoked.length = 0;
    const none = await api.grantDroppedFiles([{ name: 'made-up.jpg' }]);
    expect(none.ok).toBe(false);
    expect(electron.invoked).toHaveLength(0);
    await api.grantDroppedFiles([{ name: '发票.jpg', fakePath: '/home/u/发票.jpg' }]);
    expect(electron.invoked).toEqual([
      [DROPPED_FILES_CHANNEL, { files: [{ path: '/home/u/发票.jpg', name: '发票.jpg' }] }],
    ]);
  });
});

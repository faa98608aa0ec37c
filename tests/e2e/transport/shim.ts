// TEST-ONLY renderer shim, injected by Playwright's addInitScript (never part of the app): defines
// window.claimdesk over fetch to the test server, with the same method names as the preload.
import { IPC_METHODS, PROGRESS_CHANNEL, STORE_CHANGES_CHANNEL } from '../../../shared/ipc';

/** Runs inside the page; everything it needs comes in as the argument (it is serialised by Playwright). */
function installShim(args: { methods: string[]; progressChannel: string; changesChannel: string }): void {
  type Envelope = { ok: boolean; value?: unknown; error?: unknown };
  // Typed loosely on purpose: this file is compiled with the Node project, which has no DOM library.
  type SourceLike = { addEventListener(type: string, listener: (ev: { data: string }) => void): void };
  const page = globalThis as unknown as { EventSource: new (url: string) => SourceLike };
  const post = async (path: string, body: string | Blob, type: string): Promise<Envelope> => {
    const res = await fetch(path, { method: 'POST', body, headers: { 'Content-Type': type } });
    return (await res.json()) as Envelope;
  };
  const api: Record<string, unknown> = {};
  for (const m of args.methods)
    api[m] = (request: unknown) => post(`/api/call/${m}`, JSON.stringify(request ?? {}), 'application/json');
  let source: SourceLike | null = null;
  const listeners = new Set<(e: unknown) => void>();
  const changeListeners = new Set<(e: unknown) => void>();
  const events = () => {
    if (source) return;
    source = new page.EventSource('/api/events');
    source.addEventListener(args.progressChannel, (ev) => listeners.forEach((l) => l(JSON.parse(ev.data))));
    source.addEventListener(args.changesChannel, (ev) =>
      changeListeners.forEach((l) => l(JSON.parse(ev.data))),
    );
  };
  api.onProgress = (listener: (e: unknown) => void) => {
    events();
    listeners.add(listener);
    return () => listeners.delete(listener);
  };
  api.onStoreChanges = (listener: (e: unknown) => void) => {
    events();
    changeListeners.add(listener);
    return () => changeListeners.delete(listener);
  };
  api.grantDroppedFiles = async (files: File[]) => {
    const grants: unknown[] = [];
    for (const f of files) {
      const r = await post(
        `/api/test/drop?name=${encodeURIComponent(f.name)}`,
        f,
        'application/octet-stream',
      );
      if (!r.ok) return r;
      grants.push(...(r.value as unknown[]));
    }
    return { ok: true, value: grants };
  };
  Object.defineProperty(globalThis, 'claimdesk', { value: Object.freeze(api), writable: false });
}

export const shimScript = {
  fn: installShim,
  arg: {
    methods: [...IPC_METHODS] as string[],
    progressChannel: PROGRESS_CHANNEL,
    changesChannel: STORE_CHANGES_CHANNEL,
  },
};

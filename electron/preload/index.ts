// The sandboxed preload: exposes exactly one object, window.claimdesk, with one method per catalogue entry.
// Nothing generic crosses the bridge: no ipcRenderer, no method that takes a channel name.
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import {
  DROPPED_FILES_CHANNEL,
  IPC,
  IPC_METHODS,
  PROGRESS_CHANNEL,
  STORE_CHANGES_CHANNEL,
  type ClaimDeskApi,
  type Envelope,
  type FileGrant,
  type ProgressEvent,
  type StoreChangeEvent,
} from '../../shared/ipc';

const calls = Object.fromEntries(
  IPC_METHODS.map((method) => {
    const channel = IPC[method].channel;
    return [method, (request: unknown) => ipcRenderer.invoke(channel, request ?? {})];
  }),
) as Omit<ClaimDeskApi<File>, 'onProgress' | 'onStoreChanges' | 'grantDroppedFiles'>;

const api = {
  ...calls,
  onProgress(listener: (event: ProgressEvent) => void) {
    const wrapped = (_event: IpcRendererEvent, progress: ProgressEvent) => listener(progress);
    ipcRenderer.on(PROGRESS_CHANNEL, wrapped);
    return () => {
      ipcRenderer.removeListener(PROGRESS_CHANNEL, wrapped);
    };
  },
  onStoreChanges(listener: (changes: StoreChangeEvent[]) => void) {
    const wrapped = (_event: IpcRendererEvent, changes: StoreChangeEvent[]) => listener(changes);
    ipcRenderer.on(STORE_CHANGES_CHANNEL, wrapped);
    return () => {
      ipcRenderer.removeListener(STORE_CHANGES_CHANNEL, wrapped);
    };
  },
  async grantDroppedFiles(files: readonly File[]): Promise<Envelope<FileGrant[]>> {
    // The path is read here, in the preload; the page only ever sees the token main gives back.
    const entries = files
      .map((f) => ({ path: webUtils.getPathForFile(f), name: f.name }))
      .filter((f) => f.path !== '');
    if (entries.length === 0) {
      return {
        ok: false,
        error: { code: 'invalid_input', message: '没有可以导入的文件', messageEn: 'no files to import' },
      };
    }
    return ipcRenderer.invoke(DROPPED_FILES_CHANNEL, { files: entries }) as Promise<Envelope<FileGrant[]>>;
  },
} satisfies ClaimDeskApi<File>;

contextBridge.exposeInMainWorld('claimdesk', api);

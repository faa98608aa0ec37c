// Registers the channel catalogue on ipcMain: one handler per channel, each checking the sender, then
// handing the payload (as unknown) to the shared dispatcher that parses it and wraps the answer.
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import {
  DROPPED_FILES_CHANNEL,
  DroppedFiles,
  IPC,
  IPC_METHODS,
  PROGRESS_CHANNEL,
  type Envelope,
} from '../../shared/ipc';
import { dispatch, toIpcError, type ApiHandlers } from '../core/api/dispatch';
import type { FileGrants } from '../core/api/grants';
import { isTrustedSender } from './security';

const FORBIDDEN: Envelope<never> = {
  ok: false,
  error: {
    code: 'forbidden',
    message: '拒绝了来源不明的请求',
    messageEn: 'request from an untrusted frame refused',
  },
};

export function registerIpc(
  handlers: ApiHandlers,
  grants: FileGrants,
  trustedIds: ReadonlySet<number>,
): void {
  const trusted = (event: IpcMainInvokeEvent) =>
    isTrustedSender(event.senderFrame, event.sender.id, trustedIds);

  for (const method of IPC_METHODS) {
    ipcMain.handle(IPC[method].channel, async (event, payload: unknown) => {
      if (!trusted(event)) return FORBIDDEN;
      return dispatch(handlers, method, payload, {
        emitProgress: (progress) => {
          if (!event.sender.isDestroyed()) event.sender.send(PROGRESS_CHANNEL, progress);
        },
      });
    });
  }

  ipcMain.handle(DROPPED_FILES_CHANNEL, async (event, payload: unknown) => {
    if (!trusted(event)) return FORBIDDEN;
    const parsed = DroppedFiles.safeParse(payload);
    if (!parsed.success)
      return {
        ok: false,
        error: { code: 'bad_request', message: '拖入的文件无效', messageEn: 'invalid dropped files' },
      };
    try {
      const files = parsed.data.files;
      return {
        ok: true,
        value: await grants.grant(
          files.map((f) => f.path),
          files.map((f) => f.name),
        ),
      };
    } catch (err) {
      return { ok: false, error: toIpcError(err) };
    }
  });
}

// The renderer's only door to main: window.claimdesk (the preload's object, or the browser test's shim).
// `call` unwraps the envelope so screens handle failures as one ApiError with a Chinese message.
import type { ClaimDeskApi, Envelope, IpcError, IpcMethod, IpcRequest, IpcResponse } from '../../shared/ipc';

declare global {
  interface Window {
    claimdesk: ClaimDeskApi<File>;
  }
}

export class ApiError extends Error {
  constructor(readonly error: IpcError) {
    super(error.message);
    this.name = 'ApiError';
  }
}

export function unwrap<T>(envelope: Envelope<T>): T {
  if (envelope.ok) return envelope.value;
  throw new ApiError(envelope.error);
}

export async function call<M extends IpcMethod>(method: M, request: IpcRequest<M>): Promise<IpcResponse<M>> {
  const fn = window.claimdesk[method] as (req: IpcRequest<M>) => Promise<Envelope<IpcResponse<M>>>;
  return unwrap(await fn(request));
}

export function messageOf(err: unknown, lang: 'zh-CN' | 'en'): string {
  if (err instanceof ApiError) return lang === 'en' ? err.error.messageEn : err.error.message;
  return lang === 'en' ? 'Something went wrong; nothing was changed.' : '出错了，操作没有完成。';
}

export function isCanceled(err: unknown): boolean {
  return err instanceof ApiError && err.error.code === 'canceled';
}

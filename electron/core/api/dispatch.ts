// The one place a call from the renderer is turned into a handler call: look the method up in the catalogue,
// parse the payload as unknown with its zod schema, run the handler, and wrap the outcome in the envelope.
// The Electron IPC layer and the browser-test transport both go through here.
import {
  IPC,
  type Envelope,
  type IpcError,
  type IpcMethod,
  type IpcParsedRequest,
  type IpcResponse,
  type ProgressEvent,
} from '../../../shared/ipc';
import { ClaimDeskError, zodToInvalidInput } from '../errors';

export interface CallContext {
  emitProgress(event: ProgressEvent): void;
}

export type ApiHandlers = {
  [M in IpcMethod]: (request: IpcParsedRequest<M>, call: CallContext) => Promise<IpcResponse<M>>;
};

/** Thrown when the user closes a dialog: not an error worth a red message. */
export class CanceledError extends Error {
  constructor() {
    super('canceled');
    this.name = 'CanceledError';
  }
}

/** A feature whose module is not part of this build (e.g. while another part of the app is unfinished). */
export class UnavailableError extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(en);
    this.name = 'UnavailableError';
  }
}

export function isIpcMethod(name: unknown): name is IpcMethod {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(IPC, name);
}

export function toIpcError(err: unknown): IpcError {
  if (err instanceof ClaimDeskError)
    return { code: err.code, message: err.zh, messageEn: err.en, field: err.field };
  if (err instanceof CanceledError) return { code: 'canceled', message: '已取消', messageEn: 'canceled' };
  if (err instanceof UnavailableError) return { code: 'unavailable', message: err.zh, messageEn: err.en };
  // Unknown failures keep their detail in the log, not in the window: it may name internal paths.
  console.error('[claimdesk] unexpected error in handler:', err);
  return {
    code: 'internal',
    message: '程序内部出错，操作没有完成。数据没有丢失，请重试。',
    messageEn: 'internal error; nothing was changed',
  };
}

export interface DispatchOptions {
  /** Parse answers against the catalogue too (the test transport does, to catch drift). */
  validateResponses?: boolean;
}

export async function dispatch(
  handlers: ApiHandlers,
  method: unknown,
  payload: unknown,
  call: CallContext,
  options: DispatchOptions = {},
): Promise<Envelope<unknown>> {
  if (!isIpcMethod(method)) {
    return {
      ok: false,
      error: { code: 'bad_request', message: '未知的请求', messageEn: `unknown method ${String(method)}` },
    };
  }
  const def = IPC[method];
  const parsed = def.request.safeParse(payload ?? {});
  if (!parsed.success) {
    const e = zodToInvalidInput(parsed.error);
    return { ok: false, error: { code: 'bad_request', message: e.zh, messageEn: e.en, field: e.field } };
  }
  try {
    const handler = handlers[method] as (req: unknown, call: CallContext) => Promise<unknown>;
    const value = await handler(parsed.data, call);
    if (options.validateResponses) {
      const check = def.response.safeParse(value);
      if (!check.success)
        throw new Error(`response of ${method} does not match the catalogue: ${check.error.message}`);
    }
    return { ok: true, value };
  } catch (err) {
    return { ok: false, error: toIpcError(err) };
  }
}

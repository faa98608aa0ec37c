// 设置 → 共享数据库: test a connection, switch this desk to the office's database (optionally moving this
// PC's data folder in first, the same code as `claimdesk migrate --to`), and go back to the data folder. The
// workspace is reopened in place, so the window (and whatever is typed in it) stays.
import { moveDataFolder } from '../../db/engines';
import { ClaimDeskError } from '../../errors';
import { openWorkspace } from '../../workspace';
import { UnavailableError, type ApiHandlers } from '../dispatch';
import {
  addressOf,
  forgetDatabase,
  formOf,
  keepDatabase,
  readKeptDatabase,
  withPassword,
} from '../shared-database';
import type { HandlerContext } from './context';
import type { SharedDatabaseForm } from '../../../../shared/ipc';

/** A failed connection in the words 设置 shows: what happened and what to do, no codes or addresses. */
export function connectionFailure(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  const code = cause?.code ?? (err as { code?: string }).code ?? '';
  const text = `${cause?.message ?? ''} ${(err as Error)?.message ?? ''}`;
  if (code === '3D000' || /没有这个数据库/.test(text))
    return '服务器上没有这个数据库。请核对“数据库名称”，或请管理员先建好它。';
  if (code === '28P01' || code === '28000' || /拒绝登录|password/i.test(text))
    return '服务器拒绝登录：用户名或密码不对。请核对后再试。';
  if (/LC_CTYPE|字符设置/.test(text))
    return '这个数据库的字符设置不认识中文，请管理员按说明用 UTF-8 字符设置重建数据库。';
  if (err instanceof ClaimDeskError && err.code === 'database_from_future')
    return '这个数据库已被更新版本的 ClaimDesk 使用过，请先把这台电脑的 ClaimDesk 升级。';
  return '连不上服务器：请核对服务器地址和端口，并确认服务器已开机、网络通畅。';
}

export function sharedDatabaseHandlers(ctx: HandlerContext) {
  const { state, platform } = ctx;
  const config = () => {
    if (!platform.sharedDatabase)
      throw new UnavailableError('这里不能更换数据库', 'this shell cannot switch databases');
    return platform.sharedDatabase;
  };

  /** Opens (and migrates) the database the form names: the new workspace, or a plain-words refusal. */
  async function open(form: SharedDatabaseForm) {
    const url = withPassword(addressOf(form), form.password);
    try {
      return { url, ws: await openWorkspace(state.ws.dataDir, { url, actor: state.ws.engine.actor }) };
    } catch (err) {
      if (err instanceof ClaimDeskError && err.code === 'invalid_input') throw err;
      throw new ClaimDeskError('database_unreachable', connectionFailure(err), 'connection failed', {
        cause: err,
      });
    }
  }

  /** Puts `next` in place of the open workspace; the old one closes once nothing uses it. */
  async function replaceWith(next: typeof state.ws) {
    const old = state.ws;
    state.ws = next;
    state.onReplaced?.(next);
    await old.close();
  }

  return {
    async getSharedDatabase() {
      const c = platform.sharedDatabase;
      const kept = c ? readKeptDatabase(c.configDir, c.secrets) : null;
      return {
        kept: kept ? formOf(kept.address) : null,
        active: state.ws.shared,
        canKeepPassword: c?.secrets.available() ?? false,
        passwordNeeded: kept !== null && kept.url === null,
        canSwitch: c !== undefined,
      };
    },
    async testSharedDatabase(form) {
      config();
      try {
        const { ws } = await open(form);
        await ws.close();
        return { ok: true, message: '连接成功，可以切换到这个共享数据库。' };
      } catch (err) {
        if (!(err instanceof ClaimDeskError)) throw err;
        return { ok: false, message: err.zh };
      }
    },
    async switchSharedDatabase(req) {
      const c = config();
      // Refused before anything changes when the password could not be kept safely.
      const { url, ws } = await open(req);
      let moved = '';
      try {
        if (req.moveData && !state.ws.shared) {
          const report = await moveDataFolder(state.ws.dataDir, url, state.ws.engine.actor);
          const claims = report.tables.find((t) => t.table === 'claims');
          moved = report.unchanged
            ? '本机的数据以前已经搬进去过，这次没有重复添加。'
            : `已把本机的 ${claims?.added ?? 0} 份报销单搬进共享数据库，并核对了数量和每个文件。`;
          if (report.renumbered.length > 0)
            moved += `其中 ${report.renumbered.length} 份换了新编号（原编号已被其他电脑用过）。`;
        }
        const { passwordKept } = await keepDatabase(c.configDir, c.secrets, addressOf(req), req.password);
        await replaceWith(ws);
        const ask = passwordKept
          ? ''
          : '这台电脑的系统不能加密保存密码，为了安全密码没有保存：下次打开 ClaimDesk 时请在“设置”里再输入一次。';
        return { message: `已切换到共享数据库。${moved}${ask}`, passwordKept };
      } catch (err) {
        await ws.close();
        throw err;
      }
    },
    async leaveSharedDatabase() {
      const c = config();
      await forgetDatabase(c.configDir);
      if (state.ws.shared)
        await replaceWith(await openWorkspace(state.ws.dataDir, { actor: state.ws.engine.actor }));
      return { message: '已改回使用本机的数据。共享数据库里的内容没有改动。' };
    },
  } satisfies Partial<ApiHandlers>;
}

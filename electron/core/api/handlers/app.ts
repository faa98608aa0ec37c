// The app itself: what it is and where its data lives, the UI settings, and moving to another data folder.
import { resolve } from 'node:path';
import { openWorkspace } from '../../workspace';
import { UnavailableError, type ApiHandlers } from '../dispatch';
import { availableFeatures } from '../integrations';
import { readSettings, writeSettings } from '../settings';
import type { HandlerContext } from './context';

export function appHandlers(ctx: HandlerContext) {
  const { state, platform, db } = ctx;
  return {
    async getAppInfo() {
      return {
        version: platform.version,
        dataDir: state.ws.dataDir,
        shell: platform.shell,
        today: ctx.today(),
        features: availableFeatures(state.ws),
      };
    },
    async getSettings() {
      return readSettings(db());
    },
    async saveSettings(settings) {
      return writeSettings(db(), settings);
    },
    async changeDataDir() {
      if (!platform.chooseDataFolder || !platform.switchDataFolder) {
        throw new UnavailableError('这里不能更换数据文件夹', 'this shell cannot change the data folder');
      }
      const chosen = await platform.chooseDataFolder();
      if (chosen === null) return null;
      const target = resolve(chosen);
      if (target === resolve(state.ws.dataDir)) return { dataDir: target, restarting: false };
      // Open (create, check, migrate) the new folder now: a read-only or damaged folder is refused here,
      // while the current one is still open, instead of after the restart.
      const probe = await openWorkspace(target);
      probe.close();
      await platform.switchDataFolder(target);
      return { dataDir: target, restarting: true };
    },
  } satisfies Partial<ApiHandlers>;
}

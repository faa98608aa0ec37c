// The app itself: what it is and where its data lives, the UI settings, and moving to another data folder.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AppInfo } from '../../../../shared/ipc';
import { loadPdfDocument, loadSharp } from '../../lazy';
import { cjkFontPath } from '../../paths';
import { loadRulePack } from '../../rules/pack';
import { openWorkspace } from '../../workspace';
import { UnavailableError, type ApiHandlers } from '../dispatch';
import { readSettings, writeSettings } from '../settings';
import type { HandlerContext } from './context';

/** Whether a part's own check passes; a missing module or file answers false instead of throwing. */
async function works(check: () => unknown): Promise<boolean> {
  try {
    return Boolean(await check());
  } catch {
    return false;
  }
}

/**
 * What this installation can do, asked of each part: photo checks need the image library, the checklist
 * the national rule pack, the bundle pdf-lib and both weights of the Chinese font. A broken install then
 * switches the feature off in the window instead of failing halfway through. Asked once per process.
 */
let features: Promise<AppInfo['features']> | undefined;
function installedFeatures(): Promise<AppInfo['features']> {
  return (features ??= askEachPart());
}

async function askEachPart(): Promise<AppInfo['features']> {
  const [quality, rules, exportable] = await Promise.all([
    works(loadSharp),
    works(() => loadRulePack()),
    works(
      async () =>
        (await loadPdfDocument()) && existsSync(cjkFontPath('regular')) && existsSync(cjkFontPath('bold')),
    ),
  ]);
  return { quality, rules, export: exportable };
}

export function appHandlers(ctx: HandlerContext) {
  const { state, platform } = ctx;
  return {
    async getAppInfo() {
      return {
        version: platform.version,
        dataDir: state.ws.dataDir,
        shell: platform.shell,
        today: ctx.today(),
        features: await installedFeatures(),
      };
    },
    async getSettings() {
      return readSettings(state.ws.engine);
    },
    async saveSettings(settings) {
      return writeSettings(state.ws.engine, settings);
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
      await probe.close();
      await platform.switchDataFolder(target);
      return { dataDir: target, restarting: true };
    },
  } satisfies Partial<ApiHandlers>;
}

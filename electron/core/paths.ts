// Where data and bundled resources live. The desktop app and the CLI use the same default data folder,
// so a billing desk can script the CLI against the app's own data.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const APP_DIR_NAME = 'ClaimDesk';

/** Same folder Electron's app.getPath('userData') gives for an app named ClaimDesk. */
export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  if (env.CLAIMDESK_HOME) return resolve(env.CLAIMDESK_HOME);
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_DIR_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_DIR_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_DIR_NAME);
}

let cachedResources: string | undefined;

/**
 * The repo's (or packaged app's) resources/ folder. Found by walking up from this module, because the
 * code runs from source (tests), from dist/ (CLI) and from an asar (app) at different depths.
 */
export function resourcesDir(): string {
  if (cachedResources) return cachedResources;
  if (process.env.CLAIMDESK_RESOURCES) return (cachedResources = resolve(process.env.CLAIMDESK_RESOURCES));
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    if (existsSync(join(dir, 'resources', 'rules'))) return (cachedResources = join(dir, 'resources'));
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  throw new Error('resources/ folder not found; set CLAIMDESK_RESOURCES');
}

/** The package root (the folder holding resources/ and node_modules/). */
export function packageRoot(): string {
  return dirname(resourcesDir());
}

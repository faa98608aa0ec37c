// Where data and bundled resources (rule packs, the Chinese font) live. The desktop app and the CLI use the same default data folder,
// so a billing desk can script the CLI against the app's own data.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { createRequire } from 'node:module';
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

export type FontWeight = 'regular' | 'bold';

const FONT_FILES: Record<FontWeight, { resource: string; module: string }> = {
  regular: {
    resource: 'NotoSansSC-Regular.ttf',
    module: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  },
  bold: {
    resource: 'NotoSansSC-Bold.ttf',
    module: '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
  },
};

/**
 * Where the Chinese font (Noto Sans SC) lives: resources/fonts/ when a build copied it there, else the npm
 * package (a runtime dependency, so it ships inside the packaged app too). We don't commit the 10 MB file to
 * git twice. The bundle embeds it (export/font.ts); PDF rendering draws fonts a PDF names but does not
 * embed with it (pdf/render.ts).
 */
export function cjkFontPath(weight: FontWeight): string {
  const file = FONT_FILES[weight];
  try {
    const local = join(resourcesDir(), 'fonts', file.resource);
    if (existsSync(local)) return local;
  } catch {
    // No resources/ folder (e.g. a test running from a temp dir): fall through to the npm package.
  }
  return createRequire(import.meta.url).resolve(file.module);
}

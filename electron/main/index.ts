// The desktop app's main process: one hardened window serving the built renderer from app://claimdesk, the
// IPC catalogue registered on the shared handlers, and the data folder opened once per run.
import { app, BrowserWindow, dialog, protocol, session } from 'electron';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ClaimDeskError } from '../core/errors';
import { FileGrants } from '../core/api/grants';
import { PageCheckWorker } from '../core/api/check-in-worker';
import { exportInWorker } from '../core/api/export-in-worker';
import { LiveFrameWorker } from '../core/api/live-in-worker';
import { changeFeed } from '../core/api/changes';
import { createHandlers, type ApiState } from '../core/api/handlers';
import { STORE_CHANGES_CHANNEL } from '../../shared/ipc';
import { startBackupSchedule } from '../core/backup-schedule';
import { defaultDataDir } from '../core/paths';
import { openWorkspace } from '../core/workspace';
import { readKeptDatabase } from '../core/api/shared-database';
import { readDataLocation } from './data-location';
import { electronSecrets } from './secrets';
import { registerIpc } from './ipc';
import { electronPlatform } from './platform';
import {
  APP_ENTRY_URL,
  APP_SCHEME,
  hardenSession,
  hardenWebContents,
  rendererFileFor,
  responseHeaders,
  SECURE_WEB_PREFERENCES,
} from './security';

// The same folder name the CLI uses (electron/core/paths.ts), whatever productName the package carries.
app.setName('ClaimDesk');

const distDir = dirname(fileURLToPath(import.meta.url));
const rendererDir = join(distDir, 'renderer');
const trustedIds = new Set<number>();
let mainWindow: BrowserWindow | null = null;

// Must run before 'ready': a standard, secure scheme gets an origin ('self' in the CSP) like https does, and
// Vite's `<script type="module" crossorigin>` is fetched in CORS mode, which a custom scheme must opt into.
protocol.registerSchemesAsPrivileged([
  {
    scheme: APP_SCHEME,
    privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true },
  },
]);

// Two instances on one database would race each other's writes: the second one focuses the first.
if (!app.requestSingleInstanceLock()) app.quit();
app.on('second-instance', () => {
  if (mainWindow) {
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  }
});

// Every web contents (including ones we never asked for) is hardened the moment it exists.
app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 960,
    minHeight: 640,
    title: 'ClaimDesk 报销材料助手',
    show: false,
    backgroundColor: '#f6f7f9',
    webPreferences: { ...SECURE_WEB_PREFERENCES, preload: join(distDir, 'preload.cjs') },
  });
  trustedIds.add(win.webContents.id);
  const id = win.webContents.id;
  win.on('closed', () => {
    trustedIds.delete(id);
    if (mainWindow === win) mainWindow = null;
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_ENTRY_URL);
  return win;
}

async function start(): Promise<void> {
  hardenSession(session.defaultSession);
  protocol.handle(APP_SCHEME, async (request) => {
    const file = rendererFileFor(rendererDir, request.url);
    if (!file) return new Response('not found', { status: 404 });
    try {
      return new Response(await readFile(file.path), { headers: responseHeaders(file.contentType) });
    } catch {
      return new Response('not found', { status: 404 });
    }
  });

  const dataDir = process.env.CLAIMDESK_HOME
    ? defaultDataDir()
    : (readDataLocation(app.getPath('userData')) ?? defaultDataDir());
  // The office's shared database when this desk is pointed at one (the environment, as for the CLI), else
  // the data folder's own store.
  // 设置 → 共享数据库 keeps it in the app's settings folder, its password sealed by the system (safeStorage);
  // when the password could not be kept, the desk opens its data folder and 设置 asks for it.
  const configDir = app.getPath('userData');
  const url =
    process.env.CLAIMDESK_DATABASE_URL || readKeptDatabase(configDir, electronSecrets)?.url || undefined;
  let ws;
  try {
    ws = await openWorkspace(dataDir, { url });
  } catch (err) {
    const msg = err instanceof ClaimDeskError ? `${err.zh}\n\n${err.en}` : String(err);
    // The address is not shown: it may carry a password.
    const where = url ? '共享数据库' : dataDir;
    dialog.showErrorBox(
      url ? 'ClaimDesk 无法连接共享数据库' : 'ClaimDesk 无法打开数据文件夹',
      `${where}\n\n${msg}`,
    );
    app.quit();
    return;
  }
  // Rolling automatic backups on the schedule kept in settings; restarted on the workspace a restore opens.
  const onBackupError = (err: unknown) => console.error('[claimdesk] automatic backup failed:', err);
  // (A shared database is backed up on its server, docs/storage.md: the desks take no copies of it.)
  const scheduleFor = (w: typeof ws) =>
    w.shared ? { stop: () => undefined } : startBackupSchedule(w, { onError: onBackupError });
  let backups = scheduleFor(ws);
  const state: ApiState = {
    ws,
    onReplaced: (next) => {
      backups.stop();
      backups = scheduleFor(next);
    },
  };
  const grants = new FileGrants();
  // Electron (≥ 18, electron/electron#33216) loads worker scripts and their modules from inside the asar.
  const workerUrl = join(distDir, 'export-worker.mjs');
  // Photo checks during import run in one long-lived worker, so a multi-file drop never stalls the window.
  const pageChecks = new PageCheckWorker({ url: join(distDir, 'check-worker.mjs') });
  // The camera's live checks in another, so a paper being read never holds up the preview's instruction.
  const liveChecks = new LiveFrameWorker({ url: join(distDir, 'live-worker.mjs') });
  const handlers = createHandlers(
    state,
    {
      ...electronPlatform(app.getVersion(), () => mainWindow),
      sharedDatabase: { configDir, secrets: electronSecrets },
    },
    grants,
    (ws, opts) => exportInWorker({ url: workerUrl }, ws.dataDir, opts),
    () => pageChecks.check,
    liveChecks.analyse,
  );
  registerIpc(handlers, grants, trustedIds);
  // Other desks' changes to the window, so its board shows them within a second or two (no polling).
  const changes = changeFeed(state, (batch) => {
    if (mainWindow && !mainWindow.webContents.isDestroyed())
      mainWindow.webContents.send(STORE_CHANGES_CHANNEL, batch);
  });
  await changes.follow();
  const replaced = state.onReplaced;
  state.onReplaced = (next) => {
    replaced?.(next);
    void changes.follow();
  };
  app.on('will-quit', () => {
    backups.stop();
    void changes.stop();
    void pageChecks.close();
    void liveChecks.close();
    void state.ws.close();
  });

  mainWindow = createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow();
  });
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

void app.whenReady().then(start);

// Electron's side of `Platform`: native dialogs, the shell, and printing. Paths handed to shell/print were
// checked by the handlers (only files this app exported in this session).
import { app, BrowserWindow, dialog, session, shell } from 'electron';
import { writeDataLocation } from './data-location';
import { pathToFileURL } from 'node:url';
import type { Platform } from '../core/api/handlers';
import { hardenWebContents, SECURE_WEB_PREFERENCES } from './security';

const DOCUMENT_FILTERS = [
  { name: '照片或 PDF', extensions: ['jpg', 'jpeg', 'png', 'webp', 'tif', 'tiff', 'heic', 'heif', 'pdf'] },
  { name: '所有文件', extensions: ['*'] },
];
const BACKUP_FILTERS = [{ name: 'ClaimDesk 备份', extensions: ['sqlite3'] }];

/**
 * Prints with Chromium's PDF viewer in a hidden window, then the system print dialog. Electron ≥ 32 prints
 * the PDF plugin's frame correctly (electron/electron#43309; before that it printed blank pages). The
 * window gets no preload and its own partition, so the PDF viewer never shares the app's session.
 */
async function printPdf(path: string): Promise<boolean> {
  // The print partition may load this one local PDF, but gets no permissions (camera, notifications …).
  const printSession = session.fromPartition('claimdesk-print');
  printSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  printSession.setPermissionCheckHandler(() => false);
  const win = new BrowserWindow({
    show: false,
    webPreferences: { ...SECURE_WEB_PREFERENCES, partition: 'claimdesk-print', plugins: true },
  });
  hardenWebContents(win.webContents);
  try {
    await win.loadURL(pathToFileURL(path).href);
    // The viewer plugin lays out after load; printing before it has drawn gives empty pages.
    await new Promise((r) => setTimeout(r, 800));
    return await new Promise<boolean>((resolve) => {
      win.webContents.print({ silent: false, printBackground: true }, (success) => resolve(success));
    });
  } finally {
    win.destroy();
  }
}

export function electronPlatform(version: string, parent: () => BrowserWindow | null): Platform {
  return {
    shell: 'electron',
    version,
    warmVerdicts: true,
    async chooseFiles({ multiple, purpose }) {
      const win = parent();
      const options: Electron.OpenDialogOptions = {
        title: purpose === 'backup' ? '选择备份文件' : '选择照片或 PDF',
        properties: multiple ? ['openFile', 'multiSelections'] : ['openFile'],
        filters: purpose === 'backup' ? BACKUP_FILTERS : DOCUMENT_FILTERS,
      };
      const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return r.canceled ? [] : r.filePaths;
    },
    async chooseSavePath(defaultName) {
      const win = parent();
      const options: Electron.SaveDialogOptions = {
        title: '保存报销材料 PDF',
        defaultPath: defaultName,
        filters: [{ name: 'PDF', extensions: ['pdf'] }],
      };
      const r = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      return r.canceled || !r.filePath ? null : r.filePath;
    },
    async chooseFolder() {
      const win = parent();
      const options: Electron.OpenDialogOptions = {
        title: '选择保存报销材料的文件夹',
        buttonLabel: '保存到这里',
        properties: ['openDirectory', 'createDirectory'],
      };
      const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return r.canceled || !r.filePaths[0] ? null : r.filePaths[0];
    },
    async openPath(path) {
      const err = await shell.openPath(path);
      if (err) throw new Error(err);
    },
    async showInFolder(path) {
      shell.showItemInFolder(path);
    },
    printPdf,
    async chooseDataFolder() {
      const win = parent();
      const options: Electron.OpenDialogOptions = {
        title: '选择数据文件夹',
        properties: ['openDirectory', 'createDirectory'],
      };
      const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return r.canceled || !r.filePaths[0] ? null : r.filePaths[0];
    },
    async switchDataFolder(dataDir) {
      await writeDataLocation(app.getPath('userData'), dataDir);
      // Restart once the answer has reached the window, so it can say what is happening.
      setTimeout(() => {
        app.relaunch();
        app.exit(0);
      }, 1500);
    },
  };
}

// Backups of the database: listing, taking one now, the automatic schedule, and restoring one.
import { join } from 'node:path';
import { backupDatabase, restoreWorkspace } from '../../backup';
import {
  listBackups,
  manualBackupFileName,
  readBackupSchedule,
  updateBackupSchedule,
} from '../../backup-schedule';
import { ClaimDeskError } from '../../errors';
import { backupsDir } from '../../workspace';
import type { BackupInfo } from '../../../../shared/ipc';
import { CanceledError, type ApiHandlers } from '../dispatch';
import { isBackupFileName } from '../trust';
import type { HandlerContext } from './context';

export function backupHandlers({ state, platform, grants, db }: HandlerContext) {
  async function listBackupFiles(): Promise<BackupInfo[]> {
    return (await listBackups(state.ws.dataDir)).filter((b) => isBackupFileName(b.name));
  }

  return {
    async listBackups() {
      return listBackupFiles();
    },
    async createBackup(_req, call) {
      call.emitProgress({ task: 'backup', done: 0, total: 1, label: '' });
      const name = manualBackupFileName(new Date());
      const r = await backupDatabase(db(), join(backupsDir(state.ws.dataDir), name));
      call.emitProgress({ task: 'backup', done: 1, total: 1, label: name });
      return {
        name,
        path: r.path,
        bytes: r.bytes,
        createdAt: new Date().toISOString(),
        kind: 'manual' as const,
      };
    },
    async getBackupSchedule() {
      return readBackupSchedule(db());
    },
    async saveBackupSchedule(req) {
      return updateBackupSchedule(db(), req);
    },
    async restoreBackup(req, call) {
      let file: string;
      if (req.file) file = grants.resolve(req.file).path;
      else if (req.name) {
        const found = (await listBackupFiles()).find((b) => b.name === req.name);
        if (!found)
          throw new ClaimDeskError('not_found', `找不到备份 ${req.name}`, `backup ${req.name} not found`, {
            field: 'name',
          });
        file = found.path;
      } else {
        const picked = await platform.chooseFiles({ multiple: false, purpose: 'backup' });
        if (!picked[0]) throw new CanceledError();
        file = picked[0];
      }
      call.emitProgress({ task: 'restore', done: 0, total: 1, label: '' });
      // The backup is checked before the open database is closed; the folder is reopened whatever happens.
      const r = await restoreWorkspace(state.ws, file);
      state.ws = r.workspace;
      state.onReplaced?.(r.workspace);
      call.emitProgress({ task: 'restore', done: 1, total: 1, label: '' });
      if (r.error) throw r.error;
      return {
        claims: r.result.claims,
        safetyCopy: r.result.safetyCopy,
        missingFiles: r.result.missingFiles,
      };
    },
  } satisfies Partial<ApiHandlers>;
}

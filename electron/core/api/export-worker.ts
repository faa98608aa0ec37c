// Worker-thread entry for building a bundle: the PDF work (rule evaluation, pdf-lib layout and save) is
// synchronous CPU for seconds, and in the desktop app it must not stall the main process that answers the
// window. The worker opens its own connection to the same database (WAL lets it read while main writes).
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabaseFile, databasePath } from '../db/open';
import { store } from '../db/store';
import { ClaimDeskError } from '../errors';
import { storeOnlyWorkspace, type Workspace } from '../workspace';
import { exportStoredClaim, type StoredExportOptions } from '../export/stored-claim';

export type ExportJob = Omit<StoredExportOptions, 'onProgress'> & { dataDir: string };

export type ExportMessage =
  | { type: 'progress'; done: number; total: number; label: string }
  | { type: 'done'; pages: number | null; images: string[] }
  | { type: 'error'; code: string; zh: string; en: string; field?: string | undefined };

async function runJob(job: ExportJob, post: (m: ExportMessage) => void): Promise<void> {
  // No integrity check or temp clean-up here: main opened (and checked) this folder, and may be importing now.
  const db = openDatabaseFile(databasePath(job.dataDir), { skipIntegrityCheck: true });
  const ws: Workspace = storeOnlyWorkspace(job.dataDir, db, () => store.engine.close(db));
  try {
    const r = await exportStoredClaim(ws, {
      ...job,
      onProgress: (done, total, label) => post({ type: 'progress', done, total, label }),
    });
    post({ type: 'done', pages: r.pages, images: r.images });
  } catch (err) {
    if (err instanceof ClaimDeskError)
      post({ type: 'error', code: err.code, zh: err.zh, en: err.en, field: err.field });
    else
      post({
        type: 'error',
        code: 'export_failed',
        zh: `导出失败：${String((err as Error)?.message ?? err)}`,
        en: `export failed: ${String(err)}`,
      });
  } finally {
    await ws.close();
  }
}

if (parentPort) {
  const port = parentPort;
  void runJob(workerData as ExportJob, (m) => port.postMessage(m));
}

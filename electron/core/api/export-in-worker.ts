// Runs an export in a worker thread and relays its progress; errors come back as the same ClaimDeskError.
import { Worker } from 'node:worker_threads';
import { ClaimDeskError, type ErrorCode } from '../errors';
import type { StoredExportOptions, StoredExportResult } from '../export/stored-claim';
import type { ExportJob, ExportMessage } from './export-worker';

export interface WorkerSpec {
  /** The worker's script (dist/app/export-worker.mjs in the app; the .ts source with tsx in tests). */
  url: URL | string;
  /** Passed to the worker as process.argv[2…] (the tests' TypeScript bootstrap reads its entry there). */
  argv?: string[];
}

export function exportInWorker(
  spec: WorkerSpec,
  dataDir: string,
  opts: StoredExportOptions,
): Promise<StoredExportResult> {
  const { onProgress, ...rest } = opts;
  const job: ExportJob = { ...rest, dataDir };
  return new Promise((resolve, reject) => {
    const worker = new Worker(spec.url, { workerData: job, ...(spec.argv ? { argv: spec.argv } : {}) });
    let settled = false;
    worker.on('message', (m: ExportMessage) => {
      if (m.type === 'progress') onProgress(m.done, m.total, m.label);
      else if (m.type === 'done') {
        settled = true;
        resolve({ pages: m.pages, images: m.images });
      } else {
        settled = true;
        reject(
          new ClaimDeskError(
            m.code as ErrorCode,
            m.zh,
            m.en,
            m.field === undefined ? undefined : { field: m.field },
          ),
        );
      }
    });
    worker.on('error', (err) => {
      if (!settled)
        reject(
          new ClaimDeskError(
            'export_failed',
            `导出失败：${err.message}`,
            `export worker failed: ${err.message}`,
            { cause: err },
          ),
        );
      settled = true;
    });
    worker.on('exit', (code) => {
      if (!settled)
        reject(
          new ClaimDeskError(
            'export_failed',
            `导出意外中断（代码 ${code}）`,
            `export worker exited with code ${code}`,
          ),
        );
    });
  });
}

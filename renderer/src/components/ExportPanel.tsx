// Export: asks where to save, shows progress while main builds the bundle, then offers open / show in
// folder / print and lists the upload-ready images.
import { useEffect, useRef, useState } from 'react';
import type { ExportResult } from '../../../shared/ipc';
import { ApiError, call, isCanceled, messageOf } from '../api';
import { useApp } from '../app-context';
import { formatBytes } from '../format';
import { useProgress } from './useProgress';

/** Main labels the export's steps in Chinese; the numbers say the same in English. */
function exportStepEn(done: number, total: number): string {
  if (total <= 1) return 'Checking the checklist…';
  const files = total - 1;
  if (done < files) return `Preparing files ${done}/${files}`;
  return done === files ? 'Writing the PDF (cover, checklist, pledge, every page)' : 'Done';
}

export function ExportPanel({
  claimId,
  complete,
  exportAvailable,
}: {
  claimId: number;
  /** The engine's verdict (isReadyToSubmit), the same the bundle's cover prints. */
  complete: boolean;
  exportAvailable: boolean;
}) {
  const { tr, notifyError, notify, lang } = useApp();
  // Why the last export made no PDF (the paper that stopped it), said beside the button that started it.
  const [error, setError] = useState<string | null>(null);
  const [withImages, setWithImages] = useState(true);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ExportResult | null>(null);
  const progress = useProgress('export');
  // When the export ends, focus goes to what it gave (the PDF's first action, or why there is none): the
  // export button was disabled meanwhile, which drops focus to the page body.
  const outcome = useRef<HTMLDivElement | null>(null);
  useEffect(() => {
    if (result || error) outcome.current?.querySelector<HTMLElement>('button, [tabindex="-1"]')?.focus();
  }, [result, error]);

  async function run() {
    if (
      !complete &&
      !window.confirm(
        tr(
          '还不能提交（缺材料或有问题没解决）。仍要导出（清单页会标出来）？',
          'The checklist is not complete. Export anyway?',
        ),
      )
    )
      return;
    setBusy(true);
    setResult(null);
    setError(null);
    try {
      const r = await call('exportBundle', { claimId, withImages, allowIncomplete: !complete });
      if (r) {
        setResult(r);
        notify('success', tr('PDF 已导出', 'PDF exported'));
      }
    } catch (err) {
      if (isCanceled(err)) return;
      if (err instanceof ApiError) setError(messageOf(err, lang));
      else notifyError(err);
    } finally {
      setBusy(false);
    }
  }

  async function act(fn: () => Promise<unknown>) {
    try {
      await fn();
    } catch (err) {
      notifyError(err);
    }
  }

  return (
    <section className="panel export" aria-labelledby="export-title">
      <h2 id="export-title">{tr('导出材料包', 'Export bundle')}</h2>
      <p className="muted">
        {tr(
          '一个 PDF：封面、材料清单、承诺书和全部材料，可直接打印或上传。',
          'One PDF: cover, checklist, pledge and every page, ready to print or upload.',
        )}
      </p>
      <label className="check">
        <input type="checkbox" checked={withImages} onChange={(e) => setWithImages(e.target.checked)} />
        {tr('同时导出上传用图片（每张 ≤ 1 MB）', 'Also write upload-ready images (≤ 1 MB each)')}
      </label>
      <button
        type="button"
        className="primary wide"
        onClick={() => void run()}
        disabled={busy || !exportAvailable}
      >
        {busy ? tr('正在导出…', 'Exporting…') : tr('导出 PDF…', 'Export PDF…')}
      </button>
      {!exportAvailable && <p className="muted">{tr('导出功能尚未安装。', 'Export is not installed.')}</p>}
      <div ref={outcome}>
        {error && (
          <p className="form-error" role="alert" tabIndex={-1}>
            {error}
          </p>
        )}
        {busy && progress && (
          <div className="progress-line" role="status">
            <progress
              max={Math.max(progress.total, 1)}
              value={progress.done}
              aria-label={tr('导出进度', 'Export progress')}
            />
            <span>
              {tr(progress.label, exportStepEn(progress.done, progress.total))}
              <span className="muted">
                {' '}
                · {Math.round((100 * progress.done) / Math.max(progress.total, 1))}%
              </span>
            </span>
          </div>
        )}
        {result && (
          <div className="export-result" data-testid="export-result">
            <p>
              {tr('已保存：', 'Saved: ')}
              <span className="path">{result.path}</span>
            </p>
            <p className="muted">
              {result.pages !== null ? tr(`${result.pages} 页 · `, `${result.pages} pages · `) : ''}
              {formatBytes(result.bytes)}
            </p>
            <div className="actions">
              <button
                type="button"
                onClick={() => void act(() => call('openExported', { path: result.path }))}
              >
                {tr('打开 PDF', 'Open PDF')}
              </button>
              <button
                type="button"
                onClick={() => void act(() => call('showExportedInFolder', { path: result.path }))}
              >
                {tr('在文件夹中显示', 'Show in folder')}
              </button>
              <button
                type="button"
                onClick={() => void act(() => call('printExported', { path: result.path }))}
              >
                {tr('打印', 'Print')}
              </button>
            </div>
            {result.imagesDir && (
              <details>
                <summary>
                  {tr(`上传用图片 ${result.images.length} 张`, `${result.images.length} upload images`)}
                </summary>
                <ul className="image-list">
                  {result.images.map((p) => (
                    <li key={p}>{p.split(/[\\/]/).pop()}</li>
                  ))}
                </ul>
                <button
                  type="button"
                  onClick={() => void act(() => call('showExportedInFolder', { path: result.imagesDir! }))}
                >
                  {tr('打开图片文件夹', 'Show images folder')}
                </button>
              </details>
            )}
          </div>
        )}
      </div>
    </section>
  );
}

// One page of a document: its thumbnail once near view, the verdict badge, and for a flagged photo the fault's
// region drawn over it with the retake advice. Replace (drop a new photo on it), remove, move up/down.
import { useEffect, useRef, useState } from 'react';
import type { FileGrant, Thumbnail } from '../../../shared/ipc';
import { QualityReport, findingText, type Verdict } from '../../../shared/quality';
import type { DocumentPage } from '../../../shared/schemas';
import { call } from '../api';
import { useApp } from '../app-context';
import { DropZone } from './DropZone';
import { DropNotesView, useFileDrop } from './useFileDrop';
import { PageBoxes, faultBoxes, turnOf } from './PageBoxes';
import { useNearView } from './useNearView';

const VERDICT_LABELS: Record<Verdict, { zh: string; en: string }> = {
  pass: { zh: '合格', en: 'OK' },
  warn: { zh: '请留意', en: 'Check' },
  fail: { zh: '需要重拍', en: 'Retake' },
};

export function PageTile({
  page,
  index,
  count,
  onChanged,
  readOnly = false,
  onOpen,
}: {
  page: DocumentPage;
  index: number;
  count: number;
  onChanged(): Promise<void>;
  /** A finished claim: the page is shown, not replaced, moved or removed. */
  readOnly?: boolean;
  /** Opens the page in the large viewer. */
  onOpen?(): void;
}) {
  const { tr, notifyError, lang } = useApp();
  const [thumb, setThumb] = useState<Thumbnail | null>(null);
  const [busy, setBusy] = useState(false);
  const parsed = QualityReport.safeParse(page.quality);
  const report = parsed.success ? parsed.data : null;
  const verdict = report?.verdict;

  // The picture only once the tile is near view: after a stack of twenty photos, asking main for twenty
  // thumbnails at once (each a decode of the stored photo) and decoding them here blocked the page and main
  // for ~0.4 s (npm run bench import, the redraw); the tiles out of view wait until they are scrolled to.
  const tile = useRef<HTMLElement | null>(null);
  const near = useNearView(tile);
  useEffect(() => {
    if (!near) return;
    let live = true;
    call('getThumbnail', { pageId: page.id }).then(
      (t) => live && setThumb(t),
      () => live && setThumb({ dataUrl: null, width: 0, height: 0 }),
    );
    return () => {
      live = false;
    };
  }, [page.id, page.sha256, near]);

  async function run(fn: () => Promise<unknown>) {
    setBusy(true);
    try {
      await fn();
      await onChanged();
    } catch (err) {
      notifyError(err);
    } finally {
      setBusy(false);
    }
  }

  // A replacement is judged as any drop is (main refuses a broken or empty file by its name and keeps this
  // page); what came of it is said under the tile, not at the top of a long page.
  const drop = useFileDrop('replace');
  const replace = (files: FileGrant[]) =>
    drop
      .run('replace', async () => {
        if (files.length > 1)
          return {
            kind: 'error',
            lines: [
              tr(
                `一页只能换成一个文件：这次拖入了 ${files.length} 个（${files.map((f) => `“${f.name}”`).join('、')}），都没有用，原来这一页还在。请只拖入一个`,
                `A page can be replaced by one file only: ${files.length} were dropped (${files.map((f) => f.name).join(', ')}); none was used and the page was kept. Drop one`,
              ),
            ],
          };
        await call('replacePage', { pageId: page.id, file: files[0]!.token });
        await onChanged();
        return null;
      })
      .then(() => undefined);
  const working = busy || drop.busy !== null;
  const label = tr(`第 ${index + 1} 页：${page.originalName}`, `Page ${index + 1}: ${page.originalName}`);
  const picture = (
    <>
      {thumb?.dataUrl ? (
        <img src={thumb.dataUrl} alt={label} width={thumb.width} height={thumb.height} />
      ) : (
        <span className="thumb-placeholder">
          {page.mime === 'application/pdf' ? 'PDF' : thumb ? '?' : '…'}
        </span>
      )}
      {thumb?.dataUrl && <PageBoxes boxes={faultBoxes(page, lang)} turn={turnOf(page)} />}
      {verdict && (
        <span className={`badge badge-${verdict}`}>
          {tr(VERDICT_LABELS[verdict].zh, VERDICT_LABELS[verdict].en)}
        </span>
      )}
    </>
  );
  // The thumbnail is a button when the page can be enlarged (click or Enter opens the viewer).
  const thumbView = onOpen ? (
    <button
      type="button"
      className="thumb thumb-open"
      onClick={onOpen}
      aria-label={tr(`放大查看${label}`, `Enlarge ${label}`)}
      title={tr('点击放大查看', 'Click to enlarge')}
    >
      {picture}
    </button>
  ) : (
    <div className="thumb">{picture}</div>
  );
  return (
    <figure
      ref={tile}
      className={`page-tile verdict-${verdict ?? 'none'}`}
      aria-label={label}
      data-page-id={page.id}
      data-verdict={verdict ?? 'none'}
    >
      {readOnly ? (
        thumbView
      ) : (
        <DropZone
          label={tr('拖入新照片替换此页', 'Drop a new photo to replace this page')}
          onFiles={replace}
          multiple={false}
          disabled={working}
          className="tile-drop"
        >
          {thumbView}
        </DropZone>
      )}
      <figcaption>
        <div className="page-name" title={page.originalName}>
          {page.originalName}
        </div>
        {report && report.findings.length > 0 && (
          <ul className="findings">
            {report.findings.map((f, i) => (
              <li key={i} className={f.severity}>
                {findingText(f, lang)}
              </li>
            ))}
          </ul>
        )}
        <DropNotesView notes={drop.notes} />
        {!readOnly && (
          <div className="tile-actions">
            <button
              type="button"
              disabled={working || index === 0}
              onClick={() => void run(() => call('movePage', { pageId: page.id, direction: 'up' }))}
              aria-label={tr(`上移${label}`, `Move up ${label}`)}
            >
              ↑
            </button>
            <button
              type="button"
              disabled={working || index === count - 1}
              onClick={() => void run(() => call('movePage', { pageId: page.id, direction: 'down' }))}
              aria-label={tr(`下移${label}`, `Move down ${label}`)}
            >
              ↓
            </button>
            <button
              type="button"
              disabled={working}
              onClick={() =>
                void call('pickFiles', { multiple: false }).then(
                  (files) => (files.length > 0 ? replace(files) : undefined),
                  notifyError,
                )
              }
            >
              {tr('替换', 'Replace')}
            </button>
            <button
              type="button"
              className="danger"
              disabled={working}
              onClick={() => {
                if (
                  window.confirm(
                    tr(
                      `删除“${page.originalName}”？原文件仍保留在数据文件夹中。`,
                      `Remove "${page.originalName}"?`,
                    ),
                  )
                )
                  void run(() => call('removePage', { pageId: page.id }));
              }}
            >
              {tr('删除', 'Remove')}
            </button>
          </div>
        )}
      </figcaption>
    </figure>
  );
}

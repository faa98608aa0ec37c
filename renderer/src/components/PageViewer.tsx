// The large view of one page: the picture as big as the window allows, zoom (buttons, wheel, + − 0 keys),
// drag to pan when zoomed, previous/next page of the same paper, and the same boxes as the thumbnail and
// the field panel (fault regions, the paper's outline, read fields, problems). A modal <dialog>: the rest of
// the screen is inert while it is open, Esc closes it and focus goes back to the thumbnail it was opened from.
import { useCallback, useContext, useEffect, useRef, useState, type PointerEvent } from 'react';
import type { FieldValue } from '../../../shared/fields';
import type { Thumbnail } from '../../../shared/ipc';
import { QualityReport, findingText } from '../../../shared/quality';
import type { DocumentPage } from '../../../shared/schemas';
import { call } from '../api';
import { useApp } from '../app-context';
import { PageMarksContext } from './FieldPanel';
import { MAX_ZOOM, ZOOM_STEP, arrowTarget, clampPan, clampZoom } from './viewer-zoom';
import { PageBoxes, faultBoxes, fieldBoxes, markBoxes, paperOutline, turnOf } from './PageBoxes';

/** The largest picture pages:thumbnail makes (1600 px: an A4 page at about 135 dpi, enough to read print). */
const VIEWER_SIZE = 1600;
/** State and element of the viewer for a list of pages: `open(i)` shows page i. */
export function usePageViewer(pages: readonly DocumentPage[], kind: string) {
  const [index, setIndex] = useState<number | null>(null);
  const shownId = index === null ? null : (pages[index]?.id ?? null);
  const close = useCallback(() => {
    setIndex(null);
    // Back to the thumbnail of the page last shown (the person may have moved on to another page).
    if (shownId !== null)
      requestAnimationFrame(() =>
        document.querySelector<HTMLElement>(`figure[data-page-id="${shownId}"] .thumb-open`)?.focus(),
      );
  }, [shownId]);
  const element =
    index !== null && pages[index] ? (
      <PageViewer pages={pages} kind={kind} index={index} onIndex={setIndex} onClose={close} />
    ) : null;
  return { open: setIndex, element };
}

function PageViewer({
  pages,
  kind,
  index,
  onIndex,
  onClose,
}: {
  pages: readonly DocumentPage[];
  kind: string;
  index: number;
  onIndex(i: number): void;
  onClose(): void;
}) {
  const { tr, lang } = useApp();
  const page = pages[index]!;
  const marks = useContext(PageMarksContext).get(page.id) ?? [];
  const dialog = useRef<HTMLDialogElement>(null);
  const stage = useRef<HTMLDivElement>(null);
  // A PDF file holds several sheets: which one is shown (zero-based), for which page of the paper.
  const [sheet, setSheet] = useState<{ id: number; n: number }>({ id: page.id, n: 0 });
  const pdfPage = sheet.id === page.id ? sheet.n : 0;
  // What was loaded, for which page and sheet: a turn shows "opening…" until its own picture arrives.
  const [loaded, setLoaded] = useState<{ id: number; sheet: number; thumb: Thumbnail } | null>(null);
  const [corrections, setCorrections] = useState<{ id: number; fields: Record<string, FieldValue> } | null>(
    null,
  );
  const thumb = loaded?.id === page.id && loaded.sheet === pdfPage ? loaded.thumb : null;
  // How many sheets the PDF has, known once its first picture arrived (kept while the next one loads).
  const pdfPages = loaded?.id === page.id ? (loaded.thumb.pdfPages ?? 1) : 1;
  const typed = corrections?.id === page.id ? corrections.fields : null;
  const [zoom, setZoom] = useState(1);
  const [pan, setPan] = useState({ x: 0, y: 0 });
  const [stageSize, setStageSize] = useState({ w: 0, h: 0 });
  const drag = useRef<{ x: number; y: number; px: number; py: number } | null>(null);

  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
  }, []);

  useEffect(() => {
    let live = true;
    const id = page.id;
    call('getThumbnail', { pageId: id, maxSize: VIEWER_SIZE, pdfPage }).then(
      (t) => live && setLoaded({ id, sheet: pdfPage, thumb: t }),
      () => live && setLoaded({ id, sheet: pdfPage, thumb: { dataUrl: null, width: 0, height: 0 } }),
    );
    return () => {
      live = false; // a quick turn: the picture of a sheet no longer shown is dropped
    };
  }, [page.id, page.sha256, pdfPage]);

  useEffect(() => {
    let live = true;
    const id = page.id;
    if (page.facts?.fields && Object.keys(page.facts.fields).length > 0)
      call('getPageCorrections', { pageId: id }).then(
        (r) => live && setCorrections({ id, fields: r.fields }),
        () => live && setCorrections({ id, fields: {} }),
      );
    return () => {
      live = false;
    };
  }, [page.id, page.facts]);

  useEffect(() => {
    const el = stage.current;
    if (!el) return;
    const measure = () => setStageSize({ w: el.clientWidth, h: el.clientHeight });
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  // The picture fitted inside the stage at zoom 1.
  const fit =
    thumb?.dataUrl && thumb.width > 0 && stageSize.w > 0
      ? Math.min(stageSize.w / thumb.width, stageSize.h / thumb.height)
      : 0;
  const sheetW = thumb ? thumb.width * fit : 0;
  const sheetH = thumb ? thumb.height * fit : 0;

  const zoomTo = useCallback(
    (next: number) => {
      const z = clampZoom(next);
      setZoom(z);
      setPan((p) => ({ x: clampPan(p.x, sheetW, z), y: clampPan(p.y, sheetH, z) }));
    },
    [sheetW, sheetH],
  );

  // React's wheel listener is passive; the page must not scroll while the wheel zooms the picture.
  useEffect(() => {
    const el = stage.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      zoomTo(e.deltaY < 0 ? zoom * ZOOM_STEP : zoom / ZOOM_STEP);
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [zoom, zoomTo]);

  const go = (i: number) => {
    if (i < 0 || i >= pages.length) return;
    setZoom(1);
    setPan({ x: 0, y: 0 });
    onIndex(i);
  };
  const goSheet = (n: number) => {
    if (n < 0 || n >= pdfPages) return;
    setZoom(1);
    setPan({ x: 0, y: 0 });
    setSheet({ id: page.id, n });
  };

  function arrow(dir: -1 | 1) {
    const to = arrowTarget({ index, sheet: pdfPage, sheets: pdfPages, pages: pages.length }, dir);
    if (!to) return;
    if (to.index === index) goSheet(to.sheet);
    else go(to.index);
  }

  function panBy(dx: number, dy: number) {
    setPan((p) => ({ x: clampPan(p.x + dx, sheetW, zoom), y: clampPan(p.y + dy, sheetH, zoom) }));
  }

  // Keys are heard on the window: a button that turns disabled (下一页 on the last page) drops focus to
  // <body>, and the keys must still work then.
  const keys = useRef<(e: KeyboardEvent) => void>(() => undefined);
  const onKey = (e: KeyboardEvent) => {
    if (e.target instanceof HTMLInputElement) return;
    const step = 40;
    const handled: Record<string, () => void> = {
      Escape: onClose,
      '+': () => zoomTo(zoom * ZOOM_STEP),
      '=': () => zoomTo(zoom * ZOOM_STEP),
      '-': () => zoomTo(zoom / ZOOM_STEP),
      '0': () => zoomTo(1),
      PageUp: () => go(index - 1),
      PageDown: () => go(index + 1),
      // Arrows pan a zoomed picture and turn the page otherwise (a multi-page PDF's own sheets first).
      ArrowLeft: () => (zoom > 1 ? panBy(step, 0) : arrow(-1)),
      ArrowRight: () => (zoom > 1 ? panBy(-step, 0) : arrow(1)),
      ArrowUp: () => zoom > 1 && panBy(0, step),
      ArrowDown: () => zoom > 1 && panBy(0, -step),
    };
    const action = handled[e.key];
    if (action && !e.ctrlKey && !e.altKey && !e.metaKey) {
      e.preventDefault();
      action();
    }
  };
  useEffect(() => {
    keys.current = onKey;
  });
  useEffect(() => {
    const listener = (e: KeyboardEvent) => keys.current(e);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);
  // Focus stays inside the dialog when the page turns (its button may just have been disabled).
  useEffect(() => {
    const t = setTimeout(() => {
      const d = dialog.current;
      if (d && (!d.contains(document.activeElement) || document.activeElement?.matches(':disabled')))
        d.focus();
    }, 0);
    return () => clearTimeout(t);
  }, [index]);

  function onPointerDown(e: PointerEvent<HTMLDivElement>) {
    if (zoom <= 1 || e.button !== 0) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { x: e.clientX, y: e.clientY, px: pan.x, py: pan.y };
  }
  function onPointerMove(e: PointerEvent<HTMLDivElement>) {
    const d = drag.current;
    if (!d) return;
    setPan({
      x: clampPan(d.px + e.clientX - d.x, sheetW, zoom),
      y: clampPan(d.py + e.clientY - d.y, sheetH, zoom),
    });
  }
  const endDrag = () => {
    drag.current = null;
  };

  const report = QualityReport.safeParse(page.quality);
  const findings = report.success ? report.data.findings : [];
  // The photo check and the reader look at a PDF's first sheet: their boxes belong on that sheet only.
  const boxesApply = pdfPage === 0;
  const outline =
    boxesApply && findings.some((f) => f.code === 'incomplete_page') ? paperOutline(page) : null;
  const title = tr(
    `第 ${index + 1} 页，共 ${pages.length} 页：${page.originalName}`,
    `Page ${index + 1} of ${pages.length}: ${page.originalName}`,
  );

  return (
    <dialog
      ref={dialog}
      className="page-viewer"
      aria-label={title}
      data-page-id={page.id}
      onCancel={(e) => {
        e.preventDefault(); // Esc: close through React, so focus goes back to the thumbnail
        onClose();
      }}
      tabIndex={-1}
    >
      <div className="viewer-bar">
        <h2 className="viewer-title">{title}</h2>
        <div className="viewer-tools" role="toolbar" aria-label={tr('查看工具', 'Viewer tools')}>
          <button type="button" onClick={() => go(index - 1)} disabled={index === 0}>
            {tr('上一页', 'Previous')}
          </button>
          <button type="button" onClick={() => go(index + 1)} disabled={index >= pages.length - 1}>
            {tr('下一页', 'Next')}
          </button>
          {pdfPages > 1 && (
            <span className="viewer-sheets" role="group" aria-label={tr('PDF 内翻页', 'Pages of this PDF')}>
              <button type="button" onClick={() => goSheet(pdfPage - 1)} disabled={pdfPage === 0}>
                {tr('PDF 上一页', 'PDF previous')}
              </button>
              <output className="viewer-sheet-no" aria-live="polite" data-sheet={pdfPage}>
                {tr(`PDF 第 ${pdfPage + 1} / ${pdfPages} 页`, `PDF page ${pdfPage + 1} of ${pdfPages}`)}
              </output>
              <button type="button" onClick={() => goSheet(pdfPage + 1)} disabled={pdfPage >= pdfPages - 1}>
                {tr('PDF 下一页', 'PDF next')}
              </button>
            </span>
          )}
          <button
            type="button"
            onClick={() => zoomTo(zoom / ZOOM_STEP)}
            disabled={zoom <= 1}
            aria-label={tr('缩小', 'Zoom out')}
          >
            −
          </button>
          <output className="viewer-zoom" aria-live="polite" data-zoom={zoom}>
            {Math.round(zoom * 100)}%
          </output>
          <button
            type="button"
            onClick={() => zoomTo(zoom * ZOOM_STEP)}
            disabled={zoom >= MAX_ZOOM}
            aria-label={tr('放大', 'Zoom in')}
          >
            +
          </button>
          <button type="button" onClick={() => zoomTo(1)} disabled={zoom === 1}>
            {tr('整页', 'Fit')}
          </button>
          <button type="button" className="primary" onClick={onClose} autoFocus>
            {tr('关闭', 'Close')}
          </button>
        </div>
      </div>
      <div
        ref={stage}
        className={`viewer-stage${zoom > 1 ? ' zoomed' : ''}`}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={endDrag}
        onPointerCancel={endDrag}
      >
        {thumb?.dataUrl ? (
          <div
            className="viewer-sheet"
            style={{
              width: sheetW,
              height: sheetH,
              transform: `translate(${pan.x}px, ${pan.y}px) scale(${zoom})`,
            }}
          >
            <img
              src={thumb.dataUrl}
              alt={
                pdfPages > 1
                  ? tr(
                      `${page.originalName} 第 ${pdfPage + 1} 页`,
                      `${page.originalName}, page ${pdfPage + 1}`,
                    )
                  : page.originalName
              }
              draggable={false}
            />
            <PageBoxes
              boxes={
                boxesApply
                  ? [...faultBoxes(page, lang), ...fieldBoxes(page, kind, typed), ...markBoxes(marks)]
                  : []
              }
              outline={outline}
              turn={turnOf(page)}
            />
          </div>
        ) : (
          <p className="viewer-empty">
            {thumb
              ? tr(
                  '这个文件无法显示，请看下面的检查结果。',
                  'This file cannot be shown; see the check below.',
                )
              : tr('正在打开…', 'Opening…')}
          </p>
        )}
      </div>
      <div className="viewer-foot">
        {findings.length > 0 ? (
          <ul className="findings">
            {findings.map((f, i) => (
              <li key={i} className={f.severity}>
                {findingText(f, lang)}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{tr('照片检查没有发现问题。', 'The photo check found no problem.')}</p>
        )}
        <p className="muted viewer-help">
          {tr(
            '红框：照片有问题的地方；蓝框：读到的内容。滚轮或 + − 键缩放，0 键整页，放大后可拖动；← → 翻页，Esc 关闭。',
            'Red: where the photo has a problem; blue: what was read. Wheel or + − to zoom, 0 to fit, drag when zoomed; ← → to turn pages, Esc to close.',
          )}
        </p>
      </div>
    </dialog>
  );
}

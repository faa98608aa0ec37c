// The board's selection bar: how many claims are chosen and what can be done to all of them at once: one PDF
// bundle per claim into a chosen folder (one progress bar, then a summary), printing those bundles as one
// job, and the selection as an .xlsx / CSV list.
import { useEffect, useRef, useState } from 'react';
import type { BulkExportItem, IpcResponse } from '../../../shared/ipc';
import { CLAIM_STATUS_LABELS, CLAIM_STATUSES, type ClaimStatus } from '../../../shared/lifecycle';
import { call, isCanceled } from '../api';
import { useApp } from '../app-context';
import { EnumSelect } from './EnumSelect';
import { StatusChangeForm, type StatusFacts } from './StatusChangeForm';
import { useProgress } from './useProgress';

export interface BatchBarProps {
  /** Chosen claim ids, in the order they are shown or were chosen. */
  ids: number[];
  /** Claims matching the board's search and filter. */
  matching: number;
  /** Every claim on this page is chosen (offer to choose all matching). */
  pageAllChosen: boolean;
  onSelectAllMatching(): void;
  onClear(): void;
  /** Statuses changed: the board reads its rows again. */
  onChanged(): void;
  /** The board shows archived claims (offer to restore instead of to archive). */
  archivedView: boolean;
}

export function BatchBar(props: BatchBarProps) {
  const { tr, notify, notifyError } = useApp();
  const [busy, setBusy] = useState<null | 'export' | 'list' | 'print' | 'status'>(null);
  const [moving, setMoving] = useState<ClaimStatus | null>(null);
  const [moved, setMoved] = useState<IpcResponse<'transitionClaims'> | null>(null);
  const [summary, setSummary] = useState<{ folder: string; items: BulkExportItem[] } | null>(null);
  // A delete can be undone while this notice shows (main keeps the claims whole for the same time).
  const [undo, setUndo] = useState<{ ids: number[]; count: number } | null>(null);
  const undoTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => void (undoTimer.current && clearTimeout(undoTimer.current)), []);
  const progress = useProgress('batch');
  // A result (exported, statuses changed) takes the focus: the buttons were disabled while it ran, which
  // drops focus to the page body.
  const summaryTitle = useRef<HTMLHeadingElement | null>(null);
  const movedTitle = useRef<HTMLHeadingElement | null>(null);
  useEffect(() => summaryTitle.current?.focus(), [summary]);
  useEffect(() => movedTitle.current?.focus(), [moved]);
  const count = props.ids.length;
  // The moves the life cycle allows the chosen claims, with how many may make each: the only ones offered.
  const chosenKey = props.ids.join(',');
  // Kept with the selection they were asked for, so a new selection never shows the last one's moves.
  const [movesOf, setMovesOf] = useState<{ key: string; moves: IpcResponse<'claimMoves'>['moves'] }>({
    key: '',
    moves: [],
  });
  useEffect(() => {
    if (chosenKey === '') return;
    let live = true;
    call('claimMoves', { ids: chosenKey.split(',').map(Number) }).then(
      (r) => live && setMovesOf({ key: chosenKey, moves: r.moves }),
      (err: unknown) => live && notifyError(err),
    );
    return () => {
      live = false;
    };
  }, [chosenKey, moved, notifyError]);
  const moves = movesOf.key === chosenKey ? movesOf.moves : [];
  // A choice the selection no longer allows is dropped, not left half-shown.
  const moveTo = moving && moves.some((m) => m.to === moving) ? moving : null;
  const moveLabels = Object.fromEntries(
    CLAIM_STATUSES.map((s) => {
      const n = moves.find((m) => m.to === s)?.count ?? 0;
      const label = CLAIM_STATUS_LABELS[s];
      return [s, { zh: `${label.zh}（${n} 单可以改）`, en: `${label.en} (${n} can)` }];
    }),
  ) as Record<ClaimStatus, { zh: string; en: string }>;

  async function exportAll() {
    setBusy('export');
    setSummary(null);
    try {
      const r = await call('exportBundles', { ids: props.ids });
      if (r) setSummary(r);
    } catch (err) {
      if (!isCanceled(err)) notifyError(err);
    } finally {
      setBusy(null);
    }
  }

  async function moveAll(to: ClaimStatus, facts: StatusFacts) {
    setBusy('status');
    try {
      setMoved(await call('transitionClaims', { ids: props.ids, to, ...facts }));
      setMoving(null);
      props.onChanged();
    } catch (err) {
      notifyError(err);
    } finally {
      setBusy(null);
    }
  }

  async function archive(archived: boolean) {
    setBusy('status');
    try {
      const r = await call('archiveClaims', { ids: props.ids, archived });
      notify(
        'success',
        archived
          ? tr(`已归档 ${r.changed} 单（在状态“已归档”里可以找回）`, `${r.changed} archived`)
          : tr(`已恢复 ${r.changed} 单到报销单`, `${r.changed} restored`),
      );
      props.onClear();
      props.onChanged();
    } catch (err) {
      notifyError(err);
    } finally {
      setBusy(null);
    }
  }

  async function remove() {
    const ids = props.ids;
    if (
      !window.confirm(
        tr(
          `删除选中的 ${ids.length} 单？包括其中的材料照片。删除后 10 秒内可以撤销。`,
          `Delete ${ids.length} claims with their papers? You can undo for 10 seconds.`,
        ),
      )
    )
      return;
    setBusy('status');
    try {
      const r = await call('deleteClaims', { ids });
      props.onClear();
      props.onChanged();
      setUndo({ ids, count: r.deleted });
      if (undoTimer.current) clearTimeout(undoTimer.current);
      undoTimer.current = setTimeout(() => setUndo(null), r.undoMs);
    } catch (err) {
      notifyError(err);
    } finally {
      setBusy(null);
    }
  }

  async function undoDelete() {
    if (!undo) return;
    if (undoTimer.current) clearTimeout(undoTimer.current);
    setUndo(null);
    try {
      const r = await call('undeleteClaims', { ids: undo.ids });
      notify('success', tr(`已撤销删除，${r.restored} 单已恢复`, `Undone: ${r.restored} restored`));
      props.onChanged();
    } catch (err) {
      notifyError(err);
    }
  }

  async function exportList(format: 'xlsx' | 'csv') {
    setBusy('list');
    try {
      const r = await call('exportClaimList', { ids: props.ids, format });
      if (r)
        notify(
          'success',
          tr(`已导出 ${r.rows} 单的清单：${r.path}`, `Saved a list of ${r.rows} claims: ${r.path}`),
        );
    } catch (err) {
      if (!isCanceled(err)) notifyError(err);
    } finally {
      setBusy(null);
    }
  }

  async function printAll(paths: string[]) {
    setBusy('print');
    try {
      const r = await call('printBundles', { paths });
      if (r.printed)
        notify(
          'success',
          tr(`已送去打印：${paths.length} 单，共 ${r.pages} 页`, `Sent ${r.pages} pages to print`),
        );
    } catch (err) {
      notifyError(err);
    } finally {
      setBusy(null);
    }
  }

  const movedOk = moved?.items.filter((i) => i.moved) ?? [];
  const movedNot = moved?.items.filter((i) => !i.moved) ?? [];
  const done = summary?.items.filter((i) => i.outcome === 'done') ?? [];
  const failed = summary?.items.filter((i) => i.outcome === 'failed') ?? [];
  const incomplete = done.filter((i) => i.incomplete);
  return (
    <div className="batch" role="region" aria-label={tr('批量操作', 'Batch actions')}>
      {count > 0 && (
        <div className="batch-bar">
          <strong aria-live="polite">{tr(`已选 ${count} 单`, `${count} chosen`)}</strong>
          {props.pageAllChosen && props.matching > count && (
            <button type="button" className="link" onClick={props.onSelectAllMatching}>
              {tr(`选择全部符合条件的 ${props.matching} 单`, `Choose all ${props.matching} matching`)}
            </button>
          )}
          <span className="batch-actions">
            <button
              type="button"
              className="primary"
              disabled={busy !== null}
              onClick={() => void exportAll()}
            >
              {tr('导出 PDF（每单一个）…', 'Export PDFs (one each)…')}
            </button>
            <button type="button" disabled={busy !== null} onClick={() => void exportList('xlsx')}>
              {tr('导出 Excel 清单…', 'Export .xlsx list…')}
            </button>
            <button type="button" disabled={busy !== null} onClick={() => void exportList('csv')}>
              {tr('导出 CSV 清单…', 'Export CSV list…')}
            </button>
            <label>
              <span className="sr-only">{tr('批量改状态', 'Change status of all chosen')}</span>
              <EnumSelect
                aria-label={tr('批量改状态', 'Change status of all chosen')}
                options={moves.map((m) => m.to)}
                labels={moveLabels}
                none={tr('改状态为…', 'Change status to…')}
                value={moveTo ?? ''}
                disabled={busy !== null}
                onChange={(s) => {
                  setMoved(null);
                  setMoving(s || null);
                }}
              />
            </label>
            <button type="button" disabled={busy !== null} onClick={() => void archive(!props.archivedView)}>
              {props.archivedView ? tr('恢复到报销单', 'Restore') : tr('归档', 'Archive')}
            </button>
            <button type="button" className="danger" disabled={busy !== null} onClick={() => void remove()}>
              {tr('删除…', 'Delete…')}
            </button>
            <button type="button" disabled={busy !== null} onClick={props.onClear}>
              {tr('取消选择', 'Clear selection')}
            </button>
          </span>
          <span className="muted batch-hint">
            {tr('换搜索词或状态会清空选择', 'Changing the search or status clears the selection')}
          </span>
        </div>
      )}
      {undo && (
        <div className="undo-bar" role="status">
          {tr(`已删除 ${undo.count} 单。`, `${undo.count} deleted. `)}
          <button type="button" className="primary" onClick={() => void undoDelete()}>
            {tr('撤销', 'Undo')}
          </button>
        </div>
      )}
      {moveTo && count > 0 && (
        <StatusChangeForm
          key={moveTo}
          to={moveTo}
          earliest=""
          busy={busy !== null}
          onSubmit={(facts) => void moveAll(moveTo, facts)}
          onCancel={() => setMoving(null)}
        />
      )}
      {moved && (
        <section
          className="panel batch-summary"
          aria-labelledby="batch-moved-title"
          data-testid="batch-moved"
        >
          <h2 id="batch-moved-title" ref={movedTitle} tabIndex={-1}>
            {tr('批量改状态结果', 'Status change result')}
          </h2>
          <p>
            {tr(
              `已改 ${movedOk.length} 单，${movedNot.length} 单没有改。`,
              `${movedOk.length} changed, ${movedNot.length} not changed.`,
            )}
          </p>
          {movedOk.length > 0 && (
            <p className="muted">
              {tr('已改：', 'Changed: ')}
              {movedOk.map((i) => `${i.reference} ${i.name}`).join(tr('、', ', '))}
            </p>
          )}
          <ClaimReasons items={movedNot} />
          <div className="actions">
            <button type="button" onClick={() => setMoved(null)}>
              {tr('关闭', 'Close')}
            </button>
          </div>
        </section>
      )}
      {busy === 'export' && progress && (
        <div className="progress-line" role="status" data-testid="batch-progress">
          <progress
            max={Math.max(progress.total, 1)}
            value={progress.done}
            aria-label={tr('批量导出进度', 'Batch export progress')}
          />
          <span>
            {progress.done < progress.total
              ? tr(
                  `正在导出第 ${progress.done + 1} / ${progress.total} 单：${progress.label}`,
                  `Exporting ${progress.done + 1} of ${progress.total}: ${progress.label}`,
                )
              : tr(
                  `已导出 ${progress.total} / ${progress.total} 单`,
                  `${progress.total} of ${progress.total} done`,
                )}
          </span>
        </div>
      )}
      {summary && (
        <section
          className="panel batch-summary"
          aria-labelledby="batch-summary-title"
          data-testid="batch-summary"
        >
          <h2 id="batch-summary-title" ref={summaryTitle} tabIndex={-1}>
            {tr('批量导出结果', 'Batch export result')}
          </h2>
          <p>
            {tr(
              `已导出 ${done.length} 单，失败 ${failed.length} 单。保存在：`,
              `${done.length} exported, ${failed.length} failed. Saved in: `,
            )}
            <span className="path">{summary.folder}</span>
          </p>
          {incomplete.length > 0 && (
            <p className="muted">
              {tr(
                `其中 ${incomplete.length} 单材料还不齐全，也已导出，封面标有“尚不能提交”：`,
                `${incomplete.length} of them are not complete; exported with the "not ready" mark: `,
              )}
              {incomplete.map((i) => `${i.reference} ${i.name}`).join(tr('、', ', '))}
            </p>
          )}
          {failed.length > 0 && <ClaimReasons items={failed} />}
          <div className="actions">
            {done.length > 0 && (
              <button
                type="button"
                disabled={busy !== null}
                onClick={() => void printAll(done.map((i) => i.path!))}
              >
                {tr(`全部打印（${done.length} 单，一次打印）`, `Print all (${done.length}, one job)`)}
              </button>
            )}
            {done[0] && (
              <button
                type="button"
                onClick={() => void call('showExportedInFolder', { path: done[0]!.path! }).catch(notifyError)}
              >
                {tr('打开所在文件夹', 'Show in folder')}
              </button>
            )}
            <button type="button" onClick={() => setSummary(null)}>
              {tr('关闭', 'Close')}
            </button>
          </div>
        </section>
      )}
    </div>
  );
}

/** Claims a bulk action left out, each named by number and patient with the reason. */
function ClaimReasons({
  items,
}: {
  items: ReadonlyArray<{
    claimId: number;
    reference: string;
    name: string;
    reason: string | null;
    reasonEn: string | null;
  }>;
}) {
  const { tr } = useApp();
  return (
    <ul className="batch-failed">
      {items.map((i) => (
        <li key={i.claimId}>
          <strong>
            {i.reference} {i.name}
          </strong>
          ：{tr(i.reason ?? '', i.reasonEn ?? '')}
        </li>
      ))}
    </ul>
  );
}

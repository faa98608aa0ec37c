// 整叠放入: the person drops a whole stack of papers on the claim; main reads each in the check worker and
// places it under the requirement its print names. The answer is a short summary and one line per file with
// where it went; a page that could not be recognised, or that went to the wrong place, is moved with the
// select on its line (pages:reassign).
import { useState } from 'react';
import { DOCUMENT_KINDS, DOCUMENT_KIND_LABELS, type DocumentKind } from '../../../shared/domain';
import type { FileGrant, ImportRejection } from '../../../shared/ipc';
import { stackSummary, type StackPlacement } from '../../../shared/stack';
import { call } from '../api';
import { useApp } from '../app-context';
import { DropZone } from './DropZone';
import { EnumSelect } from './EnumSelect';
import { DropNotesView, DropProgress, useFileDrop } from './useFileDrop';

export function StackDrop({
  claimId,
  disabled,
  onChanged,
  initialPlaced = [],
}: {
  claimId: number;
  disabled: boolean;
  onChanged(): Promise<void>;
  /** Where the papers of a stack dropped on 新建报销 went (the claim was created with them). */
  initialPlaced?: StackPlacement[] | undefined;
}) {
  const { tr, notifyError } = useApp();
  const [moving, setMoving] = useState(false);
  const [placed, setPlaced] = useState<StackPlacement[]>(initialPlaced);
  const [rejected, setRejected] = useState<ImportRejection[]>([]);
  const drop = useFileDrop();
  const busy = moving || drop.busy !== null;

  const receive = (files: FileGrant[]) =>
    drop
      .run('stack', async () => {
        const result = await call('importStack', { claimId, files: files.map((f) => f.token) });
        setPlaced(result.placed);
        setRejected(result.rejected);
        await onChanged();
        return null;
      })
      .then(() => undefined);

  async function reassign(p: StackPlacement, kind: DocumentKind) {
    setMoving(true);
    try {
      const doc = await call('reassignPage', { pageId: p.pageId, kind });
      setPlaced((all) =>
        all.map((q) =>
          q.pageId === p.pageId ? { ...q, kind: kind === 'other' ? null : kind, documentId: doc.id } : q,
        ),
      );
      await onChanged();
    } catch (err) {
      notifyError(err);
    } finally {
      setMoving(false);
    }
  }

  const summary = placed.length > 0 ? stackSummary(placed) : null;
  return (
    <section className="panel stack-drop" aria-labelledby="stack-title">
      <h2 id="stack-title">{tr('整叠放入', 'Drop the whole stack')}</h2>
      <p className="muted">
        {tr(
          '把这次看病的全部照片和 PDF 一起拖进来，程序按纸上印的字（发票、费用清单、诊断证明……）自动放到对应的材料下面；放错的可以改。',
          'Drop all photos and PDFs of this visit at once; each is placed under its item by what is printed on it (invoice, itemized bill, certificate…). A misplaced one can be moved.',
        )}
      </p>
      <DropZone
        label={tr('整叠放入', 'Drop the whole stack')}
        disabled={disabled || busy}
        onFiles={receive}
      />
      <DropProgress progress={drop.progress} verb={['正在识别', 'Reading']} />
      <DropNotesView notes={drop.notes} />
      {summary && (
        <div className="stack-result">
          <p className="stack-summary" role="status">
            {tr(summary.zh, summary.en)}
          </p>
          <ul className="stack-pages">
            {placed.map((p) => (
              <li key={p.pageId} data-page={p.pageId} data-kind={p.kind ?? 'unknown'}>
                <span className="stack-name">{p.name}</span>
                <label>
                  <span>
                    {p.kind ? tr('放在', 'Placed under') : tr('无法识别，请选择', 'Not recognised; choose')}
                  </span>{' '}
                  <EnumSelect
                    options={DOCUMENT_KINDS}
                    labels={DOCUMENT_KIND_LABELS}
                    none={p.kind ? undefined : tr('请选择…', 'Choose…')}
                    value={p.kind ?? ''}
                    disabled={busy}
                    aria-label={tr(`“${p.name}”放在哪一项`, `Where "${p.name}" goes`)}
                    onChange={(k) => {
                      if (k) void reassign(p, k);
                    }}
                  />
                </label>
              </li>
            ))}
          </ul>
          {rejected.length > 0 && (
            <ul className="drop-notes error" role="alert">
              {rejected.map((r) => (
                <li key={r.name}>{tr(r.reason, r.reasonEn)}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}

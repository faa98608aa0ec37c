// 新建报销 started from the papers: the person drops all photos and PDFs of the visit at once. Main reads
// them in the check worker (with progress) and stores nothing; the invoices pre-fill the form and a line
// says what was found. The files stay listed here until the claim is created with them (createClaimWithStack
// stores each under its requirement), or the person removes one.
import { DOCUMENT_KIND_LABELS } from '../../../shared/domain';
import type { FileGrant, ImportRejection, StackReading } from '../../../shared/ipc';
import { stackSummary } from '../../../shared/stack';
import { call } from '../api';
import { useApp } from '../app-context';
import { DropZone } from './DropZone';
import { NewClaimCamera } from './camera';
import { DropNotesView, DropProgress, useFileDrop } from './useFileDrop';

export interface DroppedStack {
  read: StackReading[];
  rejected: ImportRejection[];
}

export function NewClaimStack({
  stack,
  disagreeing,
  error,
  disabled,
  onRead,
  onRemove,
}: {
  stack: DroppedStack;
  /** File names of the papers that disagree with the others or with the patient (said under the form). */
  disagreeing: ReadonlySet<string>;
  /** Why creating the claim with these files failed (they are still listed). */
  error: string | null;
  disabled: boolean;
  /** The whole list after a drop; `fresh` are the files this drop added. */
  onRead(stack: DroppedStack, fresh: StackReading[]): void;
  onRemove(token: string): void;
}) {
  const { tr } = useApp();
  const drop = useFileDrop();
  const busy = drop.busy !== null;

  // A later drop is read with the files already listed (main answers those from the readings it kept), so
  // the same photo dropped twice is refused as in any drop.
  const receive = (files: FileGrant[]) =>
    drop
      .run('new-claim', async () => {
        const before = new Set(stack.read.map((r) => r.token));
        const result = await call('readStack', {
          files: [...stack.read.map((r) => r.token), ...files.map((f) => f.token)],
        });
        onRead(
          result,
          result.read.filter((r) => !before.has(r.token)),
        );
        return null;
      })
      .then(() => undefined);

  const summary = stack.read.length > 0 ? stackSummary(stack.read) : null;
  return (
    <div className="invoice-prefill new-claim-stack">
      <p className="prefill-lead">
        {tr(
          '把这次看病的全部照片和 PDF（发票、费用清单、诊断证明……）一起拖到下面：从发票自动填写门诊/住院、医院、日期和金额，请再逐项核对；创建报销单时，每份材料自动放到对应的项目下面。',
          'Drop all photos and PDFs of this visit below (invoice, itemized bill, certificate…): the invoices fill in care setting, hospital, dates and total for you to check; creating the claim places each paper under its item.',
        )}
      </p>
      <DropZone
        label={tr(
          busy ? '正在识别…' : '把全部材料的照片或 PDF 拖到这里',
          busy ? 'Reading…' : 'Drop the photos or PDFs of all papers here',
        )}
        disabled={disabled || busy}
        onFiles={receive}
      />
      <NewClaimCamera stack={stack} disabled={disabled || busy} onRead={onRead} onRemove={onRemove} />
      <DropProgress progress={drop.progress} verb={['正在识别', 'Reading']} />
      <DropNotesView notes={drop.notes} />
      {error && (
        <p className="drop-notes error" role="alert">
          {error}
        </p>
      )}
      {summary && (
        <div className="stack-result">
          <p className="stack-summary" role="status">
            {tr(`找到 ${summary.zh}`, `Found ${summary.en}`)}
          </p>
          <ul className="stack-pages">
            {stack.read.map((r) => (
              <li
                key={r.token}
                data-kind={r.kind ?? 'unknown'}
                data-disagrees={disagreeing.has(r.name) || undefined}
              >
                <span className="stack-name">{r.name}</span>
                {disagreeing.has(r.name) && (
                  <span className="req-flag">{tr('对不上，见下方', 'Disagrees, see below')}</span>
                )}
                <span>
                  {r.kind
                    ? tr(
                        `放在“${DOCUMENT_KIND_LABELS[r.kind].zh}”`,
                        `Goes under "${DOCUMENT_KIND_LABELS[r.kind].en}"`,
                      )
                    : tr(
                        '无法识别，创建后请选择放在哪一项',
                        'Not recognised; choose its item after creating',
                      )}
                </span>{' '}
                <button
                  type="button"
                  disabled={disabled || busy}
                  aria-label={tr(`不要“${r.name}”`, `Leave out "${r.name}"`)}
                  onClick={() => onRemove(r.token)}
                >
                  {tr('移除', 'Remove')}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      {stack.rejected.length > 0 && (
        <ul className="drop-notes error" role="alert">
          {stack.rejected.map((r) => (
            <li key={r.name}>{tr(r.reason, r.reasonEn)}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

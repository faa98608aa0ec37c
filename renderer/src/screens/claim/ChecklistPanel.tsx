// 材料清单: the engine's verdict in a pill, the problems not about one paper, what the office asked for, each
// checklist item with its papers, and 其他材料. A drop on an item (or on 其他材料) imports the files as one
// paper of that kind; its notes stay under the zone it was dropped on.
import { useCallback } from 'react';
import { DOCUMENT_KINDS, type DocumentKind } from '../../../../shared/domain';
import { documentIndexOfField, type Problem, type RequirementResult } from '../../../../shared/evaluation';
import type { ClaimDetail, ClaimEvaluationView, FileGrant, ImportRejection } from '../../../../shared/ipc';
import { CLAIM_STATUS_LABELS, isReadOnlyStatus } from '../../../../shared/lifecycle';
import { SOURCES_NOTE } from '../../../../shared/rules';
import { Reminders } from './Reminders';
import { call } from '../../api';
import { useApp } from '../../app-context';
import { BringListButton } from '../../components/BringListSheet';
import { DropProgress, type FileDrop } from '../../components/useFileDrop';
import { OtherMaterials } from './OtherMaterials';
import { RequirementItem } from './RequirementItem';

export function ChecklistPanel({
  detail,
  report,
  rulesMissing,
  drop,
  onChanged,
}: {
  detail: ClaimDetail;
  report: ClaimEvaluationView | null;
  rulesMissing: boolean;
  /** The editor's one drop state (a stack dropped above and an item's drop never run at once). */
  drop: FileDrop;
  onChanged(): Promise<void>;
}) {
  const { tr, notifyError } = useApp();
  const { claim, documents, confirmations } = detail;
  const claimId = claim.id;
  const locked = isReadOnlyStatus(claim.status);
  const importing = drop.busy;
  const dropNotes = drop.notes;

  const runDrop = drop.run;
  const importFiles = useCallback(
    (kind: DocumentKind, target: string, files: FileGrant[]) =>
      runDrop(target, async () => {
        const doc = await call('importDocument', { claimId, kind, files: files.map((f) => f.token) });
        const failed = doc.pages.filter(
          (p) => (p.quality as { verdict?: string } | null)?.verdict === 'fail',
        ).length;
        const lines = [
          tr(`已添加 ${doc.pages.length} 个文件`, `Added ${doc.pages.length} file(s)`),
          ...doc.rejected.map((r: ImportRejection) => tr(r.reason, r.reasonEn)),
          ...(failed > 0
            ? [
                tr(
                  `${failed} 张照片没通过检查，请看红框处并重拍`,
                  `${failed} photo(s) failed the check; see the red box and retake`,
                ),
              ]
            : []),
        ];
        await onChanged();
        return { kind: doc.rejected.length > 0 || failed > 0 ? 'error' : 'ok', lines };
      }).then(() => undefined),
    [claimId, onChanged, tr, runDrop],
  );

  async function tickRequested(itemId: number, done: boolean) {
    try {
      await call('setRequestedItemDone', { itemId, done });
      await onChanged();
    } catch (err) {
      notifyError(err);
    }
  }

  const claimedKinds = new Set<string>();
  report?.requirements.forEach((r) => r.kinds.forEach((k) => claimedKinds.add(k)));
  const otherDocs = documents.filter((d) => !claimedKinds.has(d.kind));
  // Where a paper can be moved: the kinds this claim's checklist asks for first, then every other kind.
  const placeKinds = [
    ...DOCUMENT_KINDS.filter((k) => claimedKinds.has(k)),
    ...DOCUMENT_KINDS.filter((k) => !claimedKinds.has(k) && k !== 'other'),
  ];
  // Pages the reader could not place: offered on every item still missing a paper (a photo found to hold
  // no paper at all is not offered: it is to be retaken or removed).
  const unplaced = otherDocs
    .filter((d) => d.kind === 'other')
    .flatMap((d) => d.pages)
    .filter((p) => !p.facts?.quality?.findings.some((f) => f.code === 'not_a_paper'))
    .map((p) => ({ pageId: p.id, name: p.originalName }));

  // A problem about one paper is shown on that paper's checklist item; the rest above the checklist.
  const docProblems = (r: RequirementResult): Problem[] =>
    report?.problems.filter((p) => {
      const i = documentIndexOfField(p.field);
      return i !== null && (r.documents ?? []).includes(i);
    }) ?? [];
  const claimedProblemDocs = new Set(report?.requirements.flatMap((r) => r.documents ?? []) ?? []);
  const generalProblems =
    report?.problems.filter((p) => {
      const i = documentIndexOfField(p.field);
      return i === null || !claimedProblemDocs.has(i);
    }) ?? [];

  return (
    <section className="panel" aria-labelledby="checklist-title">
      <div className="row">
        <h2 id="checklist-title">{tr('材料清单', 'Checklist')}</h2>
        <BringListButton source={{ claimId }} />
        {report && (
          // The engine's one verdict and the one tally the board, the .xlsx list and the bundle's cover give.
          <span
            className={report.tally.ready ? 'pill complete' : 'pill incomplete'}
            data-testid="checklist-state"
            title={tr(report.tally.words.zh, report.tally.words.en)}
          >
            {tr(report.tally.short.zh, report.tally.short.en)}
          </span>
        )}
      </div>
      {report && !report.tally.ready && (
        // Which items are missing and which need attention, in the words the board and the bundle use.
        <p className="tally-words">{tr(report.tally.words.zh, report.tally.words.en)}</p>
      )}
      {locked && (
        <p className="locked-note" role="note">
          {tr(
            `此报销单已是“${CLAIM_STATUS_LABELS[claim.status].zh}”，只能查看。如需修改，请在右侧点“重新打开”。`,
            `This claim is ${CLAIM_STATUS_LABELS[claim.status].en.toLowerCase()} and read-only. Reopen it to make changes.`,
          )}
        </p>
      )}
      <DropProgress progress={drop.progress} verb={['正在检查', 'Checking']} />
      {generalProblems.length > 0 && (
        <ul className="problems" aria-label={tr('需要注意的问题', 'Problems')}>
          {generalProblems.map((p, i) => (
            <li key={i} className={p.severity} data-code={p.code}>
              {tr(p.message, p.messageEn ?? p.message)}
              {p.source && (
                <span className="source">
                  {' '}
                  {tr('依据：', 'Source: ')}
                  {tr(p.source, p.sourceEn ?? p.source)}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      {rulesMissing && (
        <p className="muted">
          {tr(
            '材料清单功能尚未安装：可以先按类型添加材料。',
            'The checklist engine is not installed; add materials by kind.',
          )}
        </p>
      )}
      {detail.requestedItems.length > 0 && (
        <section className="requested" aria-labelledby="requested-title">
          <h3 id="requested-title">{tr('审核要求补充', 'Asked for by the office')}</h3>
          <ul>
            {detail.requestedItems.map((item) => (
              <li key={item.id} className={item.doneAt ? 'done' : 'open'}>
                <label className="check">
                  <input
                    type="checkbox"
                    checked={item.doneAt !== null}
                    disabled={locked}
                    onChange={(e) => void tickRequested(item.id, e.target.checked)}
                  />
                  {item.text}
                </label>
                <span className={item.doneAt ? 'pill complete' : 'pill incomplete'}>
                  {item.doneAt ? tr('已补齐', 'Done') : tr('待补', 'To do')}
                </span>
              </li>
            ))}
          </ul>
          <p className="muted">
            {tr(
              '补来的材料请加在下面“其他材料”里，备齐后勾上。',
              'Add the papers under "Other materials" below, then tick the item.',
            )}
          </p>
        </section>
      )}
      <ol className="requirements">
        {report?.requirements
          .filter((r) => !r.id.startsWith('requested-'))
          .map((r) => (
            <RequirementItem
              key={r.id}
              requirement={r}
              documents={documents.filter((d) => r.kinds.includes(d.kind))}
              confirmable={report.confirmable.find((c) => c.requirementId === r.id) ?? null}
              confirmations={confirmations}
              busy={importing === r.id}
              locked={locked}
              problems={docProblems(r)}
              unplaced={r.status === 'missing' && !locked ? unplaced : []}
              dropNotes={dropNotes?.target === r.id ? dropNotes : null}
              onFiles={(kind, files) => importFiles(kind, r.id, files)}
              onChanged={onChanged}
            />
          ))}
      </ol>
      {report?.reminders && report.reminders.length > 0 && (
        <Reminders
          reminders={report.reminders}
          pledge={{ claimId, signed: detail.pledgeSigned, locked }}
          onChanged={onChanged}
        />
      )}
      {report && <p className="source sources-note">{tr(SOURCES_NOTE.zh, SOURCES_NOTE.en)}</p>}
      <OtherMaterials
        documents={otherDocs}
        placeKinds={placeKinds}
        busy={importing === 'other'}
        locked={locked}
        dropNotes={dropNotes?.target === 'other' ? dropNotes : null}
        onFiles={(kind, files) => importFiles(kind, 'other', files)}
        onChanged={onChanged}
      />
    </section>
  );
}

// The claim editor: the answers (editable), the live checklist from the rule engine with each item's reason
// and source, the pages dropped onto each item, the status timeline, and export.
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  CARE_SETTING_LABELS,
  DOCUMENT_KIND_LABELS,
  DOCUMENT_KINDS,
  FILING_TYPE_LABELS,
  APPLICANT_RELATION_LABELS,
  type DocumentKind,
} from '../../../shared/domain';
import {
  documentIndexOfField,
  isReadyToSubmit,
  type Problem,
  type RequirementResult,
} from '../../../shared/evaluation';
import { SOURCES_NOTE } from '../../../shared/rules';
import type {
  ClaimDetail,
  ClaimEvaluationView,
  ConfirmableRequirement,
  DocumentConfirmation,
  FileGrant,
  ImportRejection,
} from '../../../shared/ipc';
import {
  CLAIM_STATUS_LABELS,
  CLAIM_TRANSITIONS,
  PRE_SUBMISSION_STATUSES,
  isReadOnlyStatus,
  type ClaimStatus,
} from '../../../shared/lifecycle';
import type { ClaimDocument } from '../../../shared/schemas';
import type { StackPlacement } from '../../../shared/stack';
import { maskIdNumber } from '../../../shared/validators';
import { ApiError, call } from '../api';
import { useApp } from '../app-context';
import { ClaimForm } from '../components/ClaimForm';
import { DropZone } from '../components/DropZone';
import { ExportPanel } from '../components/ExportPanel';
import { PageTile } from '../components/PageTile';
import { StackDrop } from '../components/StackDrop';
import { ClaimCamera } from '../components/camera';
import { StatusChangeForm, type StatusFacts } from '../components/StatusChangeForm';
import { usePageViewer } from '../components/PageViewer';
import { BringListButton } from '../components/BringListSheet';
import { FieldPanel, PageMarksContext, type PageMark } from '../components/FieldPanel';
import { DropNotesView, DropProgress, useFileDrop, type DropNotes } from '../components/useFileDrop';
import { formatYuan } from '../../../shared/money';
import { formatDateTime } from '../format';

const STATUS_TEXT: Record<RequirementResult['status'], { zh: string; en: string }> = {
  satisfied: { zh: '已齐', en: 'Done' },
  missing: { zh: '缺少', en: 'Missing' },
  needs_attention: { zh: '需处理', en: 'Needs attention' },
};
/** The app-made pledge waiting for a hand signature is neither done nor a fault. */
const PENDING_TEXT = { signature: { zh: '打印后签名', en: 'Sign after printing' } } as const;

export function ClaimEditor({
  claimId,
  stack,
}: {
  claimId: number;
  /** Where the papers dropped on 新建报销 went, listed with their selects (unrecognised ones: 请选择). */
  stack?: StackPlacement[] | undefined;
}) {
  const { tr, notifyError, notify, go, info, settings } = useApp();
  const [detail, setDetail] = useState<ClaimDetail | null>(null);
  const [report, setReport] = useState<ClaimEvaluationView | null>(null);
  const [rulesMissing, setRulesMissing] = useState(false);
  const [editing, setEditing] = useState(false);
  // The status change being asked about (its day, note, what was asked for), before it is made.
  const [moving, setMoving] = useState<ClaimStatus | null>(null);
  const [movingBusy, setMovingBusy] = useState(false);
  // The drop on a checklist item: busy target, progress, and what it left out (or why it failed).
  const drop = useFileDrop();
  const importing = drop.busy;
  const dropNotes = drop.notes;
  // The edit form opens where the person is looking: scrolled into view, focus on its first question.
  const answersRef = useRef<HTMLElement | null>(null);
  useEffect(() => {
    if (!editing) return;
    const form = answersRef.current?.querySelector('form');
    form?.scrollIntoView({ block: 'start' });
    form?.querySelector<HTMLElement>('select, input')?.focus();
  }, [editing]);

  // Bumping the version reloads the claim and its checklist; each answer is dropped if a newer load started.
  const [version, setVersion] = useState(0);
  const reload = useCallback(async () => setVersion((v) => v + 1), []);
  useEffect(() => {
    let live = true;
    call('getClaim', { id: claimId }).then(
      (d) => live && setDetail(d),
      (err: unknown) => live && notifyError(err),
    );
    call('evaluateClaim', { id: claimId }).then(
      (r) => {
        if (!live) return;
        setReport(r);
        setRulesMissing(false);
      },
      (err: unknown) => {
        if (!live) return;
        if (err instanceof ApiError && err.error.code === 'unavailable') setRulesMissing(true);
        else if (!(err instanceof ApiError && err.error.code === 'not_found')) notifyError(err);
      },
    );
    return () => {
      live = false;
    };
  }, [claimId, version, notifyError]);

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
        await reload();
        return { kind: doc.rejected.length > 0 || failed > 0 ? 'error' : 'ok', lines };
      }).then(() => undefined),
    [claimId, reload, tr, runDrop],
  );

  if (!detail) return <p className="empty">{tr('正在打开…', 'Opening…')}</p>;
  const { claim, documents, history, claimant, confirmations } = detail;
  const f = claim.fields;

  const claimedKinds = new Set<string>();
  report?.requirements.forEach((r) => r.kinds.forEach((k) => claimedKinds.add(k)));
  const otherDocs = documents.filter((d) => !claimedKinds.has(d.kind));

  async function move(to: ClaimStatus, facts: StatusFacts) {
    setMovingBusy(true);
    try {
      await call('transitionClaim', { id: claimId, to, ...facts });
      notify(
        'success',
        tr(`状态已改为“${CLAIM_STATUS_LABELS[to].zh}”`, `Status: ${CLAIM_STATUS_LABELS[to].en}`),
      );
      setMoving(null);
      await reload();
    } catch (err) {
      notifyError(err);
    } finally {
      setMovingBusy(false);
    }
  }

  async function tickRequested(itemId: number, done: boolean) {
    try {
      await call('setRequestedItemDone', { itemId, done });
      await reload();
    } catch (err) {
      notifyError(err);
    }
  }

  // One verdict, the engine's: the pill, the 材料齐全 button, the export and the bundle's cover all read it.
  const ready = report ? isReadyToSubmit(report) : false;
  const missing = report?.requirements.filter((r) => r.status === 'missing').length ?? 0;
  const attention = report?.requirements.filter((r) => r.status === 'needs_attention').length ?? 0;
  const locked = isReadOnlyStatus(claim.status);
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
  const errorsElsewhere = generalProblems.filter((p) => p.severity === 'error').length;
  // Printed values a problem compares, by the page they are on (document indexes follow listDocuments order).
  const pageMarks = new Map<number, PageMark[]>();
  for (const p of report?.problems ?? [])
    for (const m of p.marks ?? []) {
      const pageId = documents[m.document]?.pages[m.page]?.id;
      if (pageId === undefined) continue;
      pageMarks.set(pageId, [
        ...(pageMarks.get(pageId) ?? []),
        { ...m, message: tr(p.message, p.messageEn ?? p.message), severity: p.severity },
      ]);
    }
  return (
    <PageMarksContext.Provider value={pageMarks}>
      <section aria-labelledby="claim-title" className="editor">
        <header className="page-header row">
          <div>
            <button type="button" className="link back" onClick={() => go({ screen: 'board' })}>
              ← {tr('返回报销单', 'Back to claims')}
            </button>
            <h1 id="claim-title">
              {claim.claimantName} · {f.hospital}
            </h1>
            <p className="lead">
              <span className="mono">{claim.reference}</span> ·{' '}
              {tr(CARE_SETTING_LABELS[f.careSetting].zh, CARE_SETTING_LABELS[f.careSetting].en)}
              {f.crossRegion
                ? ` · ${tr('异地', 'Cross-region')}${tr('：', ': ')}${tr(FILING_TYPE_LABELS[f.crossRegion.filingType].zh, FILING_TYPE_LABELS[f.crossRegion.filingType].en)}`
                : ''}{' '}
              ·{' '}
              <span className={`status status-${claim.status}`}>
                {tr(CLAIM_STATUS_LABELS[claim.status].zh, CLAIM_STATUS_LABELS[claim.status].en)}
              </span>
            </p>
          </div>
          {report?.deadline && PRE_SUBMISSION_STATUSES.includes(claim.status) && (
            <div
              className={
                report.deadline.daysLeft < 0
                  ? 'deadline-box overdue'
                  : report.problems.some((p) => p.code === 'deadline_near')
                    ? 'deadline-box due-soon'
                    : 'deadline-box'
              }
              title={report.deadline.source}
            >
              <div className="deadline-days">
                {report.deadline.daysLeft < 0
                  ? tr(`逾期 ${-report.deadline.daysLeft} 天`, `${-report.deadline.daysLeft} d overdue`)
                  : tr(`还剩 ${report.deadline.daysLeft} 天`, `${report.deadline.daysLeft} days left`)}
              </div>
              <div className="muted">
                {tr(`提交截止 ${report.deadline.date}`, `Submit by ${report.deadline.date}`)}
              </div>
            </div>
          )}
        </header>

        <div className="editor-grid">
          <div className="editor-main">
            {!locked && (
              <StackDrop
                claimId={claimId}
                disabled={importing !== null}
                onChanged={reload}
                initialPlaced={stack}
              />
            )}
            {!locked && <ClaimCamera claimId={claimId} disabled={importing !== null} onChanged={reload} />}
            <section className="panel" aria-labelledby="answers-title" ref={answersRef}>
              <div className="row">
                <h2 id="answers-title">{tr('基本情况', 'The answers')}</h2>
                {!locked && (
                  <button type="button" onClick={() => setEditing((e) => !e)} aria-expanded={editing}>
                    {editing ? tr('收起', 'Close') : tr('修改', 'Edit')}
                  </button>
                )}
              </div>
              {editing && !locked ? (
                <ClaimForm
                  initial={f}
                  submitLabel={tr('保存修改', 'Save')}
                  onCancel={() => setEditing(false)}
                  onSubmit={async (fields) => {
                    await call('updateClaim', { id: claimId, claim: fields });
                    setEditing(false);
                    notify('success', tr('已保存', 'Saved'));
                    await reload();
                  }}
                />
              ) : (
                <dl className="facts">
                  <dt>{tr('患者', 'Patient')}</dt>
                  <dd>
                    {claimant.name}
                    {tr('（', ' (')}
                    {settings.maskNumbers ? maskIdNumber(claimant.idNumber) : claimant.idNumber}
                    {tr('）', ')')} · {claimant.insuredRegion}
                  </dd>
                  <dt>{tr('办理人', 'Applicant')}</dt>
                  <dd>
                    {f.applicant.relation === 'self'
                      ? tr('本人', 'The patient')
                      : `${f.applicant.name}${tr('（', ' (')}${tr(APPLICANT_RELATION_LABELS[f.applicant.relation].zh, APPLICANT_RELATION_LABELS[f.applicant.relation].en)}${tr('）', ')')}`}
                  </dd>
                  <dt>{tr('就医', 'Care')}</dt>
                  <dd>
                    {f.treatmentRegion} ·{' '}
                    {f.careSetting === 'inpatient' ? `${f.admissionDate} → ${f.dischargeDate}` : f.visitDate}
                  </dd>
                  {f.totalAmount !== null && (
                    <>
                      <dt>{tr('金额', 'Amount')}</dt>
                      <dd>{formatYuan(f.totalAmount)}</dd>
                    </>
                  )}
                </dl>
              )}
            </section>

            <section className="panel" aria-labelledby="checklist-title">
              <div className="row">
                <h2 id="checklist-title">{tr('材料清单', 'Checklist')}</h2>
                <BringListButton source={{ claimId }} />
                {report && (
                  <span className={ready ? 'pill complete' : 'pill incomplete'} data-testid="checklist-state">
                    {ready
                      ? tr('可以提交', 'Ready to hand in')
                      : [
                          missing > 0 ? tr(`缺 ${missing} 项`, `${missing} missing`) : '',
                          attention > 0 ? tr(`${attention} 项需处理`, `${attention} need attention`) : '',
                          errorsElsewhere > 0
                            ? tr(`${errorsElsewhere} 个问题`, `${errorsElsewhere} problem(s)`)
                            : '',
                        ]
                          .filter(Boolean)
                          .join(tr('，', ', ')) || tr('还不能提交', 'Not ready')}
                  </span>
                )}
              </div>
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
                    <Requirement
                      key={r.id}
                      requirement={r}
                      documents={documents.filter((d) => r.kinds.includes(d.kind))}
                      confirmable={report.confirmable.find((c) => c.requirementId === r.id) ?? null}
                      confirmations={confirmations}
                      pledge={
                        r.kinds.includes('integrity_pledge') ? { claimId, signed: detail.pledgeSigned } : null
                      }
                      busy={importing === r.id}
                      locked={locked}
                      problems={docProblems(r)}
                      dropNotes={dropNotes?.target === r.id ? dropNotes : null}
                      onFiles={(kind, files) => importFiles(kind, r.id, files)}
                      onChanged={reload}
                    />
                  ))}
              </ol>
              {report && <p className="source sources-note">{tr(SOURCES_NOTE.zh, SOURCES_NOTE.en)}</p>}
              <OtherMaterials
                documents={otherDocs}
                busy={importing === 'other'}
                locked={locked}
                dropNotes={dropNotes?.target === 'other' ? dropNotes : null}
                onFiles={(kind, files) => importFiles(kind, 'other', files)}
                onChanged={reload}
              />
            </section>
          </div>

          <aside className="editor-side">
            <ExportPanel
              claimId={claimId}
              complete={ready}
              exportAvailable={info?.features.export ?? false}
            />
            <section className="panel" aria-labelledby="timeline-title">
              <h2 id="timeline-title">{tr('进度', 'Status')}</h2>
              <div className="transitions">
                {CLAIM_TRANSITIONS[claim.status].map((to) => (
                  <button
                    key={to}
                    type="button"
                    className={to === 'ready' || to === 'submitted' ? 'primary' : undefined}
                    disabled={to === 'ready' && !ready}
                    title={
                      to === 'ready' && !ready
                        ? tr(
                            '清单全部合格、没有待解决的问题后才能标记',
                            'Only when the checklist is complete and clean',
                          )
                        : undefined
                    }
                    aria-expanded={moving === to}
                    onClick={() => setMoving(moving === to ? null : to)}
                  >
                    {locked && to === 'draft'
                      ? tr('重新打开', 'Reopen')
                      : tr(`改为“${CLAIM_STATUS_LABELS[to].zh}”`, `Mark ${CLAIM_STATUS_LABELS[to].en}`)}
                  </button>
                ))}
              </div>
              {moving && (
                <StatusChangeForm
                  key={moving}
                  to={moving}
                  earliest={earliestDay(claim.createdAt, info?.today)}
                  busy={movingBusy}
                  onSubmit={(facts) => void move(moving, facts)}
                  onCancel={() => setMoving(null)}
                />
              )}
              <ol className="timeline" aria-label={tr('状态记录', 'Status history')}>
                {history
                  .slice()
                  .reverse()
                  .map((h, i) => (
                    <li key={i}>
                      <span className={`status status-${h.to}`}>
                        {tr(CLAIM_STATUS_LABELS[h.to].zh, CLAIM_STATUS_LABELS[h.to].en)}
                      </span>
                      <span>{h.happenedOn}</span>
                      <span className="muted" title={tr('记录时间', 'Recorded')}>
                        {tr('记录于 ', 'recorded ')}
                        {formatDateTime(h.changedAt)}
                      </span>
                      {h.note && <span className="note">{h.note}</span>}
                    </li>
                  ))}
              </ol>
            </section>
          </aside>
        </div>
      </section>
    </PageMarksContext.Provider>
  );
}

function DocumentPages({
  doc,
  onChanged,
  locked,
}: {
  doc: ClaimDocument;
  onChanged(): Promise<void>;
  locked: boolean;
}) {
  const viewer = usePageViewer(doc.pages, doc.kind);
  return (
    <div className="pages">
      {doc.pages.map((p, i) => (
        <PageTile
          key={p.id}
          page={p}
          index={i}
          count={doc.pages.length}
          onChanged={onChanged}
          readOnly={locked}
          onOpen={() => viewer.open(i)}
        />
      ))}
      {viewer.element}
      {doc.pages.map((p) => (
        <FieldPanel key={`fields-${p.id}`} page={p} kind={doc.kind} readOnly={locked} onChanged={onChanged} />
      ))}
    </div>
  );
}

/**
 * The person's own check of the paper for what a photo can't prove (the 急诊 words when OCR could not read
 * them): stored per document, it settles the requirement's check; unticking puts the check back.
 */
function ConfirmOnDocument({
  doc,
  confirmable,
  confirmed,
  ordinal,
  onChanged,
}: {
  doc: ClaimDocument;
  confirmable: ConfirmableRequirement;
  confirmed: boolean;
  ordinal: number | null;
  onChanged(): Promise<void>;
}) {
  const { tr, notifyError } = useApp();
  const [saving, setSaving] = useState(false);
  async function toggle(next: boolean) {
    setSaving(true);
    try {
      await call('confirmDocument', { documentId: doc.id, check: confirmable.check, confirmed: next });
      await onChanged();
    } catch (err) {
      notifyError(err);
    } finally {
      setSaving(false);
    }
  }
  return (
    <label className="confirm-check" data-confirm={confirmable.check} data-document={doc.id}>
      <input
        type="checkbox"
        checked={confirmed}
        disabled={saving}
        onChange={(e) => void toggle(e.target.checked)}
      />
      <span>
        {tr(confirmable.label, confirmable.labelEn)}
        {ordinal !== null && (
          <span className="muted">{tr(`（第 ${ordinal} 份）`, ` (copy ${ordinal})`)}</span>
        )}
      </span>
    </label>
  );
}

/** The pledge is signed by hand on the printout: the person says so here (or attaches the signed scan). */
function PledgeSigned({
  claimId,
  signed,
  onChanged,
}: {
  claimId: number;
  signed: boolean;
  onChanged(): Promise<void>;
}) {
  const { tr, notifyError } = useApp();
  const [saving, setSaving] = useState(false);
  async function toggle(next: boolean) {
    setSaving(true);
    try {
      await call('markPledgeSigned', { id: claimId, signed: next });
      await onChanged();
    } catch (err) {
      notifyError(err);
    } finally {
      setSaving(false);
    }
  }
  return (
    <label className="confirm-check" data-confirm="pledge_signed">
      <input
        type="checkbox"
        checked={signed}
        disabled={saving}
        onChange={(e) => void toggle(e.target.checked)}
      />
      <span>{tr('申请人已在打印的承诺书上签名', 'The applicant has signed the printed pledge')}</span>
    </label>
  );
}

function Requirement({
  requirement: r,
  documents,
  confirmable,
  confirmations,
  pledge,
  busy,
  locked,
  problems,
  dropNotes,
  onFiles,
  onChanged,
}: {
  requirement: RequirementResult;
  /** Only on the 诚信承诺书 item: the claim and whether it is marked signed. */
  pledge: { claimId: number; signed: boolean } | null;
  documents: ClaimDocument[];
  confirmable: ConfirmableRequirement | null;
  confirmations: readonly DocumentConfirmation[];
  busy: boolean;
  locked: boolean;
  /** The engine's problems about this item's papers (duplicate invoice, failed photo). */
  problems: Problem[];
  dropNotes: DropNotes | null;
  onFiles(kind: DocumentKind, files: FileGrant[]): Promise<void>;
  onChanged(): Promise<void>;
}) {
  const { tr } = useApp();
  const kinds = r.kinds.filter((k): k is DocumentKind => (DOCUMENT_KINDS as readonly string[]).includes(k));
  const [kind, setKind] = useState<DocumentKind>(kinds[0] ?? 'other');
  const title = tr(
    r.title ?? kinds.map((k) => DOCUMENT_KIND_LABELS[k].zh).join(' / '),
    r.titleEn ?? kinds.map((k) => DOCUMENT_KIND_LABELS[k].en).join(' / '),
  );
  const statusText = r.pending ? PENDING_TEXT[r.pending] : STATUS_TEXT[r.status];
  // The engine may count a paper as present while one of its photos still failed a check: say so here too.
  const failing = documents.reduce(
    (n, d) =>
      n + d.pages.filter((p) => (p.quality as { verdict?: string } | null)?.verdict === 'fail').length,
    0,
  );
  return (
    <li
      className={`requirement req-${r.status}`}
      data-requirement={r.id}
      data-status={r.status}
      data-pending={r.pending}
    >
      <div className="req-head">
        <span className={`req-status ${r.pending ? `pending-${r.pending}` : r.status}`}>
          {tr(statusText.zh, statusText.en)}
        </span>
        <h3>{title}</h3>
        {failing > 0 && <span className="req-flag">{tr(`${failing} 张需重拍`, `${failing} to retake`)}</span>}
        {kinds.length > 1 && (
          <label className="kind-select">
            <span className="sr-only">{tr('材料类型', 'Kind')}</span>
            <select value={kind} onChange={(e) => setKind(e.target.value as DocumentKind)}>
              {kinds.map((k) => (
                <option key={k} value={k}>
                  {tr(DOCUMENT_KIND_LABELS[k].zh, DOCUMENT_KIND_LABELS[k].en)}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <p className="reason">{tr(r.reason, r.reasonEn ?? r.reason)}</p>
      {problems.filter((p) => !r.reason.includes(p.message)).length > 0 && (
        <ul className="problems req-problems">
          {problems
            .filter((p) => !r.reason.includes(p.message))
            .map((p, i) => (
              <li key={i} className={p.severity} data-code={p.code}>
                {tr(p.message, p.messageEn ?? p.message)}
              </li>
            ))}
        </ul>
      )}
      <p className="source">
        {tr('依据：', 'Source: ')}
        {tr(r.source, r.sourceEn ?? r.source)}
      </p>
      {pledge && <PledgeSigned claimId={pledge.claimId} signed={pledge.signed} onChanged={onChanged} />}
      {documents.map((d, i) => (
        <div key={d.id} className="req-document">
          {confirmable && (
            <ConfirmOnDocument
              doc={d}
              confirmable={confirmable}
              confirmed={confirmations.some((c) => c.documentId === d.id && c.check === confirmable.check)}
              ordinal={documents.length > 1 ? i + 1 : null}
              onChanged={onChanged}
            />
          )}
          <DocumentPages doc={d} onChanged={onChanged} locked={locked} />
        </div>
      ))}
      {!locked && !r.providedByApp && (
        <DropZone
          label={tr(`把“${title}”拖到这里`, `Drop "${title}" here`)}
          disabled={busy}
          onFiles={(files) => onFiles(kind, files)}
        />
      )}
      <DropNotesView notes={dropNotes} />
    </li>
  );
}

function OtherMaterials({
  documents,
  busy,
  locked,
  dropNotes,
  onFiles,
  onChanged,
}: {
  documents: ClaimDocument[];
  busy: boolean;
  locked: boolean;
  dropNotes: DropNotes | null;
  onFiles(kind: DocumentKind, files: FileGrant[]): Promise<void>;
  onChanged(): Promise<void>;
}) {
  const { tr } = useApp();
  const [kind, setKind] = useState<DocumentKind>('other');
  return (
    <div className="other-materials">
      <h3>{tr('其他材料', 'Other materials')}</h3>
      {documents.map((d) => (
        <div key={d.id} className="other-doc">
          {/* The heading already says 其他材料: name only the kinds that say more. */}
          {d.kind !== 'other' && (
            <div className="muted">
              {tr(DOCUMENT_KIND_LABELS[d.kind].zh, DOCUMENT_KIND_LABELS[d.kind].en)}
            </div>
          )}
          <DocumentPages doc={d} onChanged={onChanged} locked={locked} />
        </div>
      ))}
      {!locked && (
        <>
          <div className="row">
            <label>
              {tr('类型', 'Kind')}{' '}
              <select value={kind} onChange={(e) => setKind(e.target.value as DocumentKind)}>
                {DOCUMENT_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {tr(DOCUMENT_KIND_LABELS[k].zh, DOCUMENT_KIND_LABELS[k].en)}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <DropZone
            label={tr('添加其他材料', 'Add other material')}
            disabled={busy}
            onFiles={(files) => onFiles(kind, files)}
          />
        </>
      )}
      <DropNotesView notes={dropNotes} />
    </div>
  );
}

/** The earliest day a status change may give: the claim's creation day (no later than main's today). */
function earliestDay(createdAt: string, today: string | undefined): string {
  const d = new Date(createdAt);
  const p = (x: number) => String(x).padStart(2, '0');
  const day = `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
  return today && today < day ? today : day;
}

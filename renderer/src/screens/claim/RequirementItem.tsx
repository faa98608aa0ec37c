// One item of the checklist: its status (已齐 / 缺少 / 需处理 / 打印后签名), what to bring and why with its
// source, the problems about its papers, the person's own checks (急诊 words), its papers'
// pages, and the zone to drop more of them on.
import { useState } from 'react';
import { DOCUMENT_KIND_LABELS, DOCUMENT_KINDS, type DocumentKind } from '../../../../shared/domain';
import type { Problem, RequirementResult } from '../../../../shared/evaluation';
import type { ConfirmableRequirement, DocumentConfirmation, FileGrant } from '../../../../shared/ipc';
import type { ClaimDocument } from '../../../../shared/schemas';
import { call } from '../../api';
import { useApp } from '../../app-context';
import { DropZone } from '../../components/DropZone';
import { EnumSelect } from '../../components/EnumSelect';
import { DropNotesView, type DropNotes } from '../../components/useFileDrop';
import { DocumentPages } from './DocumentPages';
import { usePlacePage } from './usePlacePage';

const STATUS_TEXT: Record<RequirementResult['status'], { zh: string; en: string }> = {
  satisfied: { zh: '已齐', en: 'Done' },
  missing: { zh: '缺少', en: 'Missing' },
  needs_attention: { zh: '需处理', en: 'Needs attention' },
};
/** Reports made before the pledge became a reminder may still say it waits for a signature. */
const PENDING_TEXT = { signature: { zh: '打印后签名', en: 'Sign after printing' } } as const;

export function RequirementItem({
  requirement: r,
  documents,
  confirmable,
  confirmations,
  busy,
  locked,
  problems,
  unplaced = [],
  dropNotes,
  onFiles,
  onChanged,
}: {
  requirement: RequirementResult;
  documents: ClaimDocument[];
  confirmable: ConfirmableRequirement | null;
  confirmations: readonly DocumentConfirmation[];
  busy: boolean;
  locked: boolean;
  /** The engine's problems about this item's papers (duplicate invoice, failed photo). */
  problems: Problem[];
  /** Papers the reader could not place (in 其他材料), offered here while this item is missing. */
  unplaced?: ReadonlyArray<{ pageId: number; name: string }>;
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
  const ownProblems = problems.filter((p) => !r.reason.includes(p.message));
  const placing = usePlacePage(onChanged);
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
            <EnumSelect
              options={kinds}
              labels={DOCUMENT_KIND_LABELS}
              value={kind}
              onChange={(k) => k && setKind(k)}
            />
          </label>
        )}
      </div>
      <p className="reason">{tr(r.reason, r.reasonEn ?? r.reason)}</p>
      {ownProblems.length > 0 && (
        <ul className="problems req-problems">
          {ownProblems.map((p, i) => (
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
      {unplaced.length > 0 && (
        <div className="unplaced-offer">
          <span>
            {tr(
              '其他材料里有没认出的材料，如果是这一项：',
              'Unrecognised papers wait in Other materials; if one is this:',
            )}
          </span>
          {unplaced.map((u) => (
            <button
              key={u.pageId}
              type="button"
              disabled={placing.busy !== null}
              onClick={() => void placing.place(u.pageId, kind)}
            >
              {tr(`把“${u.name}”放到这一项`, `Put "${u.name}" here`)}
            </button>
          ))}
        </div>
      )}
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

/** A tick box stored by one call; unticking calls again with false. */
function useStoredTick(save: (next: boolean) => Promise<unknown>, onChanged: () => Promise<void>) {
  const { notifyError } = useApp();
  const [saving, setSaving] = useState(false);
  async function toggle(next: boolean) {
    setSaving(true);
    try {
      await save(next);
      await onChanged();
    } catch (err) {
      notifyError(err);
    } finally {
      setSaving(false);
    }
  }
  return { saving, toggle };
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
  const { tr } = useApp();
  const tick = useStoredTick(
    (next) => call('confirmDocument', { documentId: doc.id, check: confirmable.check, confirmed: next }),
    onChanged,
  );
  return (
    <label className="confirm-check" data-confirm={confirmable.check} data-document={doc.id}>
      <input
        type="checkbox"
        checked={confirmed}
        disabled={tick.saving}
        onChange={(e) => void tick.toggle(e.target.checked)}
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
export function PledgeSigned({
  claimId,
  signed,
  onChanged,
}: {
  claimId: number;
  signed: boolean;
  onChanged(): Promise<void>;
}) {
  const { tr } = useApp();
  const tick = useStoredTick((next) => call('markPledgeSigned', { id: claimId, signed: next }), onChanged);
  return (
    <label className="confirm-check" data-confirm="pledge_signed">
      <input
        type="checkbox"
        checked={signed}
        disabled={tick.saving}
        onChange={(e) => void tick.toggle(e.target.checked)}
      />
      <span>
        {tr(
          '到窗口提交：申请人已在打印的承诺书页上签名',
          'At a counter: the applicant has signed the printed pledge page',
        )}
      </span>
    </label>
  );
}

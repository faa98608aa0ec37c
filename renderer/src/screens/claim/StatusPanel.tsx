// 进度: the moves the life cycle allows from the claim's status (材料齐全 only on the engine's verdict), the
// facts asked before a move (StatusChangeForm), and the status history, newest first.
import { useState } from 'react';
import type { ClaimDetail } from '../../../../shared/ipc';
import {
  CLAIM_STATUS_LABELS,
  CLAIM_TRANSITIONS,
  isReadOnlyStatus,
  type ClaimStatus,
} from '../../../../shared/lifecycle';
import { call } from '../../api';
import { useApp } from '../../app-context';
import { StatusChangeForm, type StatusFacts } from '../../components/StatusChangeForm';
import { formatDate, formatDateTime } from '../../../../shared/dates';

export function StatusPanel({
  detail,
  ready,
  onChanged,
}: {
  detail: ClaimDetail;
  /** The engine's verdict: 材料齐全 is offered only then. */
  ready: boolean;
  onChanged(): Promise<void>;
}) {
  const { tr, notify, notifyError, info, lang: uiLang } = useApp();
  const lang = uiLang === 'en' ? 'en' : 'zh';
  const { claim, history } = detail;
  const locked = isReadOnlyStatus(claim.status);
  // The status change being asked about (its day, note, what was asked for), before it is made.
  const [moving, setMoving] = useState<ClaimStatus | null>(null);
  const [busy, setBusy] = useState(false);

  async function move(to: ClaimStatus, facts: StatusFacts) {
    setBusy(true);
    try {
      await call('transitionClaim', { id: claim.id, to, ...facts });
      notify(
        'success',
        tr(`状态已改为“${CLAIM_STATUS_LABELS[to].zh}”`, `Status: ${CLAIM_STATUS_LABELS[to].en}`),
      );
      setMoving(null);
      await onChanged();
    } catch (err) {
      notifyError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
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
          busy={busy}
          onSubmit={(facts) => void move(moving, facts)}
          onCancel={() => setMoving(null)}
        />
      )}
      {detail.processing && (
        <p
          className={detail.processing.overdue ? 'processing overdue' : 'processing'}
          data-testid="processing"
          title={detail.processing.source}
        >
          {tr(detail.processing.zh, detail.processing.en)}
        </p>
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
              <span>{formatDate(h.happenedOn, lang)}</span>
              <span className="muted" title={tr('记录时间', 'Recorded')}>
                {tr('记录于 ', 'recorded ')}
                {formatDateTime(h.changedAt, lang)}
              </span>
              {h.note && <span className="note">{h.note}</span>}
            </li>
          ))}
      </ol>
    </section>
  );
}

/** The earliest day a status change may give: the claim's creation day (no later than main's today). */
function earliestDay(createdAt: string, today: string | undefined): string {
  const d = new Date(createdAt);
  const p = (x: number) => String(x).padStart(2, '0');
  const day = `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
  return today && today < day ? today : day;
}

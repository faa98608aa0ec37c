// The editor's title block: whose claim at which hospital, its reference, care, cross-region filing and
// status, and beside it the days left to hand it in (while it has not been handed in).
import { formatDate } from '../../../../shared/dates';
import { CARE_SETTING_LABELS, FILING_TYPE_LABELS } from '../../../../shared/domain';
import type { ClaimEvaluationView } from '../../../../shared/ipc';
import { CLAIM_STATUS_LABELS, PRE_SUBMISSION_STATUSES } from '../../../../shared/lifecycle';
import type { Claim } from '../../../../shared/schemas';
import { useApp } from '../../app-context';

export function ClaimHeader({ claim, report }: { claim: Claim; report: ClaimEvaluationView | null }) {
  const { tr, go } = useApp();
  const f = claim.fields;
  return (
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
          title={tr(report.deadline.source, report.deadline.sourceEn ?? report.deadline.source)}
        >
          <div className="deadline-days">
            {report.deadline.daysLeft < 0
              ? tr(`逾期 ${-report.deadline.daysLeft} 天`, `${-report.deadline.daysLeft} d overdue`)
              : tr(`还剩 ${report.deadline.daysLeft} 天`, `${report.deadline.daysLeft} days left`)}
          </div>
          <div className="muted">
            {tr(
              `提交截止 ${formatDate(report.deadline.date, 'zh')}`,
              `Submit by ${formatDate(report.deadline.date, 'en')}`,
            )}
          </div>
        </div>
      )}
    </header>
  );
}

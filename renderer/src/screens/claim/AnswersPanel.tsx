// 基本情况: the claim's answers as facts (patient, applicant, care, amount), and the same form as a new claim
// to change them. The form opens where the person is looking: scrolled into view, focus on its first question.
import { useEffect, useRef, useState } from 'react';
import { APPLICANT_RELATION_LABELS } from '../../../../shared/domain';
import { formatYuan } from '../../../../shared/money';
import type { ClaimDetail } from '../../../../shared/ipc';
import { maskIdNumber } from '../../../../shared/validators';
import { call } from '../../api';
import { useApp } from '../../app-context';
import { ClaimForm } from '../../components/ClaimForm';

export function AnswersPanel({
  detail,
  locked,
  onChanged,
}: {
  detail: ClaimDetail;
  locked: boolean;
  onChanged(): Promise<void>;
}) {
  const { tr, notify, settings } = useApp();
  const { claim, claimant } = detail;
  const f = claim.fields;
  const [editing, setEditing] = useState(false);
  const panel = useRef<HTMLElement | null>(null);
  const toggle = useRef<HTMLButtonElement | null>(null);
  // Closing the form (saved or cancelled) puts focus back on 修改, not on the page body where it falls
  // when the focused button goes away with the form.
  const opened = useRef(false);
  useEffect(() => {
    if (!editing) {
      if (opened.current) toggle.current?.focus();
      return;
    }
    opened.current = true;
    const form = panel.current?.querySelector('form');
    form?.scrollIntoView({ block: 'start' });
    form?.querySelector<HTMLElement>('select, input')?.focus();
  }, [editing]);

  return (
    <section className="panel" aria-labelledby="answers-title" ref={panel}>
      <div className="row">
        <h2 id="answers-title">{tr('基本情况', 'The answers')}</h2>
        {!locked && (
          <button type="button" ref={toggle} onClick={() => setEditing((e) => !e)} aria-expanded={editing}>
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
            await call('updateClaim', { id: claim.id, claim: fields });
            setEditing(false);
            notify('success', tr('已保存', 'Saved'));
            await onChanged();
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
  );
}

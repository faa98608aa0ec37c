// 基本情况: the claim's answers as facts (patient, applicant, care, amount), and the same form as a new claim
// to change them. The form opens where the person is looking: scrolled into view, focus on its first question.
import { useEffect, useRef, useState } from 'react';
import { formatDate } from '../../../../shared/dates';
import { APPLICANT_RELATION_LABELS, FILING_TYPE_LABELS } from '../../../../shared/domain';
import { formatYuan } from '../../../../shared/money';
import type { ClaimDetail } from '../../../../shared/ipc';
import { maskIdNumber } from '../../../../shared/validators';
import { ApiError, call } from '../../api';
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
  const { tr, notify, settings, lang: uiLang } = useApp();
  const lang = uiLang === 'en' ? 'en' : 'zh';
  const { claim, claimant } = detail;
  const f = claim.fields;
  const [editing, setEditing] = useState(false);
  // Another desk saved this claim after the form was opened: its words (who, when), and whether the person
  // has loaded that desk's version since (then the next save is made on it).
  const [conflict, setConflict] = useState<{ message: string; reloaded: boolean } | null>(null);
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
      {editing && !locked && conflict && (
        <div className="notice notice-error edit-conflict" role="alert" data-testid="edit-conflict">
          <p>
            {conflict.reloaded
              ? tr(
                  '已载入对方保存的最新内容（见上方各项）。您填写的内容仍在下面：核对后再点“保存修改”，就会在最新内容上保存。',
                  "The other desk's latest version is loaded. Your input is still below: check it, then save again.",
                )
              : conflict.message}
          </p>
          {!conflict.reloaded && (
            <button
              type="button"
              onClick={() => {
                void onChanged().then(() => setConflict((c) => c && { ...c, reloaded: true }));
              }}
            >
              {tr('载入最新内容', 'Load the latest version')}
            </button>
          )}
        </div>
      )}
      {editing && !locked && conflict?.reloaded && <LatestFacts detail={detail} />}
      {editing && !locked ? (
        <ClaimForm
          initial={f}
          submitLabel={tr('保存修改', 'Save')}
          onCancel={() => {
            setConflict(null);
            setEditing(false);
          }}
          onSubmit={async (fields) => {
            try {
              // The version the form was made on: a save after another desk's is refused, not laid over it.
              await call('updateClaim', {
                id: claim.id,
                claim: fields,
                expectedVersion: detail.stamp?.version,
              });
            } catch (err) {
              if (!(err instanceof ApiError && err.error.code === 'stale_write')) throw err;
              // The form keeps everything typed; the person loads the other desk's version, then saves again.
              setConflict({ message: err.error.message, reloaded: false });
              return;
            }
            setConflict(null);
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
            {f.treatmentRegion} · {careDays(f, lang)}
          </dd>
          {f.crossRegion && (
            <>
              <dt>{tr('异地备案', 'Filing')}</dt>
              <dd data-testid="filing-facts">{filingFacts(f.crossRegion, tr, lang)}</dd>
            </>
          )}
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

/** What the other desk saved, shown above the form the person is still filling in (after 载入最新内容). */
function LatestFacts({ detail }: { detail: ClaimDetail }) {
  const { tr, lang: uiLang } = useApp();
  const lang = uiLang === 'en' ? 'en' : 'zh';
  const f = detail.claim.fields;
  return (
    <dl className="facts" data-testid="latest-facts">
      <dt>{tr('医院', 'Hospital')}</dt>
      <dd>{f.hospital}</dd>
      <dt>{tr('就医', 'Care')}</dt>
      <dd>
        {f.treatmentRegion} · {careDays(f, lang)}
      </dd>
      {f.totalAmount !== null && (
        <>
          <dt>{tr('金额', 'Amount')}</dt>
          <dd>{formatYuan(f.totalAmount)}</dd>
        </>
      )}
    </dl>
  );
}

/** 2026年9月1日 → 2026年9月10日, or the visit day. */
function careDays(f: ClaimDetail['claim']['fields'], lang: 'zh' | 'en'): string {
  const day = (d: string | null) => (d ? formatDate(d, lang) : '?');
  return f.careSetting === 'inpatient'
    ? `${day(f.admissionDate)} → ${day(f.dischargeDate)}`
    : day(f.visitDate);
}

/** The filing as its record gives it: type, date, at the office window, filed place, start and end. */
function filingFacts(
  c: NonNullable<ClaimDetail['claim']['fields']['crossRegion']>,
  tr: (zh: string, en: string) => string,
  lang: 'zh' | 'en',
): string {
  const parts = [
    tr(FILING_TYPE_LABELS[c.filingType].zh, FILING_TYPE_LABELS[c.filingType].en),
    c.filingDate
      ? tr(`备案日期 ${formatDate(c.filingDate, 'zh')}`, `filed ${formatDate(c.filingDate, 'en')}`)
      : '',
    c.offline ? tr('在参保地窗口办理', 'filed at the office window') : '',
    c.filedPlace ? tr(`备案就医地 ${c.filedPlace}`, `for ${c.filedPlace}`) : '',
    c.startDate || c.endDate
      ? tr(
          `有效 ${c.startDate ? formatDate(c.startDate, 'zh') : '?'}至${c.endDate ? formatDate(c.endDate, 'zh') : '?'}`,
          `valid ${c.startDate ? formatDate(c.startDate, lang) : '?'} to ${c.endDate ? formatDate(c.endDate, lang) : '?'}`,
        )
      : '',
  ];
  return parts.filter(Boolean).join(tr('，', ', '));
}

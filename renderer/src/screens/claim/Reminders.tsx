// What to do or know beside the checklist (rule pack reminders): the 诚信承诺书 ticked online, binding a
// relative's 亲情账户 first, how a filing is made. Never missing papers; the pledge keeps its "signed" mark for
// a counter submission.
import type { ReminderResult } from '../../../../shared/evaluation';
import { useApp } from '../../app-context';
import { PledgeSigned } from './RequirementItem';

/** The pledge reminder (rule pack id) carries the "signed on the printed page" mark. */
const PLEDGE_REMINDER = 'integrity-pledge';

export function Reminders({
  reminders,
  pledge,
  onChanged,
}: {
  reminders: readonly ReminderResult[];
  pledge: { claimId: number; signed: boolean; locked: boolean };
  onChanged(): Promise<void>;
}) {
  const { tr } = useApp();
  return (
    <section className="reminders" aria-labelledby="reminders-title">
      <h3 id="reminders-title">{tr('提醒（不是要交的材料）', 'Reminders (not papers to hand in)')}</h3>
      <ul>
        {reminders.map((r) => (
          <li key={r.id} data-reminder={r.id}>
            <strong>{tr(r.title, r.titleEn ?? r.title)}</strong>
            {r.done && r.doneText && (
              <span className="pill complete">{tr(r.doneText, r.doneTextEn ?? r.doneText)}</span>
            )}
            <p>{tr(r.text, r.textEn ?? r.text)}</p>
            {r.steps && r.steps.length > 0 && (
              <ol className="reminder-steps">
                {r.steps.map((st, i) => (
                  <li key={i}>{tr(st.text, st.textEn ?? st.text)}</li>
                ))}
              </ol>
            )}
            <p className="source">
              {tr('依据：', 'Source: ')}
              {tr(r.source, r.sourceEn ?? r.source)}
            </p>
            {r.id === PLEDGE_REMINDER && !pledge.locked && (
              <PledgeSigned claimId={pledge.claimId} signed={pledge.signed} onChanged={onChanged} />
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

// The facts of a status change, asked before it is made (one claim in the editor, many on the board): the day
// it happened (today unless the letter came earlier; never in the future), a note, and for 补充材料 what the
// office asked for (each line becomes a checklist item), for 未通过 why. Main checks the same rules again.
import { formatDateEn, formatDateZh } from '../../../shared/dates';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { CLAIM_STATUS_LABELS, type ClaimStatus } from '../../../shared/lifecycle';
import { useApp } from '../app-context';

export interface StatusFacts {
  date: string;
  note: string;
  requested: string[];
}

export function StatusChangeForm({
  to,
  earliest,
  busy,
  onSubmit,
  onCancel,
}: {
  to: ClaimStatus;
  /** The earliest day allowed (the claim's creation day); '' when several claims differ (main checks each). */
  earliest: string;
  busy: boolean;
  onSubmit(facts: StatusFacts): void;
  onCancel(): void;
}) {
  const { tr, info } = useApp();
  const today = info?.today ?? '';
  const [date, setDate] = useState(today);
  const [note, setNote] = useState('');
  const [requested, setRequested] = useState('');
  const [error, setError] = useState<string | null>(null);
  const first = useRef<HTMLTextAreaElement | HTMLInputElement | null>(null);
  useEffect(() => first.current?.focus(), []);
  const label = CLAIM_STATUS_LABELS[to];
  const asks = to === 'more_info_requested';
  const why = to === 'rejected';

  function submit(e: FormEvent) {
    e.preventDefault();
    const lines = requested
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    if (!date) return setError(tr('请填写日期', 'Enter the date'));
    if (today && date > today)
      return setError(tr(`日期不能晚于今天（${formatDateZh(today)}）`, 'The date cannot be in the future'));
    if (earliest && date < earliest)
      return setError(
        tr(
          `日期不能早于建立日期（${formatDateZh(earliest)}）`,
          `The date cannot be before ${formatDateEn(earliest)}`,
        ),
      );
    if (asks && lines.length === 0)
      return setError(tr('请写下要求补充什么（每行一项）', 'Say what was asked for (one per line)'));
    if (why && !note.trim()) return setError(tr('请写下未通过的原因', 'Say why it was rejected'));
    setError(null);
    onSubmit({ date, note: note.trim(), requested: lines });
  }

  return (
    <form className="status-form" onSubmit={submit} aria-label={tr(`改为“${label.zh}”`, `Mark ${label.en}`)}>
      {asks && (
        <label className="stack">
          {tr('要求补充什么？（每行一项，会加进材料清单）', 'What did they ask for? (one per line)')}
          <textarea
            ref={(el) => {
              first.current = el;
            }}
            rows={3}
            value={requested}
            onChange={(e) => setRequested(e.target.value)}
          />
        </label>
      )}
      <label className="stack">
        {why ? tr('未通过的原因', 'Why was it rejected?') : tr('备注（可不填）', 'Note (optional)')}
        <textarea
          ref={(el) => {
            if (!asks) first.current = el;
          }}
          rows={2}
          maxLength={500}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
      </label>
      <label className="stack">
        {tr('发生日期', 'Date')}
        <input
          type="date"
          value={date}
          max={today || undefined}
          min={earliest || undefined}
          onChange={(e) => setDate(e.target.value)}
        />
      </label>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {tr(`确定改为“${label.zh}”`, `Mark ${label.en}`)}
        </button>
        <button type="button" onClick={onCancel} disabled={busy}>
          {tr('取消', 'Cancel')}
        </button>
      </div>
    </form>
  );
}

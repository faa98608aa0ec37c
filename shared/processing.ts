// How long the office usually takes once a claim is handed in (003: 审核中 1-3个工作日, 打款中 2-7个工作日,
// 3-10个工作日 in all), said on status tracking, and when a claim is past it, whom to call (12393). Pure: the
// figures come from the rule pack (time.processing), the days from the claim's status history.
import { formatDate } from './dates';
import type { ClaimStatus } from './lifecycle';
import { formatSources, type ProcessingTimes, type SeedTitles } from './rules';

export interface ProcessingNote {
  /** The step the figures are for: 审核中, 打款中, or the whole from handing in. */
  stage: 'review' | 'payout' | 'overall';
  /** YYYY-MM-DD the step began (the day the status changed, as the person gave it). */
  since: string;
  workingDays: number;
  min: number;
  max: number;
  overdue: boolean;
  helpLine: string;
  zh: string;
  en: string;
  source: string;
}

const STAGE_WORDS = {
  review: { zh: '审核中', en: 'Under review' },
  payout: { zh: '打款中', en: 'Paying' },
  overall: { zh: '从提交到打款', en: 'From hand-in to payment' },
} as const;

function weekday(iso: string): number {
  return new Date(`${iso}T00:00:00Z`).getUTCDay();
}

/**
 * Working days after `since` up to and including `today`, Monday to Friday (public holidays are not known
 * offline, so a week with a holiday counts it: the figure can only run a little high, never low).
 */
export function workingDaysBetween(since: string, today: string): number {
  const from = Date.parse(`${since}T00:00:00Z`);
  const to = Date.parse(`${today}T00:00:00Z`);
  if (!Number.isFinite(from) || !Number.isFinite(to) || to <= from) return 0;
  let n = 0;
  for (let t = from + 86_400_000; t <= to; t += 86_400_000) {
    const d = weekday(new Date(t).toISOString().slice(0, 10));
    if (d !== 0 && d !== 6) n += 1;
  }
  return n;
}

/** The last day the claim entered `status` in its history, if it did. */
function enteredOn(
  history: ReadonlyArray<{ to: ClaimStatus; happenedOn: string }>,
  status: ClaimStatus,
): string | null {
  for (let i = history.length - 1; i >= 0; i -= 1)
    if (history[i]!.to === status) return history[i]!.happenedOn;
  return null;
}

/**
 * The note for a claim in 已提交 / 审核中 / 打款中: the usual time of its step and, once past it (or past the
 * whole 3–10 working days), that it is late and to call 12393. Null in any other status.
 */
export function processingNote(
  status: ClaimStatus,
  history: ReadonlyArray<{ to: ClaimStatus; happenedOn: string }>,
  today: string,
  times: ProcessingTimes | undefined,
  titles: SeedTitles = {},
): ProcessingNote | null {
  if (!times) return null;
  const stage =
    status === 'under_review'
      ? 'review'
      : status === 'paying'
        ? 'payout'
        : status === 'submitted'
          ? 'overall'
          : null;
  if (!stage) return null;
  const submitted = enteredOn(history, 'submitted');
  const since = stage === 'overall' ? submitted : enteredOn(history, status);
  if (!since) return null;
  const rule = times[stage];
  const days = workingDaysBetween(since, today);
  const overallDays = submitted ? workingDaysBetween(submitted, today) : 0;
  const stepLate = days > rule.max;
  const overallLate = overallDays > times.overall.max;
  const overdue = stepLate || overallLate;
  const w = STAGE_WORDS[stage];
  const call = times.helpLine.number;
  const zh =
    `${w.zh}一般 ${rule.min}–${rule.max} 个工作日，从${formatDate(since, 'zh')}起已过 ${days} 个工作日` +
    (stage !== 'overall' && submitted
      ? `（提交以来 ${overallDays} 个，全程一般 ${times.overall.min}–${times.overall.max} 个）`
      : '') +
    (overdue ? `。已超过一般的办理时间，可拨打 ${call} 医保服务热线咨询` : '') +
    '。工作日按周一至周五计，未扣除节假日';
  const en =
    `${w.en}: usually ${rule.min}–${rule.max} working days; ${days} so far since ${formatDate(since, 'en')}` +
    (stage !== 'overall' && submitted
      ? ` (${overallDays} since hand-in; ${times.overall.min}–${times.overall.max} in all)`
      : '') +
    (overdue ? `. This is longer than usual: call the medical insurance hotline ${call}` : '') +
    '. Working days are Monday to Friday; holidays are not left out';
  return {
    stage,
    since,
    workingDays: days,
    min: rule.min,
    max: rule.max,
    overdue,
    helpLine: call,
    zh,
    en,
    source: formatSources([...rule.sources, ...(overdue ? times.helpLine.sources : [])], titles),
  };
}

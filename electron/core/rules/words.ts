// Dates and amounts as people write them in messages: 2026年9月1日, ¥12,345.67 元. ISO dates stay in the JSON
// fields for programs; every sentence a person reads goes through these.
import type { Duration } from '../../../shared/rules';

export { formatDateEn, formatDateZh } from '../../../shared/dates';

/** "6 months" / "3 days". */
export function describePeriodEn(period: Duration): string {
  if ('months' in period) return `${period.months} month${period.months === 1 ? '' : 's'}`;
  return `${period.days} day${period.days === 1 ? '' : 's'}`;
}

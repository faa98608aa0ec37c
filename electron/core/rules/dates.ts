// Calendar arithmetic on YYYY-MM-DD strings in UTC, so a claim's deadline never depends on the PC's time zone.
import type { Duration } from '../../../shared/rules';

function parts(iso: string): [number, number, number] {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return [y, m, d];
}

function fromUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(iso: string, days: number): string {
  const [y, m, d] = parts(iso);
  return fromUtc(Date.UTC(y, m - 1, d + days));
}

/** Calendar months; the day is clamped to the target month's length (08-31 + 6 months → 02-28). */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = parts(iso);
  const lastDay = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return fromUtc(Date.UTC(y, m - 1 + months, Math.min(d, lastDay)));
}

export function addPeriod(iso: string, period: Duration): string {
  return 'months' in period ? addMonths(iso, period.months) : addDays(iso, period.days);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const [y1, m1, d1] = parts(from);
  const [y2, m2, d2] = parts(to);
  return Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / 86_400_000);
}

/** "6个月" / "3天" for messages. */
export function describePeriod(period: Duration): string {
  return 'months' in period ? `${period.months}个月` : `${period.days}天`;
}

/** Today's date where the user is: local calendar date, not UTC. */
export function localToday(now: Date = new Date()): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

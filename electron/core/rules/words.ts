// Dates and amounts as people write them in messages: 2026年9月1日, ¥12,345.67 元. ISO dates stay in the JSON
// fields for programs; every sentence a person reads goes through these.
import type { Duration } from '../../../shared/rules';

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function parts(iso: string): [number, number, number] | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
}

/** 2026-09-01 → 2026年9月1日; anything else is returned as written (it is then the person's own text). */
export function formatDateZh(iso: string): string {
  const p = parts(iso);
  return p ? `${p[0]}年${p[1]}月${p[2]}日` : iso;
}

/** 2026-09-01 → 1 Sep 2026. */
export function formatDateEn(iso: string): string {
  const p = parts(iso);
  return p ? `${p[2]} ${MONTHS_EN[p[1] - 1] ?? ''} ${p[0]}` : iso;
}

/** "6 months" / "3 days". */
export function describePeriodEn(period: Duration): string {
  if ('months' in period) return `${period.months} month${period.months === 1 ? '' : 's'}`;
  return `${period.days} day${period.days === 1 ? '' : 's'}`;
}

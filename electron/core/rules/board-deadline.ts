// The submission deadline the claims board shows on every row: the same period the engine measures
// (pack.time.submission), without evaluating documents, so 50 rows stay instant. Null once handed in.
import type { Deadline } from '../../../shared/ipc';
import { PRE_SUBMISSION_STATUSES } from '../../../shared/lifecycle';
import type { RulePack } from '../../../shared/rules';
import type { Claim } from '../../../shared/schemas';
import { addPeriod, daysBetween } from './dates';

export function boardDeadline(pack: RulePack, claim: Claim, today: string): Deadline | null {
  if (!PRE_SUBMISSION_STATUSES.includes(claim.status)) return null;
  const f = claim.fields;
  const end = f.careSetting === 'inpatient' ? f.dischargeDate : f.visitDate;
  if (!end) return null;
  const rule = pack.time.submission;
  const date = addPeriod(end, rule.period);
  const daysLeft = daysBetween(today, date);
  const source = rule.sources.map((s) => `${s.seed}: ${s.phrase}`).join('；');
  return { date, daysLeft, dueSoon: daysLeft >= 0 && daysLeft <= rule.warnDaysBefore, source };
}

// The claim's own dates (real, in order, not after today) and the submission deadline counted from the end
// of care.
import type { EvaluationReport } from '../../../shared/evaluation';
import { formatSources, type RulePack } from '../../../shared/rules';
import { isRealDate } from '../../../shared/validators';
import { addPeriod, daysBetween, describePeriod } from './dates';
import type { ClaimFacts } from './facts';
import { push, type ProblemSink } from './sink';
import { describePeriodEn, formatDateEn, formatDateZh } from './words';

export function checkDates(
  c: ClaimFacts,
  today: string,
  sink: ProblemSink,
): { start: string | null; end: string | null } {
  const dated = (
    field: string,
    value: string | null | undefined,
    label: string,
    labelEn: string,
  ): string | null => {
    if (!value) return null;
    if (!isRealDate(value)) {
      push(sink, {
        code: 'date_order',
        severity: 'error',
        field,
        message: `${label}“${value}”不是真实存在的日期，请核对`,
        messageEn: `The ${labelEn} “${value}” is not a real date; please check it`,
      });
      return null;
    }
    if (value > today) {
      push(sink, {
        code: 'date_order',
        severity: 'error',
        field,
        message: `${label}${formatDateZh(value)}晚于今天（${formatDateZh(today)}），请核对`,
        messageEn: `The ${labelEn} ${formatDateEn(value)} is after today (${formatDateEn(today)}); please check it`,
      });
    }
    return value;
  };
  if (c.careSetting === 'inpatient') {
    const start = dated('claim.admissionDate', c.admissionDate, '入院日期', 'admission date');
    const end = dated('claim.dischargeDate', c.dischargeDate, '出院日期', 'discharge date');
    if (!c.admissionDate)
      push(sink, {
        code: 'date_missing',
        severity: 'error',
        field: 'claim.admissionDate',
        message: '住院报销需要填写入院日期',
        messageEn: 'An inpatient claim needs the admission date',
      });
    if (!c.dischargeDate) {
      push(sink, {
        code: 'date_missing',
        severity: 'error',
        field: 'claim.dischargeDate',
        message: '住院报销需要填写出院日期（提交期限从出院日算起）',
        messageEn: 'An inpatient claim needs the discharge date (the deadline counts from it)',
      });
    }
    if (start && end && start > end) {
      push(sink, {
        code: 'date_order',
        severity: 'error',
        field: 'claim.dischargeDate',
        message: `出院日期${formatDateZh(end)}早于入院日期${formatDateZh(start)}，请核对`,
        messageEn: `The discharge date ${formatDateEn(end)} is before the admission date ${formatDateEn(start)}; please check`,
      });
    }
    return { start, end };
  }
  const visit = dated('claim.visitDate', c.visitDate, '就诊日期', 'visit date');
  if (!c.visitDate) {
    push(sink, {
      code: 'date_missing',
      severity: 'error',
      field: 'claim.visitDate',
      message: '门诊报销需要填写就诊日期（提交期限从门诊就诊日算起）',
      messageEn: 'An outpatient claim needs the visit date (the deadline counts from it)',
    });
  }
  // A manifest may give an outpatient course as admissionDate…dischargeDate (visitDate = the last one).
  const first =
    c.admissionDate && visit && c.admissionDate < visit && isRealDate(c.admissionDate)
      ? c.admissionDate
      : visit;
  return { start: first, end: visit };
}

export function checkDeadline(
  c: ClaimFacts,
  end: string | null,
  today: string,
  pack: RulePack,
  sink: ProblemSink,
): EvaluationReport['deadline'] {
  if (!end) return null;
  const rule = pack.time.submission;
  const deadline = addPeriod(end, rule.period);
  const daysLeft = daysBetween(today, deadline);
  const source = formatSources(rule.sources, sink.titles);
  const inpatient = c.careSetting === 'inpatient';
  const field = inpatient ? 'claim.dischargeDate' : 'claim.visitDate';
  // 003 says 出院或门诊结束后: each claim is one or the other, so say the one that applies.
  const from = `${inpatient ? '出院' : '门诊就诊'}（${formatDateZh(end)}）后${describePeriod(rule.period)}内`;
  const fromEn = `within ${describePeriodEn(rule.period)} after ${inpatient ? 'discharge' : 'the outpatient visit'} (${formatDateEn(end)})`;
  if (daysLeft < 0) {
    push(
      sink,
      {
        code: 'deadline_passed',
        severity: 'error',
        field,
        message: `已超过提交期限：应在${from}提交，截止${formatDateZh(deadline)}，已过 ${-daysLeft} 天。按规定超过期限一般不能再报销；如有特殊情况，请向参保地医保经办机构或 12393 咨询`,
        messageEn: `The deadline has passed: the claim was due ${fromEn}, by ${formatDateEn(deadline)}, ${-daysLeft} days ago. Late claims are generally not reimbursed; ask the insured place's office or call 12393 if there were special circumstances`,
      },
      rule.sources,
    );
  } else if (daysLeft <= rule.warnDaysBefore) {
    const left = daysLeft === 0 ? '今天是最后一天' : `还剩 ${daysLeft} 天`;
    const leftEn = daysLeft === 0 ? 'today is the last day' : `${daysLeft} days left`;
    push(
      sink,
      {
        code: 'deadline_near',
        severity: 'warning',
        field,
        message: `提交期限快到了：应在${from}提交，截止${formatDateZh(deadline)}，${left}，请尽快提交`,
        messageEn: `The deadline is near: the claim is due ${fromEn}, by ${formatDateEn(deadline)}; ${leftEn}. Please hand it in soon`,
      },
      rule.sources,
    );
  }
  return { date: deadline, daysLeft, source, sourceEn: formatSources(rule.sources, sink.titles, 'en') };
}

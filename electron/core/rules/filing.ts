// Cross-region filing (异地就医备案): whether it was stated, in time, for this place, and valid on the day care
// began. Every sentence says what a guide says and no more: no consequence the guides do not name.
import { FILING_TYPE_LABELS, LONG_TERM_FILING_TYPES, type FilingType } from '../../../shared/domain';
import { formatSource, type RulePack } from '../../../shared/rules';
import { isRealDate } from '../../../shared/validators';
import { addDays, addPeriod, describePeriod } from './dates';
import type { ClaimFacts } from './facts';
import { crossesProvince, sameRegion } from './regions';
import { push, type ProblemSink } from './sink';
import { describePeriodEn, formatDateEn, formatDateZh } from './words';

function validityFor(pack: RulePack, type: FilingType) {
  const v = pack.time.filingValidity;
  return v.byType[type] ?? (LONG_TERM_FILING_TYPES.includes(type) ? v.longTerm : v.temporary);
}

/** "the referral filing" / "the other temporary filing": English that reads for every type. */
function filingEn(type: FilingType): string {
  return `the ${FILING_TYPE_LABELS[type].en.toLowerCase()} filing`;
}

function warnUnstatedCrossRegion(c: ClaimFacts, sink: ProblemSink): void {
  if (sameRegion(c.claimant.insuredRegion, c.treatmentRegion)) return;
  push(sink, {
    code: 'cross_region_unstated',
    severity: 'warning',
    field: 'claim.crossRegion',
    message: `就医地（${c.treatmentRegion}）和参保地（${c.claimant.insuredRegion}）不同。如属异地就医，请填写备案类型（没备案的选“未备案”），才能列出异地就医需要的材料`,
    messageEn: `The place of care (${c.treatmentRegion}) differs from the insured place (${c.claimant.insuredRegion}). If this was care away from home, choose the filing type (or “not filed”) so the papers it needs can be listed`,
  });
}

/** 001 备案后就医地不可更改: the place of care is the filed one, when the claim names the filed place. */
function checkFiledPlace(c: ClaimFacts, pack: RulePack, sink: ProblemSink): void {
  const place = c.crossRegion?.filedPlace?.trim();
  const rule = pack.time.filingPlace;
  if (!place || !rule || sameRegion(place, c.treatmentRegion)) return;
  push(
    sink,
    {
      code: 'filing_place_mismatch',
      severity: rule.severity,
      field: 'claim.crossRegion.filedPlace',
      message: `备案的就医地是${place}，这次在${c.treatmentRegion}就医（${c.hospital}）。备案后就医地不能更改，特殊情况需要重新备案：请核对备案记录上的就医地，或就医地是否填错`,
      messageEn: `The filing is for ${place}, but this care was in ${c.treatmentRegion} (${c.hospital}). The filed place of care cannot change (in special cases one files again): check the place in the filing record, or the place of care entered`,
    },
    rule.sources,
  );
}

/**
 * The filing's own start and end dates, when the claim gives them, decide whether care fell inside it (they
 * win over the pack's general validity period). True when they were given and judged.
 */
function checkFilingPeriod(c: ClaimFacts, start: string, pack: RulePack, sink: ProblemSink): boolean {
  const cross = c.crossRegion;
  const from = cross?.startDate && isRealDate(cross.startDate) ? cross.startDate : null;
  const until = cross?.endDate && isRealDate(cross.endDate) ? cross.endDate : null;
  if (!from && !until) return false;
  const rule = pack.time.filingPeriod;
  const span = `${from ? formatDateZh(from) : '（未填）'}至${until ? formatDateZh(until) : '（未填）'}`;
  const spanEn = `${from ? formatDateEn(from) : '(not given)'} to ${until ? formatDateEn(until) : '(not given)'}`;
  const before = from !== null && start < from;
  const after = until !== null && start > until;
  if (!rule || (!before && !after)) return true;
  push(
    sink,
    {
      code: before ? 'filing_late' : 'filing_expired',
      severity: rule.severity,
      field: before ? 'claim.crossRegion.startDate' : 'claim.crossRegion.endDate',
      message: `备案的起止日期是${span}，就医从${formatDateZh(start)}开始，${before ? '在备案开始之前' : '在备案结束之后'}。请在“国家医保服务平台”app 的“备案记录”里核对备案日期`,
      messageEn: `The filing runs ${spanEn}; care began ${formatDateEn(start)}, ${before ? 'before the filing starts' : 'after the filing ends'}. Check the dates in the app’s filing record (备案记录)`,
    },
    rule.sources,
  );
  return true;
}

export function checkFiling(
  c: ClaimFacts,
  start: string | null,
  today: string,
  pack: RulePack,
  sink: ProblemSink,
): void {
  const cross = c.crossRegion;
  if (!cross) {
    warnUnstatedCrossRegion(c, sink);
    return;
  }
  const type = cross.filingType;
  const label = FILING_TYPE_LABELS[type].zh;
  if (type !== 'not_filed' && sameRegion(c.claimant.insuredRegion, c.treatmentRegion)) {
    // A cross-region filing for care in the insured city itself: one of the two places is probably wrong.
    push(sink, {
      code: 'filing_in_insured_region',
      severity: 'warning',
      field: 'claim.crossRegion',
      message: `填写了${label}备案，但就医地（${c.treatmentRegion}）和参保地（${c.claimant.insuredRegion}）在同一个城市，一般不需要异地就医备案。请核对就医地和参保地；确实是在参保地就医的，就不是异地就医，不用填写备案类型`,
      messageEn: `A filing (${FILING_TYPE_LABELS[type].en.toLowerCase()}) is given, but the place of care (${c.treatmentRegion}) and the insured place (${c.claimant.insuredRegion}) are the same city, where no cross-region filing is needed. Check both places; care in the insured place is not cross-region care and needs no filing type`,
    });
  }
  if (type === 'not_filed') {
    const rule = pack.time.notFiled;
    push(
      sink,
      {
        code: 'not_filed',
        severity: rule.severity,
        field: 'claim.crossRegion.filingType',
        message: '异地就医未备案：报销比例可能降低，也可能无法报销，以参保地医保经办机构的规定为准',
        messageEn:
          'Care away from home without a filing: the reimbursed share may be lower, or it may not be reimbursed at all; the insured place’s office decides',
      },
      rule.sources,
    );
    return;
  }
  checkFiledPlace(c, pack, sink);
  const filed = cross.filingDate && isRealDate(cross.filingDate) ? cross.filingDate : null;
  if (cross.startDate && cross.endDate && cross.endDate < cross.startDate) {
    push(sink, {
      code: 'date_order',
      severity: 'error',
      field: 'claim.crossRegion.endDate',
      message: `备案结束日期${formatDateZh(cross.endDate)}早于开始日期${formatDateZh(cross.startDate)}，请核对`,
      messageEn: `The filing’s end date ${formatDateEn(cross.endDate)} is before its start date ${formatDateEn(cross.startDate)}; please check`,
    });
    return;
  }
  if (!cross.filingDate && !cross.startDate && !cross.endDate) {
    push(sink, {
      code: 'filing_date_missing',
      severity: 'warning',
      field: 'claim.crossRegion.filingDate',
      message: `请填写${label}备案的日期（或备案记录上的开始、结束日期），才能核对备案是否及时、就医时是否在有效期内`,
      messageEn: `Enter the date of ${filingEn(type)} (or the start and end dates of its record), so its timing and validity can be checked`,
    });
    return;
  }
  if (filed && filed > today) {
    push(sink, {
      code: 'date_order',
      severity: 'error',
      field: 'claim.crossRegion.filingDate',
      message: `备案日期${formatDateZh(filed)}晚于今天（${formatDateZh(today)}），请核对`,
      messageEn: `The filing date ${formatDateEn(filed)} is after today (${formatDateEn(today)}); please check it`,
    });
  }
  if (!start) return;
  if (type === 'emergency') {
    const rule = pack.time.emergencyFiling;
    // 001: 急诊抢救人员需在住院后3天内完成备案 — a window counted from admission; an outpatient emergency has none.
    if (filed && (!rule.careSettings || rule.careSettings.includes(c.careSetting))) {
      const last = addPeriod(start, rule.period);
      if (filed > last) {
        push(
          sink,
          {
            code: 'filing_late',
            severity: rule.severity,
            field: 'claim.crossRegion.filingDate',
            message: `异地急诊抢救应在住院后${describePeriod(rule.period)}内备案（${formatDateZh(start)}入院，最晚${formatDateZh(last)}），填写的备案日期是${formatDateZh(filed)}，请核对备案日期`,
            messageEn: `An emergency filing is due within ${describePeriodEn(rule.period)} of admission (admitted ${formatDateEn(start)}, last day ${formatDateEn(last)}); the filing date given is ${formatDateEn(filed)}. Please check it`,
          },
          rule.sources,
        );
      }
    }
  } else if (filed && filed > start && !cross.startDate) {
    // 002 请务必在异地就医前完成备案登记. (000's 临时备案“需在7日内办理” says no day to count from: not used.)
    const rule = pack.time.filingBeforeCare;
    push(
      sink,
      {
        code: 'filing_late',
        severity: rule.severity,
        field: 'claim.crossRegion.filingDate',
        message: `${label}备案应在异地就医前办理：就医从${formatDateZh(start)}开始，填写的备案日期是${formatDateZh(filed)}，请核对备案日期`,
        messageEn: `${filingEn(type).replace(/^t/, 'T')} should be made before the care: care began ${formatDateEn(start)} and the filing date given is ${formatDateEn(filed)}. Please check it`,
      },
      rule.sources,
    );
  }
  if (checkFilingPeriod(c, start, pack, sink) || !filed) return;
  const validity = validityFor(pack, type);
  // 004's figures are stated for 跨省 filings; within one province the insured place sets its own.
  const crossProvince = validity.crossProvinceOnly
    ? crossesProvince(c.claimant.insuredRegion, c.treatmentRegion)
    : true;
  if (crossProvince === false) return;
  const lastValid = addDays(addPeriod(filed, validity.period), -1);
  if (start <= lastValid) return;
  if (crossProvince === null) {
    // A place written without its province (南京市, 苏州市): ask instead of assuming 跨省 and calling it expired.
    push(
      sink,
      {
        code: 'province_unknown',
        severity: 'warning',
        field: 'claim.treatmentRegion',
        message: `参保地（${c.claimant.insuredRegion}）或就医地（${c.treatmentRegion}）没有写省份，无法判断是不是跨省就医。指南里${describePeriod(validity.period)}的备案有效期说的是跨省备案：请把两地写完整（如“江苏省南京市”），或在“国家医保服务平台”app 的“备案记录”里核对就医时备案是否有效`,
        messageEn: `The insured place (${c.claimant.insuredRegion}) or the place of care (${c.treatmentRegion}) has no province, so it cannot be told whether the care crossed a province. The guides’ ${describePeriodEn(validity.period)} validity is for cross-province filings: write both places in full (e.g. 江苏省南京市), or check in the app’s filing record that the filing was valid at the time of care`,
      },
      validity.sources,
    );
    return;
  }
  const disagree = {
    zh: validity.disagreements
      .map((d) => `${formatSource(d.source, sink.titles)}（另一说法：${d.says}）`)
      .join('；'),
    en: validity.disagreements
      .map((d) => `${formatSource(d.source, sink.titles, 'en')} (another guide: ${d.says})`)
      .join('; '),
  };
  const extra = validity.disagreements.length ? disagree : undefined;
  if (validity.meaning === 'minimum') {
    push(
      sink,
      {
        code: 'filing_validity_unconfirmed',
        severity: 'warning',
        field: 'claim.crossRegion.filingDate',
        message: `${label}备案于${formatDateZh(filed)}办理，就医日期${formatDateZh(start)}已超过${describePeriod(validity.period)}。指南只规定长期备案不得短于这个时限，有的地方长期有效，所以这不一定是过期：请在“国家医保服务平台”app 的“备案记录”里确认就医时备案仍然有效`,
        messageEn: `${filingEn(type).replace(/^t/, 'T')} was made on ${formatDateEn(filed)}; care on ${formatDateEn(start)} is more than ${describePeriodEn(validity.period)} later. The guides set this only as a minimum (some places keep long-term filings open), so it has not necessarily expired: confirm in the app’s filing record (备案记录) that it was valid at the time of care`,
      },
      validity.sources,
      extra,
    );
    return;
  }
  push(
    sink,
    {
      code: 'filing_expired',
      severity: validity.severity,
      field: 'claim.crossRegion.filingDate',
      message: `${label}备案于${formatDateZh(filed)}办理，有效期${describePeriod(validity.period)}（到${formatDateZh(lastValid)}），就医日期${formatDateZh(start)}已超出有效期，请核对备案记录或重新备案`,
      messageEn: `${filingEn(type).replace(/^t/, 'T')} of ${formatDateEn(filed)} is valid for ${describePeriodEn(validity.period)} (until ${formatDateEn(lastValid)}); care on ${formatDateEn(start)} is after that. Check the filing record or file again`,
    },
    validity.sources,
    extra,
  );
}

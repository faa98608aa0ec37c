// Cross-region filing (异地就医备案): whether it was stated, in time, and valid on the day care began.
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
  const labelEn = FILING_TYPE_LABELS[type].en;
  if (type !== 'not_filed' && sameRegion(c.claimant.insuredRegion, c.treatmentRegion)) {
    // A cross-region filing for care in the insured city itself: one of the two places is probably wrong.
    push(sink, {
      code: 'filing_in_insured_region',
      severity: 'warning',
      field: 'claim.crossRegion',
      message: `填写了${label}备案，但就医地（${c.treatmentRegion}）和参保地（${c.claimant.insuredRegion}）在同一个城市，一般不需要异地就医备案。请核对就医地和参保地；确属本地就医的，备案类型请选“本地就医”`,
      messageEn: `A ${labelEn.toLowerCase()} filing is given, but the place of care (${c.treatmentRegion}) and the insured place (${c.claimant.insuredRegion}) are the same city, where no cross-region filing is needed. Check both places; for local care choose “local”`,
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
        message:
          '异地就医未备案：报销比例可能降低，也可能无法报销。请先向参保地医保经办机构问清能否补办备案、能否报销',
        messageEn:
          'Care away from home without a filing: the reimbursed share may be lower, or the claim may not be reimbursed at all. Ask the insured place’s office first whether a late filing is possible and whether it can be claimed',
      },
      rule.sources,
    );
    return;
  }
  const filed = cross.filingDate ?? null;
  if (!filed) {
    push(sink, {
      code: 'filing_date_missing',
      severity: 'warning',
      field: 'claim.crossRegion.filingDate',
      message: `请填写${label}备案的日期，才能核对备案是否及时、就医时是否在有效期内`,
      messageEn: `Enter the date of the ${labelEn.toLowerCase()} filing, so its timing and validity can be checked`,
    });
    return;
  }
  if (!isRealDate(filed)) return;
  if (filed > today) {
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
    if (!rule.careSettings || rule.careSettings.includes(c.careSetting)) {
      const last = addPeriod(start, rule.period);
      if (filed > last) {
        push(
          sink,
          {
            code: 'filing_late',
            severity: rule.severity,
            field: 'claim.crossRegion.filingDate',
            message: `异地急诊抢救应在住院后${describePeriod(rule.period)}内备案（${formatDateZh(start)}入院，最晚${formatDateZh(last)}），实际${formatDateZh(filed)}才备案，可能按未备案处理、报销比例降低`,
            messageEn: `An emergency filing is due within ${describePeriodEn(rule.period)} of admission (admitted ${formatDateEn(start)}, last day ${formatDateEn(last)}); it was filed on ${formatDateEn(filed)} and may be treated as not filed, with a lower share reimbursed`,
          },
          rule.sources,
        );
      }
    }
  } else if (filed > start) {
    const rule = pack.time.filingBeforeCare;
    push(
      sink,
      {
        code: 'filing_late',
        severity: rule.severity,
        field: 'claim.crossRegion.filingDate',
        message: `${label}备案应在异地就医前办理：就医从${formatDateZh(start)}开始，备案日期却是${formatDateZh(filed)}。晚于就医的费用可能按未备案处理`,
        messageEn: `A ${labelEn.toLowerCase()} filing should be made before the care: care began ${formatDateEn(start)} but the filing is dated ${formatDateEn(filed)}. Costs before the filing may be treated as not filed`,
      },
      rule.sources,
    );
  }
  const validity = validityFor(pack, type);
  // 004's figures are stated for 跨省 filings; within one province the insured place sets its own.
  if (validity.crossProvinceOnly && crossesProvince(c.claimant.insuredRegion, c.treatmentRegion) === false)
    return;
  const lastValid = addDays(addPeriod(filed, validity.period), -1);
  if (start <= lastValid) return;
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
        messageEn: `The ${labelEn.toLowerCase()} filing was made on ${formatDateEn(filed)}; care on ${formatDateEn(start)} is more than ${describePeriodEn(validity.period)} later. The guides set this only as a minimum (some places keep long-term filings open), so it has not necessarily expired: confirm in the app’s filing record (备案记录) that it was valid at the time of care`,
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
      messageEn: `The ${labelEn.toLowerCase()} filing of ${formatDateEn(filed)} is valid for ${describePeriodEn(validity.period)} (until ${formatDateEn(lastValid)}); care on ${formatDateEn(start)} is after that. Check the filing record or file again`,
    },
    validity.sources,
    extra,
  );
}

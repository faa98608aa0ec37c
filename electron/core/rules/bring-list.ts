// The printable "what to bring" list: the rule pack's requirements for one claim's scenario, before any
// paper is gathered (families take it to the hospital and the records office). The same engine picks the
// requirements as the checklist does, so the list and the checklist never disagree; the words (title, why,
// what to bring, where the paper comes from) are the pack's own, each resting on a cited seed.
import type { BringItem, BringList, BringListDraft } from '../../../shared/ipc';
import type { RulePack } from '../../../shared/rules';
import type { Person } from '../../../shared/schemas';
import { addPeriod, daysBetween, describePeriod } from './dates';
import { evaluateClaim, factsOf, type ClaimFacts } from './engine';
import { claimantFacts } from './evaluate';
import { describePeriodEn } from './words';

/** The facts the engine needs from the new-claim form's answers; fields not asked yet stay empty. */
export function factsOfDraft(draft: BringListDraft, claimant: Person): ClaimFacts {
  const inpatient = draft.careSetting === 'inpatient';
  return {
    claimant: claimantFacts(claimant),
    applicant:
      draft.applicantRelation === 'self'
        ? { relation: 'self' }
        : { relation: draft.applicantRelation, name: '', idNumber: '' },
    careSetting: draft.careSetting,
    hospital: '',
    treatmentRegion: '',
    visitDate: inpatient ? null : draft.careEndDate,
    dischargeDate: inpatient ? draft.careEndDate : null,
    crossRegion: draft.crossRegion,
    specialDrugs: draft.specialDrugs,
  };
}

export function bringListOf(
  pack: RulePack,
  facts: ClaimFacts,
  today: string,
  reference: string | null,
): BringList {
  const report = evaluateClaim(facts, [], { today, pack });
  const rules = new Map(pack.requirements.map((r) => [r.id, r]));
  const held = factsOf(facts);
  const items: BringItem[] = report.requirements.map((req) => {
    const rule = rules.get(req.id)!;
    const settled = rule.satisfiedBy.find((f) => held.has(f.fact));
    return {
      id: rule.id,
      title: rule.title,
      titleEn: rule.titleEn ?? rule.title,
      reason: rule.reason,
      reasonEn: rule.reasonEn ?? rule.reason,
      bring: rule.bring ?? null,
      bringEn: rule.bringEn ?? null,
      from: rule.from ?? null,
      fromEn: rule.fromEn ?? null,
      providedByApp: rule.providedByApp,
      settled: settled?.provided ?? null,
      settledEn: settled?.providedEn ?? null,
    };
  });
  const period = pack.time.submission.period;
  const end = facts.careSetting === 'inpatient' ? facts.dischargeDate : facts.visitDate;
  const date = end ? addPeriod(end, period) : null;
  return {
    claimant: facts.claimant.name,
    reference,
    careSetting: facts.careSetting,
    items,
    deadline: {
      rule: `${facts.careSetting === 'inpatient' ? '出院' : '门诊看完病'}后 ${describePeriod(period)}内交齐`,
      ruleEn: `within ${describePeriodEn(period)} after ${facts.careSetting === 'inpatient' ? 'discharge' : 'the outpatient visit'}`,
      date,
      daysLeft: date ? daysBetween(today, date) : null,
    },
    pack: pack.name,
  };
}

// The pack's reminders for one claim: what to do or know beside the checklist (the 诚信承诺书 ticked online,
// binding a relative's 亲情账户, how a filing is made). Never a missing paper: they do not touch `complete`.
import type { ReminderResult } from '../../../shared/evaluation';
import { conditionHolds, type ClaimFact, type RulePack, type Scenario } from '../../../shared/rules';
import { sourceFields } from './sink';

export function remindersFor(
  pack: RulePack,
  scenario: Scenario,
  facts: ReadonlySet<ClaimFact>,
): ReminderResult[] {
  return pack.reminders
    .filter((r) => conditionHolds(r.when, scenario))
    .map((r) => {
      const steps = r.steps.filter((s) => conditionHolds(s.when, scenario));
      const done = r.doneBy ? facts.has(r.doneBy) : undefined;
      return {
        id: r.id,
        title: r.title,
        titleEn: r.titleEn,
        text: r.text,
        textEn: r.textEn,
        ...(steps.length ? { steps: steps.map((s) => ({ text: s.text, textEn: s.textEn })) } : {}),
        ...(done !== undefined ? { done } : {}),
        ...(done && r.done ? { doneText: r.done, doneTextEn: r.doneEn ?? r.done } : {}),
        ...sourceFields([...r.sources, ...steps.flatMap((s) => s.sources)], pack.seeds),
      };
    });
}

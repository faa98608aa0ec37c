// Checks a person may settle by looking at the paper (the 急诊 mark on a diagnosis certificate): the editor
// offers a checkbox for each, and what is confirmed is stored (confirmations.ts) and read by evaluation.
import type { ConfirmableRequirement } from '../../../shared/ipc';
import type { RulePack } from '../../../shared/rules';
import { kindsNeedingText, type ClaimFacts } from './engine';

const CONFIRMATION_LABELS: Record<ConfirmableRequirement['check'], { zh: string; en: string }> = {
  emergency_mark: {
    zh: '我已核对：诊断证明上写有“急诊”字样',
    en: 'I have checked: the certificate shows the words 急诊 (emergency)',
  },
};

/**
 * Requirements of this claim that carry a check a person may confirm: those whose rule has an emergency_mark
 * check and whose kinds the engine would read text from for this claim (so the check's condition holds).
 * The editor keeps the checkbox visible after confirming, so it can be undone.
 */
export function confirmableRequirements(pack: RulePack, claim: ClaimFacts): ConfirmableRequirement[] {
  const textKinds = kindsNeedingText(pack, claim);
  if (textKinds.size === 0) return [];
  return pack.requirements
    .filter((r) => r.checks.some((c) => c.check === 'emergency_mark'))
    .filter((r) => r.kinds.some((k) => textKinds.has(k)))
    .map((r) => ({
      requirementId: r.id,
      check: 'emergency_mark' as const,
      label: CONFIRMATION_LABELS.emergency_mark.zh,
      labelEn: CONFIRMATION_LABELS.emergency_mark.en,
    }));
}

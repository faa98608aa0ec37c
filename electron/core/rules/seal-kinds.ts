// Which document kinds need an official seal comes from the rule data (resources/rules); the photo checks
// (quality/checks.ts) are handed the list and fall back to their own default.
import { DEFAULT_SEAL_KINDS } from '../quality/checks';
import type { Severity } from '../../../shared/rules';
import { loadRulePack, sealRequiredKinds, sealSeverities } from './pack';

/**
 * Seal-requiring kinds of the given rule pack (national by default). If the pack cannot be loaded the
 * POLICY.md default is used, so a broken rule file never stops photo checks; `onFallback` hears why.
 */
export function sealKindsFromRules(pack?: string, onFallback?: (err: unknown) => void): readonly string[] {
  try {
    return sealRequiredKinds(loadRulePack(pack));
  } catch (err) {
    onFallback?.(err);
    return DEFAULT_SEAL_KINDS;
  }
}

/**
 * How much a missing seal weighs per kind in the rule pack (`warning` for a paper invoice in the national
 * pack, `error` for a diagnosis certificate). The checker's seal_missing severity should be the lesser of
 * this and what the photo shows. A pack that cannot be loaded gives no cap (the checker's own severity).
 */
export function sealSeveritiesFromRules(pack?: string): Readonly<Partial<Record<string, Severity>>> {
  try {
    return sealSeverities(loadRulePack(pack));
  } catch {
    return {};
  }
}

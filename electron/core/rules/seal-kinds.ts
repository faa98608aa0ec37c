// Which document kinds need an official seal comes from the rule data (resources/rules); the photo checks
// (quality/checks.ts) are handed the list and fall back to their own default.
import { DEFAULT_SEAL_KINDS } from '../quality/checks';
import { loadRulePack, sealRequiredKinds } from './pack';

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

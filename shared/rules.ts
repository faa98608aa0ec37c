// Rule packs: the completeness and time rules of a claim as data (resources/rules/*.json). Every number and
// every requirement lives here with its source (seed file + the Chinese phrase it rests on), never in code.
// A regional pack names `extends` and overrides only what differs; the loader merges and re-validates.
import { z } from 'zod';
import { CareSetting, DocumentKind, FilingType, InsuranceType } from './domain';

/** Where a rule comes from: the seed file and the exact Chinese phrase it rests on. */
export const RuleSource = z.object({
  seed: z.string().min(1),
  phrase: z.string().min(1),
});
export type RuleSource = z.infer<typeof RuleSource>;

/** "001_….txt: 需主治医师及科主任签字" — the form shown to users and printed in the report. */
export function formatSource(s: RuleSource): string {
  return `${s.seed}: ${s.phrase}`;
}
export function formatSources(sources: readonly RuleSource[]): string {
  return sources.map(formatSource).join('；');
}

/** A period counted from a date: calendar months or days. */
export const Duration = z.union([
  z.object({ months: z.number().int().positive().max(120) }).strict(),
  z.object({ days: z.number().int().positive().max(3650) }).strict(),
]);
export type Duration = z.infer<typeof Duration>;

/** `local` = care in the insured region (no cross-region filing applies). */
export const FilingScenario = z.union([FilingType, z.literal('local')]);
export type FilingScenario = z.infer<typeof FilingScenario>;

/** When a requirement (or one of its checks) applies. Every listed field must match; absent = any. */
export const Condition = z
  .object({
    careSettings: z.array(CareSetting).min(1).optional(),
    filingTypes: z.array(FilingScenario).min(1).optional(),
    exceptFilingTypes: z.array(FilingScenario).min(1).optional(),
    applicant: z.enum(['self', 'relative']).optional(),
    specialDrugs: z.boolean().optional(),
    insuranceTypes: z.array(InsuranceType).min(1).optional(),
  })
  .strict();
export type Condition = z.infer<typeof Condition>;

/**
 * What a document must pass besides being present. `readable`: no page failed its quality check;
 * `four_corners`: no incomplete_page finding; `seal`: no seal_missing finding; `emergency_mark`: the words
 * 急诊 are on it (confirmed by the person, or found in a born-digital PDF's text).
 */
export const CHECK_NAMES = ['readable', 'four_corners', 'seal', 'emergency_mark'] as const;
export const CheckName = z.enum(CHECK_NAMES);
export type CheckName = z.infer<typeof CheckName>;

export const RequirementCheck = z
  .object({
    check: CheckName,
    when: Condition.optional(),
    /** zh-CN: what to do when the check fails. */
    hint: z.string().min(1),
    sources: z.array(RuleSource).min(1),
  })
  .strict();
export type RequirementCheck = z.infer<typeof RequirementCheck>;

/** Another kind that may stand in for the required one in some scenario (出院小结 for 诊断证明). */
export const Substitute = z
  .object({
    kinds: z.array(DocumentKind).min(1),
    when: Condition.optional(),
    sources: z.array(RuleSource).min(1),
  })
  .strict();

export const RequirementRule = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'id 只能用小写字母、数字和连字符'),
    title: z.string().min(1),
    kinds: z.array(DocumentKind).min(1),
    minCount: z.number().int().positive().max(50).default(1),
    when: Condition.default({}),
    checks: z.array(RequirementCheck).default([]),
    substitutes: z.array(Substitute).default([]),
    /** The app produces this document itself (the 诚信承诺书 page of the bundle). */
    providedByApp: z.boolean().default(false),
    /** zh-CN, plain words: what to bring and why. */
    reason: z.string().min(1),
    sources: z.array(RuleSource).min(1),
  })
  .strict();
export type RequirementRule = z.output<typeof RequirementRule>;

/** A value some seed states differently from the one the pack uses: kept so users see both. */
export const Disagreement = z.object({ says: z.string().min(1), source: RuleSource }).strict();

const Severity = z.enum(['error', 'warning']);

export const FilingValidity = z
  .object({
    period: Duration,
    severity: Severity,
    sources: z.array(RuleSource).min(1),
    disagreements: z.array(Disagreement).default([]),
  })
  .strict();

export const TimeRules = z
  .object({
    /** Submission deadline counted from discharge / end of outpatient care. */
    submission: z
      .object({
        period: Duration,
        warnDaysBefore: z.number().int().nonnegative().max(365),
        sources: z.array(RuleSource).min(1),
      })
      .strict(),
    /** Emergency (急诊抢救) filing window counted from admission (or the visit). */
    emergencyFiling: z
      .object({
        period: Duration,
        severity: Severity,
        sources: z.array(RuleSource).min(1),
      })
      .strict(),
    /** Filing should be done before care starts (other than emergency). */
    filingBeforeCare: z.object({ severity: Severity, sources: z.array(RuleSource).min(1) }).strict(),
    /** Unfiled cross-region care: still claimable, usually at a lower ratio. */
    notFiled: z.object({ severity: Severity, sources: z.array(RuleSource).min(1) }).strict(),
    filingValidity: z
      .object({
        temporary: FilingValidity,
        longTerm: FilingValidity,
        /** Per filing type overrides (e.g. a region's shorter referral validity). */
        byType: z.partialRecord(FilingType, FilingValidity).default({}),
      })
      .strict(),
  })
  .strict();
export type TimeRules = z.output<typeof TimeRules>;

export const RulePack = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/),
    name: z.string().min(1),
    version: z.string().min(1),
    /** Insured regions (参保地) this pack is for, matched as a prefix of the claimant's insuredRegion. */
    regions: z.array(z.string().min(1)).default([]),
    description: z.string().default(''),
    time: TimeRules,
    requirements: z.array(RequirementRule).min(1),
  })
  .strict()
  .superRefine((pack, ctx) => {
    const seen = new Set<string>();
    pack.requirements.forEach((r, i) => {
      if (seen.has(r.id))
        ctx.addIssue({ code: 'custom', path: ['requirements', i, 'id'], message: `重复的要求 id：${r.id}` });
      seen.add(r.id);
    });
  });
export type RulePack = z.output<typeof RulePack>;

/**
 * A regional pack: names the pack it extends and overrides a few values. `requirements` entries replace
 * the fields they give on the requirement with the same id, or add a new requirement (then all fields
 * are needed); `removeRequirements` drops ids.
 */
export const RegionalRulePack = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/),
    name: z.string().min(1),
    version: z.string().min(1),
    extends: z.string().regex(/^[a-z][a-z0-9-]*$/),
    regions: z.array(z.string().min(1)).default([]),
    description: z.string().default(''),
    time: z.record(z.string(), z.unknown()).optional(),
    requirements: z.array(z.object({ id: z.string().min(1) }).catchall(z.unknown())).default([]),
    removeRequirements: z.array(z.string()).default([]),
  })
  .strict();
export type RegionalRulePack = z.output<typeof RegionalRulePack>;

/** The facts of a claim that rule conditions look at. */
export interface Scenario {
  careSetting: CareSetting;
  filing: FilingScenario;
  applicant: 'self' | 'relative';
  specialDrugs: boolean;
  insuranceType: InsuranceType;
}

export function conditionHolds(c: Condition | undefined, s: Scenario): boolean {
  if (!c) return true;
  if (c.careSettings && !c.careSettings.includes(s.careSetting)) return false;
  if (c.filingTypes && !c.filingTypes.includes(s.filing)) return false;
  if (c.exceptFilingTypes && c.exceptFilingTypes.includes(s.filing)) return false;
  if (c.applicant && c.applicant !== s.applicant) return false;
  if (c.specialDrugs !== undefined && c.specialDrugs !== s.specialDrugs) return false;
  if (c.insuranceTypes && !c.insuranceTypes.includes(s.insuranceType)) return false;
  return true;
}

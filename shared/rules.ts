// Rule packs: the completeness and time rules of a claim as data (resources/rules/*.json). Every number and
// every requirement lives here with its source (seed file + the Chinese phrase it rests on), never in code.
// A regional pack names `extends` and overrides only what differs; the loader merges and re-validates.
import { z } from 'zod';
import { ApplicantRelation, CareSetting, DocumentKind, FilingType, InsuranceType } from './domain';

/** Where a rule comes from: the seed file and the exact Chinese phrase it rests on. */
export const RuleSource = z.object({
  seed: z.string().min(1),
  phrase: z.string().min(1),
});
export type RuleSource = z.infer<typeof RuleSource>;

/** The human title of a seed (the guide's own headline), in both languages. */
export const SeedTitle = z.object({ zh: z.string().min(1), en: z.string().min(1) }).strict();
export type SeedTitle = z.infer<typeof SeedTitle>;
export type SeedTitles = Readonly<Record<string, SeedTitle>>;

/** Said wherever sources are shown: the seeds are published guides, not the law of the insured place. */
export const SOURCES_NOTE = {
  zh: '以上依据摘自公开发布的办事指南，仅供参考；以参保地医保局（医保经办机构）的规定为准。',
  en: 'These sources are published guides, quoted for reference; the insured place’s medical insurance bureau decides.',
} as const;

/**
 * 《城乡居民医疗保险异地就医备案》：“需主治医师及科主任签字” — the form shown to people. Without a title (a pack that
 * names none) the file name is the only handle there is, so it is kept.
 */
export function formatSource(s: RuleSource, titles: SeedTitles = {}, lang: 'zh' | 'en' = 'zh'): string {
  const t = titles[s.seed];
  if (!t) return `${s.seed}: ${s.phrase}`;
  return lang === 'en' ? `“${t.en}” (《${t.zh}》): “${s.phrase}”` : `《${t.zh}》：“${s.phrase}”`;
}
export function formatSources(
  sources: readonly RuleSource[],
  titles: SeedTitles = {},
  lang: 'zh' | 'en' = 'zh',
): string {
  return sources.map((s) => formatSource(s, titles, lang)).join('；');
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
    /** The applicant's relation to the insured person (spouse, child…), for relation-specific proofs. */
    relations: z.array(ApplicantRelation).min(1).optional(),
    specialDrugs: z.boolean().optional(),
    insuranceTypes: z.array(InsuranceType).min(1).optional(),
    /** The cross-region filing was done at the 经办机构's window (线下备案). */
    offlineFiling: z.boolean().optional(),
  })
  .strict();
export type Condition = z.infer<typeof Condition>;

/**
 * What a document must pass besides being present. `readable`: no page failed its quality check;
 * `four_corners`: no incomplete_page finding; `seal`: no seal_missing finding; `emergency_mark`: the words
 * 急诊 are on it (confirmed by the person, or found in a born-digital PDF's text); `stamped_printout`: an
 * e-invoice given as a PDF also has a photo of its printout, and that photo shows the hospital's stamp
 * (003 电子发票需加盖医院鲜章).
 */
export const CHECK_NAMES = [
  'readable',
  'four_corners',
  'seal',
  'emergency_mark',
  'stamped_printout',
] as const;
export const CheckName = z.enum(CHECK_NAMES);
export type CheckName = z.infer<typeof CheckName>;
/** What people read for each check (`claimdesk rules`, the pack in the app): never the code name. */
export const CHECK_LABELS: Record<CheckName, { zh: string; en: string }> = {
  readable: { zh: '照片清楚、能看清', en: 'the photo is clear enough to read' },
  four_corners: { zh: '四个角都拍进照片', en: 'all four corners are in the photo' },
  seal: { zh: '有红色印章', en: 'a red seal is on it' },
  emergency_mark: { zh: '写有“急诊”字样', en: 'it says 急诊 (emergency)' },
  stamped_printout: {
    zh: '电子发票已打印并加盖医院鲜章',
    en: 'an e-invoice is printed and stamped by the hospital',
  },
};

export const Severity = z.enum(['error', 'warning']);
export type Severity = z.infer<typeof Severity>;

export const RequirementCheck = z
  .object({
    check: CheckName,
    when: Condition.optional(),
    /**
     * `error`: a failing paper is not 已齐 (the requirement needs attention). `warning`: the paper counts and
     * the failing page is pointed out (the national pack's paper-invoice seal: no source asks for it).
     */
    severity: Severity.default('error'),
    /** zh-CN: what to do when the check fails. */
    hint: z.string().min(1),
    hintEn: z.string().min(1).optional(),
    /** Extra words only the CLI prints (how to say it in a manifest); never shown in the app or the PDF. */
    cliHint: z.string().min(1).optional(),
    /**
     * The phrase that says this check. A `readable` check may have none: a photo nobody can read is the
     * program's own check, and no guide asks for clear photos of most papers (003 says it of invoices only).
     */
    sources: z.array(RuleSource).default([]),
  })
  .strict()
  .refine((c) => c.check === 'readable' || c.sources.length > 0, {
    message: '除了照片清晰检查（readable），每项检查都要写出处（sources）',
    path: ['sources'],
  });
export type RequirementCheck = z.output<typeof RequirementCheck>;

/** Another kind that may stand in for the required one in some scenario (出院小结 for 诊断证明). */
export const Substitute = z
  .object({
    kinds: z.array(DocumentKind).min(1),
    when: Condition.optional(),
    /** zh/en: the sentence the reason adds when this substitute applies ("住院的可以用出院小结代替"). */
    note: z.string().min(1).optional(),
    noteEn: z.string().min(1).optional(),
    sources: z.array(RuleSource).min(1),
  })
  .strict();

/**
 * A fact of the claim that satisfies the requirement without a paper: the bank account number filled in
 * (002 银行卡或银行账号信息), the printed pledge marked signed.
 */
export const CLAIM_FACTS = ['bank_account_number', 'pledge_signed'] as const;
export const ClaimFact = z.enum(CLAIM_FACTS);
export type ClaimFact = z.infer<typeof ClaimFact>;
export const SatisfiedByFact = z
  .object({
    fact: ClaimFact,
    /** zh/en: what the checklist says when the fact stands in for the paper. */
    provided: z.string().min(1),
    providedEn: z.string().min(1),
    sources: z.array(RuleSource).min(1),
  })
  .strict();

export const RequirementRule = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'id 只能用小写字母、数字和连字符'),
    title: z.string().min(1),
    titleEn: z.string().min(1).optional(),
    kinds: z.array(DocumentKind).min(1),
    minCount: z.number().int().positive().max(50).default(1),
    when: Condition.default({}),
    checks: z.array(RequirementCheck).default([]),
    substitutes: z.array(Substitute).default([]),
    satisfiedBy: z.array(SatisfiedByFact).default([]),
    /** The app produces this document itself (a page of the bundle): nothing to drop. */
    providedByApp: z.boolean().default(false),
    /** zh-CN, plain words: what to bring and why. */
    reason: z.string().min(1),
    reasonEn: z.string().min(1).optional(),
    /** zh/en, brief: what to bring to the window once the paper is in ("去窗口时带上原件和复印件"). */
    bring: z.string().min(1).optional(),
    bringEn: z.string().min(1).optional(),
    /**
     * zh/en: where the paper comes from (医院, 参保地医保经办机构窗口…), for the printable "what to bring" list.
     * Only where a seed says so, with that seed in `fromSources`; no hint is better than a guessed one.
     */
    from: z.string().min(1).optional(),
    fromEn: z.string().min(1).optional(),
    fromSources: z.array(RuleSource).min(1).optional(),
    sources: z.array(RuleSource).min(1),
  })
  .strict()
  .refine((r) => !r.from || (r.fromSources?.length ?? 0) > 0, {
    message: '写了材料从哪里开（from），就要写出处（fromSources）',
    path: ['fromSources'],
  });
export type RequirementRule = z.output<typeof RequirementRule>;

/** One step of a reminder (亲情账户 binding, how to file), with the phrase it rests on. */
export const ReminderStep = z
  .object({
    text: z.string().min(1),
    textEn: z.string().min(1),
    when: Condition.optional(),
    sources: z.array(RuleSource).min(1),
  })
  .strict();

/**
 * Something to do or know that is not a paper of the claim: the 诚信承诺书 ticked online, binding a relative's
 * 亲情账户 first, how a filing is made. Shown beside the checklist, never counted as missing.
 */
export const Reminder = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'id 只能用小写字母、数字和连字符'),
    title: z.string().min(1),
    titleEn: z.string().min(1),
    text: z.string().min(1),
    textEn: z.string().min(1),
    when: Condition.default({}),
    steps: z.array(ReminderStep).default([]),
    /** A fact of the claim that settles it (the printed pledge marked signed): then `done` is said instead. */
    doneBy: z.enum(['pledge_signed']).optional(),
    done: z.string().min(1).optional(),
    doneEn: z.string().min(1).optional(),
    sources: z.array(RuleSource).min(1),
  })
  .strict();
export type Reminder = z.output<typeof Reminder>;

/** A value some seed states differently from the one the pack uses: kept so users see both. */
export const Disagreement = z.object({ says: z.string().min(1), source: RuleSource }).strict();

export const FilingValidity = z
  .object({
    period: Duration,
    /** The figure is stated for 跨省 (cross-province) filings only: not applied to care within the province. */
    crossProvinceOnly: z.boolean().default(false),
    /**
     * `minimum`: the source sets a floor (不得短于一年), not an expiry — past it, ask the person to confirm the
     * filing in the app's 备案记录 instead of calling it expired. `expiry`: the filing ends then.
     */
    meaning: z.enum(['expiry', 'minimum']).default('expiry'),
    severity: Severity,
    sources: z.array(RuleSource).min(1),
    disagreements: z.array(Disagreement).default([]),
  })
  .strict();

const WorkingDays = z
  .object({
    min: z.number().int().nonnegative().max(365),
    max: z.number().int().positive().max(365),
    sources: z.array(RuleSource).min(1),
  })
  .strict()
  .refine((w) => w.min <= w.max, { message: '最少天数不能大于最多天数', path: ['min'] });

export const ProcessingTimes = z
  .object({
    /** 审核中 (under_review), counted from the day the claim entered that status. */
    review: WorkingDays,
    /** 打款中 (paying), likewise. */
    payout: WorkingDays,
    /** From handing in to the money, all steps. */
    overall: WorkingDays,
    helpLine: z.object({ number: z.string().min(3), sources: z.array(RuleSource).min(1) }).strict(),
  })
  .strict();
export type ProcessingTimes = z.output<typeof ProcessingTimes>;

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
        /** 001 counts the window from admission (住院后3天内): only inpatient care has one. */
        careSettings: z.array(CareSetting).min(1).optional(),
        severity: Severity,
        sources: z.array(RuleSource).min(1),
      })
      .strict(),
    /** Filing should be done before care starts (other than emergency). */
    filingBeforeCare: z.object({ severity: Severity, sources: z.array(RuleSource).min(1) }).strict(),
    /** The place of care is the filed one (备案后就医地不可更改): compared when the claim gives the filed place. */
    filingPlace: z
      .object({ severity: Severity, sources: z.array(RuleSource).min(1) })
      .strict()
      .optional(),
    /** A filing's own start and end dates, when the claim gives them: care outside them is pointed out. */
    filingPeriod: z
      .object({ severity: Severity, sources: z.array(RuleSource).min(1) })
      .strict()
      .optional(),
    /** How long the office usually takes, shown on status tracking (working days), and whom to call past it. */
    processing: ProcessingTimes.optional(),
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
    /** Seed file → the guide's title, so people see 《城乡居民医疗保险异地就医备案》 instead of a file name. */
    seeds: z.record(z.string(), SeedTitle).default({}),
    time: TimeRules,
    requirements: z.array(RequirementRule).min(1),
    reminders: z.array(Reminder).default([]),
  })
  .strict()
  .superRefine((pack, ctx) => {
    for (const list of ['requirements', 'reminders'] as const) {
      const seen = new Set<string>();
      pack[list].forEach((r, i) => {
        if (seen.has(r.id))
          ctx.addIssue({ code: 'custom', path: [list, i, 'id'], message: `重复的 id：${r.id}` });
        seen.add(r.id);
      });
    }
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
    /** Titles of this pack's own sources, added to the base pack's (people see titles, not file names). */
    seeds: z.record(z.string(), SeedTitle).default({}),
    time: z.record(z.string(), z.unknown()).optional(),
    requirements: z.array(z.object({ id: z.string().min(1) }).catchall(z.unknown())).default([]),
    removeRequirements: z.array(z.string()).default([]),
    reminders: z.array(z.object({ id: z.string().min(1) }).catchall(z.unknown())).default([]),
    removeReminders: z.array(z.string()).default([]),
  })
  .strict();
export type RegionalRulePack = z.output<typeof RegionalRulePack>;

/**
 * How much a missing seal weighs for each kind that is checked for one, as the pack says it: `error` where a
 * source asks for the seal (诊断证明 需包含医师签名和公章), `warning` where none does (a paper invoice; the national
 * pack's seal check on invoices is a warning). The photo checker takes the lesser of this and its own evidence
 * (electron/core/quality/seal-kinds.ts); evaluation grades stored findings the same way
 * (electron/core/rules/requirements.ts gradeSeals).
 */
export function sealSeverities(pack: RulePack): Partial<Record<DocumentKind, Severity>> {
  const out: Partial<Record<DocumentKind, Severity>> = {};
  for (const r of pack.requirements) {
    for (const c of r.checks) {
      if (c.check !== 'seal') continue;
      // Two requirements on one kind: the stricter one counts (either asks for the seal).
      for (const k of r.kinds) if (out[k] !== 'error') out[k] = c.severity;
    }
  }
  return out;
}

/** The facts of a claim that rule conditions look at. */
export interface Scenario {
  careSetting: CareSetting;
  filing: FilingScenario;
  applicant: 'self' | 'relative';
  relation: ApplicantRelation;
  specialDrugs: boolean;
  insuranceType: InsuranceType;
  offlineFiling: boolean;
}

export function conditionHolds(c: Condition | undefined, s: Scenario): boolean {
  if (!c) return true;
  if (c.careSettings && !c.careSettings.includes(s.careSetting)) return false;
  if (c.filingTypes && !c.filingTypes.includes(s.filing)) return false;
  if (c.exceptFilingTypes && c.exceptFilingTypes.includes(s.filing)) return false;
  if (c.applicant && c.applicant !== s.applicant) return false;
  if (c.relations && !c.relations.includes(s.relation)) return false;
  if (c.specialDrugs !== undefined && c.specialDrugs !== s.specialDrugs) return false;
  if (c.insuranceTypes && !c.insuranceTypes.includes(s.insuranceType)) return false;
  if (c.offlineFiling !== undefined && c.offlineFiling !== s.offlineFiling) return false;
  return true;
}

// The completeness/validity report: the `claimdesk evaluate --json` object of docs/contracts.md. Produced by
// electron/core/rules, shown live in the claim editor, printed on the bundle's checklist page.
import { z } from 'zod';
import { Region } from './quality';

export const RequirementStatus = z.enum(['satisfied', 'missing', 'needs_attention']);
export type RequirementStatus = z.infer<typeof RequirementStatus>;

export const RequirementResult = z.object({
  id: z.string(),
  kinds: z.array(z.string()),
  status: RequirementStatus,
  /** zh-CN: what to bring and why. */
  reason: z.string(),
  /** 《guide title》：“the Chinese phrase the rule rests on” (several joined with "；" when seeds agree/disagree). */
  source: z.string(),
  /** Short zh-CN title for checklists (e.g. "转诊转院证明"). */
  title: z.string().optional(),
  /** The app writes this paper itself (the 诚信承诺书 in the bundle): nothing to drop. */
  providedByApp: z.boolean().optional(),
  /** Indexes into the claim's documents (manifest order) that satisfy it. */
  documents: z.array(z.number().int()).optional(),
  /** English mirrors of title, reason and source, for the app's English mode. */
  titleEn: z.string().optional(),
  reasonEn: z.string().optional(),
  sourceEn: z.string().optional(),
  /** The sources as data (seed file, its title, the phrase), for programs; `source` is the text for people. */
  sources: z
    .array(z.object({ seed: z.string(), title: z.string().optional(), phrase: z.string() }))
    .optional(),
  /** No longer produced (the 诚信承诺书 is a reminder now, `reminders`); kept so older reports still parse. */
  pending: z.enum(['signature']).optional(),
  /** How to settle a failing check in a manifest (CLI output only; the app and the PDF never show it). */
  cliHint: z.string().optional(),
});
export type RequirementResult = z.infer<typeof RequirementResult>;

export const PROBLEM_CODES = [
  'deadline_passed',
  'deadline_near',
  'filing_late',
  'filing_expired',
  'id_invalid',
  'bank_card_suspect',
  'phone_invalid',
  'date_order',
  'duplicate_invoice',
  'amount_mismatch',
  'document_quality',
  'relation_invalid',
  'date_missing',
  'filing_date_missing',
  'not_filed',
  'cross_region_unstated',
  'filing_validity_unconfirmed',
  'filing_in_insured_region',
  // The place of care differs from the filed place (001 备案后就医地不可更改).
  'filing_place_mismatch',
  // 跨省 cannot be told from the place names (no province in one of them): the person is asked.
  'province_unknown',
  // Cross-document checks over what is printed on the papers (electron/core/rules/cross-document.ts).
  'name_mismatch',
  'id_mismatch',
  'date_outside_care',
  'amount_words_mismatch',
  'amount_unverified',
  'bill_total_mismatch',
  'hospital_mismatch',
] as const;
export const ProblemCode = z.enum(PROBLEM_CODES);
export type ProblemCode = z.infer<typeof ProblemCode>;

/** Where on which page a problem's value is printed, so the app can draw a box around it. */
export const ProblemMark = z.object({
  /** Index into the claim's documents (manifest order). */
  document: z.number().int(),
  /** Page (file) within that document, from 0. */
  page: z.number().int(),
  /** The read field, e.g. "patientName" (shared/fields.ts). */
  field: z.string(),
  /** 0..1 image coordinates of the field, when the reader knows them (absent for typed corrections). */
  region: Region.optional(),
});
export type ProblemMark = z.infer<typeof ProblemMark>;

export const Problem = z.object({
  code: ProblemCode,
  severity: z.enum(['error', 'warning']),
  message: z.string(),
  field: z.string().optional(),
  source: z.string().optional(),
  /** English mirrors for the app's English mode. */
  messageEn: z.string().optional(),
  sourceEn: z.string().optional(),
  /** The printed values the problem compares (cross-document problems), first the paper it is about. */
  marks: z.array(ProblemMark).optional(),
});
export type Problem = z.infer<typeof Problem>;

/**
 * Something to do or know beside the checklist, never a missing paper: the 诚信承诺书 ticked online, binding a
 * relative's 亲情账户, how a filing is made. From the rule pack's `reminders`, for this claim's scenario.
 */
export const ReminderResult = z.object({
  id: z.string(),
  title: z.string(),
  titleEn: z.string().optional(),
  text: z.string(),
  textEn: z.string().optional(),
  steps: z.array(z.object({ text: z.string(), textEn: z.string().optional() })).optional(),
  /** Settled by a fact of the claim (the printed pledge marked signed): `doneText` says so. */
  done: z.boolean().optional(),
  doneText: z.string().optional(),
  doneTextEn: z.string().optional(),
  source: z.string(),
  sourceEn: z.string().optional(),
  sources: z
    .array(z.object({ seed: z.string(), title: z.string().optional(), phrase: z.string() }))
    .optional(),
});
export type ReminderResult = z.infer<typeof ReminderResult>;

export const EvaluationReport = z.object({
  complete: z.boolean(),
  requirements: z.array(RequirementResult),
  problems: z.array(Problem),
  /** Submission deadline (YYYY-MM-DD) and days left from `today`, when the care end date is known. */
  deadline: z
    .object({
      date: z.string(),
      daysLeft: z.number().int(),
      source: z.string(),
      /** The source in English (the app's English mode: the deadline's tooltip). */
      sourceEn: z.string().optional(),
    })
    .nullable()
    .optional(),
  /**
   * Document indexes in checklist order, each once (a document satisfying two requirements is placed under
   * the first); documents no requirement asked for come last. The bundle lays pages out in this order.
   */
  documentOrder: z.array(z.number().int()).optional(),
  /** The rule pack the claim was measured against. */
  pack: z.object({ id: z.string(), name: z.string(), version: z.string() }).optional(),
  /** Reminders for this claim (never missing papers; they do not change `complete`). */
  reminders: z.array(ReminderResult).optional(),
});
export type EvaluationReport = z.infer<typeof EvaluationReport>;

/**
 * What is still to do on a claim, counted once for every place that says it (the board, the editor's pill,
 * the .xlsx list, the bundle's cover): electron/core/rules/tally.ts `tallyChecklist`. `missing`: items with
 * no paper yet; `attention`: a paper is there but must be fixed (a photo to retake, a check not met, a
 * paper that disagrees); `problems`: errors about the claim itself, not about one listed paper; `toSign`:
 * the pledge the app prints, to sign by hand (neither missing nor a fault, never counted).
 */
export const ChecklistTally = z.object({
  ready: z.boolean(),
  missing: z.array(z.object({ zh: z.string(), en: z.string() })),
  attention: z.array(z.object({ zh: z.string(), en: z.string() })),
  problems: z.number().int().min(0),
  toSign: z.array(z.object({ zh: z.string(), en: z.string() })),
  /** A pill's or a cell's words: 缺 6 项，1 项需处理 / 可以提交. */
  short: z.object({ zh: z.string(), en: z.string() }),
  /** Which ones: 缺少 身份证、银行卡；诊断证明 需要处理；另有 1 个问题要先解决. */
  words: z.object({ zh: z.string(), en: z.string() }),
});
export type ChecklistTally = z.infer<typeof ChecklistTally>;

/**
 * The one verdict every screen and the bundle show: every requirement satisfied and no error-level problem.
 * (A claim may have all its papers and still not be ready, e.g. past its deadline.)
 */
export function isReadyToSubmit(report: Pick<EvaluationReport, 'complete' | 'problems'>): boolean {
  return report.complete && !report.problems.some((p) => p.severity === 'error');
}

/** `documents[3].files[0]` → 3: the document a problem is about; null for a field of the claim itself. */
export function documentIndexOfField(field: string | undefined): number | null {
  const m = /^documents\[(\d+)\]/.exec(field ?? '');
  return m ? Number(m[1]) : null;
}

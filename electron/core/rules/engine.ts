// The completeness and validity engine: one pure function from a claim's facts, its documents and a rule
// pack to the EvaluationReport. Adapters (evaluate.ts beside this) gather the facts; the engine never reads
// files or the database, so the CLI, the desktop app and the tests share it exactly. Each idea lives in its
// own file: requirements.ts (the checklist), deadlines.ts, filing.ts, identity.ts, invoices.ts (papers as
// evidence), english.ts; facts.ts holds the shapes they read.
import type { DocumentKind } from '../../../shared/domain';
import type { Problem } from '../../../shared/evaluation';
import { conditionHolds, type RulePack } from '../../../shared/rules';
import { crossDocumentProblems } from './cross-document';
import { checkDates, checkDeadline } from './deadlines';
import { CROSS_DOCUMENT_EN } from './english';
import {
  factsOf,
  scenarioOf,
  type ClaimEvaluation,
  type ClaimFacts,
  type EvaluateOptions,
  type EvaluatedDocument,
} from './facts';
import { checkFiling } from './filing';
import { checkIdentity } from './identity';
import { checkInvoices, checkQuality, crossClaimOf, invoiceReadings } from './invoices';
import { remindersFor } from './reminders';
import { documentOrderOf, evaluateRequirement, foldDocumentErrors, gradeSeals } from './requirements';
import type { ProblemSink } from './sink';

export type {
  ClaimEvaluation,
  ClaimFacts,
  EvaluateOptions,
  EvaluatedDocument,
  EvaluatedPage,
  InvoiceDuplicate,
  InvoiceEvidence,
} from './facts';
export { factsOf } from './facts';
export { gradeSeals, isPdfPage } from './requirements';

/**
 * Evaluates one claim against a rule pack: which requirements are satisfied, missing or need attention (in
 * the pack's checklist order), and the problems found in its fields, dates, photos and invoices.
 */
export function evaluateClaim(
  claim: ClaimFacts,
  given: readonly EvaluatedDocument[],
  options: EvaluateOptions,
): ClaimEvaluation {
  const { today, pack } = options;
  const scenario = scenarioOf(claim);
  const facts = factsOf(claim);
  // A missing seal weighs what the pack says it weighs for the kind (a paper invoice: a warning at most).
  const documents = gradeSeals(given, pack);
  const requirements = pack.requirements
    .filter((r) => conditionHolds(r.when, scenario))
    .map((r) => evaluateRequirement(r, scenario, documents, facts, pack.seeds));
  const problems: Problem[] = [];
  const sink: ProblemSink = { out: problems, titles: pack.seeds };
  const { start, end } = checkDates(claim, today, sink);
  const deadline = checkDeadline(claim, end, today, pack, sink);
  checkFiling(claim, start, today, pack, sink);
  checkIdentity(claim, today, sink);
  checkQuality(documents, sink);
  checkInvoices(options.invoices ?? [], sink);
  // Cross-document checks (issue 11): printed fields vs the claim and each other. Kept one call on purpose.
  problems.push(
    ...crossDocumentProblems(crossClaimOf(claim), invoiceReadings(documents, options.invoices ?? [])).map(
      (p) => (p.messageEn ? p : { ...p, messageEn: CROSS_DOCUMENT_EN[p.code] ?? p.message }),
    ),
  );
  // Errors first, so a printed checklist starts with what blocks the claim.
  problems.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  const judged = foldDocumentErrors(requirements, problems);
  return {
    complete: judged.every((r) => r.status === 'satisfied'),
    requirements: judged,
    problems,
    deadline,
    documentOrder: documentOrderOf(requirements, documents),
    pack: { id: pack.id, name: pack.name, version: pack.version },
    reminders: remindersFor(pack, scenario, facts),
  };
}

/**
 * Kinds whose words must be read for this claim (the 急诊 mark in an emergency claim): adapters read the text
 * of only these documents, since OCR costs a second or more per photo.
 */
export function kindsNeedingText(pack: RulePack, claim: ClaimFacts): Set<DocumentKind> {
  const scenario = scenarioOf(claim);
  const kinds = new Set<DocumentKind>();
  for (const r of pack.requirements) {
    if (!conditionHolds(r.when, scenario)) continue;
    if (!r.checks.some((c) => c.check === 'emergency_mark' && conditionHolds(c.when, scenario))) continue;
    const substitutes = r.substitutes.filter((s) => conditionHolds(s.when, scenario));
    for (const k of [...r.kinds, ...substitutes.flatMap((s) => s.kinds)]) kinds.add(k);
  }
  return kinds;
}

/** Kinds on which some requirement of the pack reads words (the 急诊 mark), under any condition. */
export function kindsWithWordChecks(pack: RulePack): Set<DocumentKind> {
  const kinds = new Set<DocumentKind>();
  for (const r of pack.requirements) {
    if (!r.checks.some((c) => c.check === 'emergency_mark')) continue;
    for (const k of [...r.kinds, ...r.substitutes.flatMap((s) => s.kinds)]) kinds.add(k);
  }
  return kinds;
}

/** Exit status of `evaluate`: 0 only when complete and no error-level problem. */
export { isReadyToSubmit } from '../../../shared/evaluation';

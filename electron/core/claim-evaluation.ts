// A stored claim's verdict, and what the board and the editor show beside it. `evaluateStoredClaim` is the
// one verdict every screen, 材料齐全 and the bundle take: it reads the claim, its pages' facts, what the
// person typed over them and confirmed on them, the invoice index of every other claim and what the office
// asked for, then calls the pure evaluate (rules/evaluate.ts). Reads only; writes nothing.
import type { BringList, BringListDraft, ConfirmableRequirement, Deadline } from '../../shared/ipc';
import { mergeFields } from '../../shared/fields';
import type { Claim, ClaimDocument, Person } from '../../shared/schemas';
import type { Fields } from '../../shared/fields';
import type { ConfirmableCheck } from '../../shared/ipc';
import type { RequestedItem, Session } from './db/contract';
import type { InvoiceDuplicate } from './invoices/store';
import * as stored from './repo-async';
import type { RulePack } from '../../shared/rules';
import { requestedItems } from './claim-status';
import { claimConfirmations, claimConfirmationsThrough } from './confirmations';
import { claimFieldCorrections, claimFieldCorrectionsThrough } from './field-corrections';
import { isPledgeSigned } from './pledge';
import { getClaim, getPerson, listDocuments } from './repo';
import { boardDeadline } from './rules/board-deadline';
import { bringListOf, factsOfDraft } from './rules/bring-list';
import { confirmableRequirements } from './rules/confirmable';
import { localToday } from './rules/dates';
import {
  evaluate,
  factsOfStoredClaim,
  invoiceDuplicatesOf,
  invoiceDuplicatesThrough,
  type ClaimEvaluation,
  type DocumentToEvaluate,
} from './rules/evaluate';
import { rulePackForRegion } from './rules/pack';
import { withRequestedItems } from './rules/requested-items';
import type { Workspace } from './workspace';
import { workMeter } from './work-meter';

/**
 * The rule pack for an insured region. rules/pack.ts keeps each parsed pack while the rules folder is
 * unchanged (a pack edited while the app runs is read again), so the board's rows share one.
 */
function packFor(region: string): RulePack {
  return rulePackForRegion(region);
}

export interface StoredClaimEvaluationOptions {
  /** YYYY-MM-DD that deadlines are measured from; default: today's local date. */
  today?: string | undefined;
}

/**
 * Evaluates a stored claim against its claimant's rule pack. Document indexes follow listDocuments order;
 * each open requested item (补充材料) counts as a missing requirement.
 */
export async function evaluateStoredClaim(
  ws: Workspace,
  claimId: number,
  options: StoredClaimEvaluationOptions = {},
): Promise<ClaimEvaluation> {
  return evaluateStoredClaimNow(ws, claimId, options);
}

/**
 * evaluateStoredClaim in one synchronous step: what keeps a verdict (claim-verdict.ts) reads the facts and
 * stores the verdict in one transaction, with no turn of the event loop for a write to slip in between.
 */
export function evaluateStoredClaimNow(
  ws: Workspace,
  claimId: number,
  options: StoredClaimEvaluationOptions = {},
): ClaimEvaluation {
  const claim = getClaim(ws.db, claimId);
  const corrections = claimFieldCorrections(ws.db, claimId);
  return verdictOf(
    {
      claim,
      claimant: getPerson(ws.db, claim.fields.claimantId),
      corrections,
      confirmed: claimConfirmations(ws.db, claimId),
      documents: listDocuments(ws.db, claimId).map((d) => ({
        ...d,
        duplicates: d.pages.map((p) => invoiceDuplicatesOf(ws.db, d.kind, p.facts, claimId)),
      })),
      pledgeSigned: isPledgeSigned(ws.db, claimId),
      requested: requestedItems(ws.db, claimId),
    },
    options,
  );
}

/**
 * evaluateStoredClaim through the storage contract (either engine: a desk's data folder or the office's
 * shared database). Reads only; the same verdict as the Workspace path for the same rows.
 */
export async function evaluateStoredClaimThrough(
  s: Session,
  claimId: number,
  options: StoredClaimEvaluationOptions = {},
): Promise<ClaimEvaluation> {
  const claim = await stored.getClaim(s, claimId);
  const documents: StoredClaimRows['documents'] = [];
  for (const d of await stored.listDocuments(s, claimId)) {
    const duplicates: InvoiceDuplicate[][] = [];
    for (const p of d.pages) duplicates.push(await invoiceDuplicatesThrough(s, d.kind, p.facts, claimId));
    documents.push({ ...d, duplicates });
  }
  return verdictOf(
    {
      claim,
      claimant: await stored.getPerson(s, claim.fields.claimantId),
      corrections: await claimFieldCorrectionsThrough(s, claimId),
      confirmed: await claimConfirmationsThrough(s, claimId),
      documents,
      pledgeSigned: await s.claims.isPledgeSigned(claimId),
      requested: await s.claimFacts.requestedItems(claimId),
    },
    options,
  );
}

/** Everything a stored claim's verdict is made from, as read by either path above. */
interface StoredClaimRows {
  claim: Claim;
  claimant: Person;
  corrections: Map<number, Fields>;
  confirmed: Record<number, ConfirmableCheck[]>;
  documents: Array<ClaimDocument & { duplicates: InvoiceDuplicate[][] }>;
  pledgeSigned: boolean;
  requested: RequestedItem[];
}

function verdictOf(rows: StoredClaimRows, options: StoredClaimEvaluationOptions): ClaimEvaluation {
  workMeter.evaluations++;
  const { claim, claimant, corrections, confirmed } = rows;
  const documents: DocumentToEvaluate[] = rows.documents.map((d, index) => ({
    index,
    kind: d.kind,
    confirmed: confirmed[d.id] ?? [],
    pages: d.pages.map((p, j) => ({
      field: `documents[${index}].files[${j}]`,
      name: p.originalName,
      facts: p.facts,
      duplicates: d.duplicates[j] ?? [],
      // Fields read off the page (page facts, from the reader) under what the person typed (documents:setField).
      fields: mergeFields(p.facts?.fields, corrections.get(p.id)),
    })),
  }));
  const facts = { ...factsOfStoredClaim(claim, claimant), pledgeSigned: rows.pledgeSigned };
  const report = evaluate(facts, documents, packFor(claimant.insuredRegion), options.today ?? localToday());
  return withRequestedItems(report, rows.requested);
}

/** The checks of this claim a person may settle by looking at the paper (the editor's checkboxes). */
export function claimConfirmables(ws: Workspace, claimId: number): ConfirmableRequirement[] {
  const claim = getClaim(ws.db, claimId);
  const claimant = getPerson(ws.db, claim.fields.claimantId);
  return confirmableRequirements(packFor(claimant.insuredRegion), factsOfStoredClaim(claim, claimant));
}

/** The board's submission deadline of a claim (the claimant's region is looked up unless given). */
export function claimDeadline(
  ws: Workspace,
  claim: Claim,
  today: string,
  insuredRegion?: string,
): Deadline | null {
  const region = insuredRegion ?? getPerson(ws.db, claim.fields.claimantId).insuredRegion;
  return boardDeadline(packFor(region), claim, today);
}

/** The printable "what to bring" list of a stored claim, or of the new-claim form's answers. */
export function claimBringList(
  ws: Workspace,
  req: { claimId: number } | { draft: BringListDraft },
  today: string,
): BringList {
  if ('claimId' in req) {
    const claim = getClaim(ws.db, req.claimId);
    const claimant = getPerson(ws.db, claim.fields.claimantId);
    const facts = { ...factsOfStoredClaim(claim, claimant), pledgeSigned: isPledgeSigned(ws.db, claim.id) };
    return bringListOf(packFor(claimant.insuredRegion), facts, today, claim.reference);
  }
  const claimant = getPerson(ws.db, req.draft.claimantId);
  return bringListOf(packFor(claimant.insuredRegion), factsOfDraft(req.draft, claimant), today, null);
}

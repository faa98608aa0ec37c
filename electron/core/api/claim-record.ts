// The board's rows, one claim's record and the editor's writes, read and written through the asynchronous
// storage contract (db/contract.ts), so they work the same on this PC's data folder and on an office's shared
// database. The words and checks are the synchronous modules' own (repo.ts, claim-status.ts, claim-lock.ts):
// only the way to the rows differs.
import { CLAIM_STATUS_LABELS, CLAIM_STATUSES, CLAIM_TRANSITIONS } from '../../../shared/lifecycle';
import { isReadOnlyStatus, type ClaimStatus } from '../../../shared/lifecycle';
import type { ClaimDetail, ClaimListRequest, ClaimSummary } from '../../../shared/ipc';
import type { Claim, Person } from '../../../shared/schemas';
import { claimDeadline } from '../claim-evaluation';
import { processingNoteFor } from '../claim-processing';
import { checkStatusFacts, requestedLines, type StatusFacts } from '../claim-status';
import { claimVerdicts } from '../claim-verdict';
import type { EditStamp, Session, StatusChangeRow } from '../db/contract';
import { ClaimDeskError } from '../errors';
import { getClaim, getPerson, listClaims, listDocuments, transitionClaim, updateClaim } from '../repo-async';
import { localToday } from '../rules/dates';
import type { Workspace } from '../workspace';

/** The claim as the window's catalogue carries it: its version travels apart (ClaimDetail.stamp). */
export function withoutStamp(claim: Claim & { stamp?: EditStamp }): Claim {
  const { stamp: _stamp, ...plain } = claim;
  return plain;
}

function withHappenedOn(rows: StatusChangeRow[]) {
  return rows.map((r) => ({
    from: r.from,
    to: r.to,
    note: r.note,
    changedAt: r.changedAt,
    happenedOn: r.happenedOn ?? localToday(new Date(r.changedAt)),
  }));
}

/** One page of the board: each row with its deadline, papers, days in its status and the checklist's tally. */
export async function boardPage(ws: Workspace, req: ClaimListRequest, today: string) {
  const s = ws.engine;
  const page = await listClaims(s, req);
  const rows = await boardRows(ws, page.items, today);
  return { ...page, items: rows };
}

/**
 * The board's rows for these claims (a page, or the few another desk just changed). The tally (缺 n 项 / 齐) is
 * the engine's verdict kept with each claim (claim-verdict.ts), made on this PC's data folder; on a shared
 * database it is not made yet (null: the board shows no tally) — see docs/shared-desks.md.
 */
export async function boardRows(ws: Workspace, claims: Claim[], today: string): Promise<ClaimSummary[]> {
  const s = ws.engine;
  const ids = claims.map((c) => c.id);
  const counts = await s.documents.counts(ids);
  const since = new Map(
    (await s.claimFacts.latestChanges(ids)).map((r) => [
      r.claimId,
      r.happenedOn ?? localToday(new Date(r.changedAt)),
    ]),
  );
  const verdicts = ws.shared
    ? new Map()
    : claimVerdicts(
        ws,
        claims.filter((c) => !isReadOnlyStatus(c.status)).map((c) => c.id),
        today,
      );
  // Each claimant read once per page (a desk's page often holds one family's claims many times).
  const claimants = new Map<number, Person>();
  const items: ClaimSummary[] = [];
  for (const c of claims) {
    const pid = c.fields.claimantId;
    let claimant = claimants.get(pid);
    if (!claimant) claimants.set(pid, (claimant = await getPerson(s, pid)));
    items.push({
      ...c,
      deadline: claimDeadline(ws, c, today, claimant.insuredRegion),
      documentCount: counts.get(c.id) ?? 0,
      statusSince: since.get(c.id) ?? null,
      claimantIdTail: claimant.idNumber.replace(/\s/g, '').slice(-4),
      checklist: verdicts.get(c.id)?.tally ?? null,
    });
  }
  return items;
}

/** Everything the claim editor shows of one claim, with the version its edits must name. */
export async function claimRecord(s: Session, id: number, today: string): Promise<ClaimDetail> {
  const claim = await getClaim(s, id);
  const { stamp, ...plain } = claim;
  const claimant = await getPerson(s, claim.fields.claimantId);
  const history = withHappenedOn(await s.claimFacts.historyWithFacts(id));
  const confirmations = await s.documents.claimConfirmations(id);
  return {
    claim: plain,
    stamp,
    documents: await listDocuments(s, id),
    history,
    requestedItems: await s.claimFacts.requestedItems(id),
    claimant,
    confirmations: [...confirmations].flatMap(([documentId, checks]) =>
      checks.map((check) => ({ documentId, check: check as ClaimDetail['confirmations'][number]['check'] })),
    ),
    pledgeSigned: await s.claims.isPledgeSigned(id),
    processing: processingNoteFor(claim.status, history, claimant.insuredRegion, today),
  };
}

/** Finished claims (已到账, 未通过) stay as handed in (claim-lock.ts says why), on any engine. */
export async function assertEditable(s: Session, claimId: number): Promise<void> {
  const claim = await getClaim(s, claimId);
  if (!isReadOnlyStatus(claim.status)) return;
  const zh = CLAIM_STATUS_LABELS[claim.status].zh;
  throw new ClaimDeskError(
    'transition_refused',
    `报销单 ${claim.reference} 已是“${zh}”，不能再修改；如需修改，请先点“重新打开”`,
    `claim ${claim.reference} is ${claim.status} and read-only; reopen it first`,
    { field: 'status' },
  );
}

/**
 * Saves the editor's fields. With `expectedVersion` (the version the editor loaded) another desk's change in
 * between refuses the save with who and when (StaleWriteError), writing nothing.
 */
export async function saveClaimEdit(
  s: Session,
  id: number,
  fields: unknown,
  expectedVersion: number | undefined,
): Promise<Claim> {
  await assertEditable(s, id);
  return withoutStamp(await updateClaim(s, id, fields, { expectedVersion }));
}

/** Moves the claim (life-cycle rules apply) and records the day, the note and what was asked for, at once. */
export async function moveWithFacts(
  s: Session,
  claimId: number,
  to: ClaimStatus,
  facts: StatusFacts,
  today: string,
): Promise<Claim> {
  const claim = await getClaim(s, claimId);
  checkStatusFacts(claim, to, facts, today);
  const date = facts.date ?? today;
  const requested = to === 'more_info_requested' ? requestedLines(facts.requested) : [];
  const note = facts.note?.trim() ?? '';
  await s.transaction(
    async (tx) => {
      await transitionClaim(tx, claimId, to, note);
      await tx.claimFacts.recordChangeFacts(claimId, date, requested, new Date().toISOString());
    },
    { immediate: true },
  );
  return withoutStamp(await getClaim(s, claimId));
}

/** The moves the life cycle allows for the board's selection, with how many of the claims may make each. */
export async function movesFor(
  s: Session,
  claimIds: readonly number[],
): Promise<Array<{ to: ClaimStatus; count: number }>> {
  const counts = new Map<ClaimStatus, number>();
  for (const id of claimIds)
    for (const to of CLAIM_TRANSITIONS[(await getClaim(s, id)).status])
      counts.set(to, (counts.get(to) ?? 0) + 1);
  return CLAIM_STATUSES.filter((st) => counts.has(st)).map((to) => ({ to, count: counts.get(to)! }));
}

// A status change with its facts (the day it happened, a note) and what the office asked for when it
// wanted more papers (补充材料), each a checklist item on the claim until ticked done. The move itself is the
// life cycle's (repo.transitionClaim, which refuses moves not in CLAIM_TRANSITIONS); this adds its facts in
// the same transaction, so a refused date or a missing reason leaves the claim as it was.
import { formatDateZh } from '../../shared/dates';
import type { ClaimStatus } from '../../shared/lifecycle';
import { CLAIM_STATUS_LABELS, CLAIM_STATUSES, CLAIM_TRANSITIONS } from '../../shared/lifecycle';
import { ClaimDeskError } from './errors';
import { getClaim, transitionClaim } from './repo';
import { localToday } from './rules/dates';
import type { Claim } from '../../shared/schemas';
import type { Db, RequestedItem } from './db/contract';
import { store } from './db/store';

export type { RequestedItem } from './db/contract';

export interface StatusFacts {
  /** YYYY-MM-DD the change happened; today when absent. */
  date?: string | undefined;
  note?: string | undefined;
  /** 补充材料: one line per thing the office asked for. */
  requested?: readonly string[] | undefined;
}

export interface StatusChangeWithFacts {
  from: ClaimStatus | null;
  to: ClaimStatus;
  note: string;
  changedAt: string;
  /** The day it happened (the recorded day for changes made before dates could be given). */
  happenedOn: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
export const MAX_REQUESTED_ITEMS = 20;

function refuse(zh: string, en: string, field: string): never {
  throw new ClaimDeskError('invalid_input', zh, en, { field });
}

/** Lines of what was asked for: trimmed, blank ones dropped, repeated ones once. */
export function requestedLines(lines: readonly string[] | undefined): string[] {
  const out: string[] = [];
  for (const raw of lines ?? []) {
    const t = raw.replace(/\s+/g, ' ').trim();
    if (t && !out.includes(t)) out.push(t);
  }
  return out;
}

/**
 * Checks the facts of a move of `claim` to `to`: the day is a real date, not in the future and not before the
 * claim was created; 补充材料 names at least one thing asked for; 未通过 says why.
 */
export function checkStatusFacts(claim: Claim, to: ClaimStatus, facts: StatusFacts, today: string): void {
  const date = facts.date ?? today;
  const parsed = new Date(`${date}T00:00:00Z`);
  if (!DATE.test(date) || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== date)
    refuse(`日期“${date}”不是有效日期，请写成 2026-10-01 这样`, `"${date}" is not a valid date`, 'date');
  if (date > today)
    refuse(`日期不能晚于今天（${formatDateZh(today)}）`, `the date cannot be after today (${today})`, 'date');
  // Creation time is the wall clock's; `today` may be fixed (tests, --today). Where they disagree, today wins.
  const createdDay = localToday(new Date(claim.createdAt));
  const created = createdDay < today ? createdDay : today;
  if (date < created)
    refuse(
      `日期不能早于这张报销单的建立日期（${formatDateZh(created)}）`,
      `the date cannot be before the claim was created (${created})`,
      'date',
    );
  const label = CLAIM_STATUS_LABELS[to].zh;
  if (to === 'more_info_requested') {
    const lines = requestedLines(facts.requested);
    if (lines.length === 0)
      refuse(
        `改为“${label}”时，请写下要求补充什么（每行一项）`,
        'say what the office asked for',
        'requested',
      );
    if (lines.length > MAX_REQUESTED_ITEMS)
      refuse(`一次最多记 ${MAX_REQUESTED_ITEMS} 项`, `at most ${MAX_REQUESTED_ITEMS} items`, 'requested');
  }
  if (to === 'rejected' && !facts.note?.trim())
    refuse(`改为“${label}”时，请写下未通过的原因`, 'say why the claim was rejected', 'note');
}

/** Moves the claim (life-cycle rules apply) and records the day, the note and what was asked for, at once. */
export function transitionWithFacts(
  db: Db,
  claimId: number,
  to: ClaimStatus,
  facts: StatusFacts,
  today: string,
): Claim {
  const claim = getClaim(db, claimId);
  checkStatusFacts(claim, to, facts, today);
  const date = facts.date ?? today;
  const requested = to === 'more_info_requested' ? requestedLines(facts.requested) : [];
  const note = facts.note?.trim() ?? '';
  return store.engine.transaction(db, () => {
    const moved = transitionClaim(db, claimId, to, note);
    store.claimFacts.recordChangeFacts(db, claimId, date, requested, new Date().toISOString());
    return moved;
  });
}

export function statusHistory(db: Db, claimId: number): StatusChangeWithFacts[] {
  return store.claimFacts.historyWithFacts(db, claimId).map((r) => ({
    ...r,
    happenedOn: r.happenedOn ?? localToday(new Date(r.changedAt)),
  }));
}

export function requestedItems(db: Db, claimId: number): RequestedItem[] {
  return store.claimFacts.requestedItems(db, claimId);
}

export function requestedItem(db: Db, itemId: number): RequestedItem {
  const item = store.claimFacts.requestedItem(db, itemId);
  if (!item)
    throw new ClaimDeskError('not_found', '找不到这一项补充要求', `requested item ${itemId} not found`, {
      field: 'itemId',
    });
  return item;
}

/** Ticks (or unticks) one thing the office asked for. */
export function setRequestedItemDone(db: Db, itemId: number, done: boolean): RequestedItem {
  requestedItem(db, itemId);
  store.claimFacts.setRequestedItemDone(db, itemId, done ? new Date().toISOString() : null);
  return requestedItem(db, itemId);
}

/** The day each claim entered its current status (the day given for it, else the day it was recorded). */
export function statusSince(db: Db, claimIds: readonly number[]): Map<number, string> {
  return new Map(
    store.claimFacts
      .latestChanges(db, claimIds)
      .map((r) => [r.claimId, r.happenedOn ?? localToday(new Date(r.changedAt))]),
  );
}

/**
 * The moves the life cycle allows for a set of claims (the board's selection): each status at least one of
 * them may go to next, with how many may, in the life cycle's order. What the bulk status change offers.
 */
export function statusMoves(db: Db, claimIds: readonly number[]): Array<{ to: ClaimStatus; count: number }> {
  const counts = new Map<ClaimStatus, number>();
  for (const id of claimIds)
    for (const to of CLAIM_TRANSITIONS[getClaim(db, id).status]) counts.set(to, (counts.get(to) ?? 0) + 1);
  return CLAIM_STATUSES.filter((s) => counts.has(s)).map((to) => ({ to, count: counts.get(to)! }));
}

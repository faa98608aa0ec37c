// Storage: a status change with its facts (the day it happened, a note) and what the office asked for when it
// wanted more papers (补充材料), each a checklist item on the claim until ticked done. The move itself is the
// life cycle's (repo.transitionClaim, which refuses moves not in CLAIM_TRANSITIONS); this adds its facts in
// the same transaction, so a refused date or a missing reason leaves the claim as it was.
import type { ClaimStatus } from '../../../../shared/lifecycle';
import { CLAIM_STATUS_LABELS } from '../../../../shared/lifecycle';
import { ClaimDeskError } from '../../errors';
import { getClaim, transitionClaim } from '../../repo';
import { localToday } from '../../rules/dates';
import type { Claim } from '../../../../shared/schemas';
import type { Db } from '../contract';
import { sqliteOf } from '../sqlite';

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

export interface RequestedItem {
  id: number;
  claimId: number;
  text: string;
  createdAt: string;
  doneAt: string | null;
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
    refuse(`日期不能晚于今天（${today}）`, `the date cannot be after today (${today})`, 'date');
  // Creation time is the wall clock's; `today` may be fixed (tests, --today). Where they disagree, today wins.
  const createdDay = localToday(new Date(claim.createdAt));
  const created = createdDay < today ? createdDay : today;
  if (date < created)
    refuse(
      `日期不能早于这张报销单的建立日期（${created}）`,
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
  return sqliteOf(db).transaction(() => {
    const moved = transitionClaim(db, claimId, to, note);
    const historyId = (
      sqliteOf(db)
        .prepare('SELECT max(id) AS id FROM claim_status_history WHERE claim_id = ?')
        .get(claimId) as {
        id: number;
      }
    ).id;
    sqliteOf(db).prepare('UPDATE claim_status_history SET happened_on = ? WHERE id = ?').run(date, historyId);
    const insert = sqliteOf(db).prepare(
      'INSERT INTO claim_requested_items (claim_id, history_id, text, created_at) VALUES (?, ?, ?, ?)',
    );
    const at = new Date().toISOString();
    for (const text of requested) insert.run(claimId, historyId, text, at);
    return moved;
  })();
}

export function statusHistory(db: Db, claimId: number): StatusChangeWithFacts[] {
  const rows = sqliteOf(db)
    .prepare(
      `SELECT from_status, to_status, note, changed_at, happened_on FROM claim_status_history
       WHERE claim_id = ? ORDER BY id`,
    )
    .all(claimId) as Array<{
    from_status: ClaimStatus | null;
    to_status: ClaimStatus;
    note: string;
    changed_at: string;
    happened_on: string | null;
  }>;
  return rows.map((r) => ({
    from: r.from_status,
    to: r.to_status,
    note: r.note,
    changedAt: r.changed_at,
    happenedOn: r.happened_on ?? localToday(new Date(r.changed_at)),
  }));
}

type ItemRow = { id: number; claim_id: number; text: string; created_at: string; done_at: string | null };
const toItem = (r: ItemRow): RequestedItem => ({
  id: r.id,
  claimId: r.claim_id,
  text: r.text,
  createdAt: r.created_at,
  doneAt: r.done_at,
});

export function requestedItems(db: Db, claimId: number): RequestedItem[] {
  return (
    sqliteOf(db)
      .prepare(
        'SELECT id, claim_id, text, created_at, done_at FROM claim_requested_items WHERE claim_id = ? ORDER BY id',
      )
      .all(claimId) as ItemRow[]
  ).map(toItem);
}

export function requestedItem(db: Db, itemId: number): RequestedItem {
  const row = sqliteOf(db)
    .prepare('SELECT id, claim_id, text, created_at, done_at FROM claim_requested_items WHERE id = ?')
    .get(itemId) as ItemRow | undefined;
  if (!row)
    throw new ClaimDeskError('not_found', '找不到这一项补充要求', `requested item ${itemId} not found`, {
      field: 'itemId',
    });
  return toItem(row);
}

/** Ticks (or unticks) one thing the office asked for. */
export function setRequestedItemDone(db: Db, itemId: number, done: boolean): RequestedItem {
  requestedItem(db, itemId);
  sqliteOf(db)
    .prepare('UPDATE claim_requested_items SET done_at = ? WHERE id = ?')
    .run(done ? new Date().toISOString() : null, itemId);
  return requestedItem(db, itemId);
}

/** The day each claim entered its current status (the day given for it, else the day it was recorded). */
export function statusSince(db: Db, claimIds: readonly number[]): Map<number, string> {
  if (claimIds.length === 0) return new Map();
  const rows = sqliteOf(db)
    .prepare(
      `SELECT h.claim_id AS id, h.happened_on AS day, h.changed_at AS at FROM claim_status_history h
       WHERE h.id IN (SELECT max(id) FROM claim_status_history WHERE claim_id IN (${claimIds.map(() => '?').join(',')})
                      GROUP BY claim_id)`,
    )
    .all(...claimIds) as Array<{ id: number; day: string | null; at: string }>;
  return new Map(rows.map((r) => [r.id, r.day ?? localToday(new Date(r.at))]));
}

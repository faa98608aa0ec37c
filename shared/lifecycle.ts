// Claim life cycle (POLICY.md section 5). The transition table is the single source of truth: the DB layer
// refuses anything not listed here, and the UI only offers the moves listed here.
import { z } from 'zod';

export const CLAIM_STATUSES = [
  'draft',
  'ready',
  'submitted',
  'under_review',
  'more_info_requested',
  'paying',
  'paid',
  'rejected',
] as const;
export const ClaimStatus = z.enum(CLAIM_STATUSES, {
  error: () => `状态必须是以下之一：${CLAIM_STATUSES.join(', ')}`,
});
export type ClaimStatus = z.infer<typeof ClaimStatus>;

export const CLAIM_STATUS_LABELS: Record<ClaimStatus, { zh: string; en: string }> = {
  draft: { zh: '草稿', en: 'Draft' },
  ready: { zh: '材料齐全', en: 'Ready' },
  submitted: { zh: '已提交', en: 'Submitted' },
  under_review: { zh: '审核中', en: 'Under review' },
  more_info_requested: { zh: '补充材料', en: 'More info requested' },
  paying: { zh: '打款中', en: 'Paying' },
  paid: { zh: '已到账', en: 'Paid' },
  rejected: { zh: '未通过', en: 'Rejected' },
};

export const CLAIM_TRANSITIONS: Readonly<Record<ClaimStatus, readonly ClaimStatus[]>> = {
  draft: ['ready'],
  // A ready claim goes back to draft when the user edits it after the checks passed.
  ready: ['draft', 'submitted'],
  submitted: ['under_review', 'rejected'],
  under_review: ['more_info_requested', 'paying', 'rejected'],
  // After adding what the reviewer asked for, the claim is handed in again.
  more_info_requested: ['submitted'],
  paying: ['paid'],
  // Paid and rejected claims are read-only; reopening (to correct a record or prepare again) makes a draft.
  paid: ['draft'],
  // A rejected claim can be reopened as a draft and prepared again.
  rejected: ['draft'],
};

export function canTransition(from: ClaimStatus, to: ClaimStatus): boolean {
  return CLAIM_TRANSITIONS[from].includes(to);
}

/**
 * The statuses a claim passes through to get from `from` to `to` by the shortest way the table allows, `to`
 * last ([to] when the move is direct, [] when already there, null when there is no way): what a refusal
 * tells the person to do first.
 */
export function stepsTo(from: ClaimStatus, to: ClaimStatus): ClaimStatus[] | null {
  if (from === to) return [];
  const cameFrom = new Map<ClaimStatus, ClaimStatus>([[from, from]]);
  const queue: ClaimStatus[] = [from];
  while (queue.length > 0) {
    const at = queue.shift()!;
    for (const next of CLAIM_TRANSITIONS[at]) {
      if (cameFrom.has(next)) continue;
      cameFrom.set(next, at);
      if (next === to) {
        const path: ClaimStatus[] = [to];
        for (let s = at; s !== from; s = cameFrom.get(s)!) path.unshift(s);
        return path;
      }
      queue.push(next);
    }
  }
  return null;
}

/** Statuses in which the submission deadline still matters (nothing handed in yet). */
export const PRE_SUBMISSION_STATUSES: readonly ClaimStatus[] = ['draft', 'ready'];

/** Finished claims: nothing may be added, edited or removed until the claim is reopened as a draft. */
export const READ_ONLY_STATUSES: readonly ClaimStatus[] = ['paid', 'rejected'];

export function isReadOnlyStatus(status: ClaimStatus): boolean {
  return READ_ONLY_STATUSES.includes(status);
}

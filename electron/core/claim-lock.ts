// Finished claims (已到账, 未通过) are kept as they were handed in: nothing is added, edited or removed until
// the person reopens the claim. Checked in main, so a stale screen or the CLI cannot change them either.
import { CLAIM_STATUS_LABELS, isReadOnlyStatus } from '../../shared/lifecycle';
import type { Db } from './db/contract';
import { store } from './db/store';
import { ClaimDeskError } from './errors';
import { getClaim } from './repo';

export function assertClaimEditable(db: Db, claimId: number): void {
  const claim = getClaim(db, claimId);
  if (!isReadOnlyStatus(claim.status)) return;
  const zh = CLAIM_STATUS_LABELS[claim.status].zh;
  throw new ClaimDeskError(
    'transition_refused',
    `报销单 ${claim.reference} 已是“${zh}”，不能再修改；如需修改，请先点“重新打开”`,
    `claim ${claim.reference} is ${claim.status} and read-only; reopen it first`,
    { field: 'status' },
  );
}

/** The claim a document belongs to. */
export function claimOfDocument(db: Db, documentId: number): number {
  const claimId = store.documents.claimOfDocument(db, documentId);
  if (claimId === null)
    throw new ClaimDeskError('not_found', `找不到材料 ${documentId}`, `document ${documentId} not found`, {
      field: 'documentId',
    });
  return claimId;
}

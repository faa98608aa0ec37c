// Status tracking's "how long does it usually take": the processing note of a stored claim (shared/
// processing.ts) with the figures of the claimant's rule pack. A read; null outside 已提交/审核中/打款中.
import { processingNote, type ProcessingNote } from '../../shared/processing';
import { statusHistory } from './claim-status';
import type { Db } from './db/contract';
import { getClaim, getPerson } from './repo';
import { localToday } from './rules/dates';
import { rulePackForRegion } from './rules/pack';

export function claimProcessingNote(db: Db, claimId: number, today = localToday()): ProcessingNote | null {
  const claim = getClaim(db, claimId);
  let pack;
  try {
    pack = rulePackForRegion(getPerson(db, claim.fields.claimantId).insuredRegion);
  } catch {
    // A broken regional pack is reported where the checklist is evaluated; tracking just goes without.
    return null;
  }
  return processingNote(claim.status, statusHistory(db, claimId), today, pack.time.processing, pack.seeds);
}

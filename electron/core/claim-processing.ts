// Status tracking's "how long does it usually take": the processing note of a stored claim (shared/
// processing.ts) with the figures of the claimant's rule pack. A read; null outside 已提交/审核中/打款中.
import type { ClaimStatus } from '../../shared/lifecycle';
import { processingNote, type ProcessingNote } from '../../shared/processing';
import { statusHistory } from './claim-status';
import type { Db } from './db/contract';
import { getClaim, getPerson } from './repo';
import { localToday } from './rules/dates';
import { rulePackForRegion } from './rules/pack';

export function claimProcessingNote(db: Db, claimId: number, today = localToday()): ProcessingNote | null {
  const claim = getClaim(db, claimId);
  const region = getPerson(db, claim.fields.claimantId).insuredRegion;
  return processingNoteFor(claim.status, statusHistory(db, claimId), region, today);
}

/** The same note from a claim's status, its history and its claimant's 参保地, read from any engine. */
export function processingNoteFor(
  status: ClaimStatus,
  history: ReadonlyArray<{ to: ClaimStatus; happenedOn: string | null; changedAt: string }>,
  insuredRegion: string,
  today = localToday(),
): ProcessingNote | null {
  let pack;
  try {
    pack = rulePackForRegion(insuredRegion);
  } catch {
    // A broken regional pack is reported where the checklist is evaluated; tracking just goes without.
    return null;
  }
  const days = history.map((h) => ({
    to: h.to,
    happenedOn: h.happenedOn ?? localToday(new Date(h.changedAt)),
  }));
  return processingNote(status, days, today, pack.time.processing, pack.seeds);
}

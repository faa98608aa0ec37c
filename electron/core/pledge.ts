// Whether the applicant has signed the printed 诚信承诺书 of a stored claim (the rule engine's pledge_signed
// fact). A signed scan attached as an integrity_pledge document counts too, without this mark.
import type { Db } from './db/contract';
import { store } from './db/store';
import { getClaim } from './repo';

/** Marks or unmarks the pledge as signed (not_found when the claim does not exist); answers the new state. */
export function setPledgeSigned(db: Db, claimId: number, signed: boolean): boolean {
  getClaim(db, claimId);
  store.claims.setPledgeSigned(db, claimId, signed, new Date().toISOString());
  return isPledgeSigned(db, claimId);
}

export function isPledgeSigned(db: Db, claimId: number): boolean {
  return store.claims.isPledgeSigned(db, claimId);
}

// Whether the applicant has signed the printed 诚信承诺书 of a stored claim (the rule engine's pledge_signed
// fact). A signed scan attached as an integrity_pledge document counts too, without this mark.
import type { Db } from './db/open';
import { getClaim } from './repo';

/** Marks or unmarks the pledge as signed (not_found when the claim does not exist); answers the new state. */
export function setPledgeSigned(db: Db, claimId: number, signed: boolean): boolean {
  getClaim(db, claimId);
  if (signed) {
    db.prepare(
      `INSERT INTO claim_pledge_signatures (claim_id, signed_at) VALUES (?, ?) ON CONFLICT(claim_id) DO NOTHING`,
    ).run(claimId, new Date().toISOString());
  } else {
    db.prepare('DELETE FROM claim_pledge_signatures WHERE claim_id = ?').run(claimId);
  }
  return isPledgeSigned(db, claimId);
}

export function isPledgeSigned(db: Db, claimId: number): boolean {
  return db.prepare('SELECT 1 FROM claim_pledge_signatures WHERE claim_id = ?').get(claimId) !== undefined;
}

// Storage (PostgreSQL): each claim's stored checklist verdict (migration 0030, db/store/verdicts.ts for
// SQLite). Made and judged above the contract (claim-verdict.ts); the migration's triggers delete a claim's
// row whenever a row it was made from changes, whichever desk wrote it.
import type { StoredVerdict, VerdictOps } from '../contract';
import type { PgOps } from './cx';

interface VerdictRow {
  claim_id: number;
  evaluated_on: string;
  basis: string;
  summary_json: string;
}

export const pgVerdicts: PgOps<VerdictOps> = {
  async of(cx, claimIds) {
    const out = new Map<number, StoredVerdict>();
    if (claimIds.length === 0) return out;
    const rows = await cx.q<VerdictRow>(
      'SELECT claim_id, evaluated_on, basis, summary_json FROM claim_verdicts WHERE claim_id = ANY($1::integer[])',
      [claimIds],
    );
    for (const r of rows)
      out.set(r.claim_id, {
        claimId: r.claim_id,
        evaluatedOn: r.evaluated_on,
        basis: r.basis,
        summaryJson: r.summary_json,
      });
    return out;
  },
  async put(cx, v, at) {
    await cx.run(
      `INSERT INTO claim_verdicts (claim_id, evaluated_on, basis, summary_json, made_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (claim_id) DO UPDATE SET evaluated_on = excluded.evaluated_on, basis = excluded.basis,
         summary_json = excluded.summary_json, made_at = excluded.made_at`,
      [v.claimId, v.evaluatedOn, v.basis, v.summaryJson, at],
    );
  },
};

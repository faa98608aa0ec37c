// Storage (SQLite): each claim's stored checklist verdict (migration 0110). Made and judged above the
// contract (claim-verdict.ts); the migration's triggers delete a claim's row whenever a row it was made from
// changes, so nothing here has to know which writes matter.
import type { StoredVerdict } from '../contract';
import { sqliteOf } from '../sqlite';
import type { SyncVerdictStore } from '../sync-contract';

export const sqliteVerdicts: SyncVerdictStore = {
  of(db, claimIds) {
    const out = new Map<number, StoredVerdict>();
    if (claimIds.length === 0) return out;
    const rows = sqliteOf(db)
      .prepare(
        `SELECT claim_id, evaluated_on, basis, summary_json FROM claim_verdicts
         WHERE claim_id IN (SELECT value FROM json_each(?))`,
      )
      .raw()
      .all(JSON.stringify(claimIds)) as Array<[number, string, string, string]>;
    for (const [claimId, evaluatedOn, basis, summaryJson] of rows)
      out.set(claimId, { claimId, evaluatedOn, basis, summaryJson });
    return out;
  },

  put(db, v, at) {
    sqliteOf(db)
      .prepare(
        `INSERT INTO claim_verdicts (claim_id, evaluated_on, basis, summary_json, made_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(claim_id) DO UPDATE SET evaluated_on = excluded.evaluated_on, basis = excluded.basis,
           summary_json = excluded.summary_json, made_at = excluded.made_at`,
      )
      .run(v.claimId, v.evaluatedOn, v.basis, v.summaryJson, at);
  },
};

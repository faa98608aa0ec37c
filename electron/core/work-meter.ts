// Counts of the expensive steps: file decodes (bytes → pixels), whole-file hashes and format sniffs a page
// goes through, and claim evaluations made for a verdict. The page pipeline promises one decode and one hash
// per imported page (docs/architecture.md), the board no evaluation for a claim whose kept verdict holds
// (claim-verdict.ts); tests read these counters to hold them to that. Plain integers: counting costs nothing.
export const workMeter = { decodes: 0, hashes: 0, sniffs: 0, evaluations: 0 };

export type WorkCount = typeof workMeter;

/** A copy of the counters now, to subtract from a later reading. */
export function readWorkMeter(): WorkCount {
  return { ...workMeter };
}

/** Work done since `before` (a readWorkMeter() result). */
export function workSince(before: WorkCount): WorkCount {
  return {
    decodes: workMeter.decodes - before.decodes,
    hashes: workMeter.hashes - before.hashes,
    sniffs: workMeter.sniffs - before.sniffs,
    evaluations: workMeter.evaluations - before.evaluations,
  };
}

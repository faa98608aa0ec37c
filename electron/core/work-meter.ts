// Counts of the expensive steps a page goes through: file decodes (bytes → pixels), whole-file hashes and
// format sniffs. The page pipeline promises one decode and one hash per imported page
// (docs/architecture.md); tests read these counters to hold it to that. Plain integers, so counting costs
// nothing in the app.
export const workMeter = { decodes: 0, hashes: 0, sniffs: 0 };

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
  };
}

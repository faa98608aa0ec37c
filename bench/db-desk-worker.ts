// One simulated desk of bench/db-desks.ts, in its own process: for DURATION seconds it imports papers and
// changes claims' statuses and notes, every edit on the version it read; a refused edit is reloaded and
// reapplied, as a person would. Prints what it saved, as one JSON line.
import { randomBytes } from 'node:crypto';
import { openStorage, type StorageLocation } from '../electron/core/db/engines';
import { StaleWriteError } from '../electron/core/db/stale';

const job = JSON.parse(process.argv[2]!) as {
  where: StorageLocation;
  desk: string;
  claims: number[];
  seconds: number;
};
const e = await openStorage(job.where, { desk: job.desk, person: `${job.desk}-staff` });
const log = {
  docs: [] as number[],
  statuses: [] as number[],
  edits: [] as Array<[number, string]>,
  refused: 0,
  errors: [] as string[],
};
const pick = () => job.claims[Math.floor(Math.random() * job.claims.length)]!;
const end = Date.now() + job.seconds * 1000;
let n = 0;

/** Reads, changes, saves on the version read; on refusal reads again and reapplies (at most 20 times). */
async function edit(
  claimId: number,
  write: (version: number, claim: NonNullable<Awaited<ReturnType<typeof e.claims.claim>>>) => Promise<void>,
) {
  for (let attempt = 0; attempt < 20; attempt++) {
    const claim = (await e.claims.claim(claimId))!;
    try {
      await write(claim.stamp.version, claim);
      return true;
    } catch (err) {
      if (!(err instanceof StaleWriteError)) throw err;
      log.refused++;
    }
  }
  return false;
}

while (Date.now() < end) {
  const claimId = pick();
  const r = Math.random();
  try {
    if (r < 0.35) {
      const bytes = randomBytes(200_000);
      const stored = await e.files.putBytes(bytes);
      await e.documents.insert(
        claimId,
        'invoice',
        'imported',
        [
          {
            sha256: stored.sha256,
            size: stored.size,
            mime: 'image/jpeg',
            originalName: `${job.desk}-${n}.jpg`,
            facts: null,
          },
        ],
        new Date().toISOString(),
      );
      log.docs.push(claimId);
    } else if (r < 0.7) {
      const ok = await edit(claimId, (version, c) =>
        e.transaction(
          (tx) =>
            tx.claims.recordTransition(
              claimId,
              c.status,
              c.status === 'draft' ? 'ready' : 'draft',
              job.desk,
              new Date().toISOString(),
              { expectedVersion: version },
            ),
          { immediate: true },
        ),
      );
      if (ok) log.statuses.push(claimId);
    } else {
      const token = `${job.desk}:${n};`;
      const ok = await edit(claimId, (version, c) =>
        e.claims.update(claimId, { ...c.fields, notes: c.fields.notes + token }, new Date().toISOString(), {
          expectedVersion: version,
        }),
      );
      if (ok) log.edits.push([claimId, token]);
    }
  } catch (err) {
    log.errors.push(
      `${r < 0.35 ? 'import' : r < 0.7 ? 'status' : 'edit'}: ${String((err as Error).message ?? err)} ${(err as { code?: string }).code ?? ''}`,
    );
  }
  n++;
}
await e.close();
process.stdout.write(`${JSON.stringify(log)}\n`);

// One desk as its own process, for the engine-level concurrency tests (issue 23): opens the store named on the
// command line and creates claims as fast as it can, then prints what it stored as one JSON line.
//   node --import tsx tests/helpers/desk-process.ts '{"where":{…},"desk":"d1","claimant":1,"claims":25}'
import { openStorage, type StorageLocation } from '../../electron/core/db/engines';
import { claimFields } from './engines';

const job = JSON.parse(process.argv[2]!) as {
  where: StorageLocation;
  desk: string;
  claimant: number;
  claims: number;
};
const engine = await openStorage(job.where, { desk: job.desk, person: null });
const made: Array<{ id: number; reference: string }> = [];
try {
  for (let i = 0; i < job.claims; i++) {
    const id = await engine.claims.insert(
      claimFields(job.claimant, { notes: `${job.desk} #${i}` }),
      new Date().toISOString(),
    );
    made.push({ id, reference: (await engine.claims.claim(id))!.reference });
  }
} finally {
  await engine.close();
}
process.stdout.write(`${JSON.stringify(made)}\n`);

// kill-import on the PostgreSQL engine (issue 23): `claimdesk import` into the office's shared database is
// SIGKILLed at seeded random moments (by the clock, from spawn to a whole undisturbed run, so kills land in
// start-up, in the originals' upload, in the analysis and in the document's transaction). After each kill the
// claim holds the document wholly (every page) or not at all, no original is half there for another desk to
// read, and the server answers the next desk at once. Kept cheap for CI: 12 photos, 6 kills; each run its
// own photos, so every run uploads (the same bytes would be found already stored).
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStorage } from '../../electron/core/db/engines';
import { ensurePhotos, seededRandom } from '../../scripts/reliability-fixtures';
import { claimFields, personFields } from '../helpers/engines';
import { freshDatabase, pgTestServer, sql } from '../helpers/pg-server';
import { CLI, REPO_ROOT } from '../helpers/tmp';

const PHOTOS = 12;
const RUNS = 6;
const SEED = 20261207;

const server = await pgTestServer();
afterAll(() => server?.stop());

const PARTIAL = `SELECT b.sha256 FROM file_blobs b LEFT JOIN file_chunks c ON c.sha256 = b.sha256
  GROUP BY b.sha256, b.size HAVING coalesce(sum(length(c.data)), 0) <> b.size`;

function importAndKill(
  url: string,
  claimId: number,
  photos: string[],
  afterMs: number,
): Promise<{ killed: boolean; code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      // --no-check: what is under test is the shared store's all-or-nothing write, not the photo checks.
      [CLI, 'import', String(claimId), '--kind', 'medical_record', '--no-check', ...photos],
      {
        cwd: REPO_ROOT,
        env: { ...process.env, CLAIMDESK_DATABASE_URL: url, CLAIMDESK_DESK: '前台' },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    let killed = false;
    const timer = setTimeout(() => (killed = child.kill('SIGKILL')), afterMs);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ killed: killed && signal === 'SIGKILL', code, stderr });
    });
  });
}

describe.skipIf(!server)('SIGKILL during an import on the shared database', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  const claims: number[] = [];
  const sets: string[][] = [];

  beforeAll(async () => {
    db = await freshDatabase(server!.url);
    const e = await openStorage({ url: db.url }, { desk: 'setup', person: null });
    try {
      const at = new Date().toISOString();
      const h = await e.people.insertHousehold({ name: '中断户', notes: '' }, at);
      const p = await e.people.insertPerson(personFields(h), at);
      for (let i = 0; i <= RUNS; i++) claims.push(await e.claims.insert(claimFields(p), at));
    } finally {
      await e.close();
    }
    for (let i = 0; i <= RUNS; i++)
      sets.push(await ensurePhotos(`kill-pg-${i}`, PHOTOS, { width: 900, height: 700 + i }));
  }, 180_000);
  afterAll(async () => {
    await db?.drop();
  });

  it(`survives ${RUNS} kills at random moments`, { timeout: 300_000 }, async () => {
    // One undisturbed run: the import works, and it bounds the kill moments.
    const started = performance.now();
    const probe = await importAndKill(db.url, claims[RUNS]!, sets[RUNS]!, 120_000);
    const fullRunMs = performance.now() - started;
    expect(probe.code, probe.stderr).toBe(0);

    const rnd = seededRandom(SEED);
    const outcomes = { whole: 0, none: 0, completed: 0 };
    for (let run = 0; run < RUNS; run++) {
      // Up to a little past a whole run, so some kills land after the commit, in the exit.
      const afterMs = Math.round(rnd() * fullRunMs * 1.15);
      const r = await importAndKill(db.url, claims[run]!, sets[run]!, afterMs);
      const label = `run ${run} (seed ${SEED}, kill at ${afterMs} ms of ${Math.round(fullRunMs)})`;
      if (!r.killed) {
        expect(r.code, `${label}: ${r.stderr}`).toBe(0);
        outcomes.completed++;
      }
      const pages = await sql<{ document_id: number; n: number }>(
        db.url,
        `SELECT d.id AS document_id, count(p.id)::int AS n FROM documents d
         LEFT JOIN document_pages p ON p.document_id = d.id WHERE d.claim_id = $1 GROUP BY d.id`,
        [claims[run]],
      );
      // Wholly there or wholly absent: never a document with some of its pages.
      expect(
        pages.map((d) => d.n),
        label,
      ).toEqual(pages.length ? [PHOTOS] : []);
      if (r.killed) outcomes[pages.length ? 'whole' : 'none']++;
      expect(await sql(db.url, PARTIAL), label).toEqual([]);
    }
    // The killed desks' sessions are gone and hold nothing: the next import of every photo works.
    const again = await importAndKill(db.url, claims[0]!, sets[0]!, 120_000);
    expect(again.code, again.stderr).toBe(0);
    console.log(
      `[kill-import-pg] ${RUNS} runs (undisturbed ${Math.round(fullRunMs)} ms): killed with the document absent ${outcomes.none}, killed after it was written ${outcomes.whole}, finished first ${outcomes.completed}`,
    );
  });
});

// Several desks at once, as separate processes on one store (issue 23): 4 processes × 25 claim creates store
// 100 claims with 100 distinct numbers (BX…), on the SQLite engine (one data folder, several processes) and on
// the PostgreSQL engine (one database, several desks). Real processes, a real server.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { claimFields, makeStore, personFields, type EngineKind } from '../helpers/engines';
import { pgTestServer } from '../helpers/pg-server';
import { REPO_ROOT } from '../helpers/tmp';

const server = await pgTestServer();
afterAll(() => server?.stop());

function runDesk(job: unknown): Promise<Array<{ id: number; reference: string }>> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(REPO_ROOT, 'tests', 'helpers', 'desk-process.ts'), JSON.stringify(job)],
      { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) =>
      code === 0
        ? resolve(JSON.parse(out.trim().split('\n').at(-1)!))
        : reject(new Error(`desk exited ${code}: ${err}`)),
    );
  });
}

describe.each<EngineKind>(['sqlite', 'postgres'])('desks at once on %s', (kind) => {
  it.skipIf(kind === 'postgres' && !server)(
    '4 processes × 25 claim creates: 100 claims, 100 distinct numbers',
    async () => {
      const store = await makeStore(kind, server);
      try {
        const e = await store.open('setup');
        const h = await e.people.insertHousehold({ name: '并发户', notes: '' }, new Date().toISOString());
        const claimant = await e.people.insertPerson(personFields(h), new Date().toISOString());
        const results = await Promise.all(
          [1, 2, 3, 4].map((n) => runDesk({ where: store.where, desk: `desk-${n}`, claimant, claims: 25 })),
        );
        const refs = results.flat().map((r) => r.reference);
        expect(refs).toHaveLength(100);
        expect(new Set(refs).size).toBe(100);
        expect(new Set(results.flat().map((r) => r.id)).size).toBe(100);
        expect((await e.claims.list({ pageSize: 1 })).total).toBe(100);
        // Every claim kept the desk that made it, and its first history entry says so too.
        const some = results[2]![7]!;
        expect((await e.claims.claim(some.id))?.stamp.desk).toBe('desk-3');
        expect((await e.claimFacts.historyWithFacts(some.id))[0]?.desk).toBe('desk-3');
        void claimFields;
      } finally {
        await store.cleanup();
      }
    },
    120_000,
  );
});

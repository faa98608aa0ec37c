// Five desks at once for DURATION seconds (BENCH_DESK_SECONDS, default 60), each its own process on one store
// (issue 23): importing papers, changing statuses and typing notes on the same 30 claims, every edit on the
// version it read and reapplied when refused. Then nothing may be lost: every saved status change is in the
// history and raised the version once, every saved note is in the final text, every import is there, and no
// desk met an error. BENCH_ENGINES=postgres,sqlite picks the engines (both by default).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStorage, type StorageLocation } from '../electron/core/db/engines';
import { freshDatabase, pgTestServer } from '../tests/helpers/pg-server';
import { claimFields, personFields } from '../tests/helpers/engines';

const SECONDS = Number(process.env.BENCH_DESK_SECONDS ?? 60);
const DESKS = 5;
const ROOT = new URL('..', import.meta.url).pathname;

interface DeskLog {
  docs: number[];
  statuses: number[];
  edits: Array<[number, string]>;
  refused: number;
  errors: string[];
}

function desk(job: unknown): Promise<DeskLog> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'bench', 'db-desk-worker.ts'), JSON.stringify(job)],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('close', (code) =>
      code === 0
        ? resolve(JSON.parse(out.trim().split('\n').at(-1)!))
        : reject(new Error(`desk exited ${code}`)),
    );
  });
}

async function simulate(name: string, where: StorageLocation): Promise<boolean> {
  const e = await openStorage(where, { desk: 'setup', person: null });
  const at = new Date().toISOString();
  const h = await e.people.insertHousehold({ name: '模拟户', notes: '' }, at);
  const p = await e.people.insertPerson(personFields(h), at);
  const claims: number[] = [];
  for (let i = 0; i < 30; i++) claims.push(await e.claims.insert(claimFields(p), at));
  const t0 = Date.now();
  const logs = await Promise.all(
    Array.from({ length: DESKS }, (_, i) => desk({ where, desk: `desk-${i + 1}`, claims, seconds: SECONDS })),
  );
  const took = (Date.now() - t0) / 1000;
  const errors: string[] = logs.flatMap((l, i) => l.errors.map((m) => `desk-${i + 1}: ${m}`));
  const problems: string[] = [];
  for (const id of claims) {
    const c = (await e.claims.claim(id))!;
    const statuses = logs.reduce((n, l) => n + l.statuses.filter((x) => x === id).length, 0);
    const edits = logs.flatMap((l) => l.edits.filter(([x]) => x === id).map(([, t]) => t));
    const docs = logs.reduce((n, l) => n + l.docs.filter((x) => x === id).length, 0);
    const history = (await e.claims.history(id)).length;
    if (c.stamp.version !== 1 + statuses + edits.length)
      problems.push(`claim ${id}: version ${c.stamp.version}, saved edits ${1 + statuses + edits.length}`);
    if (history !== 1 + statuses)
      problems.push(`claim ${id}: ${history} history rows, ${1 + statuses} saved`);
    for (const t of edits) if (!c.fields.notes.includes(t)) problems.push(`claim ${id}: note ${t} lost`);
    if ((await e.documents.idsOfClaim(id)).length !== docs) problems.push(`claim ${id}: documents lost`);
  }
  await e.close();
  const ops = logs.reduce((n, l) => n + l.docs.length + l.statuses.length + l.edits.length, 0);
  const refused = logs.reduce((n, l) => n + l.refused, 0);
  console.log(
    `${name}: ${DESKS} desks × ${SECONDS} s (${took.toFixed(0)} s with start-up): ${ops} saved (${logs.reduce((n, l) => n + l.docs.length, 0)} imports, ${logs.reduce((n, l) => n + l.statuses.length, 0)} status changes, ${logs.reduce((n, l) => n + l.edits.length, 0)} note edits), ${refused} edits refused as stale and reapplied; ${problems.length === 0 ? 'no lost update' : `LOST:\n  ${problems.slice(0, 20).join('\n  ')}`}; ${errors.length === 0 ? 'no error' : `${errors.length} ERRORS, e.g. ${[...new Set(errors)].slice(0, 3).join(' | ')}`}`,
  );
  return problems.length === 0 && errors.length === 0;
}

export async function run(): Promise<void> {
  const engines = (process.env.BENCH_ENGINES ?? 'postgres,sqlite').split(',');
  let ok = true;
  if (engines.includes('postgres')) {
    const server = await pgTestServer();
    if (server) {
      const db = await freshDatabase(server.url);
      try {
        ok = (await simulate('PostgreSQL', { url: db.url })) && ok;
      } finally {
        await db.drop();
        server.stop();
      }
    } else console.log('PostgreSQL skipped: no server binaries');
  }
  if (engines.includes('sqlite')) {
    const dir = mkdtempSync(join(tmpdir(), 'claimdesk-desks-'));
    try {
      ok = (await simulate('SQLite (one data folder, 5 processes)', { dataDir: dir })) && ok;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  if (!ok) process.exitCode = 1;
}

if (import.meta.url === `file://${process.argv[1]}`) await run();

// The CLI on the office's shared database (issue 23), on a real PostgreSQL server: desk A's claim is listed at
// desk B (two data folders, one URL); 4 processes × 25 `claim create` at once store 100 claims with 100
// distinct numbers; two desks editing one claim: the later save is refused naming who and when, nothing lost;
// `migrate --to` moves a data folder (every table and the originals) and a second run adds nothing. The
// password reaches the server from a password file and is never printed.
import { spawn } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStorage } from '../../electron/core/db/engines';
import { claimFields, invoiceFacts, personFields } from '../helpers/engines';
import { freshDatabase, pgTestServer, sql } from '../helpers/pg-server';
import { CLI, makeTempDir, REPO_ROOT, runCli, type CliResult } from '../helpers/tmp';

const server = await pgTestServer();
afterAll(() => server?.stop());

/** The same CLI run, without blocking the test's event loop (so four can run at once). */
function runCliAsync(args: readonly string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

const ok = (r: CliResult): string => {
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return r.stdout;
};

describe.skipIf(!server)('the CLI on a shared database', () => {
  const tmp = makeTempDir('claimdesk-shared-');
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let url: string;
  let password: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    db = await freshDatabase(server!.url);
    // The desks are given the address without the password; the password file holds it (PGPASSFILE).
    const u = new URL(db.url);
    password = decodeURIComponent(u.password);
    const pass = join(tmp.dir, 'pgpass');
    writeFileSync(pass, `${u.hostname}:${u.port}:*:${decodeURIComponent(u.username)}:${password}\n`);
    chmodSync(pass, 0o600);
    u.password = '';
    url = u.toString();
    env = { PGPASSFILE: pass };
  });
  afterAll(async () => {
    await db?.drop();
    tmp.cleanup();
  });

  const at = (desk: string, folder: string, extra: NodeJS.ProcessEnv = {}) => ({
    dataDir: join(tmp.dir, folder),
    env: { ...env, CLAIMDESK_DATABASE_URL: url, CLAIMDESK_DESK: desk, ...extra },
  });

  it("desk A's claim is listed at desk B; two edits of one claim: the later is refused with who and when", () => {
    const a = at('前台一', 'desk-a', { CLAIMDESK_PERSON: '王会计' });
    const b = at('前台二', 'desk-b');
    ok(runCli(['household', 'add', '--name', '张家'], a));
    const person = JSON.parse(
      ok(
        runCli(
          [
            ...['person', 'add', '--household', '1', '--name', '张三', '--id-number', '11010519491231002X'],
            ...['--relation', 'self', '--insurance', 'employee', '--region', '江苏省南京市', '--json'],
          ],
          a,
        ),
      ),
    ) as { id: number };
    const created = JSON.parse(
      ok(
        runCli(
          [
            ...['claim', 'create', '--claimant', String(person.id), '--care', 'outpatient'],
            ...[
              '--hospital',
              '南京鼓楼医院',
              '--region',
              '江苏省南京市',
              '--visit-date',
              '2026-11-02',
              '--json',
            ],
          ],
          a,
        ),
      ),
    ) as { reference: string };
    // Desk B (its own, empty data folder) lists desk A's claim; with --database on the command line too.
    const listed = JSON.parse(ok(runCli(['claim', 'list', '--json'], b))) as {
      items: Array<{ reference: string }>;
    };
    expect(listed.items.map((c) => c.reference)).toEqual([created.reference]);
    const viaFlag = runCli(['--database', url, 'claim', 'list'], { dataDir: b.dataDir, env });
    expect(ok(viaFlag)).toContain(created.reference);

    // Both desks open the claim at version 1; A saves first, B's save on the old version is refused.
    const shown = JSON.parse(ok(runCli(['claim', 'show', created.reference, '--json'], b))) as {
      stamp: { version: number };
    };
    expect(shown.stamp.version).toBe(1);
    const v = String(shown.stamp.version);
    ok(
      runCli(['claim', 'edit', created.reference, '--hospital', '江苏省人民医院', '--expect-version', v], a),
    );
    const late = runCli(['claim', 'edit', created.reference, '--amount', '88.5', '--expect-version', v], b);
    expect(late.status).toBe(1);
    expect(late.stderr).toMatch(
      /这份报销单已在 \d{4}-\d\d-\d\d \d\d:\d\d 被前台一 电脑上的 王会计修改，您的修改还没有保存/,
    );
    // Nothing lost: A's save stands, B's did not overwrite it, and B can reload and reapply.
    const after = JSON.parse(ok(runCli(['claim', 'show', created.reference, '--json'], b))) as {
      fields: { hospital: string; totalAmount: number | null };
      stamp: { version: number; desk: string; person: string };
    };
    expect(after.fields).toMatchObject({ hospital: '江苏省人民医院', totalAmount: null });
    expect(after.stamp).toMatchObject({ version: 2, desk: '前台一', person: '王会计' });
    ok(runCli(['claim', 'edit', created.reference, '--amount', '88.5', '--expect-version', '2'], b));

    // The password was never printed, and a wrong address says so plainly without it.
    const bad = new URL(db.url);
    bad.port = '1';
    const refused = runCli(['--database', bad.toString(), 'claim', 'list'], { dataDir: b.dataDir, env });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('连不上共享数据库服务器');
    const noPassword = runCli(['claim', 'list'], {
      dataDir: b.dataDir,
      env: { ...b.env, PGPASSFILE: '/nonexistent' },
    });
    expect(noPassword.status).toBe(1);
    expect(noPassword.stderr).toContain('共享数据库拒绝登录');
    for (const r of [listed, viaFlag, late, refused]) expect(JSON.stringify(r)).not.toContain(password);
  }, 300_000);

  // Each `claim create` is a whole CLI process (~0.5 s quiet, several seconds on a loaded machine), so CI runs
  // 4 × 6 at once; CLAIMDESK_CLI_DESK_CLAIMS=25 runs the 4 × 25 (the engine-level 4 × 25 runs in CI in
  // storage-desks-concurrent.test.ts). The same numbers must come out either way: all stored, all distinct.
  const perDesk = Number(process.env.CLAIMDESK_CLI_DESK_CLAIMS ?? 6);
  it(`4 processes × ${perDesk} \`claim create\` at once: every claim stored, every number distinct`, async () => {
    const setup = at('setup', 'setup');
    const household = JSON.parse(ok(runCli(['household', 'add', '--name', '并发户', '--json'], setup))) as {
      id: number;
    };
    const person = JSON.parse(
      ok(
        runCli(
          [
            ...['person', 'add', '--household', String(household.id), '--name', '赵六'],
            ...['--id-number', '11010519491231002X', '--relation', 'self', '--insurance', 'resident'],
            ...['--region', '上海市', '--json'],
          ],
          setup,
        ),
      ),
    ) as { id: number };
    const claimant = String(person.id);
    const before = (JSON.parse(ok(runCli(['claim', 'list', '--json'], setup))) as { total: number }).total;
    const desk = async (n: number) => {
      const refs: string[] = [];
      for (let i = 0; i < perDesk; i += 1) {
        const r = await runCliAsync(
          [
            ...['--data-dir', join(tmp.dir, `desk-${n}`), 'claim', 'create', '--claimant', claimant],
            ...[
              '--care',
              'outpatient',
              '--hospital',
              `医院${n}`,
              '--region',
              '上海市',
              '--visit-date',
              '2026-10-01',
            ],
            '--json',
          ],
          { ...env, CLAIMDESK_DATABASE_URL: url, CLAIMDESK_DESK: `desk-${n}` },
        );
        expect(r.stderr).toBe('');
        refs.push((JSON.parse(r.stdout) as { reference: string }).reference);
      }
      return refs;
    };
    const refs = (await Promise.all([1, 2, 3, 4].map(desk))).flat();
    expect(refs).toHaveLength(4 * perDesk);
    expect(new Set(refs).size).toBe(4 * perDesk);
    const total = (JSON.parse(ok(runCli(['claim', 'list', '--json'], setup))) as { total: number }).total;
    expect(total - before).toBe(4 * perDesk);
  }, 900_000);

  it('migrate --to moves a data folder, checks it, and a second run changes nothing', async () => {
    // A single-PC folder with a row in every table, made through its own engine (fast; no photo analysis).
    const folder = join(tmp.dir, 'single-pc');
    const e = await openStorage({ dataDir: folder }, { desk: '家里', person: null });
    const refs: string[] = [];
    const t = '2026-10-02T08:00:00.000Z';
    try {
      const h = await e.people.insertHousehold({ name: '李家', notes: '' }, t);
      const p = await e.people.insertPerson(personFields(h, { name: '李四' }), t);
      for (let i = 0; i < 3; i += 1) {
        const id = await e.claims.insert(
          claimFields(p, { hospital: `医院${i}` }),
          `2026-10-0${i + 1}T09:00:00.000Z`,
        );
        refs.push((await e.claims.claim(id))!.reference);
        const stored = await e.files.putBytes(Buffer.from(`原件 ${i} ${'x'.repeat(2000 * (i + 1))}`));
        const doc = await e.documents.insert(
          id,
          'invoice',
          'imported',
          [
            {
              ...stored,
              mime: 'image/jpeg',
              originalName: `fp${i}.jpg`,
              facts: invoiceFacts(stored.sha256, `0000${i}`),
            },
          ],
          t,
        );
        const page = (await e.documents.document(doc))!.pages[0]!;
        await e.documents.setFieldCorrection(page.id, 'amount', 12.5, t);
        await e.documents.setConfirmation(doc, 'emergency_mark', true, t);
        await e.claims.recordTransition(id, 'draft', 'ready', '', t);
        await e.claims.recordTransition(id, 'ready', 'submitted', '', t);
        await e.claims.recordTransition(id, 'submitted', 'more_info_requested', '补材料', t);
        await e.claimFacts.recordChangeFacts(id, '2026-10-05', ['补一张发票'], t);
        await e.claims.setPledgeSigned(id, true, t);
      }
    } finally {
      await e.close();
    }
    const counts = async () =>
      (
        await sql<{ n: string }>(
          db.url,
          `SELECT (SELECT count(*) FROM claims) || '/' || (SELECT count(*) FROM document_pages) || '/' ||
                  (SELECT count(*) FROM file_blobs) || '/' || (SELECT count(*) FROM claim_status_history) AS n`,
        )
      )[0]!.n;
    const before = await counts();

    const first = runCli(['migrate', '--to', url, '--json'], { dataDir: folder, env });
    const report = JSON.parse(ok(first)) as {
      ok: boolean;
      unchanged: boolean;
      tables: Array<{ table: string; inFolder: number; inDatabase: number; added: number }>;
      files: { inFolder: number; verified: number };
      references: string[];
    };
    expect(report.ok).toBe(true);
    expect(report.unchanged).toBe(false);
    for (const table of report.tables.filter((x) => x.table !== 'settings')) {
      expect(table.inFolder, table.table).toBeGreaterThan(0);
      expect(table.inDatabase, table.table).toBe(table.inFolder);
    }
    expect(report.files).toMatchObject({ inFolder: 3, verified: 3 });
    // The shared database lists the folder's claims (numbers kept unless another claim had one already).
    const listed = JSON.parse(
      ok(runCli(['claim', 'list', '--search', '李四', '--json'], at('any', 'desk-c'))),
    ) as {
      items: Array<{ reference: string }>;
    };
    expect(listed.items.map((c) => c.reference).sort()).toEqual([...report.references].sort());
    expect(report.references).toHaveLength(3);
    const moved = await counts();
    expect(moved).not.toBe(before);

    const second = runCli(['migrate', '--to', url], { dataDir: folder, env });
    expect(ok(second)).toContain('这次没有任何改动');
    expect(await counts()).toBe(moved);
    expect(JSON.stringify([first, second])).not.toContain(password);
  }, 300_000);
});

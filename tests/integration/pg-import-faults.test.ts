// `claimdesk import` on the office's shared database (issue 23, phase 3), on a PostgreSQL server of this file's
// own (it is stopped mid-command, so not the one .ci/run shares):
//   - two desks (two data folders, one URL) import the same photos at once: each claim gets its pages, every
//     original is stored once, and a third connection watching the whole time never sees half of one;
//   - the server stops (pg_ctl stop -m immediate) in the middle of an import: the desk says so in one plain
//     Chinese sentence, no half-written document is left, and the same command works once the server is back;
//   - an edit while the server is down: refused in plain words, nothing written; the next edit works;
//   - `backup` writes a snapshot of the office's rows at the desk, `backup verify` re-hashes its originals.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStorage } from '../../electron/core/db/engines';
import {
  findServerBinaries,
  haltServer,
  resumeServer,
  startServer,
  stopServer,
} from '../../scripts/pg-test-server.mjs';
import { ensurePhotos } from '../../scripts/reliability-fixtures';
import { claimFields, personFields } from '../helpers/engines';
import { freshDatabase, PG_SKIP_REASON, sql } from '../helpers/pg-server';
import { CLI, makeTempDir, REPO_ROOT, runCli, type CliResult } from '../helpers/tmp';

const binaries = findServerBinaries();
if (!binaries) console.warn(PG_SKIP_REASON);

function runCliAsync(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  onStart?: (pid: number) => void,
): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env },
    });
    if (child.pid) onStart?.(child.pid);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** Originals whose pieces do not add up to their size (a half-written one a reader could see). */
const PARTIAL = `SELECT b.sha256 FROM file_blobs b LEFT JOIN file_chunks c ON c.sha256 = b.sha256
  GROUP BY b.sha256, b.size HAVING coalesce(sum(length(c.data)), 0) <> b.size`;

describe.skipIf(!binaries)('import on a shared database: two desks, and the server stopping', () => {
  const tmp = makeTempDir('claimdesk-pg-import-');
  let server: Awaited<ReturnType<typeof startServer>>;
  let url: string;
  let claims: number[] = [];
  let photos: string[] = [];
  const desk = (name: string, folder: string) => ({
    CLAIMDESK_HOME: `${tmp.dir}/${folder}`,
    CLAIMDESK_DATABASE_URL: url,
    CLAIMDESK_DESK: name,
  });

  beforeAll(async () => {
    server = await startServer();
    url = (await freshDatabase(server.url)).url;
    photos = await ensurePhotos('pg-import-photos', 8);
    const e = await openStorage({ url }, { desk: 'setup', person: null });
    try {
      const at = new Date().toISOString();
      const h = await e.people.insertHousehold({ name: '导入户', notes: '' }, at);
      const p = await e.people.insertPerson(personFields(h), at);
      claims = [
        await e.claims.insert(claimFields(p), at),
        await e.claims.insert(claimFields(p), at),
        await e.claims.insert(claimFields(p), at),
      ];
    } finally {
      await e.close();
    }
  }, 120_000);
  afterAll(() => {
    // A test that failed with the server halted leaves it stopped: removing its folder is what matters then.
    if (server)
      try {
        stopServer(server.dir);
      } catch {
        rmSync(server.dir, { recursive: true, force: true });
      }
    tmp.cleanup();
  });

  it('two desks import the same photos at once: both claims get them, each original stored once, never half', async () => {
    const partials: string[] = [];
    let watching = true;
    const watcher = (async () => {
      while (watching) {
        for (const r of await sql<{ sha256: string }>(url, PARTIAL)) partials.push(r.sha256);
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    const args = (claim: number) => [
      'import',
      String(claim),
      '--kind',
      'medical_record',
      '--no-check',
      ...photos,
    ];
    const [a, b] = await Promise.all([
      runCliAsync(args(claims[0]!), desk('前台一', 'a')),
      runCliAsync(args(claims[1]!), desk('前台二', 'b')),
    ]);
    watching = false;
    await watcher;
    for (const r of [a, b]) {
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
    }
    expect(partials).toEqual([]);
    const blobs = await sql<{ n: number }>(url, 'SELECT count(*)::int AS n FROM file_blobs');
    expect(blobs[0]!.n).toBe(photos.length);
    const pages = await sql<{ claim_id: number; n: number }>(
      url,
      `SELECT d.claim_id, count(*)::int AS n FROM document_pages p JOIN documents d ON d.id = p.document_id
       GROUP BY d.claim_id ORDER BY d.claim_id`,
    );
    expect(pages).toEqual([
      { claim_id: claims[0], n: photos.length },
      { claim_id: claims[1], n: photos.length },
    ]);
  }, 300_000);

  it('backup and verify on the shared database: a snapshot of its rows at this desk; restore is refused', () => {
    const env = desk('前台一', 'a');
    const out = `${tmp.dir}/office.sqlite3`;
    const made = runCli(['backup', '--out', out, '--json'], { env });
    expect(made.status, made.stderr).toBe(0);
    expect(JSON.parse(made.stdout)).toMatchObject({ path: out });
    // The snapshot opens as any backup does, without the server: every claim of the office is in it.
    const seen = runCli(['backup', 'verify', out, '--json'], { env: { CLAIMDESK_HOME: env.CLAIMDESK_HOME } });
    expect(seen.status, seen.stderr).toBe(0);
    expect(JSON.parse(seen.stdout)).toMatchObject({ ok: true, claims: claims.length });
    // Verifying the shared database re-hashes every original it holds.
    const checked = runCli(['backup', 'verify', '--json'], { env });
    expect(checked.status, checked.stderr).toBe(0);
    expect(JSON.parse(checked.stdout)).toMatchObject({
      ok: true,
      integrity: 'ok',
      filesReferenced: photos.length,
      filesHashed: photos.length,
      missing: [],
      damaged: [],
    });
    const restore = runCli(['restore', out], { env });
    expect(restore.status).toBe(2);
    expect(restore.stderr).toContain('恢复只能用于本机的数据文件夹');
  }, 120_000);

  it('the server stops mid-import: a plain sentence, no half document, and the same import works once it is back', async () => {
    const env = desk('前台三', 'c');
    // With the photo checks on, each photo takes a visible moment: the server is stopped once the first
    // originals of this import are in, i.e. while it is storing and analysing the rest.
    const fresh = await ensurePhotos('pg-import-photos-late', 8, { width: 1200, height: 900 });
    const before = (await sql<{ n: number }>(url, 'SELECT count(*)::int AS n FROM file_blobs'))[0]!.n;
    const args = ['import', String(claims[2]), '--kind', 'medical_record', ...fresh];
    let halted = false;
    const run = runCliAsync(args, env);
    while (!halted) {
      const n = (await sql<{ n: number }>(url, 'SELECT count(*)::int AS n FROM file_blobs'))[0]!.n;
      if (n > before) {
        haltServer(server.dir);
        halted = true;
      } else await new Promise((r) => setTimeout(r, 10));
    }
    const cut = await run;
    expect(cut.status).toBe(1);
    expect(cut.stderr).toContain('连不上共享数据库服务器');
    expect(cut.stderr).toContain('没有保存');
    // The CLI's usual two lines (Chinese, then English for the log): no stack, no address.
    expect(cut.stderr).not.toMatch(/\n\s+at |postgres:\/\//);

    // While it is down, an edit is refused the same way and writes nothing.
    const down = runCli(['claim', 'edit', String(claims[2]), '--hospital', '停机时的医院'], { env });
    expect(down.status).toBe(1);
    expect(down.stderr).toContain('连不上共享数据库服务器');

    resumeServer(server.dir);
    // Nothing half-written: no document on the claim, every original that is there is whole, the edit absent.
    const docs = await sql<{ n: number }>(
      url,
      'SELECT count(*)::int AS n FROM documents WHERE claim_id = $1',
      [claims[2]],
    );
    expect(docs[0]!.n).toBe(0);
    expect(await sql(url, PARTIAL)).toEqual([]);
    const claim = await sql<{ hospital: string }>(url, 'SELECT hospital FROM claims WHERE id = $1', [
      claims[2],
    ]);
    expect(claim[0]!.hospital).not.toBe('停机时的医院');

    // The next commands reconnect by themselves: the same import and the edit now work.
    const again = await runCliAsync(args, env);
    expect(again.stderr).toBe('');
    expect(again.status).toBe(0);
    const edited = runCli(['claim', 'edit', String(claims[2]), '--hospital', '恢复后的医院'], { env });
    expect(edited.status, edited.stderr).toBe(0);
    const pages = await sql<{ n: number }>(
      url,
      `SELECT count(*)::int AS n FROM document_pages p JOIN documents d ON d.id = p.document_id WHERE d.claim_id = $1`,
      [claims[2]],
    );
    expect(pages[0]!.n).toBe(fresh.length);
  }, 300_000);
});

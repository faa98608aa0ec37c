// `claimdesk claim export` on the office's shared database (issue 23, bundle export on the contract), on a
// PostgreSQL server of this file's own (it is stopped mid-export, so not the one .ci/run shares):
//   - desk A imports the papers, desk B (another data folder, same URL) exports the claim: the PDF passes
//     qpdf --check and has the same pages and words (pdfinfo, pdftotext) as the same claim exported from a
//     SQLite data folder; desk B's folder holds no original (they came from the database) and no copy is
//     left in the temporary folder;
//   - the server stops mid-export (while the originals are being read out of the database): one plain Chinese
//     sentence, the earlier bundle at that path is untouched, nothing half-written beside it.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, watch } from 'node:fs';
import { join } from 'node:path';
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
import { claimFields, idNumber, personFields } from '../helpers/engines';
import { freshDatabase, PG_SKIP_REASON } from '../helpers/pg-server';
import { CLI, makeTempDir, REPO_ROOT, runCli, type CliResult } from '../helpers/tmp';

const binaries = findServerBinaries();
if (!binaries) console.warn(PG_SKIP_REASON);

const TODAY = '2026-10-08';

/** The same household, person and claim in a store; answers the claim's id and reference. */
async function seedClaim(
  where: { url: string } | { dataDir: string },
  id: string,
): Promise<{ claim: number; reference: string }> {
  const e = await openStorage(where, { desk: 'setup', person: null });
  try {
    const at = new Date().toISOString();
    const h = await e.people.insertHousehold({ name: '导出户', notes: '' }, at);
    const p = await e.people.insertPerson(personFields(h, { name: '王秀英', idNumber: id }), at);
    const claim = await e.claims.insert(claimFields(p), at);
    return { claim, reference: (await e.claims.claim(claim))!.reference };
  } finally {
    await e.close();
  }
}

const pdfPages = (file: string): number =>
  Number(/^Pages:\s+(\d+)/m.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
/** The bundle's words with the claim's reference (numbered by each store) taken out. */
const pdfWords = (file: string, reference: string): string =>
  execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replaceAll(reference, 'BX…');

describe.skipIf(!binaries)('claim export on a shared database: desk A imports, desk B exports', () => {
  const tmp = makeTempDir('claimdesk-pg-export-');
  let server: Awaited<ReturnType<typeof startServer>>;
  let url: string;
  let shared: { claim: number; reference: string };
  let local: { claim: number; reference: string };
  let photos: string[] = [];
  const scratch = join(tmp.dir, 'tmp');
  const desk = (name: string, folder: string) => ({
    CLAIMDESK_HOME: join(tmp.dir, folder),
    CLAIMDESK_DATABASE_URL: url,
    CLAIMDESK_DESK: name,
    TMPDIR: scratch,
  });

  beforeAll(async () => {
    mkdirSync(scratch, { recursive: true });
    server = await startServer();
    url = (await freshDatabase(server.url)).url;
    photos = await ensurePhotos('pg-export-pages', 6);
    const id = idNumber();
    shared = await seedClaim({ url }, id);
    local = await seedClaim({ dataDir: join(tmp.dir, 'local') }, id);
  }, 120_000);
  afterAll(() => {
    if (server)
      try {
        stopServer(server.dir);
      } catch {
        rmSync(server.dir, { recursive: true, force: true });
      }
    tmp.cleanup();
  });

  it('desk B exports what desk A imported: a valid PDF, the same pages and words as the SQLite export', () => {
    const args = (claim: number) => ['import', String(claim), '--kind', 'medical_record', '--no-check'];
    const a = runCli([...args(shared.claim), ...photos], { env: desk('前台一', 'a') });
    expect(a.status, a.stderr).toBe(0);
    const l = runCli([...args(local.claim), ...photos], { dataDir: join(tmp.dir, 'local') });
    expect(l.status, l.stderr).toBe(0);

    const onPg = join(tmp.dir, 'desk-b.pdf');
    const exportArgs = (claim: number, out: string) => [
      'claim',
      'export',
      String(claim),
      '--out',
      out,
      '--allow-incomplete',
      '--today',
      TODAY,
      '--json',
    ];
    const b = runCli(exportArgs(shared.claim, onPg), { env: desk('前台二', 'b') });
    expect(b.status, b.stderr).toBe(0);
    const onSqlite = join(tmp.dir, 'local.pdf');
    const s = runCli(exportArgs(local.claim, onSqlite), { dataDir: join(tmp.dir, 'local') });
    expect(s.status, s.stderr).toBe(0);

    // An independent reader finds a sound PDF (qpdf exits 0 only when the structure is intact).
    execFileSync('qpdf', ['--check', onPg], { encoding: 'utf8' });
    const pages = pdfPages(onPg);
    expect(JSON.parse(b.stdout)).toMatchObject({ output: onPg, pages });
    // Cover, checklist, pledge and every photo: at least one page per photo, and exactly the SQLite bundle.
    expect(pages).toBeGreaterThan(photos.length);
    expect(pages).toBe(pdfPages(onSqlite));
    const words = pdfWords(onPg, shared.reference);
    expect(words).toContain('王秀英');
    expect(words).toBe(pdfWords(onSqlite, local.reference));
    // The originals came out of the database: desk B's own folder holds none, and their copies are gone.
    expect(existsSync(join(tmp.dir, 'b', 'files'))).toBe(false);
    expect(readdirSync(scratch)).toEqual([]);
  }, 300_000);

  it('the server stops mid-export: a plain sentence, the earlier bundle untouched, nothing half-written', async () => {
    const out = join(tmp.dir, 'desk-b.pdf');
    const before = readFileSync(out);
    // The server is stopped while the originals are read out of it: the export's private folder appears with
    // the first one, the desk is paused there (SIGSTOP) so the cut cannot come after the last, the server is
    // halted, and the desk resumes into a closed connection.
    let cutAt = -1;
    const cut = await new Promise<CliResult>((resolve) => {
      const child = spawn(
        process.execPath,
        [CLI, 'claim', 'export', String(shared.claim), '--out', out, '--allow-incomplete', '--today', TODAY],
        { cwd: REPO_ROOT, env: { ...process.env, ...desk('前台二', 'b') } },
      );
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const watcher = watch(scratch, () => {
        if (cutAt >= 0) return;
        const [folder] = readdirSync(scratch);
        if (!folder) return;
        child.kill('SIGSTOP');
        cutAt = readdirSync(join(scratch, folder)).length;
        haltServer(server.dir);
        child.kill('SIGCONT');
      });
      child.on('close', (status) => {
        watcher.close();
        resolve({ status, stdout, stderr });
      });
    });
    try {
      // The cut came before every original was out (else this run proves nothing about a mid-export stop).
      expect(cutAt).toBeGreaterThanOrEqual(0);
      expect(cutAt).toBeLessThan(photos.length);
      expect(cut.status).toBe(1);
      expect(cut.stderr).toContain('连不上共享数据库服务器');
      expect(cut.stderr).not.toMatch(/\n\s+at |postgres:\/\//);
      expect(readFileSync(out).equals(before)).toBe(true);
      expect(readdirSync(tmp.dir).filter((f) => f.includes('desk-b.pdf') && f !== 'desk-b.pdf')).toEqual([]);
      expect(readdirSync(scratch)).toEqual([]);
    } finally {
      resumeServer(server.dir);
    }
    // Once the server is back the same export works again.
    const again = runCli(
      ['claim', 'export', String(shared.claim), '--out', out, '--allow-incomplete', '--today', TODAY],
      { env: desk('前台二', 'b') },
    );
    expect(again.status, again.stderr).toBe(0);
    expect(pdfPages(out)).toBe(pdfPages(join(tmp.dir, 'local.pdf')));
  }, 300_000);
});

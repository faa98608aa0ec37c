// The `claimdesk` data commands, run as a user would: a spawned CLI on a throwaway data folder.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_CLAIM_ARGS, SAMPLE_HOUSEHOLD_ARGS, SAMPLE_PERSON_ARGS } from '../helpers/cli-session';
import { makeTempDir, runCli } from '../helpers/tmp';

let tmp: { dir: string; cleanup: () => void };
let dataDir: string;
const cli = (...args: string[]) => runCli(args, { dataDir });

beforeAll(() => {
  tmp = makeTempDir();
  dataDir = join(tmp.dir, 'data');
});
afterAll(() => tmp.cleanup());

describe('claimdesk CLI', () => {
  it('prints help and version with exit 0, and a usage error with exit 2', () => {
    const help = cli('--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('household');
    expect(help.stdout).toContain('import');
    const version = cli('--version');
    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const bad = cli('frobnicate');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('frobnicate');
    const missingOption = cli('household', 'add');
    expect(missingOption.status).toBe(2);
    expect(missingOption.stderr).toContain('--name');
  });

  it('walks a household → person → claim → import → status session', async () => {
    expect(cli(...SAMPLE_HOUSEHOLD_ARGS).status).toBe(0);
    const person = cli(...SAMPLE_PERSON_ARGS, '--json');
    expect(person.status).toBe(0);
    expect(JSON.parse(person.stdout)).toMatchObject({ id: 1, name: '张三', bankAccount: { holder: '张三' } });
    const claim = cli(...SAMPLE_CLAIM_ARGS, '--json');
    expect(claim.status).toBe(0);
    const ref = JSON.parse(claim.stdout).reference as string;
    const img = join(tmp.dir, 'invoice.jpg');
    await sharp({ create: { width: 400, height: 300, channels: 3, background: '#f4f1ea' } })
      .jpeg()
      .toFile(img);
    const imported = cli('import', ref, '--kind', 'invoice', '--no-check', img, '--json');
    expect(imported.status).toBe(0);
    expect(JSON.parse(imported.stdout).pages).toHaveLength(1);
    expect(cli('claim', 'status', ref, 'ready').status).toBe(0);
    const shown = JSON.parse(cli('claim', 'show', ref, '--json').stdout);
    expect(shown.status).toBe('ready');
    expect(shown.documents[0].kind).toBe('invoice');
    expect(shown.history.map((h: { to: string }) => h.to)).toEqual(['draft', 'ready']);
    const listed = JSON.parse(cli('claim', 'list', '--search', '张三', '--json').stdout);
    expect(listed.total).toBe(1);
  });

  it.each([
    [
      [
        'person',
        'add',
        '--household',
        '1',
        '--name',
        '李四',
        '--id-number',
        '110105194912310021',
        '--relation',
        'spouse',
        '--insurance',
        'employee',
        '--region',
        'x',
      ],
      2,
      /错误：身份证号校验位不对/,
    ],
    [
      [
        'person',
        'add',
        '--household',
        '1',
        '--name',
        '李四',
        '--id-number',
        '11010519491231002X',
        '--relation',
        'uncle',
        '--insurance',
        'employee',
        '--region',
        'x',
      ],
      2,
      /错误：关系必须是本人或近亲属/,
    ],
    [
      [
        'claim',
        'create',
        '--claimant',
        '1',
        '--care',
        'inpatient',
        '--hospital',
        'H',
        '--region',
        'R',
        '--admission',
        '2026-09-10',
        '--discharge',
        '2026-09-01',
      ],
      2,
      /错误：出院日期2026年9月1日早于入院日期2026年9月10日/,
    ],
    [
      ['claim', 'create', '--claimant', 'abc', '--care', 'inpatient', '--hospital', 'H', '--region', 'R'],
      2,
      /--claimant/,
    ],
    [
      ['import', '1', '--kind', 'invoice', '/nonexistent/photo.jpg'],
      1,
      /找不到文件.*\/nonexistent\/photo\.jpg/,
    ],
    [['import', '1', '--kind', 'receipt', '/nonexistent/photo.jpg'], 2, /kind/],
    [['claim', 'status', '1', 'paid'], 1, /材料齐全.*已到账/],
  ])(
    'refuses %j with exit %i and a message naming the problem; nothing stored is lost',
    (args, code, message) => {
      const r = cli(...args);
      expect(r.status).toBe(code);
      expect(r.stderr).toMatch(/^错误：/);
      expect(r.stderr).toMatch(/\nError: /);
      expect(r.stderr).toMatch(message);
      const show = JSON.parse(cli('claim', 'show', '1', '--json').stdout);
      expect(show.documents).toHaveLength(1);
      expect(show.status).toBe('ready');
    },
  );

  it('an unwritable data folder gives a clear error and exit 1', () => {
    const blocker = join(tmp.dir, 'not-a-folder');
    writeFileSync(blocker, 'x');
    const r = runCli(['household', 'list'], { dataDir: join(blocker, 'data') });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/无法创建数据文件夹/);
    expect(r.stderr).toContain(blocker);
  });

  it('backs up online and restores, keeping a safety copy of what it replaced', () => {
    const backup = join(tmp.dir, 'backup.sqlite3');
    expect(cli('backup', '--out', backup).status).toBe(0);
    expect(cli('household', 'add', '--name', '王家').status).toBe(0);
    expect(JSON.parse(cli('household', 'list', '--json').stdout)).toHaveLength(2);
    const restored = cli('restore', backup, '--json');
    expect(restored.status).toBe(0);
    const info = JSON.parse(restored.stdout);
    expect(info.safetyCopy).toMatch(/pre-restore/);
    expect(
      JSON.parse(cli('household', 'list', '--json').stdout).map((h: { name: string }) => h.name),
    ).toEqual(['张家']);
    const notABackup = join(tmp.dir, 'notes.txt');
    writeFileSync(notABackup, 'hello');
    const bad = cli('restore', notABackup);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/备份文件|数据库/);
    expect(JSON.parse(cli('household', 'list', '--json').stdout)).toHaveLength(1);
  });
});

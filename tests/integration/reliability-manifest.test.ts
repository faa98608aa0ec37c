// Bad manifests and rule packs: wrong types, unknown kinds, absolute paths, `..` escapes, symlinks out,
// huge arrays → exit 2 with a message naming the field; and nothing outside the manifest's folder is ever
// opened. The last is proven with strace: every open/openat of the CLI and its threads is logged, and no
// path under the "outside" folder (which holds real, readable photos a hostile manifest points at) may
// appear. Where strace is missing or ptrace is not allowed, that one assertion is skipped with a message.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensurePhotos } from '../../scripts/reliability-fixtures';
import { sampleManifest } from '../helpers/sample-claim';
import { CLI, REPO_ROOT, makeTempDir } from '../helpers/tmp';

const tmp = makeTempDir('claimdesk-manifest-');
const claimDir = join(tmp.dir, 'claim');
const outside = join(tmp.dir, 'outside');
let helpText = '';
let canTrace = false;
const STRACE_FLAGS = ['-f', '-qq', '--seccomp-bpf', '-e', 'trace=open,openat,openat2'];
let traceCount = 0;

function baseManifest(): Record<string, unknown> {
  return sampleManifest({
    claim: { totalAmount: 100 },
    documents: [{ kind: 'invoice', files: ['page-1.jpg'] }],
  });
}

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  /** Every path the CLI opened (null when tracing is not possible here). */
  opened: string[] | null;
}

/** Runs the CLI, under strace when possible, and returns the paths it opened. */
function runTraced(args: string[]): Promise<Run> {
  const log = join(tmp.dir, `trace-${++traceCount}.log`);
  const argv = canTrace
    ? ['strace', ...STRACE_FLAGS, '-o', log, process.execPath, CLI, ...args]
    : [process.execPath, CLI, ...args];
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), {
      cwd: REPO_ROOT,
      env: { ...process.env, CLAIMDESK_HOME: join(tmp.dir, 'data') },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('exit', (status) => {
      clearTimeout(killer);
      const opened =
        canTrace && existsSync(log)
          ? [...readFileSync(log, 'utf8').matchAll(/open(?:at2?)?\((?:AT_FDCWD, )?"([^"]+)"/g)].map(
              (m) => m[1]!,
            )
          : null;
      resolve({ status, stdout, stderr, opened });
    });
  });
}

function openedOutside(r: Run): string[] {
  return (r.opened ?? []).filter((p) => p.startsWith(outside));
}

function writeManifest(name: string, value: unknown): string {
  const path = join(claimDir, name);
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
  return path;
}

beforeAll(async () => {
  mkdirSync(claimDir);
  mkdirSync(outside);
  const [photo] = await ensurePhotos('kill-photos', 50);
  copyFileSync(photo!, join(claimDir, 'page-1.jpg'));
  // Real, readable photos outside the folder: a missing containment check would open them.
  for (const name of ['secret.jpg', 'passwd.jpg', 'linked.jpg']) copyFileSync(photo!, join(outside, name));
  symlinkSync(join(outside, 'linked.jpg'), join(claimDir, 'link-out.jpg'));
  helpText = spawnSync(process.execPath, [CLI, '--help'], { encoding: 'utf8' }).stdout;
  // Probe with the very flags the runs use (older strace lacks --seccomp-bpf).
  canTrace = spawnSync('strace', [...STRACE_FLAGS, '-o', '/dev/null', 'true']).status === 0;
  if (!canTrace)
    console.warn(
      '[reliability-manifest] strace unavailable or ptrace not permitted: the "nothing opened outside" assertion is skipped',
    );
});
afterAll(() => tmp.cleanup());

function mutated(edit: (m: Record<string, unknown>) => void): Record<string, unknown> {
  const m = baseManifest();
  edit(m);
  return m;
}

const docs = (m: Record<string, unknown>): Array<Record<string, unknown>> =>
  m.documents as Array<Record<string, unknown>>;
const claim = (m: Record<string, unknown>): Record<string, unknown> => m.claim as Record<string, unknown>;

/** [case name, manifest (object or raw text), the field the message must name] */
const CASES: Array<[string, unknown, RegExp]> = [
  ['amount is a string', mutated((m) => (claim(m).totalAmount = '一百')), /claim\.totalAmount/],
  ['care setting unknown', mutated((m) => (claim(m).careSetting = 'spa')), /claim\.careSetting/],
  ['dates are numbers', mutated((m) => (claim(m).admissionDate = 20260901)), /claim\.admissionDate/],
  [
    'unknown document kind',
    mutated((m) => (docs(m)[0]!.kind = 'passport')),
    /documents\[0\]\.kind|documents\.0\.kind/,
  ],
  [
    'files is a string',
    mutated((m) => (docs(m)[0]!.files = 'page-1.jpg')),
    /documents\[0\]\.files|documents\.0\.files/,
  ],
  ['claimant missing', mutated((m) => delete m.claimant), /claimant/],
  [
    'relation not a 近亲属',
    mutated((m) => (m.applicant = { relation: 'neighbour', name: '李四', idNumber: '11010519491231002X' })),
    /applicant\.relation/,
  ],
  [
    'absolute path',
    mutated((m) => (docs(m)[0]!.files = [join(outside, 'secret.jpg')])),
    /documents\[0\]\.files\[0\]|documents\.0\.files\.0/,
  ],
  [
    '.. escape',
    mutated((m) => (docs(m)[0]!.files = ['../outside/passwd.jpg'])),
    /documents\[0\]\.files\[0\]|documents\.0\.files\.0/,
  ],
  [
    'nested .. escape',
    mutated((m) => (docs(m)[0]!.files = ['page-1.jpg', 'sub/../../outside/secret.jpg'])),
    /documents\[0\]\.files\[1\]|documents\.0\.files\.1/,
  ],
  [
    'symlink leading outside',
    mutated((m) => (docs(m)[0]!.files = ['link-out.jpg'])),
    /documents\[0\]\.files\[0\]|documents\.0\.files\.0/,
  ],
  [
    'Windows drive path',
    mutated((m) => (docs(m)[0]!.files = ['C:\\Windows\\secret.jpg'])),
    /documents\[0\]\.files\[0\]|documents\.0\.files\.0/,
  ],
  [
    '50,000 documents',
    mutated(
      (m) =>
        (m.documents = Array.from({ length: 50_000 }, () => ({ kind: 'invoice', files: ['page-1.jpg'] }))),
    ),
    /documents/,
  ],
  [
    '100,000 files in one document',
    mutated((m) => (docs(m)[0]!.files = Array.from({ length: 100_000 }, () => 'page-1.jpg'))),
    /documents\[0\]\.files|documents\.0\.files/,
  ],
  ['a 1 MB hospital name', mutated((m) => (claim(m).hospital = '医'.repeat(1_000_000))), /claim\.hospital/],
  ['not JSON', '{ "claimant": ', /JSON/],
  ['JSON null', 'null', /清单|manifest/],
  ['top-level array', '[1,2,3]', /清单|manifest/],
];

describe('hostile manifests', () => {
  it.each(CASES)(
    '%s → exit 2 naming the field, nothing outside opened',
    { timeout: 60_000 },
    async (name, value, field) => {
      const file = writeManifest(`${name.replace(/[^\w]+/g, '-')}.json`, value);
      // With the photo check on, so every file the manifest names would be opened if it got that far.
      const r = await runTraced(['evaluate', file, '--json', '--today', '2026-09-20']);
      expect(r.status, `${name}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toMatch(/^错误：/);
      expect(r.stderr).toMatch(field);
      expect(r.stderr).not.toMatch(/内部错误|internal error/);
      expect(openedOutside(r), `${name} opened a file outside the manifest's folder`).toEqual([]);
    },
  );

  it('bundle refuses the escapes the same way and writes no PDF', { timeout: 60_000 }, async () => {
    // A missing `bundle` command fails here: it is part of the contract (docs/contracts.md), never skipped.
    expect(helpText, 'claimdesk bundle must be registered').toMatch(/^\s+bundle\b/m);
    for (const [name, value] of CASES.filter(([n]) => /escape|absolute|symlink/.test(n))) {
      const file = writeManifest(`bundle-${name.replace(/[^\w]+/g, '-')}.json`, value);
      const out = join(tmp.dir, `bundle-${name.replace(/[^\w]+/g, '-')}.pdf`);
      const r = await runTraced([
        'bundle',
        file,
        '--out',
        out,
        '--allow-incomplete',
        '--today',
        '2026-09-20',
      ]);
      expect(r.status, `${name}: ${r.stderr}`).toBe(2);
      expect(openedOutside(r), name).toEqual([]);
      expect(spawnSync('test', ['-e', out]).status, `${name}: a PDF was written`).not.toBe(0);
    }
  });

  it(
    'control: the trace does see a photo being opened when the manifest is valid',
    { timeout: 60_000 },
    async (ctx) => {
      if (!canTrace) return ctx.skip();
      const file = writeManifest('valid.json', baseManifest());
      const r = await runTraced(['evaluate', file, '--json', '--today', '2026-09-20']);
      expect([0, 1], r.stderr).toContain(r.status);
      expect(r.opened).toContain(join(claimDir, 'page-1.jpg'));
    },
  );
});

describe('hostile rule packs', () => {
  const good = (): string => writeManifest('good.json', baseManifest());
  const RULE_CASES: Array<[string, unknown, RegExp]> = [
    ['not JSON', '{"id": ', /JSON/],
    ['wrong types', { id: 'bad', name: 42, version: [], regions: 'all' }, /name|version|regions/],
    [
      'unknown kind in a requirement',
      {
        id: 'bad-kind',
        name: 'x',
        version: '1',
        regions: [],
        requirements: [{ id: 'r', kinds: ['passport'] }],
      },
      /kind|requirements/,
    ],
  ];

  it.each(RULE_CASES)('%s → exit 2 naming the problem', { timeout: 60_000 }, async (name, value, field) => {
    const pack = join(tmp.dir, `pack-${name.replace(/[^\w]+/g, '-')}.json`);
    writeFileSync(pack, typeof value === 'string' ? value : JSON.stringify(value));
    const r = await runTraced(['evaluate', good(), '--rules', pack, '--no-check', '--today', '2026-09-20']);
    expect(r.status, `${name}: ${r.stderr}`).toBe(2);
    expect(r.stderr).toMatch(/^错误：/);
    expect(r.stderr).toMatch(field);
    expect(r.stderr).not.toMatch(/内部错误|internal error/);
  });

  it(
    'a pack that extends itself in a loop is refused, not followed forever',
    { timeout: 60_000 },
    async () => {
      const a = join(tmp.dir, 'loop-a.json');
      const b = join(tmp.dir, 'loop-b.json');
      writeFileSync(a, JSON.stringify({ id: 'loop-a', extends: b }));
      writeFileSync(b, JSON.stringify({ id: 'loop-b', extends: a }));
      const r = await runTraced(['evaluate', good(), '--rules', a, '--no-check', '--today', '2026-09-20']);
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).not.toMatch(/内部错误|internal error|Maximum call stack/);
    },
  );
});

#!/usr/bin/env node
// A throw-away PostgreSQL server for the storage tests and the db bench (issue 23): Debian's server binaries
// (/usr/lib/postgresql/NN/bin, or PG_BIN), a fresh cluster in a temporary folder, listening on a private unix
// socket and on 127.0.0.1 at a free port, with a random password. Nothing is installed or left behind.
//
//   node scripts/pg-test-server.mjs start   prints `export CLAIMDESK_TEST_DATABASE_URL=…` and
//                                           `export CLAIMDESK_TEST_PG_DIR=…` (for `eval`)
//   node scripts/pg-test-server.mjs stop [DIR]   stops the server started in DIR (default: $CLAIMDESK_TEST_PG_DIR)
//
// PostgreSQL refuses to run as root; as root (CI) the cluster runs as the `postgres` user Debian's package
// creates. The tests (tests/helpers/pg-server.ts) use the same functions to start a server of their own when
// the variable is not set, and skip only when no server binaries exist.
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROLE = 'claimdesk';

/** The folder holding initdb/pg_ctl/postgres, or null when no PostgreSQL server is installed. */
export function findServerBinaries() {
  const candidates = [];
  if (process.env.PG_BIN) candidates.push(process.env.PG_BIN);
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    for (const v of readdirSync(root).sort((a, b) => Number(b) - Number(a)))
      candidates.push(join(root, v, 'bin'));
  }
  return candidates.find((d) => existsSync(join(d, 'initdb')) && existsSync(join(d, 'pg_ctl'))) ?? null;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Runs a server binary as ourselves, or as `postgres` when we are root (PostgreSQL will not run as root). */
function runAs(owner, bin, args) {
  const cmd = owner ? ['runuser', ['-u', owner, '--', bin, ...args]] : [bin, args];
  const r = spawnSync(cmd[0], cmd[1], { encoding: 'utf8' });
  if (r.status !== 0)
    throw new Error(`${bin} ${args.join(' ')} failed (${r.status}): ${r.stderr || r.stdout}`);
  return r.stdout;
}

function ownerFor() {
  if (process.getuid?.() !== 0) return null;
  const id = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  if (id.status !== 0)
    throw new Error('running as root and there is no `postgres` user to run the server as');
  return {
    name: 'postgres',
    uid: Number(id.stdout.trim()),
    gid: Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim()),
  };
}

/** Starts a fresh server; answers { url, dir, port, socketDir }. */
export async function startServer() {
  const bin = findServerBinaries();
  if (!bin) throw new Error('no PostgreSQL server binaries (install Debian package postgresql-15)');
  const owner = ownerFor();
  const dir = mkdtempSync(join(tmpdir(), 'claimdesk-pg-'));
  chmodSync(dir, 0o755);
  const data = join(dir, 'data');
  const sockets = join(dir, 'sock');
  const password = randomBytes(12).toString('hex');
  const pwfile = join(dir, 'pw');
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  if (owner) {
    for (const p of [dir, pwfile]) chownSync(p, owner.uid, owner.gid);
  }
  // C.UTF-8: code-point order and a character classification that sees Chinese letters (pg_trgm needs it).
  runAs(owner?.name, join(bin, 'initdb'), [
    '-D',
    data,
    '-U',
    ROLE,
    '--pwfile',
    pwfile,
    '--auth',
    'scram-sha-256',
    '-E',
    'UTF8',
    '--locale',
    'C.UTF-8',
    '--no-instructions',
  ]);
  rmSync(pwfile);
  execFileSync('mkdir', ['-p', sockets]);
  if (owner) chownSync(sockets, owner.uid, owner.gid);
  const port = await freePort();
  const options = `-k ${sockets} -p ${port} -c listen_addresses=127.0.0.1 -c max_connections=200`;
  const info = { url: '', port, bin, owner: owner?.name ?? null, options };
  pgCtlStart(dir, info);
  info.url = `postgres://${ROLE}:${password}@127.0.0.1:${port}/postgres`;
  writeFileSync(join(dir, 'server.json'), JSON.stringify(info));
  return { url: info.url, dir, port, socketDir: sockets };
}

function pgCtlStart(dir, info) {
  runAs(info.owner, join(info.bin, 'pg_ctl'), [
    '-D',
    join(dir, 'data'),
    '-l',
    join(dir, 'server.log'),
    '-o',
    info.options,
    '-w',
    '-t',
    '60',
    'start',
  ]);
}

/** Stops the server in `dir` the hard way (as a power cut would: `pg_ctl stop -m immediate`), keeping its data. */
export function haltServer(dir) {
  const info = JSON.parse(readFileSync(join(dir, 'server.json'), 'utf8'));
  runAs(info.owner, join(info.bin, 'pg_ctl'), ['-D', join(dir, 'data'), '-m', 'immediate', '-w', 'stop']);
}

/** Starts the halted server in `dir` again, on the same port (it recovers from its write-ahead log). */
export function resumeServer(dir) {
  pgCtlStart(dir, JSON.parse(readFileSync(join(dir, 'server.json'), 'utf8')));
}

/** Stops the server started in `dir` and removes the folder. */
export function stopServer(dir) {
  const info = JSON.parse(readFileSync(join(dir, 'server.json'), 'utf8'));
  try {
    runAs(info.owner, join(info.bin, 'pg_ctl'), ['-D', join(dir, 'data'), '-m', 'fast', '-w', 'stop']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [cmd, arg] = process.argv.slice(2);
  if (cmd === 'start') {
    const s = await startServer();
    console.log(`export CLAIMDESK_TEST_DATABASE_URL='${s.url}'`);
    console.log(`export CLAIMDESK_TEST_PG_DIR='${s.dir}'`);
  } else if (cmd === 'stop') {
    const dir = arg ?? process.env.CLAIMDESK_TEST_PG_DIR;
    if (!dir) throw new Error('stop: name the server folder (or set CLAIMDESK_TEST_PG_DIR)');
    stopServer(dir);
  } else if (cmd === 'has-binaries') {
    process.exit(findServerBinaries() ? 0 : 1);
  } else {
    console.error('usage: pg-test-server.mjs start | stop [DIR] | has-binaries');
    process.exit(2);
  }
}

// Shared plumbing for CLI commands: the data folder, opening the workspace, printing, and exit codes.
import type { Command } from 'commander';
import { DOCUMENT_KINDS, DocumentKind } from '../../shared/domain';
import { ClaimDeskError, InvalidInputError } from '../core/errors';
import type { Actor, StorageEngine } from '../core/db/contract';
import { isDatabaseUrl, openStorage } from '../core/db/engines';
import { defaultActor } from '../core/db/sqlite-engine';
import { defaultDataDir } from '../core/paths';
import { openWorkspace, type Workspace } from '../core/workspace';

/** Exit statuses from docs/contracts.md: 0 fine, 1 a check failed / operation failed, 2 usage or input error. */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/** Thrown by a command to end with a given exit status after it has printed its own output. */
export class CliExit extends Error {
  constructor(readonly exitCode: number) {
    super(`exit ${exitCode}`);
  }
}

export function dataDirOf(cmd: Command): string {
  const opts = cmd.optsWithGlobals<{ dataDir?: string }>();
  return opts.dataDir ? defaultDataDir({ ...process.env, CLAIMDESK_HOME: opts.dataDir }) : defaultDataDir();
}

/**
 * The shared database the command works on, if any: `--database URL`, else CLAIMDESK_DATABASE_URL. The
 * password comes from the URL, PGPASSWORD or the password file (PGPASSFILE, ~/.pgpass); it is never printed.
 */
export function databaseUrlOf(cmd: Command): string | null {
  const opts = cmd.optsWithGlobals<{ database?: string }>();
  const url = opts.database ?? process.env.CLAIMDESK_DATABASE_URL;
  if (url === undefined || url === '') return null;
  if (!isDatabaseUrl(url))
    throw new InvalidInputError(
      '共享数据库地址应以 postgres:// 开头，例如 postgres://claimdesk@服务器/claimdesk',
      'the shared database address must start with postgres://, e.g. postgres://claimdesk@server/claimdesk',
      'database',
    );
  return url;
}

/** Who writes: this machine, or CLAIMDESK_DESK / CLAIMDESK_PERSON (the desk and the person at a shared PC). */
export function deskActor(): Actor {
  return {
    desk: process.env.CLAIMDESK_DESK || defaultActor().desk,
    person: process.env.CLAIMDESK_PERSON || null,
  };
}

/**
 * Runs `fn` on the store the command names: the shared database when a URL is given, else the data folder's
 * SQLite store, both through the asynchronous storage contract. Writes record this machine as the desk.
 */
export async function withStorage<T>(cmd: Command, fn: (engine: StorageEngine) => Promise<T>): Promise<T> {
  const url = databaseUrlOf(cmd);
  const engine = await openStorage(url ? { url } : { dataDir: dataDirOf(cmd) }, deskActor());
  try {
    return await fn(engine);
  } finally {
    await engine.close();
  }
}

/** Commands that still work on the data folder alone (import, bundle, backups) refuse a shared database. */
export async function withWorkspace<T>(cmd: Command, fn: (ws: Workspace) => Promise<T> | T): Promise<T> {
  if (databaseUrlOf(cmd) !== null)
    throw new InvalidInputError(
      `“${cmd.name()}”暂时只能用于本机的数据文件夹，还不能用于共享数据库。请去掉 --database（或清空 CLAIMDESK_DATABASE_URL）后再试`,
      `"${cmd.name()}" works on a data folder only for now, not on a shared database; drop --database (or unset CLAIMDESK_DATABASE_URL)`,
      'database',
    );
  const ws = await openWorkspace(dataDirOf(cmd));
  try {
    return await fn(ws);
  } finally {
    ws.close();
  }
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function println(line = ''): void {
  process.stdout.write(`${line}\n`);
}

/** Parses a positive integer argument, naming the argument when it is not one. */
export function parseId(value: string, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) {
    throw new ClaimDeskError(
      'invalid_input',
      `${name} 必须是正整数，收到“${value}”`,
      `${name} must be a positive integer, got "${value}"`,
      {
        field: name,
      },
    );
  }
  return n;
}

/** Exit status for an error: input the user can fix → 2, everything else → 1. */
/** The `--kind` option of `check` and `read`: a known document kind, or absent; anything else is refused. */
export function kindOption(value: string | undefined): DocumentKind | undefined {
  if (value === undefined) return undefined;
  const parsed = DocumentKind.safeParse(value);
  if (!parsed.success) {
    throw new InvalidInputError(
      `--kind 不是已知的材料类型：“${value}”。可选：${DOCUMENT_KINDS.join('、')}`,
      `--kind is not a known document kind: "${value}"; one of ${DOCUMENT_KINDS.join(', ')}`,
      'kind',
    );
  }
  return parsed.data;
}

export function exitCodeFor(err: ClaimDeskError): number {
  return err.code === 'invalid_input' || err.code === 'manifest_invalid' || err.code === 'rule_pack_invalid'
    ? EXIT_USAGE
    : EXIT_FAILED;
}

// Shared plumbing for CLI commands: the data folder, opening the workspace, printing, and exit codes.
import type { Command } from 'commander';
import { DOCUMENT_KINDS, DocumentKind } from '../../shared/domain';
import { ClaimDeskError, InvalidInputError } from '../core/errors';
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

export async function withWorkspace<T>(cmd: Command, fn: (ws: Workspace) => Promise<T> | T): Promise<T> {
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

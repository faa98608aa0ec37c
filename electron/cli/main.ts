// The `claimdesk` command. Each file in commands/ registers its sub-commands; this file owns parsing,
// error reporting (Chinese first, English second) and the exit statuses of docs/contracts.md.
import { Command, CommanderError } from 'commander';
import pkg from '../../package.json' with { type: 'json' };
import { ClaimDeskError, describeSqliteError } from '../core/errors';
import { CliExit, EXIT_FAILED, EXIT_USAGE, exitCodeFor } from './context';
import * as backup from './commands/backup';
import * as bundle from './commands/bundle';
import * as check from './commands/check';
import * as data from './commands/data';
import * as demo from './commands/demo';
import * as evaluate from './commands/evaluate';
import * as migrate from './commands/migrate';
import * as read from './commands/read';
import * as rules from './commands/rules';

export function buildProgram(): Command {
  const program = new Command('claimdesk')
    .description('ClaimDesk 报销材料助手：医保手工报销材料的检查、清单与打包（离线）')
    .version(pkg.version, '-V, --version')
    .option('--data-dir <dir>', '数据文件夹（默认随系统；也可用环境变量 CLAIMDESK_HOME）')
    .option(
      '--database <url>',
      '共享数据库 postgres://用户@服务器/库名（也可用环境变量 CLAIMDESK_DATABASE_URL；密码放在 PGPASSFILE）',
    )
    .showHelpAfterError('(用 --help 查看用法 / see --help)')
    .exitOverride();
  for (const mod of [check, read, evaluate, rules, bundle, demo, data, backup, migrate])
    mod.register(program);
  // Sub-commands inherit exitOverride so usage errors anywhere become exit status 2.
  program.commands.forEach(function override(c: Command): void {
    c.exitOverride();
    c.commands.forEach(override);
  });
  return program;
}

export async function runCli(argv: readonly string[]): Promise<number> {
  // stdout carries our reports (`--json` is parsed by other tools); libraries that chat on console.log
  // (libheif prints "Decoding image failed" for a broken HEIC) must not corrupt it, so they go to stderr.
  console.log = console.info = console.debug = (...args: unknown[]) => console.error(...args);
  // `claimdesk … | head` closes the pipe early: that is the reader being done, not a crash worth a stack trace.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
  const program = buildProgram();
  try {
    await program.parseAsync(argv as string[], { from: 'user' });
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (caught) {
    // A full disk or read-only folder surfaces from SQLite deep inside a command: name it plainly.
    const err = describeSqliteError(caught);
    if (err instanceof CliExit) return err.exitCode;
    if (err instanceof CommanderError) {
      // --help and --version end in a CommanderError with exit code 0.
      if (err.exitCode === 0) return 0;
      return EXIT_USAGE;
    }
    if (err instanceof ClaimDeskError) {
      process.stderr.write(`错误：${err.zh}\nError: ${err.en}\n`);
      return exitCodeFor(err);
    }
    process.stderr.write(
      `内部错误，请把下面的信息告诉开发者 (internal error):\n${(err as Error)?.stack ?? String(err)}\n`,
    );
    return EXIT_FAILED;
  }
}

// Flush stdout before exiting: a JSON report piped to another tool must arrive whole.
const code = await runCli(process.argv.slice(2));
process.exitCode = code;

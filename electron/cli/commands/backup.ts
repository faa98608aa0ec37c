// backup / restore of the database (online backup: safe while the app is open), and the rolling schedule
// the desktop app follows: `backup --auto` runs one round of it, `backup schedule` changes it.
import type { Command } from 'commander';
import { formatDateTime } from '../../../shared/dates';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { backupDatabase, inspectBackup, restoreDatabase, verifyDataFolder } from '../../core/backup';
import {
  listBackups,
  manualBackupFileName,
  readBackupSchedule,
  runAutomaticBackup,
  updateBackupSchedule,
  type BackupEntry,
  type BackupSchedule,
} from '../../core/backup-schedule';
import { ClaimDeskError, InvalidInputError } from '../../core/errors';
import { backupsDir } from '../../core/workspace';
import { DOCUMENT_KIND_LABELS, type DocumentKind } from '../../../shared/domain';
import {
  CliExit,
  EXIT_FAILED,
  dataDirOf,
  databaseUrlOf,
  printJson,
  println,
  withStorage,
  withWorkspace,
} from '../context';

const KIND_LABELS: Record<BackupEntry['kind'], string> = {
  auto: '自动',
  manual: '手动',
  'pre-restore': '恢复前',
};

/** 2026-11-23 04:44, in the computer's own time zone (JSON output keeps ISO UTC). */
/** 2026年11月20日 14:05, in the PC's local time. */
function localTime(iso: string): string {
  return formatDateTime(iso);
}

function describeSchedule(s: BackupSchedule): string {
  return s.enabled
    ? `每 ${s.everyHours} 小时自动备份一次，保留最近 ${s.keep} 份`
    : `自动备份已关闭（间隔 ${s.everyHours} 小时，保留 ${s.keep} 份）`;
}

function parseCount(value: string, field: string): number {
  const n = Number(value);
  if (!Number.isInteger(n)) {
    throw new InvalidInputError(
      `${field} 必须是整数，收到“${value}”`,
      `${field} must be an integer, got "${value}"`,
      field,
    );
  }
  return n;
}

/** A backup named by path, or by its file name in the data folder's backups/ (as `backup list` shows it). */
function resolveBackupFile(dataDir: string, nameOrPath: string): string {
  const asPath = resolve(nameOrPath);
  if (existsSync(asPath)) return asPath;
  const inBackups = join(backupsDir(dataDir), nameOrPath);
  if (/^[\w.-]+$/.test(nameOrPath) && existsSync(inBackups)) return inBackups;
  throw new ClaimDeskError(
    'file_missing',
    `找不到备份文件：${nameOrPath}`,
    `backup not found: ${nameOrPath}`,
    { field: nameOrPath },
  );
}

export function register(program: Command): void {
  const backup = program
    .command('backup')
    .description(
      '备份数据库 write an online backup (default: backups/manual-*.sqlite3); list | schedule | verify',
    )
    .option('--out <file>', '备份文件路径（默认写到数据文件夹的 backups/）')
    .option('--auto', '按自动备份计划执行一轮（到期才备份，并清理旧的自动备份）')
    .option('--force', '与 --auto 同用：不管是否到期都备份')
    .option('--json', 'JSON output')
    .action(async (opts: { out?: string; auto?: boolean; force?: boolean; json?: boolean }, cmd: Command) => {
      // On the office's shared database: a snapshot of its rows, written at this desk (the automatic rounds
      // and restore stay with a data folder; the server itself is backed up with pg_dump).
      if (!opts.auto && databaseUrlOf(cmd) !== null)
        return withStorage(cmd, async (engine) => {
          const out = resolve(opts.out ?? join(backupsDir(dataDirOf(cmd)), manualBackupFileName(new Date())));
          const r = await backupDatabase(engine, out);
          if (opts.json) return printJson(r);
          println(`已备份共享数据库的全部记录到 ${r.path}（${(r.bytes / 1024).toFixed(0)} KB）`);
          println(
            '照片和 PDF 原件保存在共享数据库里，不在这个备份文件中：请管理员用 pg_dump 备份服务器（记录和原件一起）',
          );
        });
      await withWorkspace(cmd, async (ws) => {
        if (opts.auto) {
          if (opts.out)
            throw new InvalidInputError(
              '--auto 与 --out 不能同时使用',
              '--auto and --out cannot be combined',
              'out',
            );
          const r = await runAutomaticBackup(ws, { force: opts.force ?? false });
          if (opts.json) return printJson(r);
          if (r.created)
            println(`已自动备份到 ${r.created.path}（${(r.created.bytes / 1024).toFixed(0)} KB）`);
          else if (r.skipped === 'disabled')
            println('自动备份已关闭（用 claimdesk backup schedule --on 打开）');
          else if (r.skipped === 'unchanged') println('数据自上次自动备份以来没有变化，无需备份');
          else println(`还未到备份时间，下次：${r.nextDueAt ? localTime(r.nextDueAt) : ''}`);
          if (r.pruned.length > 0) println(`已删除 ${r.pruned.length} 份较旧的自动备份`);
          return;
        }
        const out = opts.out
          ? resolve(opts.out)
          : join(backupsDir(ws.dataDir), manualBackupFileName(new Date()));
        const r = await backupDatabase(ws.db, out);
        if (opts.json) printJson(r);
        else println(`已备份到 ${r.path}（${(r.bytes / 1024).toFixed(0)} KB）`);
      });
    });

  backup
    .command('list')
    .description('列出数据文件夹中的备份 list backups, newest first')
    .option('--json', 'JSON output')
    .action(async (_opts: unknown, cmd: Command) => {
      // `--json` is also an option of the parent `backup`, which claims it; read it from either level.
      const opts = cmd.optsWithGlobals<{ json?: boolean }>();
      const dataDir = dataDirOf(cmd);
      const entries = await listBackups(dataDir);
      if (opts.json) return printJson(entries);
      if (entries.length === 0) return println(`还没有备份（${backupsDir(dataDir)}）`);
      for (const b of entries) {
        println(
          `${localTime(b.createdAt)}\t${KIND_LABELS[b.kind]}\t${(b.bytes / 1024).toFixed(0)} KB\t${b.name}`,
        );
      }
    });

  backup
    .command('schedule')
    .description('查看或修改自动备份计划 show or change the rolling backup schedule')
    .option('--every-hours <n>', '每隔几小时备份一次（1–720）')
    .option('--keep <n>', '保留最近几份自动备份（1–365）')
    .option('--on', '打开自动备份')
    .option('--off', '关闭自动备份')
    .option('--json', 'JSON output')
    .action(async (_opts: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<{
        everyHours?: string;
        keep?: string;
        on?: boolean;
        off?: boolean;
        json?: boolean;
      }>();
      if (opts.on && opts.off)
        throw new InvalidInputError('--on 与 --off 只能选一个', 'choose either --on or --off', 'enabled');
      await withWorkspace(cmd, (ws) => {
        const change: Partial<BackupSchedule> = {};
        if (opts.everyHours !== undefined) change.everyHours = parseCount(opts.everyHours, 'everyHours');
        if (opts.keep !== undefined) change.keep = parseCount(opts.keep, 'keep');
        if (opts.on) change.enabled = true;
        if (opts.off) change.enabled = false;
        const s =
          Object.keys(change).length > 0 ? updateBackupSchedule(ws.db, change) : readBackupSchedule(ws.db);
        if (opts.json) printJson(s);
        else println(describeSchedule(s));
      });
    });

  backup
    .command('verify')
    .description('检查数据或备份是否完好 verify the data folder (or one backup file) end to end')
    .argument('[file]', '要检查的备份文件；不给则检查当前数据文件夹')
    .option('--quick', '只确认文件都在，不重新计算校验值（大量照片时更快）')
    .option('--json', 'JSON output')
    .action(async (file: string | undefined, _opts: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<{ quick?: boolean; json?: boolean }>();
      if (file) {
        const source = resolveBackupFile(dataDirOf(cmd), file);
        const info = inspectBackup(source);
        if (opts.json) return printJson({ ok: true, file: source, ...info });
        return println(`备份完好：${source}（数据版本 ${info.schemaVersion}，${info.claims} 份报销单）`);
      }
      const verify = async (target: Parameters<typeof verifyDataFolder>[0]) => {
        const r = await verifyDataFolder(target, { quick: opts.quick ?? false });
        if (opts.json) printJson(r);
        else {
          println(
            r.integrity === 'ok' && r.foreignKeyProblems === 0
              ? '数据库完好'
              : `数据库有问题：${r.integrity}；外键问题 ${r.foreignKeyProblems} 处`,
          );
          println(
            `材料文件 ${r.filesReferenced} 个${opts.quick ? '（只确认存在）' : `，已逐个核对校验值`}：缺失 ${r.missing.length}，损坏 ${r.damaged.length}`,
          );
          if (r.orphans.count > 0)
            println(
              `另有 ${r.orphans.count} 个未被引用的文件（${(r.orphans.bytes / 1048576).toFixed(1)} MB，多为中断的导入留下，不影响使用）`,
            );
          for (const page of r.affectedPages) {
            println(
              `  ${page.state === 'missing' ? '缺失' : '损坏'}：报销单 ${page.reference} 的 ${DOCUMENT_KIND_LABELS[page.kind as DocumentKind]?.zh ?? page.kind}「${page.originalName}」，请重新导入原件`,
            );
          }
          if (r.integrity !== 'ok' || r.foreignKeyProblems > 0)
            println('数据库已损坏：请用 claimdesk backup list 找到最近的备份，再用 claimdesk restore 恢复');
        }
        if (!r.ok) throw new CliExit(EXIT_FAILED);
      };
      // The office's shared database (its rows and the originals it holds), or the data folder.
      if (databaseUrlOf(cmd) !== null) await withStorage(cmd, verify);
      else await withWorkspace(cmd, verify);
    });

  program
    .command('restore')
    .description('从备份恢复 replace the database with a backup (the current one is saved first)')
    .argument('[file]', '备份文件路径，或 backup list 中的文件名')
    .option('--latest', '恢复最近的一份备份（不含“恢复前”副本）')
    .option('--json', 'JSON output')
    .action(async (file: string | undefined, opts: { latest?: boolean; json?: boolean }, cmd: Command) => {
      // Replacing the office's database from one desk would undo every other desk's work: the server's own
      // backups (pg_dump) are restored by whoever runs it.
      if (databaseUrlOf(cmd) !== null)
        throw new InvalidInputError(
          '恢复只能用于本机的数据文件夹。共享数据库请由管理员在服务器上用 PostgreSQL 自己的备份（pg_dump / pg_restore）恢复',
          'restore works on a data folder only; the shared database is restored on the server from its own backups (pg_dump / pg_restore)',
          'database',
        );
      const dataDir = dataDirOf(cmd);
      let source: string;
      if (opts.latest) {
        if (file)
          throw new InvalidInputError(
            '--latest 与备份文件不能同时给出',
            'give either a backup file or --latest',
            'file',
          );
        const latest = (await listBackups(dataDir)).find((b) => b.kind !== 'pre-restore');
        if (!latest)
          throw new ClaimDeskError(
            'file_missing',
            `没有可恢复的备份（${backupsDir(dataDir)}）`,
            `no backup to restore in ${backupsDir(dataDir)}`,
          );
        source = latest.path;
      } else {
        if (!file)
          throw new InvalidInputError(
            '请给出备份文件，或用 --latest',
            'give a backup file or --latest',
            'file',
          );
        source = resolveBackupFile(dataDir, file);
      }
      const r = await restoreDatabase(dataDir, source);
      if (opts.json) return printJson({ ...r, restoredFrom: source });
      const saved = r.safetyCopy
        ? r.replacedWasDamaged
          ? `原数据库已损坏，已原样另存为 ${r.safetyCopy}`
          : `恢复前的数据已另存为 ${r.safetyCopy}`
        : '';
      println(`已从 ${source} 恢复（${r.claims} 份报销单）。${saved}`);
      if (r.missingFiles > 0)
        println(`注意：有 ${r.missingFiles} 个材料文件不在本数据文件夹中（备份来自别处？）`);
    });
}

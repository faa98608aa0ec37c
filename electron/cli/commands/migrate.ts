// `claimdesk migrate --to URL`: moves this PC's data folder into the office's shared database (issue #23).
import type { Command } from 'commander';
import { InvalidInputError } from '../../core/errors';
import { isDatabaseUrl, moveDataFolder } from '../../core/db/engines';
import { CliExit, EXIT_FAILED, dataDirOf, deskActor, printJson, println } from '../context';

const TABLE_LABELS: Record<string, string> = {
  households: '户',
  people: '成员',
  claims: '报销单',
  claim_status_history: '进度记录',
  claim_requested_items: '补充要求',
  claim_pledge_signatures: '承诺书签字',
  files: '原件记录',
  documents: '材料',
  document_pages: '页面（含识别结果）',
  document_confirmations: '人工确认',
  page_field_corrections: '手工更正',
  claim_invoices: '发票索引',
  settings: '设置',
};

export function register(program: Command): void {
  program
    .command('migrate')
    .description('把本机数据文件夹迁入共享数据库 move this data folder into the shared database')
    .requiredOption(
      '--to <url>',
      '共享数据库 postgres://用户@服务器/库名（密码放在 PGPASSFILE 或 ~/.pgpass）',
    )
    .option('--json', 'JSON output')
    .action(async (opts: { to: string; json?: boolean }, cmd: Command) => {
      if (!isDatabaseUrl(opts.to))
        throw new InvalidInputError(
          '--to 应是共享数据库地址，以 postgres:// 开头',
          '--to must be a postgres:// address',
          'to',
        );
      const report = await moveDataFolder(dataDirOf(cmd), opts.to, deskActor());
      const short = report.tables.filter((t) => t.inDatabase < t.inFolder);
      const ok = short.length === 0 && report.files.verified === report.files.inFolder;
      if (opts.json) printJson({ ...report, ok });
      else {
        println(report.unchanged ? '这个数据文件夹以前已经迁移过，这次没有任何改动。' : '已迁入共享数据库：');
        for (const t of report.tables)
          println(
            `  ${TABLE_LABELS[t.table] ?? t.table}：文件夹 ${t.inFolder}，共享数据库 ${t.inDatabase}（本次新增 ${t.added}）`,
          );
        println(
          `  原件：${report.files.inFolder} 份，核对内容一致 ${report.files.verified} 份（本次新增 ${report.files.added}）`,
        );
        println(
          ok ? '核对无误。原数据文件夹没有改动，可留作备份。' : '核对发现不一致，请把以上信息告诉管理员。',
        );
      }
      if (!ok) throw new CliExit(EXIT_FAILED);
    });
}

// backup / restore of the database (online backup: safe while the app is open).
import type { Command } from 'commander';
import { resolve } from 'node:path';
import { backupDatabase, restoreDatabase } from '../../core/backup';
import { printJson, println, withWorkspace, dataDirOf } from '../context';

export function register(program: Command): void {
  program
    .command('backup')
    .description('备份数据库 write an online backup of the database')
    .requiredOption('--out <file>', '备份文件路径')
    .option('--json', 'JSON output')
    .action(async (opts: { out: string; json?: boolean }, cmd: Command) => {
      await withWorkspace(cmd, async (ws) => {
        const r = await backupDatabase(ws.db, resolve(opts.out));
        if (opts.json) printJson(r);
        else println(`已备份到 ${r.path}（${(r.bytes / 1024).toFixed(0)} KB）`);
      });
    });
  program
    .command('restore')
    .description('从备份恢复 replace the database with a backup (the current one is saved first)')
    .argument('<file>', '备份文件')
    .option('--json', 'JSON output')
    .action(async (file: string, opts: { json?: boolean }, cmd: Command) => {
      const r = await restoreDatabase(dataDirOf(cmd), resolve(file));
      if (opts.json) printJson(r);
      else println(`已恢复（${r.claims} 份报销单）。${r.safetyCopy ? `恢复前的数据已另存为 ${r.safetyCopy}` : ''}`);
    });
}

// `claimdesk demo [--out DIR]`: the README's "see it work" command. Takes the sample claim committed in
// resources/samples/ (an inpatient 异地转诊 claim, photographed papers, one with glare), checks every photo,
// evaluates completeness and exports the PDF bundle plus upload-ready images into DIR (default ./demo-out).
// It never touches the user's data folder.
import type { Command } from 'commander';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { formatDateZh } from '../../../shared/dates';
import { describeFsError } from '../../core/errors';
import { resourcesDir } from '../../core/paths';
import { CliExit, EXIT_FAILED, EXIT_OK, println } from '../context';
import { evaluateAndBundle, printBundleSummary } from './bundle';
import { parseToday } from './evaluate';

/**
 * The day the sample claim is "prepared" on: 71 days after discharge, so the demo always shows the same
 * deadline countdown instead of turning into an expired claim as real time passes.
 */
export const SAMPLE_TODAY = '2026-11-20';

export function register(program: Command): void {
  program
    .command('demo')
    .description('用内置的样本材料演示：检查照片、核对材料是否齐全、导出 PDF 材料包和上传用图片')
    .option('--out <dir>', '输出文件夹（不存在时自动创建）', 'demo-out')
    .option('--today <date>', `按这一天计算期限（YYYY-MM-DD），默认样本日期 ${SAMPLE_TODAY}`)
    .action(async (opts: { out: string; today?: string }) => {
      const today = parseToday(opts.today) ?? SAMPLE_TODAY;
      const outDir = resolve(opts.out);
      try {
        await mkdir(outDir, { recursive: true });
      } catch (err) {
        throw describeFsError(err, outDir, { zh: '创建输出文件夹', en: 'create the output folder' });
      }
      const manifest = join(resourcesDir(), 'samples', 'manifest.json');
      println('ClaimDesk 演示：样本报销（住院 · 异地转诊 · 王秀英，全部为虚构数据）');
      println(`样本材料：${join(resourcesDir(), 'samples')}`);
      println('正在检查照片、核对材料并导出材料包……');
      println('');
      const run = await evaluateAndBundle(manifest, {
        out: join(outDir, '报销材料包-样本.pdf'),
        imagesDir: join(outDir, '上传图片'),
        today,
        // The demo shows its findings inside the bundle, so it exports even when a check failed.
        allowIncomplete: true,
      });
      const { report, quality, loaded } = run.evaluation;
      const photos = quality.flat().filter((q) => q !== null);
      const flagged = photos.filter((q) => q.verdict !== 'pass');
      println(
        `照片检查：${photos.length} 个文件，${photos.length - flagged.length} 个通过，${flagged.length} 个有问题`,
      );
      loaded.documents.forEach((d) =>
        d.files.forEach((f, j) => {
          const q = quality[d.index]?.[j];
          for (const finding of q?.findings ?? [])
            println(`  ${finding.severity === 'error' ? '✗' : '!'} ${f.relative}：${finding.message}`);
        }),
      );
      const satisfied = report.requirements.filter((r) => r.status === 'satisfied').length;
      println(`材料清单：${report.requirements.length} 项要求，已满足 ${satisfied} 项`);
      if (report.deadline)
        println(
          `报销期限：${formatDateZh(report.deadline.date)}前（按 ${formatDateZh(today)} 计还有 ${report.deadline.daysLeft} 天）`,
        );
      printBundleSummary(run);
      println('');
      println(
        '用 PDF 阅读器打开材料包看看：封面写明结论，材料清单标出每项材料在第几页。网上申请时在页面上勾选诚信承诺书；到窗口交纸质材料的，承诺书页打印后签名。',
      );
      throw new CliExit(run.result ? EXIT_OK : EXIT_FAILED);
    });
}

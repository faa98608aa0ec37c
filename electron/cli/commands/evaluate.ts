// `claimdesk evaluate MANIFEST.json [--json] [--today YYYY-MM-DD]`: see ../shared/ARCHITECTURE.md.
// Exit 0 when complete with no error-level problem, 1 otherwise, 2 on a usage, manifest or rule-pack error.
import type { Command } from 'commander';
import { CARE_SETTING_LABELS, FILING_TYPE_LABELS } from '../../../shared/domain';
import { isRealDate } from '../../../shared/validators';
import { InvalidInputError } from '../../core/errors';
import { checkFiles } from '../../core/quality/index';
import {
  evaluateManifest,
  isReadyToSubmit,
  type DocumentChecker,
  type ManifestEvaluation,
} from '../../core/rules/evaluate';
import { CliExit, EXIT_FAILED, EXIT_OK, dataDirOf, printJson, println } from '../context';

const STATUS_MARK = { satisfied: '✓', missing: '✗', needs_attention: '!' } as const;
const STATUS_ZH = { satisfied: '已齐', missing: '缺少', needs_attention: '需处理' } as const;

/** Photo checks through the quality engine; reports name files as the manifest wrote them. */
export const checkManifestDocument: DocumentChecker = async (files, { kind, sealKinds, displayNames }) => {
  const reports = await checkFiles(files, { kind, sealKinds });
  return reports.map((r, i) => ({ ...r, file: displayNames[i] ?? r.file }));
};

export function parseToday(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!isRealDate(value)) {
    throw new InvalidInputError(
      `--today 必须是真实存在的日期，写成 YYYY-MM-DD，收到“${value}”`,
      `--today must be a real date as YYYY-MM-DD, got "${value}"`,
      'today',
    );
  }
  return value;
}

export function register(program: Command): void {
  program
    .command('evaluate')
    .description('检查一份报销材料清单是否齐全、有效：缺什么、为什么要、期限、证件号码、重复发票')
    .argument('<manifest>', '报销清单 JSON 文件（格式见 README）')
    .option('--json', '输出 JSON 报告')
    .option('--today <date>', '按这一天计算期限（YYYY-MM-DD），默认今天')
    .option(
      '--rules <pack>',
      '规则包名称或 .json 文件路径，默认按参保地自动选择（没有地区规则包时用全国通用）',
    )
    .option('--no-check', '不检查照片质量（只看材料是否齐全和信息是否有效）')
    .action(
      async (
        manifest: string,
        opts: { json?: boolean; today?: string; rules?: string; check: boolean },
        cmd: Command,
      ) => {
        const today = parseToday(opts.today);
        const result = await evaluateManifest(manifest, {
          today,
          rules: opts.rules,
          dataDir: dataDirOf(cmd),
          checkDocument: opts.check ? checkManifestDocument : undefined,
        });
        if (opts.json) printJson(result.report);
        else printHuman(result);
        throw new CliExit(isReadyToSubmit(result.report) ? EXIT_OK : EXIT_FAILED);
      },
    );
}

function printHuman({ report, loaded }: ManifestEvaluation): void {
  const { claimant, claim } = loaded.manifest;
  const filing = claim.crossRegion
    ? `，异地就医：${FILING_TYPE_LABELS[claim.crossRegion.filingType].zh}`
    : '';
  println(
    `报销材料检查：${claimant.name} · ${CARE_SETTING_LABELS[claim.careSetting].zh} · ${claim.hospital}${filing}`,
  );
  if (report.pack) println(`规则：${report.pack.name}（${report.pack.version}）`);
  if (report.deadline) {
    const left =
      report.deadline.daysLeft >= 0
        ? `还剩 ${report.deadline.daysLeft} 天`
        : `已超过 ${-report.deadline.daysLeft} 天`;
    println(`提交截止：${report.deadline.date}（${left}）`);
  }
  println('');
  println('材料清单：');
  for (const r of report.requirements) {
    println(`  ${STATUS_MARK[r.status]} ${r.title ?? r.id}【${STATUS_ZH[r.status]}】`);
    if (r.status !== 'satisfied') {
      println(`      ${r.reason}`);
      println(`      依据：${r.source}`);
    }
  }
  if (report.problems.length > 0) {
    println('');
    println('问题：');
    for (const p of report.problems) {
      println(
        `  [${p.severity === 'error' ? '错误' : '提醒'}] ${p.message}${p.field ? `（${p.field}）` : ''}`,
      );
      if (p.source) println(`      依据：${p.source}`);
    }
  }
  println('');
  const missing = report.requirements.filter((r) => r.status === 'missing').length;
  const attention = report.requirements.filter((r) => r.status === 'needs_attention').length;
  const errors = report.problems.filter((p) => p.severity === 'error').length;
  if (isReadyToSubmit(report)) {
    println(
      `结论：材料齐全，可以提交。${report.problems.length > 0 ? `另有 ${report.problems.length} 条提醒请看一下。` : ''}`,
    );
  } else {
    const parts = [
      missing > 0 ? `还缺 ${missing} 项材料` : '',
      attention > 0 ? `${attention} 项材料需要处理` : '',
      errors > 0 ? `${errors} 个错误` : '',
    ].filter(Boolean);
    println(`结论：暂不能提交：${parts.join('，')}。`);
  }
}

// `claimdesk evaluate MANIFEST.json [--json] [--today YYYY-MM-DD]`: see docs/contracts.md.
// Exit 0 when complete with no error-level problem, 1 otherwise, 2 on a usage, manifest or rule-pack error.
import type { Command } from 'commander';
import { CARE_SETTING_LABELS, FILING_TYPE_LABELS } from '../../../shared/domain';
import { formatDateZh } from '../../../shared/dates';
import { isReadyToSubmit, type ReminderResult } from '../../../shared/evaluation';
import { isRealDate } from '../../../shared/validators';
import { InvalidInputError } from '../../core/errors';
import type { ManifestEvaluation } from '../../core/manifest/evaluate';
import { CliExit, EXIT_FAILED, EXIT_OK, dataDirOf, printJson, println } from '../context';
import { fieldInWords } from '../where';

const STATUS_MARK = { satisfied: '✓', missing: '✗', needs_attention: '!' } as const;
const STATUS_ZH = { satisfied: '已齐', missing: '缺少', needs_attention: '需处理' } as const;

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
    .option('--no-read', '不识别材料上的文字（更快；不核对材料上的姓名、日期、金额）')
    .action(
      async (
        manifest: string,
        opts: { json?: boolean; today?: string; rules?: string; check: boolean; read: boolean },
        cmd: Command,
      ) => {
        const today = parseToday(opts.today);
        // Heavy modules (sharp, pdf-lib, the QR and OCR readers, pdf.js) load when the command runs, not at start-up.
        const { evaluateManifest } = await import('../../core/manifest/evaluate');
        const result = await evaluateManifest(manifest, {
          today,
          rules: opts.rules,
          dataDir: dataDirOf(cmd),
          checks: opts.check,
          read: opts.read,
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
  if (report.pack) println(`规则：${report.pack.name}（版本 ${formatDateZh(report.pack.version)}）`);
  if (report.deadline) {
    const left =
      report.deadline.daysLeft >= 0
        ? `还剩 ${report.deadline.daysLeft} 天`
        : `已超过 ${-report.deadline.daysLeft} 天`;
    println(`提交截止：${formatDateZh(report.deadline.date)}（${left}）`);
  }
  println('');
  println('材料清单：');
  for (const r of report.requirements) {
    println(
      `  ${STATUS_MARK[r.status]} ${r.title ?? r.id}【${r.pending === 'signature' ? '打印后签名' : STATUS_ZH[r.status]}】`,
    );
    if (r.status !== 'satisfied') {
      println(`      ${r.reason}`);
      // Manifest wording (confirmed: [...]) is for the command line only; the app and the PDF never show it.
      if (r.cliHint) println(`      命令行：${r.cliHint}`);
      println(`      依据：${r.source}`);
    }
  }
  if (report.problems.length > 0) {
    println('');
    println('问题：');
    for (const p of report.problems) {
      // Where it points, in words (清单里的出院日期); the field path is for `--json`.
      const where = fieldInWords(p.field, loaded, p.message);
      println(`  [${p.severity === 'error' ? '错误' : '注意'}] ${p.message}`);
      if (where) println(`      涉及：${where}`);
      if (p.source) println(`      依据：${p.source}`);
    }
  }
  printReminders(report.reminders ?? []);
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

/** The reminders beside the checklist (诚信承诺书 ticked online, binding a relative's account): never missing. */
export function printReminders(reminders: readonly ReminderResult[]): void {
  if (reminders.length === 0) return;
  println('');
  println('提醒（不是要交的材料）：');
  for (const r of reminders) {
    println(`  · ${r.title}：${r.done && r.doneText ? `${r.doneText}。` : ''}${r.text}`);
    r.steps?.forEach((s, i) => println(`      ${i + 1}. ${s.text}`));
    println(`      依据：${r.source}`);
  }
}

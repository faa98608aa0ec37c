// `claimdesk evaluate MANIFEST.json [--json] [--today YYYY-MM-DD]`: see docs/contracts.md.
// Exit 0 when complete with no error-level problem, 1 otherwise, 2 on a usage, manifest or rule-pack error.
import type { Command } from 'commander';
import {
  CARE_SETTING_LABELS,
  DOCUMENT_KIND_LABELS,
  FILING_TYPE_LABELS,
  INSURANCE_TYPE_LABELS,
  RELATION_LABELS,
} from '../../../shared/domain';
import { formatSources, type Condition, type RulePack } from '../../../shared/rules';
import { isRealDate } from '../../../shared/validators';
import { InvalidInputError } from '../../core/errors';
import { isReadyToSubmit } from '../../../shared/evaluation';
import type { ManifestEvaluation } from '../../core/manifest/evaluate';
import { describePeriod } from '../../core/rules/dates';
import { listRulePacks, loadRulePack } from '../../core/rules/pack';
import { CliExit, EXIT_FAILED, EXIT_OK, dataDirOf, printJson, println } from '../context';

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
  registerRules(program);
}

/** `claimdesk rules [PACK]`: validates a rule pack (exit 2 naming the bad field) and shows it with sources. */
function registerRules(program: Command): void {
  program
    .command('rules')
    .description('查看或校验规则包：每项材料要求、期限和原文依据（不填则列出所有内置规则包）')
    .argument('[pack]', '规则包名称或 .json 文件路径')
    .option('--json', '输出合并后的规则包 JSON')
    .action((pack: string | undefined, opts: { json?: boolean }) => {
      if (pack === undefined) {
        const packs = listRulePacks();
        if (opts.json) printJson(packs.map(({ id, name, regions }) => ({ id, name, regions })));
        else
          for (const p of packs)
            println(`${p.id}\t${p.name}${p.regions.length ? `（参保地：${p.regions.join('、')}）` : ''}`);
        return;
      }
      const loaded = loadRulePack(pack);
      if (opts.json) printJson(loaded);
      else printPack(loaded);
    });
}

function describeCondition(c: Condition): string {
  const parts: string[] = [];
  const filing = (x: string) =>
    x === 'local' ? '本地就医' : FILING_TYPE_LABELS[x as keyof typeof FILING_TYPE_LABELS].zh;
  if (c.careSettings) parts.push(c.careSettings.map((x) => CARE_SETTING_LABELS[x].zh).join('/'));
  if (c.filingTypes) parts.push(c.filingTypes.map(filing).join('/'));
  if (c.exceptFilingTypes) parts.push(`${c.exceptFilingTypes.map(filing).join('/')}除外`);
  if (c.applicant) parts.push(c.applicant === 'self' ? RELATION_LABELS.self.zh : '亲属代办');
  if (c.specialDrugs !== undefined) parts.push(c.specialDrugs ? '用了特殊药品' : '未用特殊药品');
  if (c.insuranceTypes) parts.push(c.insuranceTypes.map((x) => INSURANCE_TYPE_LABELS[x].zh).join('/'));
  return parts.length ? parts.join('，') : '所有报销';
}

function printPack(pack: RulePack): void {
  const t = pack.time;
  println(`${pack.name}（${pack.id}，${pack.version}）：规则包有效`);
  if (pack.description) println(pack.description);
  println('');
  println('期限：');
  println(
    `  提交：出院或门诊结束后${describePeriod(t.submission.period)}内，提前 ${t.submission.warnDaysBefore} 天提醒`,
  );
  println(`      依据：${formatSources(t.submission.sources)}`);
  println(`  急诊抢救备案：入院后${describePeriod(t.emergencyFiling.period)}内`);
  println(`      依据：${formatSources(t.emergencyFiling.sources)}`);
  const validity: Array<[string, RulePack['time']['filingValidity']['temporary'] | undefined]> = [
    ['临时备案', t.filingValidity.temporary],
    ['长期备案', t.filingValidity.longTerm],
    ...Object.entries(t.filingValidity.byType).map(
      ([k, v]) => [FILING_TYPE_LABELS[k as keyof typeof FILING_TYPE_LABELS].zh, v] as [string, typeof v],
    ),
  ];
  for (const [label, v] of validity) {
    if (!v) continue;
    println(`  ${label}有效期：${describePeriod(v.period)}`);
    println(`      依据：${formatSources(v.sources)}`);
    for (const d of v.disagreements) println(`      另一说法：${d.says}（${formatSources([d.source])}）`);
  }
  println('');
  println('材料要求（按清单顺序）：');
  for (const r of pack.requirements) {
    const kinds = r.kinds.map((k) => DOCUMENT_KIND_LABELS[k].zh).join('或');
    const count = r.minCount > 1 ? `，至少 ${r.minCount} 份` : '';
    println(
      `  ${r.title}【${describeCondition(r.when)}】：${kinds}${count}${r.providedByApp ? '（由本程序生成）' : ''}`,
    );
    for (const c of r.checks)
      println(`      检查 ${c.check}${c.when ? `（${describeCondition(c.when)}）` : ''}`);
    println(`      依据：${formatSources(r.sources)}`);
  }
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

// `claimdesk rules [PACK] [--json]`: validates a rule pack (exit 2 naming the bad field) and shows it in plain
// words — each requirement, check, reminder and time rule with the guide it rests on, by title (never a file
// name or a check's code name; `--json` prints the merged pack as data).
import type { Command } from 'commander';
import {
  CARE_SETTING_LABELS,
  DOCUMENT_KIND_LABELS,
  FILING_TYPE_LABELS,
  INSURANCE_TYPE_LABELS,
  RELATION_LABELS,
} from '../../../shared/domain';
import {
  CHECK_LABELS,
  formatSources,
  type Condition,
  type RulePack,
  type RuleSource,
} from '../../../shared/rules';
import { formatDateZh } from '../../../shared/dates';
import { describePeriod } from '../../core/rules/dates';
import { listRulePacks, loadRulePack } from '../../core/rules/pack';
import { printJson, println } from '../context';

export function register(program: Command): void {
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

const filingWords = (x: string) =>
  x === 'local' ? '在参保地就医' : FILING_TYPE_LABELS[x as keyof typeof FILING_TYPE_LABELS].zh;

/** A rule's condition in words: "住院，异地转诊". */
export function describeCondition(c: Condition): string {
  const parts: string[] = [];
  if (c.careSettings) parts.push(c.careSettings.map((x) => CARE_SETTING_LABELS[x].zh).join('/'));
  if (c.filingTypes) parts.push(c.filingTypes.map(filingWords).join('/'));
  if (c.exceptFilingTypes) parts.push(`${c.exceptFilingTypes.map(filingWords).join('/')}除外`);
  if (c.applicant) parts.push(c.applicant === 'self' ? `${RELATION_LABELS.self.zh}申请` : '亲属代办');
  if (c.relations) parts.push(`代办人是${c.relations.map((r) => RELATION_LABELS[r].zh).join('/')}`);
  if (c.offlineFiling !== undefined) parts.push(c.offlineFiling ? '在窗口办的备案' : '网上办的备案');
  if (c.specialDrugs !== undefined) parts.push(c.specialDrugs ? '用了特殊药品' : '未用特殊药品');
  if (c.insuranceTypes) parts.push(c.insuranceTypes.map((x) => INSURANCE_TYPE_LABELS[x].zh).join('/'));
  return parts.length ? parts.join('，') : '所有报销';
}

function printPack(pack: RulePack): void {
  const t = pack.time;
  // Each phrase once, with its guide's title (a reminder's steps often cite the same guide again).
  const src = (sources: readonly RuleSource[]) =>
    formatSources(
      sources.filter((x, i) => sources.findIndex((y) => y.seed === x.seed && y.phrase === x.phrase) === i),
      pack.seeds,
    );
  println(`${pack.name}（版本 ${formatDateZh(pack.version)}）：规则包有效`);
  if (pack.description) println(pack.description);
  println('');
  println('期限：');
  println(
    `  提交：出院或门诊结束后${describePeriod(t.submission.period)}内，提前 ${t.submission.warnDaysBefore} 天提醒`,
  );
  println(`      依据：${src(t.submission.sources)}`);
  println(`  急诊抢救备案：入院后${describePeriod(t.emergencyFiling.period)}内`);
  println(`      依据：${src(t.emergencyFiling.sources)}`);
  println('  其他备案：在异地就医之前办理');
  println(`      依据：${src(t.filingBeforeCare.sources)}`);
  if (t.filingPlace) {
    println('  备案后就医地不能更改：就医地和备案的就医地不同时提醒');
    println(`      依据：${src(t.filingPlace.sources)}`);
  }
  if (t.filingPeriod) {
    println('  备案记录上有开始、结束日期时，按这两个日期核对就医日期');
    println(`      依据：${src(t.filingPeriod.sources)}`);
  }
  const validity: Array<[string, RulePack['time']['filingValidity']['temporary'] | undefined]> = [
    ['临时备案', t.filingValidity.temporary],
    ['长期备案', t.filingValidity.longTerm],
    ...Object.entries(t.filingValidity.byType).map(
      ([k, v]) => [FILING_TYPE_LABELS[k as keyof typeof FILING_TYPE_LABELS].zh, v] as [string, typeof v],
    ),
  ];
  for (const [label, v] of validity) {
    if (!v) continue;
    const scope = v.crossProvinceOnly ? '（跨省）' : '';
    const meaning = v.meaning === 'minimum' ? '不少于' : '';
    println(`  ${label}有效期${scope}：${meaning}${describePeriod(v.period)}`);
    println(`      依据：${src(v.sources)}`);
    for (const d of v.disagreements) println(`      另一说法：${d.says}（${src([d.source])}）`);
  }
  println('  未备案：报销比例可能降低，也可能无法报销');
  println(`      依据：${src(t.notFiled.sources)}`);
  if (t.processing) {
    const p = t.processing;
    println(
      `  办理时间：审核中 ${p.review.min}–${p.review.max} 个工作日，打款中 ${p.payout.min}–${p.payout.max} 个工作日，共 ${p.overall.min}–${p.overall.max} 个工作日；超过可拨打 ${p.helpLine.number} 咨询`,
    );
    println(
      `      依据：${src([...p.review.sources, ...p.payout.sources, ...p.overall.sources, ...p.helpLine.sources])}`,
    );
  }
  println('');
  println('材料要求（按清单顺序）：');
  for (const r of pack.requirements) {
    const kinds = r.kinds.map((k) => DOCUMENT_KIND_LABELS[k].zh).join('或');
    const count = r.minCount > 1 ? `，至少 ${r.minCount} 份` : '';
    println(
      `  ${r.title}【${describeCondition(r.when)}】：${kinds}${count}${r.providedByApp ? '（由本程序生成）' : ''}`,
    );
    for (const c of r.checks) {
      const when = c.when ? `，${describeCondition(c.when)}` : '';
      const weight = c.severity === 'warning' ? '，只作提醒' : '';
      println(`      检查：${CHECK_LABELS[c.check].zh}${when}${weight}`);
      if (c.sources.length) println(`          依据：${src(c.sources)}`);
    }
    println(`      依据：${src(r.sources)}`);
  }
  if (pack.reminders.length) {
    println('');
    println('提醒（不是要交的材料）：');
    for (const r of pack.reminders) {
      println(`  ${r.title}【${describeCondition(r.when)}】：${r.text}`);
      r.steps.forEach((s, i) =>
        println(`      ${i + 1}. ${s.text}${s.when ? `（${describeCondition(s.when)}）` : ''}`),
      );
      println(`      依据：${src([...r.sources, ...r.steps.flatMap((s) => s.sources)])}`);
    }
  }
}

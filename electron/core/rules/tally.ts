// What is still to do on a claim, counted once: the board's 缺 n 项, the editor's pill, the .xlsx list's
// 缺几项 and the bundle's cover all read tallyChecklist, so one claim never shows three different counts.
import { DOCUMENT_KIND_LABELS, DocumentKind } from '../../../shared/domain';
import {
  documentIndexOfField,
  isReadyToSubmit,
  type ChecklistTally,
  type EvaluationReport,
  type RequirementResult,
} from '../../../shared/evaluation';

type Words = { zh: string; en: string };

const label = (kind: string): Words => {
  const k = DocumentKind.safeParse(kind);
  return k.success ? DOCUMENT_KIND_LABELS[k.data] : { zh: '材料', en: 'paper' };
};

/** The item's name as the checklist shows it: the rule's title, or its kinds' names. */
export function requirementTitleOf(r: RequirementResult): Words {
  const kinds = r.kinds.map(label);
  return {
    zh: r.title ?? kinds.map((k) => k.zh).join('或'),
    en: r.titleEn ?? kinds.map((k) => k.en).join(' or '),
  };
}

/**
 * The tally of one evaluation. An error about a paper that sits under an item is that item's 需处理 (the
 * engine folds it there already); only errors about the claim itself, or about a paper no item lists, are
 * counted as problems, so nothing is counted twice.
 */
export function tallyChecklist(
  report: Pick<EvaluationReport, 'complete' | 'requirements' | 'problems'>,
): ChecklistTally {
  const items = report.requirements;
  const missing = items.filter((r) => r.status === 'missing').map(requirementTitleOf);
  const attention = items.filter((r) => r.status === 'needs_attention' && !r.pending).map(requirementTitleOf);
  const toSign = items.filter((r) => r.pending === 'signature').map(requirementTitleOf);
  const listed = new Set(items.flatMap((r) => r.documents ?? []));
  const problems = report.problems.filter((p) => {
    if (p.severity !== 'error') return false;
    const i = documentIndexOfField(p.field);
    return i === null || !listed.has(i);
  }).length;
  const ready = isReadyToSubmit(report);
  const short: Words = ready
    ? { zh: '可以提交', en: 'Ready to hand in' }
    : (joined(
        [
          missing.length > 0 && { zh: `缺 ${missing.length} 项`, en: `${missing.length} missing` },
          attention.length > 0 && {
            zh: `${attention.length} 项需处理`,
            en: `${attention.length} need attention`,
          },
          problems > 0 && { zh: `${problems} 个问题`, en: `${problems} problem(s)` },
        ],
        { zh: '，', en: ', ' },
      ) ?? { zh: '还不能提交', en: 'Not ready' });
  const names = (list: Words[], lang: keyof Words) =>
    list.map((w) => w[lang]).join(lang === 'zh' ? '、' : ', ');
  const words: Words = ready
    ? { zh: '材料齐全，可以提交', en: 'Complete: ready to hand in' }
    : (joined(
        [
          missing.length > 0 && {
            zh: `缺少 ${names(missing, 'zh')}`,
            en: `Missing: ${names(missing, 'en')}`,
          },
          attention.length > 0 && {
            zh: `${names(attention, 'zh')} 需要处理`,
            en: `To fix: ${names(attention, 'en')}`,
          },
          problems > 0 && {
            zh: `另有 ${problems} 个问题要先解决`,
            en: `${problems} more problem(s) to solve first`,
          },
        ],
        { zh: '；', en: '; ' },
      ) ?? { zh: '还不能提交', en: 'Not ready' });
  return { ready, missing, attention, problems, toSign, short, words };
}

function joined(parts: Array<Words | false>, by: Words): Words | null {
  const kept = parts.filter((p): p is Words => p !== false);
  if (kept.length === 0) return null;
  return { zh: kept.map((p) => p.zh).join(by.zh), en: kept.map((p) => p.en).join(by.en) };
}

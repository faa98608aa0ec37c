// What the insurance office asked for after review (补充材料) is part of the one verdict: each open item is a
// missing requirement until the person ticks it, so the checklist, the board, 材料齐全 and the bundle all
// count it. Pure: the stored items come from claim-status.ts.
import type { EvaluationReport, RequirementResult } from '../../../shared/evaluation';
import type { RequestedItem } from '../../../shared/ipc';

function requirementOf(item: RequestedItem): RequirementResult {
  return {
    id: `requested-${item.id}`,
    kinds: [],
    status: 'missing',
    title: `补充：${item.text}`,
    titleEn: `Asked for: ${item.text}`,
    reason: `审核时要求补充：${item.text}`,
    reasonEn: `The office asked for: ${item.text}`,
    source: '医保经办机构的补充材料要求',
    sourceEn: 'what the insurance office asked for',
  };
}

/** The report with every open requested item added as a missing requirement (the claim then incomplete). */
export function withRequestedItems<R extends EvaluationReport>(
  report: R,
  items: readonly RequestedItem[],
): R {
  const open = items.filter((i) => i.doneAt === null);
  if (open.length === 0) return report;
  return { ...report, complete: false, requirements: [...report.requirements, ...open.map(requirementOf)] };
}

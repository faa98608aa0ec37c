// Printed values a problem compares, by the page they are on, for FieldPanel to draw (document indexes follow
// the order listDocuments gives, which is the order the engine numbers documents in).
import type { EvaluationReport } from '../../../../shared/evaluation';
import type { ClaimDocument } from '../../../../shared/schemas';
import type { PageMark } from '../../components/FieldPanel';

export function pageMarksOf(
  report: Pick<EvaluationReport, 'problems'> | null,
  documents: readonly ClaimDocument[],
  tr: (zh: string, en: string) => string,
): Map<number, PageMark[]> {
  const marks = new Map<number, PageMark[]>();
  for (const p of report?.problems ?? [])
    for (const m of p.marks ?? []) {
      const pageId = documents[m.document]?.pages[m.page]?.id;
      if (pageId === undefined) continue;
      marks.set(pageId, [
        ...(marks.get(pageId) ?? []),
        { ...m, message: tr(p.message, p.messageEn ?? p.message), severity: p.severity },
      ]);
    }
  return marks;
}

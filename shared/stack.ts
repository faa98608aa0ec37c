// A dropped stack of papers, sorted by what is printed on each (electron/core/import-stack.ts): where each
// page went, and the short summary the claim editor shows ("3 张发票、1 张费用清单、1 张无法识别 — 请选择").
import { z } from 'zod';
import { DOCUMENT_KIND_LABELS, DocumentKind } from './domain';

export const StackPlacement = z.object({
  pageId: z.number().int().positive(),
  documentId: z.number().int().positive(),
  /** The person's own file name. */
  name: z.string(),
  /** The kind found from the print; null when unclear (the page waits under 其他材料 for the person). */
  kind: DocumentKind.nullable(),
});
export type StackPlacement = z.infer<typeof StackPlacement>;

/** "3 张发票、1 张费用清单、1 张无法识别 — 请选择", kinds in the order first met; en alongside. */
export function stackSummary(placed: readonly Pick<StackPlacement, 'kind'>[]): { zh: string; en: string } {
  const counts = new Map<DocumentKind | null, number>();
  for (const p of placed) counts.set(p.kind, (counts.get(p.kind) ?? 0) + 1);
  const known = [...counts.entries()].filter((e): e is [DocumentKind, number] => e[0] !== null);
  const unknown = counts.get(null) ?? 0;
  const zh = known.map(([k, n]) => `${n} 张${DOCUMENT_KIND_LABELS[k].zh}`);
  const en = known.map(([k, n]) => `${n} × ${DOCUMENT_KIND_LABELS[k].en.toLowerCase()}`);
  if (unknown > 0) {
    zh.push(`${unknown} 张无法识别 — 请选择`);
    en.push(`${unknown} not recognised — please choose`);
  }
  return { zh: zh.join('、'), en: en.join(', ') };
}

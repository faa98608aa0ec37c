// The reader the desktop app's check worker (api/check-worker.ts) runs on every imported page.
import type { DocumentKind } from '../../../shared/domain';
import { fieldNamesOf } from '../../../shared/field-corrections';
import type { PageReader } from '../pages/analyse';
import { readRuleText } from '../pages/pipeline';
import { readPaper } from './read';

/**
 * The app's reader: the rule-text reader as before (the 急诊 words), and for pages of a kind that has fields
 * the OCR reader's lines and fields (models loaded once in this thread), so the field panel beside the photo
 * has values and boxes. A page OCR cannot read keeps its rule text and simply has no fields.
 */
export const appReader: PageReader = async (page) => {
  const text = await readRuleText(page);
  if (!page.kind || fieldNamesOf(page.kind).length === 0) return text;
  const read = await readPaper(page.path, { kind: page.kind as DocumentKind }).catch(() => null);
  return read ? { ...(text ?? {}), lines: read.lines, fields: read.fields } : text;
};

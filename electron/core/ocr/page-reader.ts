// The OCR reader as analysePage's PageReader hook (electron/core/pages/analyse.ts): a photo is read from the
// analysis raster analysePage already decoded (no second decode); a PDF from its own text. The page's
// text, lines and fields become its page facts. Models load once per process (the check worker's).
import { DocumentKind } from '../../../shared/domain';
import type { PageReader } from '../pages/analyse';
import { readPage, readPaper, type PageReading as Reading } from './read';

function facts(r: Reading): { text: string; lines: Reading['lines']; fields: Reading['fields'] } {
  return { text: r.lines.map((l) => l.text).join('\n'), lines: r.lines, fields: r.fields };
}

export const ocrPageReader: PageReader = async ({ path, mime, kind, raster }) => {
  const parsed = DocumentKind.safeParse(kind);
  const known = parsed.success && parsed.data !== 'other' ? { kind: parsed.data } : {};
  if (raster) {
    return facts(
      await readPage({ data: raster.rgb, width: raster.width, height: raster.height, channels: 3 }, known),
    );
  }
  if (mime === 'application/pdf') {
    // A PDF is read from its text, or rendered and OCR'd when scanned; an unreadable one stays without fields.
    return readPaper(path, known).then(facts, () => null);
  }
  return null;
};

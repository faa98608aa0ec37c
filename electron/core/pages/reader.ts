// The one reader of a page's words, as analysePage's PageReader hook (./analyse.ts): a photo
// is read from the analysis raster analysePage already decoded (no second decode); a PDF from its own text,
// or rendered and OCR'd when scanned. What it finds (text, lines, fields, and the kind of paper when the page
// came without one) becomes page facts; analysePage adds the QR code's values. Import, replace, the app's
// check worker and `claimdesk read` all read a page through here, once. Models load once per process.
import { stat } from 'node:fs/promises';
import { DocumentKind } from '../../../shared/domain';
import { fieldNamesOf } from '../../../shared/field-corrections';
import { plainText, readPage, readPdf, type PageReading } from '../ocr/read';
import { readPdfText } from '../rules/pdf-text';
import { ruleTextKinds } from '../rules/text-kinds';
import { analysePage, type PageReader, type ReadFacts } from './analyse';

function factsOf(r: PageReading, classified: boolean): ReadFacts {
  return {
    text: plainText(r.lines) || null,
    lines: r.lines,
    fields: r.fields,
    ...(r.blank.length ? { blankFields: r.blank } : {}),
    ...(r.upright ? { upright: r.upright } : {}),
    ...(classified ? { kind: r.kind, kindConfidence: r.kindConfidence } : {}),
  };
}

function makeReader(always: boolean): PageReader {
  return async ({ path, mime, kind, raster }) => {
    const parsed = DocumentKind.safeParse(kind);
    const known = parsed.success ? parsed.data : undefined;
    // A page of a known kind is read only when something uses its words: its fields or a rule's words.
    const wanted = !known || fieldNamesOf(known).length > 0 || ruleTextKinds().has(known);
    if (!always && !wanted) return null;
    const options = known && known !== 'other' ? { kind: known } : {};
    const work = async (): Promise<ReadFacts | null> => {
      if (raster) {
        const image = { data: raster.rgb, width: raster.width, height: raster.height, channels: 3 as const };
        return factsOf(await readPage(image, options), !options.kind);
      }
      if (mime !== 'application/pdf') return null;
      const facts = factsOf(await readPdf(path, options), !options.kind);
      // A rule's words may be on any page of a PDF; its whole text is cheap to take.
      if (known && ruleTextKinds().has(known)) {
        const all = await readPdfText(path).catch(() => null);
        if (all) facts.text = all;
      }
      return facts;
    };
    // On import a page OCR cannot read keeps its photo checks and simply has no fields; `read` reports why.
    return always ? work() : work().catch(() => null);
  };
}

/** The reader pages come in through (import, replace, the check worker). */
export const ocrPageReader: PageReader = makeReader(false);

export interface ReadPaperOptions {
  /** The paper's kind when known (skips classification). */
  kind?: DocumentKind | undefined;
}

/**
 * `claimdesk read` of one file: the same analysePage an imported page goes through (one decode, the same
 * reader, the QR merged the same way), without the photo checks. Throws a ClaimDeskError naming the problem
 * when the file cannot be read.
 */
export async function readPaper(path: string, options: ReadPaperOptions = {}): Promise<PageReading> {
  const started = performance.now();
  await stat(path);
  const { facts, unreadable } = await analysePage(
    { path, kind: options.kind },
    { checks: false, reader: makeReader(true) },
  );
  if (unreadable) throw unreadable;
  return {
    kind: options.kind ?? facts.readKind?.kind ?? 'other',
    kindConfidence: options.kind ? 1 : (facts.readKind?.confidence ?? 0),
    lines: facts.lines ?? [],
    fields: facts.fields ?? {},
    blank: facts.blankFields ?? [],
    elapsedMs: Math.round(performance.now() - started),
    upright: facts.upright ?? 0,
  };
}

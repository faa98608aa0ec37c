// Text of a born-digital PDF (an e-certificate or e-invoice straight from the hospital's system), read
// offline with unpdf's bundled PDF.js. Used for marks a rule asks for, such as 急诊 on an emergency
// certificate. A scanned PDF has no text layer and gives an empty string: that still needs a person to look.
import { readFile, stat } from 'node:fs/promises';
import { withinTime } from '../time-limit';

/** A certificate is a page or two; past this many pages we stop reading (hostile or wrong file). */
export const PDF_TEXT_MAX_PAGES = 20;
/** Larger files are scans, not born-digital text: skip them rather than parse tens of MB. */
export const PDF_TEXT_MAX_BYTES = 30 * 1024 * 1024;
/** PDF.js parses on the main thread; a pathological file must not hang an evaluation. */
export const PDF_TEXT_TIMEOUT_MS = 10_000;

/** All text of the PDF's pages joined, or null when it can't be read (damaged, encrypted, too big). */
export async function readPdfText(path: string): Promise<string | null> {
  try {
    if ((await stat(path)).size > PDF_TEXT_MAX_BYTES) return null;
    const bytes = new Uint8Array(await readFile(path));
    return await withinTime(
      (async () => {
        const { extractText, getDocumentProxy } = await import('unpdf');
        const pdf = await getDocumentProxy(bytes, {
          isEvalSupported: false,
          stopAtErrors: false,
          verbosity: 0,
        });
        try {
          if (pdf.numPages > PDF_TEXT_MAX_PAGES) return null;
          const { text } = await extractText(pdf, { mergePages: true });
          return text;
        } finally {
          await pdf.destroy();
        }
      })(),
      PDF_TEXT_TIMEOUT_MS,
    );
  } catch {
    return null;
  }
}

// The Chinese font of the bundle: Noto Sans SC (OFL), embedded as a subset so a bundle carries only the
// glyphs it uses (tens of KB instead of 10 MB). pdf-lib's subsetter talks to fontkit; the upstream
// fontkit 2.x writes correct TrueType subsets (the @pdf-lib/fontkit fork writes broken small ones), but its
// Subset API changed from encodeStream() to encode(), so an adapter bridges the two.
import type * as Fontkit from 'fontkit';
import type { FontkitFont, FontkitSubset } from 'fontkit';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { PDFDocument, PDFFont } from 'pdf-lib';
import { ClaimDeskError } from '../errors';
import { cjkFontPath, type FontWeight } from '../paths';

const fontBytesCache = new Map<FontWeight, Uint8Array>();

export function loadCjkFontBytes(weight: FontWeight): Uint8Array {
  const cached = fontBytesCache.get(weight);
  if (cached) return cached;
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(cjkFontPath(weight));
  } catch (err) {
    throw new ClaimDeskError(
      'export_failed',
      '找不到中文字体（Noto Sans SC），请重新安装 ClaimDesk',
      `Chinese font (Noto Sans SC) not found: ${(err as Error).message}`,
      { cause: err },
    );
  }
  fontBytesCache.set(weight, bytes);
  return bytes;
}

/** A stream-like object with the three events pdf-lib's CustomFontSubsetEmbedder listens for. */
function bytesAsStream(encode: () => Uint8Array) {
  type Listener = (arg?: unknown) => void;
  const listeners: Record<string, Listener[]> = { data: [], end: [], error: [] };
  // Emit on the next tick, after pdf-lib has attached its listeners.
  queueMicrotask(() => {
    try {
      const bytes = encode();
      listeners.data?.forEach((l) => l(bytes));
      listeners.end?.forEach((l) => l());
    } catch (err) {
      listeners.error?.forEach((l) => l(err));
    }
  });
  const stream = {
    on(event: string, listener: Listener) {
      (listeners[event] ??= []).push(listener);
      return stream;
    },
  };
  return stream;
}

/** fontkit 2.x with the 1.x subset API pdf-lib expects (`subset.encodeStream()`). */
export const fontkitForPdfLib = {
  create(buffer: Uint8Array, postscriptName?: string): FontkitFont {
    // Required on first use (pdf-lib calls this synchronously): fontkit's Unicode tables take ~100 ms to load.
    const fontkit = createRequire(import.meta.url)('fontkit') as typeof Fontkit;
    const font = fontkit.create(buffer, postscriptName);
    const createSubset = font.createSubset.bind(font);
    font.createSubset = (): FontkitSubset => {
      const subset = createSubset() as FontkitSubset & { encodeStream?: unknown };
      subset.encodeStream = () => bytesAsStream(() => subset.encode());
      return subset;
    };
    return font;
  },
};

export interface BundleFonts {
  regular: PDFFont;
  bold: PDFFont;
}

export async function embedCjkFonts(doc: PDFDocument): Promise<BundleFonts> {
  // pdf-lib's Fontkit type is the @pdf-lib/fontkit shape; ours is structurally the part it calls.
  doc.registerFontkit(fontkitForPdfLib as unknown as Parameters<PDFDocument['registerFontkit']>[0]);
  // ISO 32000 §9.6.4: a subset font's name starts with a six-letter tag and '+', which is how readers
  // (and pdffonts) know it is a subset; pdf-lib would otherwise append a random suffix instead.
  const [regular, bold] = await Promise.all([
    doc.embedFont(loadCjkFontBytes('regular'), { subset: true, customName: 'CDSUBR+NotoSansSC-Regular' }),
    doc.embedFont(loadCjkFontBytes('bold'), { subset: true, customName: 'CDSUBB+NotoSansSC-Bold' }),
  ]);
  return { regular, bold };
}

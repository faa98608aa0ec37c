// Reading Chinese words off a photo, offline: tesseract.js (WebAssembly) with the chi_sim model shipped in
// the @tesseract.js-data/chi_sim package, so nothing is fetched from a CDN. It is used only where a rule asks
// for specific words (the 急诊 mark on an emergency certificate); not finding them asks a person to confirm.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { decodeImage } from '../quality/decode';

/** Photos are shrunk to this long side first: plenty for 5 mm characters, and recognition stays ~1-2 s. */
export const OCR_MAX_SIDE = 2000;
/** A stuck recognition must not hold up an evaluation. */
export const OCR_TIMEOUT_MS = 60_000;
/** The small integer LSTM model (1.7 MB): same accuracy on printed text as the float one, ten times smaller. */
const MODEL_DIR = '4.0.0_best_int';

function chiSimDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@tesseract.js-data/chi_sim/package.json')), MODEL_DIR);
}

/**
 * The text tesseract reads in a photo, with all whitespace removed (chi_sim puts spaces between hanzi), or
 * null when the image can't be decoded or recognition fails or times out.
 */
export async function readChineseText(path: string): Promise<string | null> {
  let png: Buffer;
  try {
    const image = await decodeImage(path, { verify: false });
    png = await image
      .pipeline()
      .resize({ width: OCR_MAX_SIDE, height: OCR_MAX_SIDE, fit: 'inside', withoutEnlargement: true })
      .greyscale()
      .png()
      .toBuffer();
  } catch {
    return null;
  }
  // Loaded on first use: only emergency claims need OCR, and every CLI call would pay its start-up otherwise.
  const { createWorker, OEM } = await import('tesseract.js');
  const worker = await createWorker('chi_sim', OEM.LSTM_ONLY, {
    langPath: chiSimDir(),
    gzip: true,
    cacheMethod: 'none',
    logger: () => undefined,
    errorHandler: () => undefined,
  }).catch(() => null);
  if (!worker) return null;
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), OCR_TIMEOUT_MS);
    });
    const result = await Promise.race([worker.recognize(png), timeout]);
    return result ? result.data.text.replace(/\s+/g, '') : null;
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
    await worker.terminate().catch(() => undefined);
  }
}

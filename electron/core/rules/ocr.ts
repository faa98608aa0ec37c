// Reading Chinese words off a photo, offline, for rules that look for specific words (the 急诊 mark on an
// emergency certificate): the PP-OCR reader (electron/core/ocr), models loaded from disk once per process.
// Not finding the words asks a person to confirm.
import { decodeImage } from '../quality/decode';
import { loadRaster, type Raster } from '../quality/raster';
import { ocrUpright } from '../ocr/orientation';
import { plainText } from '../ocr/read';

/** A stuck recognition must not hold up an evaluation. */
export const OCR_TIMEOUT_MS = 60_000;

/**
 * The text read in a photo, boxes in reading order with all whitespace removed, or null when the image
 * can't be decoded or recognition fails or times out.
 */
export async function readChineseText(path: string): Promise<string | null> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const work = (async () => {
      const raster = await loadRaster(await decodeImage(path, { verify: false }));
      const { segments } = await ocrUpright({
        data: raster.rgb,
        width: raster.width,
        height: raster.height,
        channels: 3,
      });
      return plainText(segments);
    })();
    const timeout = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), OCR_TIMEOUT_MS);
    });
    return await Promise.race([work, timeout]);
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The same reading on a photo the page pipeline already decoded: its analysis raster (long side 2000 px),
 * from memory, so reading the words adds no decode of the file.
 */
export async function readChineseTextOfRaster(raster: Raster): Promise<string | null> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const work = (async () => {
      const data = Buffer.from(raster.rgb.buffer, raster.rgb.byteOffset, raster.rgb.byteLength);
      const { segments } = await ocrUpright({
        data,
        width: raster.width,
        height: raster.height,
        channels: 3,
      });
      return plainText(segments);
    })();
    const timeout = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), OCR_TIMEOUT_MS);
    });
    return await Promise.race([work, timeout]);
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

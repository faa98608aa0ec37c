// Reading Chinese words off a photo, offline, for rules that look for specific words (the 急诊 mark on an
// emergency certificate): the PP-OCR reader (electron/core/ocr), models loaded from disk once per process.
// Not finding the words asks a person to confirm.
import { decodeImage } from '../quality/decode';
import { loadRaster, type Raster } from '../quality/raster';
import { ocrUpright } from '../ocr/orientation';
import { plainText } from '../ocr/read';
import { withinTime } from '../time-limit';

/** A stuck recognition must not hold up an evaluation. */
export const OCR_TIMEOUT_MS = 60_000;

/** The words of an analysis raster, boxes in reading order with all whitespace removed. */
async function wordsOf(raster: Raster): Promise<string> {
  const data = Buffer.from(raster.rgb.buffer, raster.rgb.byteOffset, raster.rgb.byteLength);
  const { segments } = await ocrUpright({ data, width: raster.width, height: raster.height, channels: 3 });
  return plainText(segments);
}

/**
 * The text read in a photo, or null when the image can't be decoded or recognition fails or times out.
 */
export async function readChineseText(path: string): Promise<string | null> {
  const work = async () => wordsOf(await loadRaster(await decodeImage(path, { verify: false })));
  return withinTime(work(), OCR_TIMEOUT_MS);
}

/**
 * The same reading on a photo the page pipeline already decoded: its analysis raster (long side 2000 px),
 * from memory, so reading the words adds no decode of the file.
 */
export async function readChineseTextOfRaster(raster: Raster): Promise<string | null> {
  return withinTime(wordsOf(raster), OCR_TIMEOUT_MS);
}

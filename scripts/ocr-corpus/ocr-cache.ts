// Keeps the OCR of each photo (the upright text boxes and the QR payload) so the field rules can be changed
// and every set scored again in seconds instead of minutes. The path is `read`'s own (analysePage: decode,
// the 2000 px analysis raster, ocrUpright, the QR on that raster, readUpright, mergeQr on invoices), split
// where the OCR ends. A cached reading is only valid for the OCR engine it was made with: delete the folder
// after a change to electron/core/ocr/engine.ts or orientation.ts. Figures reported in docs/ are taken
// without the cache (scripts/ocr-corpus/score.ts without --cache) as well.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DocumentKind } from '../../shared/domain';
import { decodeImage } from '../../electron/core/quality/decode';
import { loadRaster } from '../../electron/core/quality/raster';
import { ocrUpright, type UprightReading } from '../../electron/core/ocr/orientation';
import { mergeQr, readUpright, type PageReading } from '../../electron/core/ocr/read';
import { decodeQrInGrey } from '../../electron/core/invoices/qr';
import { parseInvoicePayload } from '../../electron/core/invoices/parse';

interface Cached {
  upright: UprightReading;
  qr: string | null;
}

function keyOf(path: string): string {
  const st = statSync(path);
  return createHash('sha256').update(`${path}\0${st.size}\0${st.mtimeMs}`).digest('hex').slice(0, 24);
}

async function ocrOf(path: string, cacheDir: string | null): Promise<Cached> {
  const file = cacheDir ? join(cacheDir, `${keyOf(path)}.json`) : null;
  if (file && existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as Cached;
  const raster = await loadRaster(await decodeImage(path, { verify: false }));
  const upright = await ocrUpright({
    data: raster.rgb,
    width: raster.width,
    height: raster.height,
    channels: 3,
  });
  const qr = await decodeQrInGrey(raster.grey, raster.width, raster.height);
  const out: Cached = { upright, qr };
  if (file && cacheDir) {
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(file, JSON.stringify(out));
  }
  return out;
}

/** `read` of one photo, its OCR taken from (or put into) `cacheDir`. */
export async function readCached(
  path: string,
  cacheDir: string | null,
  kind?: DocumentKind,
): Promise<PageReading> {
  const started = performance.now();
  const { upright, qr } = await ocrOf(path, cacheDir);
  const reading = readUpright(upright, kind ? { kind } : {}, started);
  if (reading.kind === 'invoice' && qr !== null) {
    reading.fields = mergeQr(reading.fields, parseInvoicePayload(qr));
  }
  return reading;
}

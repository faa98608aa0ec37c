// Decoding the QR code printed on an invoice photo, offline, with @zxing/library (pure JS). The photo is
// decoded by sharp (HEIC via heic-decode, EXIF orientation applied) to greyscale luminance, then tried at a
// few sizes and with both binarizers: a QR that fills a tenth of a 12-MP photo decodes at one size and not at
// another, and the global binarizer rescues evenly lit scans that the local one breaks up.
import type { Binarizer, DecodeHintType, LuminanceSource } from '@zxing/library';
import type { Sharp } from 'sharp';
import { loadSharp, loadZxing } from '../lazy';
import { decodeImage, type DecodedImage } from '../quality/decode';

/** Longest side, in pixels, of each attempt, largest first; the original size is tried when smaller. */
export const QR_ATTEMPT_SIDES = [2400, 1600, 1000, 640] as const;
/** The attempt decodeQrInGrey makes first. */
const QR_FIRST_SIDE = 1000;

type QrDecoder = (grey: Uint8ClampedArray, width: number, height: number) => string | null;

let decoderP: Promise<QrDecoder> | undefined;

/** The decoder over a grey plane, built once the QR library is loaded (on first use). */
function qrDecoder(): Promise<QrDecoder> {
  return (decoderP ??= loadZxing().then((zx) => {
    const hints = new Map<DecodeHintType, unknown>([
      [zx.DecodeHintType.POSSIBLE_FORMATS, [zx.BarcodeFormat.QR_CODE]],
      [zx.DecodeHintType.TRY_HARDER, true],
      [zx.DecodeHintType.CHARACTER_SET, 'UTF-8'],
    ]);
    const binarizers: ReadonlyArray<(s: LuminanceSource) => Binarizer> = [
      (s) => new zx.HybridBinarizer(s),
      (s) => new zx.GlobalHistogramBinarizer(s),
    ];
    const isNotFound = (err: unknown): boolean =>
      err instanceof zx.NotFoundException ||
      err instanceof zx.ChecksumException ||
      err instanceof zx.FormatException;
    return (grey, width, height) => {
      const source = new zx.RGBLuminanceSource(grey, width, height);
      for (const binarize of binarizers) {
        try {
          return new zx.QRCodeReader().decode(new zx.BinaryBitmap(binarize(source)), hints).getText();
        } catch (err) {
          if (!isNotFound(err)) throw err;
        }
      }
      return null;
    };
  }));
}

/**
 * Tries the QR reader on a picture at a few sizes. `pipeline` gives a fresh sharp pipeline over the picture
 * each call (sharp pipelines are single-use).
 */
export async function decodeQrInPicture(
  pipeline: () => Sharp,
  width: number,
  height: number,
): Promise<string | null> {
  const tryDecode = await qrDecoder();
  const longest = Math.max(width, height);
  const sides = [
    ...new Set([...QR_ATTEMPT_SIDES.filter((s) => s < longest), Math.min(longest, QR_ATTEMPT_SIDES[0])]),
  ].sort((a, b) => b - a);
  for (const side of sides) {
    const { data, info } = await pipeline()
      .resize({ width: side, height: side, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .greyscale()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const grey = new Uint8ClampedArray(data.buffer, data.byteOffset, info.width * info.height);
    const text = tryDecode(grey, info.width, info.height);
    if (text !== null) return text;
  }
  return null;
}

/**
 * Tries the QR reader on an already decoded grey plane (the page pipeline's analysis raster), resampled from
 * memory (the file is not decoded again): at 1000 px first, then at its own size, then at the other smaller
 * attempt sizes. The same attempts as own-size-first, cheapest likely one first: on 27 invoice photos (OCR
 * corpora A and B, the OCR bench's) 1000 px found 11 of the 12 QR codes at ~10 ms of CPU, the own 2000 px
 * size all 12 at ~50 ms; the code a QR carries is the same at every size.
 */
export async function decodeQrInGrey(
  grey: Uint8Array,
  width: number,
  height: number,
): Promise<string | null> {
  const tryDecode = await qrDecoder();
  const sharp = await loadSharp();
  const longest = Math.max(width, height);
  const smaller = QR_ATTEMPT_SIDES.filter((s) => s < longest);
  const first = smaller.includes(QR_FIRST_SIDE) ? [QR_FIRST_SIDE] : [];
  for (const side of first) {
    const text = await tryAt(side);
    if (text !== null) return text;
  }
  const own = tryDecode(new Uint8ClampedArray(grey.buffer, grey.byteOffset, width * height), width, height);
  if (own !== null) return own;
  for (const side of smaller.filter((s) => !first.includes(s))) {
    const text = await tryAt(side);
    if (text !== null) return text;
  }
  return null;

  async function tryAt(side: number): Promise<string | null> {
    const { data, info } = await sharp(grey, { raw: { width, height, channels: 1 } })
      .resize({ width: side, height: side, fit: 'inside', withoutEnlargement: true })
      .greyscale()
      .raw()
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 1) throw new Error(`grey resample gave ${info.channels} channels`);
    return tryDecode(
      new Uint8ClampedArray(data.buffer, data.byteOffset, info.width * info.height),
      info.width,
      info.height,
    );
  }
}

/** The text of the first QR code found in an image file, or null when none can be read. */
export async function decodeQrCode(input: string | DecodedImage): Promise<string | null> {
  const image = typeof input === 'string' ? await decodeImage(input, { verify: false }) : input;
  return decodeQrInPicture(() => image.pipeline(), image.width, image.height);
}

// Perceptual hash (the DCT "pHash"): the 8×8 lowest spatial frequencies of a 32×32 greyscale thumbnail,
// each bit saying whether that frequency is above the median. Re-saving, re-scaling, mild colour or
// brightness changes leave those frequencies, and so the hash, nearly unchanged; a different photo does not.
import { decodeImage, type DecodedImage } from './decode';

const THUMB = 32;
const KEEP = 8;

/** Hamming distance at or below which two photos are treated as the same picture (of 64 bits). */
export const SAME_PICTURE_MAX_DISTANCE = 8;

// cos((2x+1)uπ / 2N) for the 32-point DCT-II, computed once.
const COS_TABLE: Float64Array = (() => {
  const t = new Float64Array(KEEP * THUMB);
  for (let u = 0; u < KEEP; u++)
    for (let x = 0; x < THUMB; x++) t[u * THUMB + x] = Math.cos(((2 * x + 1) * u * Math.PI) / (2 * THUMB));
  return t;
})();

/** 64-bit perceptual hash of a 32×32 greyscale thumbnail (row-major, 1024 bytes), as 16 hex digits. */
export function perceptualHashOfThumbnail(grey: Uint8Array | Buffer): string {
  if (grey.length !== THUMB * THUMB) throw new Error(`thumbnail must be ${THUMB}x${THUMB} greyscale`);
  // Separable DCT: rows first (only the KEEP lowest frequencies are needed), then columns.
  const rows = new Float64Array(THUMB * KEEP);
  for (let y = 0; y < THUMB; y++) {
    for (let u = 0; u < KEEP; u++) {
      let s = 0;
      for (let x = 0; x < THUMB; x++) s += grey[y * THUMB + x]! * COS_TABLE[u * THUMB + x]!;
      rows[y * KEEP + u] = s;
    }
  }
  const coeffs = new Float64Array(KEEP * KEEP);
  for (let v = 0; v < KEEP; v++) {
    for (let u = 0; u < KEEP; u++) {
      let s = 0;
      for (let y = 0; y < THUMB; y++) s += rows[y * KEEP + u]! * COS_TABLE[v * THUMB + y]!;
      coeffs[v * KEEP + u] = s;
    }
  }
  // The DC term is overall brightness; leave it out of the median so exposure changes don't shift every bit.
  const sorted = Array.from(coeffs.subarray(1)).sort((a, b) => a - b);
  const median = (sorted[31]! + sorted[32]!) / 2;
  let hex = '';
  for (let nibble = 0; nibble < 16; nibble++) {
    let n = 0;
    for (let b = 0; b < 4; b++) n = (n << 1) | (coeffs[nibble * 4 + b]! > median ? 1 : 0);
    hex += n.toString(16);
  }
  return hex;
}

/** Perceptual hash of an image file (or an already decoded one): 16 hex digits. */
export async function perceptualHash(input: string | DecodedImage): Promise<string> {
  const decoded = typeof input === 'string' ? await decodeImage(input, { verify: false }) : input;
  const grey = await decoded
    .pipeline()
    .flatten({ background: '#ffffff' })
    .resize(THUMB, THUMB, { fit: 'fill' })
    .greyscale()
    .raw()
    .toBuffer();
  return perceptualHashOfThumbnail(grey);
}

/** Number of differing bits between two hashes from perceptualHash. */
export function hammingDistance(a: string, b: string): number {
  if (a.length !== b.length || !/^[0-9a-f]+$/i.test(a + b))
    throw new Error(`not comparable hashes: ${a} / ${b}`);
  let d = 0;
  for (let i = 0; i < a.length; i++) {
    let x = parseInt(a[i]!, 16) ^ parseInt(b[i]!, 16);
    while (x) {
      d += x & 1;
      x >>= 1;
    }
  }
  return d;
}

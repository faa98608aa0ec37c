// The one decode every check shares: the oriented photo at analysis resolution as RGB and grey planes.
// sharp shrinks a JPEG on load (libjpeg DCT scaling) only where its libjpeg rounding rule lets it leave a further reduction to its
// Lanczos3 resampler, i.e. from 6000 px up for a 2000-px raster; a 12-MP photo is decoded at full size and
// reduced by Lanczos3. Forcing 1/2 DCT scaling there (libvips' "file.jpg[shrink=2]") was measured ~40 ms
// faster per 12-MP photo but renders thin strokes softer: blur readings rose ~0.01 mm and one acceptable
// photo with a sheen over small print turned into a glare error, so the thresholds would have needed
// refitting. The calibration is kept instead.
import type { DecodedImage } from './decode';
import { describeSharpError } from './decode';

/**
 * Long side of the analysis image. At 2000 px an A4 page that fills the frame is sampled at ~0.15 mm per
 * pixel, finer than the 0.35 mm stroke pitch of 10-pt Chinese text, so blur a reader would notice is still
 * measurable, while the pixel loops stay near 3 M pixels.
 */
export const ANALYSIS_MAX_SIDE = 2000;

export interface Raster {
  width: number;
  height: number;
  /** Interleaved RGB, 3 bytes per pixel. */
  rgb: Uint8Array;
  /** Luma (Rec. 601), 1 byte per pixel. */
  grey: Uint8Array;
  /** Analysis pixels per original (oriented) pixel, ≤ 1. */
  scale: number;
}

export async function loadRaster(decoded: DecodedImage, maxSide = ANALYSIS_MAX_SIDE): Promise<Raster> {
  let out: { data: Buffer; info: { width: number; height: number; channels: number } };
  try {
    out = await decoded
      .pipeline()
      .flatten({ background: '#ffffff' })
      .resize(maxSide, maxSide, { fit: 'inside', withoutEnlargement: true })
      .toColourspace('srgb')
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
  } catch (err) {
    throw describeSharpError(decoded.path, err);
  }
  const { width, height, channels } = out.info;
  const n = width * height;
  const rgb =
    channels === 3 ? new Uint8Array(out.data.buffer, out.data.byteOffset, n * 3) : new Uint8Array(n * 3);
  if (channels !== 3) {
    // Greyscale files come back with one channel; spread it so every check can assume RGB.
    for (let i = 0; i < n; i++) {
      const v = out.data[i * channels]!;
      rgb[i * 3] = v;
      rgb[i * 3 + 1] = v;
      rgb[i * 3 + 2] = v;
    }
  }
  const grey = new Uint8Array(n);
  for (let i = 0, j = 0; i < n; i++, j += 3)
    grey[i] = (rgb[j]! * 77 + rgb[j + 1]! * 150 + rgb[j + 2]! * 29) >> 8;
  return { width, height, rgb, grey, scale: width / decoded.width };
}

// Resizing the pixels OCR works on (sharp, Lanczos3): the detector's reduced copy, the copy text is cut from.
import { loadSharp } from '../lazy';
import type { OcrImage } from './types';

export async function resized(img: OcrImage, w: number, h: number): Promise<OcrImage> {
  if (w === img.width && h === img.height) return img;
  const { data, info } = await (
    await loadSharp()
  )(img.data, {
    raw: { width: img.width, height: img.height, channels: img.channels },
  })
    .resize(w, h, { fit: 'fill', kernel: 'lanczos3' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: img.channels };
}

/** Shrinks an image so its long side is at most `maxSide` (never enlarges). */
export async function limitSide(img: OcrImage, maxSide: number): Promise<OcrImage> {
  const scale = Math.min(1, maxSide / Math.max(img.width, img.height));
  if (scale === 1) return img;
  return resized(
    img,
    Math.max(1, Math.round(img.width * scale)),
    Math.max(1, Math.round(img.height * scale)),
  );
}

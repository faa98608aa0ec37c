// Pixels out of the camera's video for the live checks: the current frame scaled down to the preview size
// main checks (LIVE_MAX_SIDE on its long side) as RGB, and bytes as base64 for the call. A canvas read back
// on the CPU (willReadFrequently) so each getImageData is a copy, not a GPU round trip.
import { LIVE_MAX_SIDE } from '../../../../shared/capture';

export interface PreviewFrame {
  width: number;
  height: number;
  rgb: Uint8Array;
}

export function grabPreview(
  video: HTMLVideoElement | ImageBitmap,
  canvas: HTMLCanvasElement,
): PreviewFrame | null {
  const vw = video instanceof HTMLVideoElement ? video.videoWidth : video.width;
  const vh = video instanceof HTMLVideoElement ? video.videoHeight : video.height;
  if (vw === 0 || vh === 0) return null;
  const k = Math.min(1, LIVE_MAX_SIDE / Math.max(vw, vh));
  const width = Math.max(16, Math.round(vw * k));
  const height = Math.max(16, Math.round(vh * k));
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
  const ctx = canvas.getContext('2d', { willReadFrequently: true, alpha: false });
  if (!ctx) return null;
  // A 12-MP camera is scaled by ~6: the smooth filter keeps thin print from aliasing into false edges.
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(video, 0, 0, width, height);
  const rgba = ctx.getImageData(0, 0, width, height).data;
  const rgb = new Uint8Array(width * height * 3);
  for (let i = 0, j = 0; i < rgba.length; i += 4, j += 3) {
    rgb[j] = rgba[i]!;
    rgb[j + 1] = rgba[i + 1]!;
    rgb[j + 2] = rgba[i + 2]!;
  }
  return { width, height, rgb };
}

/** A photo taken, as the preview frame the live checks take (to check it is the frame that was judged). */
export async function previewOfPhoto(photo: Blob): Promise<PreviewFrame | null> {
  const bitmap = await createImageBitmap(photo);
  try {
    return grabPreview(bitmap, document.createElement('canvas'));
  } finally {
    bitmap.close();
  }
}

export function base64Of(bytes: Uint8Array): string {
  let s = '';
  // String.fromCharCode takes its arguments on the stack: in slices.
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** A small JPEG of a photo for the strip (the CSP allows data: images only). */
export async function thumbnailOf(photo: Blob, maxSide = 200): Promise<string> {
  const bitmap = await createImageBitmap(photo);
  const k = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(bitmap.width * k));
  canvas.height = Math.max(1, Math.round(bitmap.height * k));
  const ctx = canvas.getContext('2d');
  ctx?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  return canvas.toDataURL('image/jpeg', 0.8);
}

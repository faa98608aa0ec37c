// Invoice photos for tests: a sheet of paper with ruled "text" lines from a seeded generator and, when a
// payload is given, a real QR code (encoded by the qrcode package) in the top-right corner, as on 发票.
import QRCode from 'qrcode';
import sharp, { type OverlayOptions } from 'sharp';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export interface InvoicePhotoOptions {
  /** QR payload; none when omitted (an old paper receipt). */
  payload?: string;
  /** Layout seed: the same seed gives the same printed lines (the same hospital template). */
  layout?: number;
  width?: number;
  height?: number;
}

export async function makeInvoicePhoto(file: string, options: InvoicePhotoOptions = {}): Promise<string> {
  const width = options.width ?? 1800;
  const height = options.height ?? 1200;
  const rand = rng(options.layout ?? 1);
  const rects: string[] = [];
  for (let y = 260; y < height - 80; y += 56) {
    let x = 90;
    while (x < width - 200) {
      const w = 40 + Math.floor(rand() * 260);
      if (rand() > 0.25) rects.push(`<rect x="${x}" y="${y}" width="${w}" height="26" fill="#2a2a2a"/>`);
      x += w + 30;
    }
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <rect x="40" y="40" width="${width - 80}" height="${height - 80}" fill="none" stroke="#7a4b2a" stroke-width="6"/>
    <rect x="${width / 2 - 300}" y="90" width="600" height="60" fill="#7a4b2a"/>${rects.join('')}</svg>`;
  const layers: OverlayOptions[] = [{ input: Buffer.from(svg), left: 0, top: 0 }];
  if (options.payload) {
    const qr = await QRCode.toBuffer(options.payload, { width: 260, margin: 2, errorCorrectionLevel: 'M' });
    layers.push({ input: qr, left: width - 340, top: 60 });
  }
  await sharp({ create: { width, height, channels: 3, background: '#f6f2e8' } })
    .composite(layers)
    .jpeg({ quality: 90 })
    .toFile(file);
  return file;
}

/** A re-saved, slightly smaller and darker copy: what a second photo export of the same picture looks like. */
export async function resaveCopy(src: string, dest: string): Promise<string> {
  const meta = await sharp(src).metadata();
  await sharp(src)
    .resize(Math.round(meta.width! * 0.8))
    .modulate({ brightness: 0.95 })
    .jpeg({ quality: 70 })
    .toFile(dest);
  return dest;
}

export function vatPayload(number: string, amount: string, code = '044031900111'): string {
  return `01,10,${code},${number},${amount},20261001,12345678901234567890,AB12,`;
}

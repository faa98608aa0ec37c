// Reading one invoice file: its QR code (parsed when it is a VAT or 数电 invoice) and its perceptual hash.
// A born-digital e-invoice PDF gives its QR from the embedded image; it has no photo to hash.
import { decodeImage } from '../quality/decode';
import { perceptualHash } from '../quality/phash';
import { sniffFile } from '../files/sniff';
import { parseInvoicePayload, type ParsedInvoice } from './parse';
import { decodeQrCode } from './qr';
import { decodeQrInPdf } from './pdf-qr';

export interface ScannedInvoice {
  parsed: ParsedInvoice | null;
  phash: string | null;
}

/** Scans an invoice file. Throws ClaimDeskError for unreadable files (the quality check reports those). */
export async function scanInvoiceFile(path: string): Promise<ScannedInvoice> {
  const mime = await sniffFile(path);
  if (mime === 'application/pdf') {
    const payload = await decodeQrInPdf(path);
    return { parsed: payload === null ? null : parseInvoicePayload(payload), phash: null };
  }
  const image = await decodeImage(path, { verify: false });
  const [payload, phash] = await Promise.all([decodeQrCode(image), perceptualHash(image)]);
  return { parsed: payload === null ? null : parseInvoicePayload(payload), phash };
}

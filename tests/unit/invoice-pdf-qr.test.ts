// The QR code of an e-invoice PDF when it is drawn as vector squares (no image to extract): the page is
// rendered in-process and read. Built here with pdf-lib from the `qrcode` package's module matrix.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import QRCode from 'qrcode';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeQrInPdf } from '../../electron/core/invoices/pdf-qr';
import { analysePage } from '../../electron/core/pages/analyse';

const dir = mkdtempSync(join(tmpdir(), 'claimdesk-pdf-qr-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const MM = 72 / 25.4;
const PAYLOAD = '01,10,044031900111,12345678,1234.56,20260910,12345678901234567890,A1B2,';

/** An A4 invoice-like page with text and, at the top left, a QR code `sideMm` wide drawn as rectangles. */
async function invoicePdfWithVectorQr(payload: string | null, sideMm: number, pages = 1): Promise<string> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let n = 0; n < pages; n++) {
    const page = doc.addPage([210 * MM, 297 * MM]);
    page.drawText(`Invoice page ${n + 1}  No. 12345678  Total 1234.56`, {
      x: 50 * MM,
      y: 270 * MM,
      size: 12,
      font,
    });
    page.drawRectangle({
      x: 15 * MM,
      y: 150 * MM,
      width: 180 * MM,
      height: 80 * MM,
      borderWidth: 1,
      borderColor: rgb(0.7, 0, 0),
    });
    if (payload === null || n !== pages - 1) continue;
    const qr = QRCode.create(payload, { errorCorrectionLevel: 'M' });
    const size = qr.modules.size;
    const m = (sideMm * MM) / size;
    const left = 15 * MM;
    const top = 285 * MM;
    for (let y = 0; y < size; y++)
      for (let x = 0; x < size; x++)
        if (qr.modules.get(y, x))
          // A hair wider than a module, as generators do, so neighbours join without seams.
          page.drawRectangle({
            x: left + x * m,
            y: top - (y + 1) * m,
            width: m * 1.02,
            height: m * 1.02,
            color: rgb(0, 0, 0),
          });
  }
  const path = join(dir, `vector-qr-${sideMm}-${pages}-${payload === null ? 'none' : 'qr'}.pdf`);
  writeFileSync(path, await doc.save());
  return path;
}

describe('decodeQrInPdf with a QR code drawn as vector paths', () => {
  it('reads a 20 mm code (0.6 mm modules) and the invoice fields in it', async () => {
    const pdf = await invoicePdfWithVectorQr(PAYLOAD, 20);
    expect(await decodeQrInPdf(pdf)).toBe(PAYLOAD);
    // The page pipeline reads the same QR into the invoice page's facts.
    const { facts } = await analysePage({ path: pdf, kind: 'invoice' }, { checks: false });
    expect(facts.qr?.invoice?.number).toBe('12345678');
    expect(facts.qr?.invoice?.amount).toBe(1234.56);
  });

  it('reads it on the second page too, and finds nothing on a page without one', async () => {
    expect(await decodeQrInPdf(await invoicePdfWithVectorQr(PAYLOAD, 30, 2))).toBe(PAYLOAD);
    expect(await decodeQrInPdf(await invoicePdfWithVectorQr(null, 30))).toBeNull();
  });
});

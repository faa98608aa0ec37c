// A scanned PDF (a photo of a paper placed in a PDF, no text layer) is read like the photo itself: its first
// page is rendered in-process (PDF.js) and OCR'd; the QR comes from the PDF.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPaper } from '../../electron/core/pages/reader';
import { shoot, type Shot } from '../../scripts/ocr-corpus/shots';
import { makeTempDir } from '../helpers/tmp';

let tmp: { dir: string; cleanup: () => void };
let shot: Shot;
let pdf: string;

beforeAll(async () => {
  tmp = makeTempDir();
  shot = await shoot('invoice', 71, 1, { w: 2400, h: 1800 });
  // As a scanner app writes it: the JPEG filling a page of its aspect, 2400 px over 203 mm (300 dpi).
  const doc = await PDFDocument.create();
  const jpg = await doc.embedJpg(shot.jpeg);
  const w = (2400 / 300) * 72;
  const h = (1800 / 300) * 72;
  doc.addPage([w, h]).drawImage(jpg, { x: 0, y: 0, width: w, height: h });
  pdf = join(tmp.dir, 'scanned-invoice.pdf');
  writeFileSync(pdf, await doc.save());
}, 240_000);
afterAll(() => tmp.cleanup());

describe('reading a scanned PDF', () => {
  it('gives every printed field of the invoice, as from the photo', async () => {
    const r = await readPaper(pdf);
    expect(r.kind).toBe('invoice');
    const values = Object.fromEntries(Object.entries(r.fields).map(([k, f]) => [k, f.value]));
    expect(values).toEqual(shot.paper.truth);
    expect(r.fields.patientName!.source).toBe('ocr');
  }, 180_000);
});

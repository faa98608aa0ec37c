// `claimdesk check` end to end: the built CLI on a batch of real files, good and bad. One bad file never
// stops the batch, every bad input is `unreadable_file`, exit statuses follow docs/contracts.md.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QualityReport } from '../../shared/quality';
import { makeCorpus } from '../../scripts/make-quality-corpus';
import { makeTempDir, REPO_ROOT, runCli } from '../helpers/tmp';

const tmp = makeTempDir('claimdesk-check-cli-');
afterAll(() => tmp.cleanup());
const at = (name: string): string => join(tmp.dir, name);

beforeAll(async () => {
  // A well-taken photo of a sealed diagnosis certificate, and one of the same without its seal.
  const made = await makeCorpus(tmp.dir, {
    long: 3000,
    docs: ['diagnosis_certificate'],
    filter: (c) => c.name === 'clean-a' || c.name === 'no-seal',
  });
  expect(made).toHaveLength(2);
  copyFileSync(at('diagnosis_certificate-clean-a.jpg'), at('good.jpg'));
  // The same picture re-saved smaller, as a chat app forwards it.
  await sharp(at('good.jpg')).resize(2000).jpeg({ quality: 70 }).toFile(at('good-forwarded.jpg'));
  const jpg = readFileSync(at('good.jpg'));
  writeFileSync(at('truncated.jpg'), jpg.subarray(0, Math.floor(jpg.length * 0.4)));
  writeFileSync(at('empty.jpg'), Buffer.alloc(0));
  writeFileSync(at('notes.jpg'), '这不是照片');
  await sharp({ create: { width: 20, height: 20, channels: 3, background: '#888' } })
    .gif()
    .toFile(at('animation.gif'));
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < 2; i++)
    pdf.addPage([595, 842]).drawText(`e-invoice page ${i + 1}`, { x: 50, y: 780, font, size: 14 });
  const pdfBytes = Buffer.from(await pdf.save());
  writeFileSync(at('e-invoice.pdf'), pdfBytes);
  writeFileSync(at('e-invoice-cut.pdf'), pdfBytes.subarray(0, Math.floor(pdfBytes.length / 2)));
  writeFileSync(
    at('broken.pdf'),
    Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(3000, 0x41), Buffer.from('\n%%EOF\n')]),
  );
  copyFileSync(join(REPO_ROOT, 'tests/fixtures/quality/receipt-iphone.heic'), at('receipt.heic'));
  mkdirSync(at('a-folder'));
}, 180_000);

function reportsOf(stdout: string): QualityReport[] {
  return QualityReport.array().parse(JSON.parse(stdout));
}

describe('claimdesk check', () => {
  it('checks a whole batch in order, marks every bad input unreadable_file, and exits 1', () => {
    const files = [
      'good.jpg',
      'truncated.jpg',
      'empty.jpg',
      'notes.jpg',
      'animation.gif',
      'missing.jpg',
      'a-folder',
      'e-invoice-cut.pdf',
      'broken.pdf',
      'e-invoice.pdf',
      'receipt.heic',
      'good-forwarded.jpg',
      'diagnosis_certificate-no-seal.jpg',
    ];
    const r = runCli(['check', '--json', '--kind', 'diagnosis_certificate', ...files.map(at)], {
      timeoutMs: 120_000,
    });
    expect(r.status).toBe(1);
    const reports = reportsOf(r.stdout);
    expect(reports.map((x) => x.file)).toEqual(files.map(at));
    const byName = new Map(files.map((f, i) => [f, reports[i]!]));

    const good = byName.get('good.jpg')!;
    expect(good.verdict).toBe('pass');
    expect(good.kind).toBe('diagnosis_certificate');
    expect(good.metrics.width).toBe(2250);
    expect(good.metrics.height).toBe(3000);
    const corners = good.metrics.corners as { x: number; y: number }[];
    expect(corners).toHaveLength(4);
    // The page was placed centred, filling ~82 % of the frame height.
    expect(corners[0]!.y).toBeGreaterThan(0.04);
    expect(corners[2]!.y).toBeLessThan(0.96);
    expect(good.metrics.cornersConfidence).toBeGreaterThan(0.7);

    for (const bad of [
      'a-folder',
      'truncated.jpg',
      'empty.jpg',
      'notes.jpg',
      'animation.gif',
      'missing.jpg',
      'e-invoice-cut.pdf',
      'broken.pdf',
    ]) {
      const rep = byName.get(bad)!;
      expect(rep.verdict, bad).toBe('fail');
      expect(
        rep.findings.map((f) => f.code),
        bad,
      ).toEqual(['unreadable_file']);
      expect(rep.findings[0]!.message, bad).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(byName.get('empty.jpg')!.findings[0]!.message).toContain('空');
    expect(byName.get('a-folder')!.findings[0]!.message).toContain('文件夹');
    // Too few pixels is the fault of the small HEIC; it is not also told to hold the phone steady.
    const heicCodes = byName.get('receipt.heic')!.findings.map((f) => f.code);
    expect(heicCodes).toContain('low_resolution');
    expect(heicCodes).not.toContain('blurry');

    const pdf = byName.get('e-invoice.pdf')!;
    expect(pdf.verdict).toBe('pass');
    expect(pdf.metrics.pages).toBe(2);
    expect(pdf.metrics.notApplicable).toContain('blurry');
    expect(pdf.metrics.pageWidthMm).toBe(210);

    const heic = byName.get('receipt.heic')!;
    expect(heic.findings.map((f) => f.code)).not.toContain('unreadable_file');
    expect(heic.metrics.width).toBe(480);

    const forwarded = byName.get('good-forwarded.jpg')!;
    expect(forwarded.findings.map((f) => f.code)).toContain('duplicate_image');
    expect(forwarded.findings.find((f) => f.code === 'duplicate_image')!.message).toContain('good.jpg');

    const unsealed = byName.get('diagnosis_certificate-no-seal.jpg')!;
    expect(unsealed.findings.map((f) => f.code)).toContain('seal_missing');
    expect(unsealed.findings.map((f) => f.code)).not.toContain('duplicate_image');
  });

  it('exits 0 with a plain-Chinese summary when every file passes', () => {
    const r = runCli(['check', at('good.jpg'), at('e-invoice.pdf')]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('通过');
    expect(r.stdout).toContain('PDF 2 页');
  });

  it('asks for the seal only for kinds the rule data says need one', () => {
    const asInvoice = reportsOf(
      runCli(['check', '--json', '--kind', 'itemized_bill', at('diagnosis_certificate-no-seal.jpg')]).stdout,
    );
    expect(asInvoice[0]!.findings.map((f) => f.code)).not.toContain('seal_missing');
  });

  it('exits 2 on a usage error, naming the bad kind', () => {
    const r = runCli(['check', '--kind', 'receipt', at('good.jpg')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('receipt');
    expect(runCli(['check']).status).toBe(2);
  });
});

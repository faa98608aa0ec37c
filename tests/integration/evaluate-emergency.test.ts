// The 急诊 mark on an emergency claim's diagnosis certificate: read from a born-digital PDF's text (PDF.js via
// unpdf, offline), by offline OCR of a photo or of a scanned PDF's rendered page, or confirmed by the person;
// a page whose words cannot be read leaves it needing attention.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embedCjkFonts } from '../../electron/core/export/font';
import { importDocument } from '../../electron/core/import';
import { removeDocument } from '../../electron/core/repo';
import { evaluateStoredClaim } from '../../electron/core/claim-evaluation';
import { setDocumentConfirmation } from '../../electron/core/confirmations';
import { evaluateManifest } from '../../electron/core/manifest/evaluate';
import { readChineseText } from '../../electron/core/rules/ocr';
import { readPdfText } from '../../electron/core/rules/pdf-text';
import { openWorkspace } from '../../electron/core/workspace';
import { sampleManifest, seedSampleClaim } from '../helpers/sample-claim';
import { makeTempDir } from '../helpers/tmp';

let tmp: { dir: string; cleanup: () => void };

async function certificatePdf(file: string, department: string): Promise<string> {
  const doc = await PDFDocument.create();
  const fonts = await embedCjkFonts(doc);
  const page = doc.addPage([595, 842]);
  page.drawText('诊断证明书', { x: 220, y: 780, size: 24, font: fonts.bold });
  page.drawText(`科别：${department}  诊断：急性阑尾炎`, { x: 60, y: 700, size: 14, font: fonts.regular });
  writeFileSync(file, await doc.save());
  return file;
}

// The sample claimant (no phone) in hospital in 上海 after an emergency (急诊) rather than a referral.
const NO_PHONE = { phone: undefined };
const EMERGENCY_CLAIM = {
  admissionDate: '2026-10-01',
  dischargeDate: '2026-10-05',
  crossRegion: { filingType: 'emergency', filingDate: '2026-10-02' },
  totalAmount: undefined,
  specialDrugs: undefined,
};

/** A phone photo of a printed certificate: text set in Noto CJK by librsvg, slightly rotated, JPEG. */
async function certificatePhoto(file: string, department: string): Promise<string> {
  const line = (y: number, text: string, size = 44) =>
    `<text x="140" y="${y}" font-family="Noto Sans CJK SC, Noto Serif CJK SC" font-size="${size}" fill="#222">${text}</text>`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="2200"><rect width="1600" height="2200" fill="#fbf8f0"/>
    ${line(220, '诊断证明书', 80)}${line(420, '姓名：张三\u3000性别：男\u3000年龄：76岁')}${line(520, `科别：${department}\u3000门诊号：2026100112`)}
    ${line(620, '诊断：急性阑尾炎')}${line(720, '建议：住院治疗，休息两周。')}</svg>`;
  await sharp(Buffer.from(svg)).rotate(2, { background: '#777777' }).jpeg({ quality: 80 }).toFile(file);
  return file;
}

beforeAll(() => {
  tmp = makeTempDir();
});
afterAll(() => tmp.cleanup());

async function dxStatus(
  name: string,
  certificate: () => Promise<string>,
  confirmed?: string[],
): Promise<string> {
  const dir = join(tmp.dir, name);
  mkdirSync(dir);
  const file = await certificate();
  const manifest = sampleManifest({
    claimant: NO_PHONE,
    applicant: undefined,
    claim: EMERGENCY_CLAIM,
    documents: [
      {
        kind: 'diagnosis_certificate',
        files: [file.slice(dir.length + 1)],
        ...(confirmed ? { confirmed } : {}),
      },
    ],
  });
  writeFileSync(join(dir, 'claim.json'), JSON.stringify(manifest));
  const { report } = await evaluateManifest(join(dir, 'claim.json'), {
    today: '2026-11-01',
    scanInvoices: false,
  });
  return report.requirements.find((r) => r.id === 'diagnosis-certificate')!.status;
}

describe('the 急诊 mark', () => {
  it('reads Chinese text from a born-digital PDF', async () => {
    const file = await certificatePdf(join(tmp.dir, 'read.pdf'), '急诊科');
    expect(await readPdfText(file)).toContain('科别：急诊科');
    writeFileSync(join(tmp.dir, 'broken.pdf'), '%PDF-1.7\nnot really');
    expect(await readPdfText(join(tmp.dir, 'broken.pdf'))).toBeNull();
  });

  it('a PDF certificate with 急诊 satisfies it; one without needs attention', async () => {
    expect(await dxStatus('with', () => certificatePdf(join(tmp.dir, 'with', 'dx.pdf'), '急诊科'))).toBe(
      'satisfied',
    );
    expect(
      await dxStatus('without', () => certificatePdf(join(tmp.dir, 'without', 'dx.pdf'), '普外科')),
    ).toBe('needs_attention');
  });

  it('reads the mark off a photographed certificate with offline OCR', async () => {
    const text = await readChineseText(await certificatePhoto(join(tmp.dir, 'ocr.jpg'), '急诊科'));
    expect(text).toContain('急诊');
    expect(
      await dxStatus('photo-ocr', () => certificatePhoto(join(tmp.dir, 'photo-ocr', 'dx.jpg'), '急诊科')),
    ).toBe('satisfied');
    expect(
      await dxStatus('photo-ocr-no', () =>
        certificatePhoto(join(tmp.dir, 'photo-ocr-no', 'dx.jpg'), '普外科'),
      ),
    ).toBe('needs_attention');
  });

  it('reads the mark off a scanned PDF certificate (no text layer) by rendering and OCR, no Debian tool', async () => {
    // As a scanner app writes it: the photo filling an A4 page, no words of its own.
    const scannedPdf = async (dir: string, department: string) => {
      const photo = await certificatePhoto(join(tmp.dir, dir, 'scan.jpg'), department);
      const doc = await PDFDocument.create();
      doc.addPage([595, 818]).drawImage(await doc.embedJpg(readFileSync(photo)), {
        x: 0,
        y: 0,
        width: 595,
        height: 818,
      });
      const file = join(tmp.dir, dir, 'dx.pdf');
      writeFileSync(file, await doc.save());
      return file;
    };
    // PATH emptied: no pdftoppm or mutool to lean on, as on a user's Windows PC.
    const path = process.env.PATH;
    process.env.PATH = '';
    try {
      expect(await dxStatus('scanned-with', () => scannedPdf('scanned-with', '急诊科'))).toBe('satisfied');
      expect(await readPdfText(join(tmp.dir, 'scanned-with', 'dx.pdf'))).not.toMatch(/\p{Script=Han}/u);
      expect(await dxStatus('scanned-without', () => scannedPdf('scanned-without', '普外科'))).toBe(
        'needs_attention',
      );
    } finally {
      process.env.PATH = path;
    }
  });

  it('a photo without readable words needs the person to confirm the mark', async () => {
    const photo = async (dir: string) => {
      await sharp({ create: { width: 800, height: 600, channels: 3, background: '#ffffff' } })
        .jpeg()
        .toFile(join(tmp.dir, dir, 'dx.jpg'));
      return join(tmp.dir, dir, 'dx.jpg');
    };
    expect(await dxStatus('photo', () => photo('photo'))).toBe('needs_attention');
    expect(await dxStatus('photo-confirmed', () => photo('photo-confirmed'), ['emergency_mark'])).toBe(
      'satisfied',
    );
  });

  it('a stored emergency claim uses the words read at import, from a photo or a PDF', async () => {
    const ws = await openWorkspace(join(tmp.dir, 'data'));
    try {
      const c = { id: seedSampleClaim(ws.db, { person: NO_PHONE, claim: EMERGENCY_CLAIM }).claimId };
      const status = async () =>
        (await evaluateStoredClaim(ws, c.id, { today: '2026-11-01' })).requirements.find(
          (r) => r.id === 'diagnosis-certificate',
        )!.status;
      expect(await status()).toBe('missing');
      // Photo checks off: this generated certificate has no red seal, and the mark is what is tested here.
      const photo = await importDocument(ws, {
        claimId: c.id,
        kind: 'diagnosis_certificate',
        paths: [await certificatePhoto(join(tmp.dir, 'stored-blank.jpg'), '')],
        checks: false,
      });
      // A photo whose words (read once, at import) don't include 急诊 needs attention until the person confirms it.
      expect(await status()).toBe('needs_attention');
      // Once the person confirms the mark on that paper (stored, as the editor's checkbox stores it), it is settled.
      setDocumentConfirmation(ws.db, photo.id, 'emergency_mark', true);
      expect(await status()).toBe('satisfied');
      setDocumentConfirmation(ws.db, photo.id, 'emergency_mark', false);
      expect(await status()).toBe('needs_attention');
      removeDocument(ws.db, photo.id);
      await importDocument(ws, {
        claimId: c.id,
        kind: 'diagnosis_certificate',
        paths: [await certificatePdf(join(tmp.dir, 'stored.pdf'), '急诊科')],
        checks: false,
      });
      expect(await status()).toBe('satisfied');
    } finally {
      ws.close();
    }
  });
});

// Source PDFs: an encrypted or corrupt e-invoice is refused with a message naming it; a good one is
// rasterized page by page (for upload images) by the installed poppler/MuPDF tool.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { findPdfRasterizer, loadSourcePdf, rasterizePdf } from '../../electron/core/export/pdf-source';
import { REPO_ROOT } from '../helpers/tmp';

const dir = mkdtempSync(join(tmpdir(), 'claimdesk-export-pdf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const E_INVOICE = join(REPO_ROOT, 'resources', 'samples', 'e-invoice.pdf');

describe('loadSourcePdf', () => {
  it('loads the sample e-invoice with its two pages', async () => {
    expect((await loadSourcePdf(E_INVOICE)).getPageCount()).toBe(2);
  });

  it('refuses an encrypted PDF, saying so and naming it', async () => {
    const locked = join(dir, 'locked.pdf');
    const r = spawnSync('qpdf', ['--encrypt', 'user', 'owner', '256', '--', E_INVOICE, locked]);
    expect(r.status).toBe(0);
    await expect(loadSourcePdf(locked)).rejects.toThrow(/已加密.*locked\.pdf/);
  });

  it('refuses a corrupt PDF and a missing file, naming them', async () => {
    const broken = join(dir, 'broken.pdf');
    writeFileSync(broken, '%PDF-1.7\n%garbage without objects\n');
    await expect(loadSourcePdf(broken)).rejects.toThrow(/broken\.pdf/);
    await expect(loadSourcePdf(join(dir, 'absent.pdf'))).rejects.toThrow(/找不到文件.*absent\.pdf/);
  });
});

describe('rasterizePdf', () => {
  it('renders every page in order with the installed tool', async () => {
    expect(await findPdfRasterizer()).not.toBeNull();
    const pngs = await rasterizePdf(E_INVOICE, 100);
    expect(pngs).toHaveLength(2);
    for (const png of pngs) {
      const meta = await sharp(png).metadata();
      // 241 × 140 mm at 100 dpi ≈ 949 × 551 px.
      expect(meta.width).toBeGreaterThan(900);
      expect(meta.width).toBeLessThan(1000);
    }
    expect(readFileSync(E_INVOICE).length).toBeGreaterThan(0);
    // Page 1 has the red title and QR code, page 2 only a table: they must differ.
    const [a, b] = await Promise.all(
      pngs.map((p) => sharp(p).resize(32, 32, { fit: 'fill' }).raw().toBuffer()),
    );
    expect(a!.equals(b!)).toBe(false);
  });
});

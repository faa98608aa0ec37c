// Source PDFs: an encrypted or corrupt e-invoice is refused with a message naming it; a good one is
// rendered page by page (for upload images) in-process, without poppler or MuPDF.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSourcePdf, openPdfPageRenderer } from '../../electron/core/export/pdf-source';
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

describe('openPdfPageRenderer', () => {
  it('renders every page of the e-invoice, each different, at the asked resolution', async () => {
    const pages = openPdfPageRenderer(100);
    try {
      const rendered = [await pages.render(E_INVOICE, 0), await pages.render(E_INVOICE, 1)];
      for (const page of rendered) {
        // 241 × 140 mm at 100 dpi ≈ 949 × 551 px.
        expect(page.width).toBeGreaterThan(900);
        expect(page.width).toBeLessThan(1000);
      }
      // Page 1 has the red title and QR code, page 2 only a table: they must differ.
      const [a, b] = await Promise.all(
        rendered.map((p) => sharp(p.data, { raw: p }).resize(32, 32, { fit: 'fill' }).raw().toBuffer()),
      );
      expect(a!.equals(b!)).toBe(false);
    } finally {
      await pages.close();
    }
  });

  it('says which PDF could not become upload images, and that it is still in the bundle', async () => {
    const broken = join(dir, 'broken-render.pdf');
    writeFileSync(broken, '%PDF-1.7\n%garbage without objects\n');
    const pages = openPdfPageRenderer(100);
    await expect(pages.render(broken, 0)).rejects.toThrow(/上传用图片.*broken-render\.pdf.*仍已合并/);
    await expect(pages.render(E_INVOICE, 5)).rejects.toThrow(/只有 2 页/);
    await pages.close();
  });
});

// A multi-page PDF in the photo viewer: pages:thumbnail draws the page asked for, not always the first.
// A real 2-page PDF (two different sample photos, written by pdf-lib) goes through makeThumbnail; each
// sheet is read back through sharp and compared with poppler's own rendering of the same page.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeThumbnail } from '../../electron/core/api/thumbnails';
import { storedFilePath } from '../../electron/core/files/store';
import { IPC } from '../../shared/ipc';
import { REPO_ROOT } from '../helpers/tmp';

const dir = mkdtempSync(join(tmpdir(), 'claimdesk-pdfpages-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const dataDir = join(dir, 'data');
const pdfPath = join(dir, 'two-pages.pdf');
const SIZE = 240;
let sha256 = '';

beforeAll(async () => {
  const doc = await PDFDocument.create();
  for (const name of ['invoice.jpg', 'diagnosis.jpg']) {
    // Upright JPEGs (EXIF orientation applied), each filling an A4 portrait page.
    const jpeg = await sharp(join(REPO_ROOT, 'resources', 'samples', name))
      .rotate()
      .resize(900, 1273, { fit: 'fill' })
      .jpeg({ quality: 80 })
      .toBuffer();
    const img = await doc.embedJpg(jpeg);
    const page = doc.addPage([595, 842]);
    page.drawImage(img, { x: 0, y: 0, width: 595, height: 842 });
  }
  const bytes = Buffer.from(await doc.save());
  writeFileSync(pdfPath, bytes);
  sha256 = createHash('sha256').update(bytes).digest('hex');
  const stored = storedFilePath(dataDir, sha256);
  mkdirSync(dirname(stored), { recursive: true });
  writeFileSync(stored, bytes);
});

const grey = (input: Buffer | string) =>
  sharp(input).greyscale().resize(60, 85, { fit: 'fill' }).raw().toBuffer();

/** Mean absolute grey difference, 0..255. */
function meanDiff(a: Buffer, b: Buffer): number {
  let d = 0;
  for (let i = 0; i < a.length; i++) d += Math.abs(a[i]! - b[i]!);
  return d / a.length;
}

async function thumbPixels(page: number): Promise<{ jpeg: Buffer; pages: number | undefined }> {
  const t = await makeThumbnail(dataDir, sha256, 'application/pdf', SIZE, page);
  expect(t.dataUrl).toMatch(/^data:image\/jpeg;base64,/);
  return { jpeg: Buffer.from(t.dataUrl!.split(',')[1]!, 'base64'), pages: t.pdfPages };
}

function popplerPage(n: number): string {
  const prefix = join(dir, `poppler-${n}`);
  const r = spawnSync('pdftoppm', [
    '-r',
    '30',
    '-f',
    String(n),
    '-l',
    String(n),
    '-png',
    '-singlefile',
    pdfPath,
    prefix,
  ]);
  expect(r.status).toBe(0);
  return `${prefix}.png`;
}

describe('pages:thumbnail with a PDF page index', () => {
  it('accepts an optional zero-based page index and refuses a negative one', () => {
    const schema = IPC.getThumbnail.request;
    expect(schema.safeParse({ pageId: 1, pdfPage: 1 }).success).toBe(true);
    expect(schema.safeParse({ pageId: 1 }).success).toBe(true);
    expect(schema.safeParse({ pageId: 1, pdfPage: -1 }).success).toBe(false);
  });

  it('draws page 2 of a 2-page PDF, which differs from page 1 and matches poppler', async () => {
    const first = await thumbPixels(0);
    const second = await thumbPixels(1);
    expect([first.pages, second.pages]).toEqual([2, 2]);
    const [g1, g2, p1, p2] = await Promise.all([
      grey(first.jpeg),
      grey(second.jpeg),
      grey(popplerPage(1)),
      grey(popplerPage(2)),
    ]);
    // Each sheet is much closer to poppler's drawing of the same page than to the other page.
    const same1 = meanDiff(g1, p1);
    const same2 = meanDiff(g2, p2);
    const cross = meanDiff(g1, g2);
    expect(same1).toBeLessThan(8);
    expect(same2).toBeLessThan(8);
    expect(cross).toBeGreaterThan(3 * Math.max(same1, same2, 2));
  });

  it('names the page count when a page past the end is asked for', async () => {
    await expect(makeThumbnail(dataDir, sha256, 'application/pdf', SIZE, 2)).rejects.toThrow(
      '这份 PDF 只有 2 页，没有第 3 页',
    );
  });

  it('ignores the index for a photo (one picture, no page count)', async () => {
    const photo = join(REPO_ROOT, 'resources', 'samples', 'invoice.jpg');
    const bytes = readFileSync(photo);
    const sha = createHash('sha256').update(bytes).digest('hex');
    const stored = storedFilePath(dataDir, sha);
    mkdirSync(dirname(stored), { recursive: true });
    writeFileSync(stored, bytes);
    const t = await makeThumbnail(dataDir, sha, 'image/jpeg', SIZE, 3);
    expect(t.dataUrl).toMatch(/^data:image\/jpeg/);
    expect(t.pdfPages).toBeUndefined();
  });
});

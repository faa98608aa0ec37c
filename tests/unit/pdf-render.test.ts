// The in-process PDF renderer (PDF.js on a Skia canvas) against poppler's pdftoppm as an independent
// reference: same page size at the same dpi, and pixels that differ by far less than the page's ink.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, rgb } from 'pdf-lib';
import QRCode from 'qrcode';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { renderPdfPage, renderPdfPages } from '../../electron/core/pdf/render';
import { readChineseText } from '../../electron/core/rules/ocr';
import { REPO_ROOT } from '../helpers/tmp';

const dir = mkdtempSync(join(tmpdir(), 'claimdesk-pdf-render-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const E_INVOICE = join(REPO_ROOT, 'resources', 'samples', 'e-invoice.pdf');

async function greyOf(
  input: Buffer,
  raw?: { width: number; height: number; channels: 4 },
): Promise<{ grey: Buffer; width: number; height: number }> {
  const { data, info } = await sharp(input, raw ? { raw } : undefined)
    .flatten({ background: '#ffffff' })
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { grey: data, width: info.width, height: info.height };
}

/** pdftoppm's rendering of one page (1-based for poppler) in grey. */
async function popplerGrey(pdf: string, pageNo: number, dpi: number) {
  const prefix = join(dir, `ref-${pageNo}-${dpi}-${Math.random().toString(36).slice(2)}`);
  const r = spawnSync('pdftoppm', [
    '-r',
    String(dpi),
    '-f',
    String(pageNo),
    '-l',
    String(pageNo),
    '-png',
    '-singlefile',
    pdf,
    prefix,
  ]);
  expect(r.status, String(r.stderr)).toBe(0);
  return greyOf(readFileSync(`${prefix}.png`));
}

function meanAbs(a: Buffer, b: Buffer): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i]! - b[i]!);
  return sum / a.length;
}

/** Mean darkness of a page (255 − grey): how much there is to get wrong. */
function ink(a: Buffer): number {
  let sum = 0;
  for (const v of a) sum += 255 - v;
  return sum / a.length;
}

/**
 * Compares our page with poppler's after a small blur, so anti-aliasing (one renderer's edge pixel is the
 * other's half pixel) does not count, while a missing glyph, line or picture does.
 */
async function compareWithPoppler(pdf: string, pageIndex: number, dpi: number) {
  const ours = await renderPdfPage(pdf, pageIndex, dpi);
  const theirs = await popplerGrey(pdf, pageIndex + 1, dpi);
  expect([ours.width, ours.height]).toEqual([theirs.width, theirs.height]);
  const blur = async (grey: Buffer) =>
    sharp(grey, { raw: { width: ours.width, height: ours.height, channels: 1 } })
      .blur(1.5)
      .raw()
      .toBuffer();
  const a = await blur((await greyOf(ours.data, ours)).grey);
  const b = await blur(theirs.grey);
  return { diff: meanAbs(a, b), ink: ink(b), ourInk: ink(a), page: ours };
}

/**
 * A PDF as many government systems write it: text in STSong-Light (Adobe-GB1) with the UniGB-UCS2-H CMap
 * and no font file, so the reader must bring its own hanzi. pdf-lib always embeds, hence written by hand.
 */
function pdfWithNonEmbeddedCjkFont(lines: string[]): Buffer {
  const utf16 = (t: string) => Buffer.from(t, 'utf16le').swap16().toString('hex').toUpperCase();
  const content = lines.map((t, i) => `BT /F1 24 Tf 40 ${330 - i * 60} Td <${utf16(t)}> Tj ET`).join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 400] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>',
    '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor 7 0 R /DW 1000 >>',
    '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

describe('renderPdfPage', () => {
  it('renders the sample e-invoice (embedded CJK fonts, red seal, QR image) like pdftoppm', async () => {
    for (const pageIndex of [0, 1]) {
      const { diff, ink: theirInk, ourInk, page } = await compareWithPoppler(E_INVOICE, pageIndex, 100);
      expect(page.channels).toBe(4);
      expect(page.data.length).toBe(page.width * page.height * 4);
      // Not blank, about as much ink as poppler put down, and where it put it (measured: 0.13-0.15 of
      // the ink differs, from edge shading; a page missing its title, table or QR differs by far more).
      expect(theirInk).toBeGreaterThan(3);
      expect(Math.abs(ourInk - theirInk)).toBeLessThan(0.1 * theirInk);
      expect(diff).toBeLessThan(0.25 * theirInk);
    }
  });

  it('draws hanzi of a CJK font the PDF names but does not embed (STSong-Light), not empty boxes', async () => {
    const pdf = join(dir, 'cjk-not-embedded.pdf');
    writeFileSync(
      pdf,
      pdfWithNonEmbeddedCjkFont(['诊断证明书 急诊', '上海市第一人民医院', '交款人：王秀英']),
    );
    const { diff, ink: theirInk, ourInk } = await compareWithPoppler(pdf, 0, 150);
    // Poppler draws them with the system's Noto Sans CJK, slightly bolder: measured 0.38 of the ink
    // differs. Empty boxes (what the canvas draws without a CJK font) put down a fifth of the ink and
    // differ by all of it (measured 1.04).
    expect(theirInk).toBeGreaterThan(2);
    expect(Math.abs(ourInk - theirInk)).toBeLessThan(0.25 * theirInk);
    expect(diff).toBeLessThan(0.6 * theirInk);
  });

  it('takes bytes as well as a path, lowers the dpi to stay under a pixel budget, and refuses bad pages', async () => {
    const bytes = readFileSync(E_INVOICE);
    const page = await renderPdfPage(bytes, 0, 300, { maxPixels: 1_000_000 });
    expect(page.width * page.height).toBeLessThanOrEqual(1_000_000);
    expect(page.dpi).toBeLessThan(300);
    expect(page.dpi).toBeGreaterThan(50);
    // The caller's buffer is still usable (PDF.js detaches what it is given).
    expect(bytes.length).toBeGreaterThan(1000);
    await expect(renderPdfPage(bytes, 2, 100)).rejects.toThrow(/只有 2 页/);
    await expect(renderPdfPage(bytes, 0, 0)).rejects.toThrow(/分辨率/);
  });

  it('names a corrupt, a password-protected and a missing PDF', async () => {
    const broken = join(dir, 'broken.pdf');
    writeFileSync(broken, '%PDF-1.7\n%garbage without objects\n');
    await expect(renderPdfPage(broken, 0, 72)).rejects.toThrow(/无法读取 PDF.*broken\.pdf/);
    const locked = join(dir, 'locked.pdf');
    expect(spawnSync('qpdf', ['--encrypt', 'user', 'owner', '256', '--', E_INVOICE, locked]).status).toBe(0);
    await expect(renderPdfPage(locked, 0, 72)).rejects.toThrow(/密码.*locked\.pdf/);
    await expect(renderPdfPage(join(dir, 'absent.pdf'), 0, 72)).rejects.toThrow(/找不到文件.*absent\.pdf/);
  });

  it('renders a scanned (image-only) PDF back to the scanned pixels, which the OCR reads', async () => {
    // A "scan" of a certificate: dark text on slightly grey paper, as a JPEG, on an A4 page at 150 dpi.
    const line = (y: number, text: string, size = 44) =>
      `<text x="120" y="${y}" font-family="Noto Sans CJK SC, Noto Serif CJK SC" font-size="${size}" fill="#202020">${text}</text>`;
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1240" height="1754">${line(200, '诊断证明书', 80)}${line(360, '姓名：张三\u3000性别：男')}${line(440, '科别：急诊科\u3000门诊号：2026100112')}${line(520, '诊断：急性阑尾炎')}</svg>`;
    const scan = await sharp({
      create: { width: 1240, height: 1754, channels: 3, background: { r: 236, g: 234, b: 228 } },
    })
      .composite([{ input: Buffer.from(svg) }])
      .jpeg({ quality: 90 })
      .toBuffer();
    const doc = await PDFDocument.create();
    const jpg = await doc.embedJpg(scan);
    doc.addPage([595.28, 841.89]).drawImage(jpg, { x: 0, y: 0, width: 595.28, height: 841.89 });
    const pdf = join(dir, 'scanned.pdf');
    writeFileSync(pdf, await doc.save());

    const page = await renderPdfPage(pdf, 0, 150);
    expect([page.width, page.height]).toEqual([1241, 1754]);
    const ours = (await greyOf(page.data, page)).grey;
    const original = (await greyOf(await sharp(scan).resize(1241, 1754, { fit: 'fill' }).png().toBuffer()))
      .grey;
    // Resampling a JPEG once more moves pixels by a few levels; lost text would move thousands by 200.
    expect(meanAbs(ours, original)).toBeLessThan(4);
    expect(ink(ours)).toBeGreaterThan(15); // the grey paper, not a blank white page

    // The rendered page goes to the offline OCR like a photo would, and its words come back.
    const png = join(dir, 'scanned-page.png');
    await sharp(page.data, { raw: page }).png().toFile(png);
    const text = await readChineseText(png);
    expect(text).toContain('急诊科');
    expect(text).toContain('诊断证明书');
  }, 120_000);

  it('renders every page in order with renderPdfPages', async () => {
    const seen: number[] = [];
    const sizes: string[] = [];
    const count = await renderPdfPages(E_INVOICE, 50, (p) => {
      seen.push(p.pageIndex);
      sizes.push(`${p.width}x${p.height}`);
    });
    expect(count).toBe(2);
    expect(seen).toEqual([0, 1]);
    expect(sizes[0]).toMatch(/^\d+x\d+$/);
  });
});

describe('a QR code drawn as vector paths', () => {
  it('is drawn as filled rectangles by pdf-lib and comes back as pixels with sharp, black modules', async () => {
    const qr = QRCode.create('hello', { errorCorrectionLevel: 'M' });
    expect(qr.modules.size).toBeGreaterThan(20);
    const doc = await PDFDocument.create();
    const p = doc.addPage([200, 200]);
    const m = 4;
    for (let y = 0; y < qr.modules.size; y++)
      for (let x = 0; x < qr.modules.size; x++)
        if (qr.modules.get(y, x))
          p.drawRectangle({ x: 20 + x * m, y: 180 - (y + 1) * m, width: m, height: m, color: rgb(0, 0, 0) });
    const page = await renderPdfPage(await doc.save(), 0, 72);
    // Top-left finder pattern's corner module is black, the quiet zone white.
    const at = (x: number, y: number) => page.data[(y * page.width + x) * 4]!;
    expect(at(22, 22)).toBeLessThan(40);
    expect(at(10, 10)).toBeGreaterThan(215);
  });
});

describe('one PDF.js in the process', () => {
  it('pdfjs-dist is the very version unpdf bundles', () => {
    // unpdf (text, embedded images) installs its in-thread PDF.js worker on globalThis, where pdfjs-dist
    // also looks for one: the two must be the same release, so they are bumped together.
    const ours = (
      JSON.parse(readFileSync(join(REPO_ROOT, 'node_modules/pdfjs-dist/package.json'), 'utf8')) as {
        version: string;
      }
    ).version;
    const bundled = /apiVersion:\s*"([\d.]+)"/.exec(
      readFileSync(join(REPO_ROOT, 'node_modules/unpdf/dist/pdfjs.mjs'), 'utf8'),
    )?.[1];
    expect(bundled).toBe(ours);
  });
});

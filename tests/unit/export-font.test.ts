// The Chinese font really works in a PDF: embedded as a subset (emb/sub/uni in pdffonts), the text extracts
// back exactly (pdftotext), and the glyphs render as ink (pdftoppm), not as empty boxes.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, rgb } from 'pdf-lib';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { embedCjkFonts, fontkitForPdfLib, loadCjkFontBytes } from '../../electron/core/export/font';

const dir = mkdtempSync(join(tmpdir(), 'claimdesk-export-font-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TEXT = '报销材料清单 王秀英 上海市第一人民医院 第1页 ¥12,345.67 元';

async function makePdf(lines: Array<{ text: string; bold?: boolean }>): Promise<string> {
  const pdf = await PDFDocument.create();
  const fonts = await embedCjkFonts(pdf);
  const page = pdf.addPage([595, 842]);
  lines.forEach((l, i) =>
    page.drawText(l.text, {
      x: 40,
      y: 780 - i * 40,
      size: 20,
      font: l.bold ? fonts.bold : fonts.regular,
      color: rgb(0, 0, 0),
    }),
  );
  const file = join(dir, `f-${Math.random().toString(16).slice(2)}.pdf`);
  writeFileSync(file, await pdf.save());
  return file;
}

describe('embedded CJK font', () => {
  it('is a subset with a ToUnicode map, and the Chinese text extracts exactly', async () => {
    const file = await makePdf([{ text: TEXT }, { text: '诚信承诺书', bold: true }]);
    const fonts = spawnSync('pdffonts', [file], { encoding: 'utf8' });
    expect(fonts.status).toBe(0);
    const rows = fonts.stdout.trim().split('\n').slice(2);
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      // name type... emb sub uni: the three flags must all be "yes", and the name carries the ABCDEF+ tag.
      expect(row).toMatch(/^[A-Z]{6}\+NotoSansSC-(Regular|Bold)\s/);
      expect(row).toMatch(/CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
    }
    const text = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).stdout;
    expect(text).toContain(TEXT);
    expect(text).toContain('诚信承诺书');
  });

  it('keeps the file small: only the used glyphs are embedded', async () => {
    const file = await makePdf([{ text: TEXT }]);
    const size = readFileSync(file).length;
    expect(loadCjkFontBytes('regular').length).toBeGreaterThan(5_000_000);
    expect(size).toBeLessThan(120_000);
  });

  it('renders glyph outlines (ink where the text is), not blank or .notdef boxes', async () => {
    const file = await makePdf([{ text: '报销' }]);
    const prefix = join(dir, 'render');
    expect(spawnSync('pdftoppm', ['-r', '72', '-png', '-gray', '-singlefile', file, prefix]).status).toBe(0);
    // Crop the area of the two characters (x 40..80, baseline at y=842-780=62 from top).
    const { data, info } = await sharp(`${prefix}.png`)
      .extract({ left: 38, top: 40, width: 46, height: 28 })
      .extractChannel(0)
      .raw()
      .toBuffer({ resolveWithObject: true });
    const dark = [...data].filter((v) => v < 128).length / (info.width * info.height);
    // Two dense hanzi cover roughly 15-35 % of their box; an empty glyph gives 0, a .notdef box ~10 %.
    expect(dark).toBeGreaterThan(0.12);
    expect(dark).toBeLessThan(0.6);
    // The two characters differ: compare left and right halves.
    const half = (x0: number) => {
      let s = 0;
      for (let y = 0; y < info.height; y++)
        for (let x = x0; x < x0 + 20; x++) s += data[y * info.width + x]! < 128 ? 1 : 0;
      return s;
    };
    expect(half(2)).not.toBe(half(24));
  });

  it('adapts fontkit 2 to the stream-style subset API pdf-lib calls', async () => {
    const font = fontkitForPdfLib.create(loadCjkFontBytes('regular'));
    type Stream = { on: (event: string, listener: (arg?: unknown) => void) => Stream };
    const subset = font.createSubset() as unknown as { encodeStream: () => Stream };
    const bytes = await new Promise<Uint8Array>((resolve, reject) => {
      const parts: Uint8Array[] = [];
      subset
        .encodeStream()
        .on('data', (b) => parts.push(b as Uint8Array))
        .on('end', () => resolve(parts[0]!))
        .on('error', reject);
    });
    // A TrueType file starts with version 0x00010000 or the Apple tag 'true'.
    const tag = Buffer.from(bytes.subarray(0, 4)).toString('latin1');
    expect(['\x00\x01\x00\x00', 'true']).toContain(tag);
    expect(bytes.length).toBeGreaterThan(100);
  });
});

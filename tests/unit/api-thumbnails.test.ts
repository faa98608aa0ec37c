// Thumbnails of stored PDFs: the first page, drawn in-process, looking like poppler's rendering of it.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { makeThumbnail } from '../../electron/core/api/thumbnails';
import { storedFilePath } from '../../electron/core/files/store';
import { REPO_ROOT } from '../helpers/tmp';

const dir = mkdtempSync(join(tmpdir(), 'claimdesk-thumbs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const dataDir = join(dir, 'data');
const E_INVOICE = join(REPO_ROOT, 'resources', 'samples', 'e-invoice.pdf');

/** Puts a file into the content-addressed store as an import would, returning its hash. */
function store(bytes: Buffer): string {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const path = storedFilePath(dataDir, sha256);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, bytes);
  return sha256;
}

describe('makeThumbnail for a PDF', () => {
  it('shows the first page at the asked size, as poppler draws it', async () => {
    const thumb = await makeThumbnail(dataDir, store(readFileSync(E_INVOICE)), 'application/pdf', 200);
    expect(thumb.dataUrl).toMatch(/^data:image\/jpeg;base64,/);
    const jpeg = Buffer.from(thumb.dataUrl!.split(',')[1]!, 'base64');
    const meta = await sharp(jpeg).metadata();
    // The page is 241 × 140 mm: 200 × 116 px.
    expect([meta.width, meta.height, thumb.width, thumb.height]).toEqual([200, 116, 200, 116]);

    const prefix = join(dir, 'poppler');
    expect(
      spawnSync('pdftoppm', ['-r', '72', '-f', '1', '-l', '1', '-png', '-singlefile', E_INVOICE, prefix])
        .status,
    ).toBe(0);
    const grey = (input: Buffer | string) =>
      sharp(input).greyscale().resize(200, 116, { fit: 'fill' }).blur(1).raw().toBuffer();
    const [ours, theirs] = await Promise.all([grey(jpeg), grey(`${prefix}.png`)]);
    let diff = 0;
    let ink = 0;
    for (let i = 0; i < ours.length; i++) {
      diff += Math.abs(ours[i]! - theirs[i]!);
      ink += 255 - theirs[i]!;
    }
    expect(ink / ours.length).toBeGreaterThan(5); // the page has text, a table and a QR code
    // Measured 0.18 of the ink differs (a 200 px JPEG of two renderers' edges); a blank tile differs by all.
    expect(diff).toBeLessThan(0.25 * ink);
  });

  it('keeps the placeholder for a PDF that cannot be drawn', async () => {
    const broken = Buffer.from('%PDF-1.7\n%garbage without objects\n');
    const thumb = await makeThumbnail(dataDir, store(broken), 'application/pdf', 200);
    expect(thumb).toEqual({ dataUrl: null, width: 0, height: 0 });
  });
});

describe('makeThumbnail of a photo taken sideways', () => {
  it('applies the EXIF orientation, then the reading’s quarter turn: the dark corner lands where it should', async () => {
    // A landscape photo, dark block in its top-left corner, tagged EXIF 6 (shown turned 90° clockwise).
    const raw = Buffer.alloc(300 * 200 * 3, 255);
    for (let y = 0; y < 40; y++)
      for (let x = 0; x < 60; x++) raw.fill(0, (y * 300 + x) * 3, (y * 300 + x) * 3 + 3);
    const photo = await sharp(raw, { raw: { width: 300, height: 200, channels: 3 } })
      .withMetadata({ orientation: 6 })
      .jpeg({ quality: 95 })
      .toBuffer();
    const sha = store(photo);
    /** Where the dark block is: mean position of dark pixels, as shares of the thumbnail. */
    const darkAt = async (turn: 0 | 90 | 180 | 270) => {
      const t = await makeThumbnail(dataDir, sha, 'image/jpeg', 150, 0, turn);
      const { data, info } = await sharp(Buffer.from(t.dataUrl!.split(',')[1]!, 'base64'))
        .greyscale()
        .raw()
        .toBuffer({ resolveWithObject: true });
      let sx = 0;
      let sy = 0;
      let n = 0;
      for (let y = 0; y < info.height; y++)
        for (let x = 0; x < info.width; x++)
          if (data[y * info.width + x]! < 80) {
            sx += x;
            sy += y;
            n++;
          }
      return { w: t.width, h: t.height, x: sx / n / info.width, y: sy / n / info.height };
    };
    // EXIF 6 alone: portrait, the block at the top right.
    const asTaken = await darkAt(0);
    expect(asTaken.h).toBeGreaterThan(asTaken.w);
    expect([asTaken.x > 0.7, asTaken.y < 0.3]).toEqual([true, true]);
    // Turned a further 90° clockwise: landscape, the block at the bottom right.
    const turned = await darkAt(90);
    expect(turned.w).toBeGreaterThan(turned.h);
    expect([turned.x > 0.7, turned.y > 0.7]).toEqual([true, true]);
  });
});

describe('makeThumbnail through the one decoder', () => {
  it('draws an iPhone HEIC photo, as the checks and the bundle open it', async () => {
    const heic = readFileSync(join(REPO_ROOT, 'tests', 'fixtures', 'quality', 'receipt-iphone.heic'));
    const t = await makeThumbnail(dataDir, store(heic), 'image/heic', 120);
    expect([t.width, t.height]).toEqual([120, 90]);
    const { data } = await sharp(Buffer.from(t.dataUrl!.split(',')[1]!, 'base64'))
      .greyscale()
      .raw()
      .toBuffer({ resolveWithObject: true });
    // Real pixels came through: the receipt is not one flat colour.
    expect(new Set(data).size).toBeGreaterThan(10);
  });

  it('keeps the placeholder for a stored photo the decoder refuses', async () => {
    const notAPhoto = Buffer.from('这不是照片，是文字');
    expect(await makeThumbnail(dataDir, store(notAPhoto), 'image/jpeg', 120)).toEqual({
      dataUrl: null,
      width: 0,
      height: 0,
    });
  });
});

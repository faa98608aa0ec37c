// Photo preparation on real images through sharp: EXIF orientation, trusted corners only, JPEG sizes that
// respect their budget, and atomic output that leaves nothing behind on failure.
import {
  mkdtempSync,
  readdirSync,
  rmSync,
  writeFileSync,
  existsSync,
  readFileSync,
  mkdirSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { commitOutputs, writeOutputFile, stageOutput } from '../../electron/core/export/output';
import {
  fitJpeg,
  openOrientedSource,
  renderPageRaster,
  trustedCorners,
} from '../../electron/core/export/photo';
import type { QualityReport } from '../../shared/quality';
import { REPO_ROOT } from '../helpers/tmp';

const dir = mkdtempSync(join(tmpdir(), 'claimdesk-export-photo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function report(corners: unknown, confidence: number): QualityReport {
  return {
    file: 'x.jpg',
    verdict: 'pass',
    findings: [],
    metrics: { width: 1000, height: 1000, corners, cornersConfidence: confidence },
    elapsedMs: 1,
  };
}
const PAGE = [
  { x: 0.1, y: 0.1 },
  { x: 0.9, y: 0.12 },
  { x: 0.88, y: 0.9 },
  { x: 0.12, y: 0.88 },
];

describe('trustedCorners', () => {
  it('uses confident, convex, page-sized corners in oriented pixels', () => {
    const c = trustedCorners(report(PAGE, 0.95), 1001, 2001);
    expect(c?.[1]).toEqual({ x: 900, y: 240 });
  });
  it('ignores low confidence, a twisted outline, a tiny quad or malformed data', () => {
    expect(trustedCorners(report(PAGE, 0.3), 1000, 1000)).toBeUndefined();
    expect(trustedCorners(report([PAGE[0], PAGE[2], PAGE[1], PAGE[3]], 0.99), 1000, 1000)).toBeUndefined();
    const tiny = PAGE.map((p) => ({ x: p.x * 0.2, y: p.y * 0.2 }));
    expect(trustedCorners(report(tiny, 0.99), 1000, 1000)).toBeUndefined();
    expect(trustedCorners(report([{ x: 'a', y: 0 }, ...PAGE.slice(1)], 0.99), 1000, 1000)).toBeUndefined();
    expect(trustedCorners(undefined, 1000, 1000)).toBeUndefined();
  });
});

describe('openOrientedSource', () => {
  it('applies EXIF orientation: a portrait photo stored sideways comes out portrait', async () => {
    const file = join(dir, 'sideways.jpg');
    // Stored 300 wide × 200 high with orientation 6 ("rotate 90° clockwise to view") → viewed 200 × 300.
    const stored = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#ffffff' } })
      .composite([
        {
          input: await sharp({ create: { width: 60, height: 200, channels: 3, background: '#000000' } })
            .png()
            .toBuffer(),
          left: 0,
          top: 0,
        },
      ])
      .jpeg()
      .toBuffer();
    writeFileSync(file, await sharp(stored).withMetadata({ orientation: 6 }).jpeg().toBuffer());
    const src = await openOrientedSource(file);
    expect([src.width, src.height]).toEqual([200, 300]);
    const { raw } = await renderPageRaster(src, undefined, 1000, 1000, file);
    expect([raw.width, raw.height]).toEqual([200, 300]);
    // The black band was on the stored left edge; after a clockwise turn it is along the top.
    expect(raw.data[(5 * raw.width + 100) * 3]).toBeLessThan(60);
    expect(raw.data[(250 * raw.width + 100) * 3]).toBeGreaterThan(200);
  });

  it('opens an iPhone HEIC photo (decoded with heic-decode, not sharp)', async () => {
    // The quality module's committed fixture: a 480×360 HEIC as an iPhone writes it.
    const heic = join(REPO_ROOT, 'tests', 'fixtures', 'quality', 'receipt-iphone.heic');
    const src = await openOrientedSource(heic);
    expect([src.width, src.height]).toEqual([480, 360]);
    const { raw } = await renderPageRaster(src, undefined, 240, 1000, heic);
    expect([raw.width, raw.height, raw.channels]).toEqual([240, 180, 3]);
    // Real pixels came through, not an empty buffer: the picture is not one flat colour.
    const values = new Set<number>();
    for (let i = 0; i < raw.data.length; i += 97) values.add(raw.data[i]!);
    expect(values.size).toBeGreaterThan(10);
  });

  it('puts a transparent screenshot on white, and makes greyscale scans RGB', async () => {
    const clear = join(dir, 'clear.png');
    await sharp({
      create: { width: 40, height: 60, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } },
    })
      .png()
      .toFile(clear);
    const a = (await renderPageRaster(await openOrientedSource(clear), undefined, 100, 100, clear)).raw;
    expect(a.channels).toBe(3);
    expect([...a.data].every((v) => v === 255)).toBe(true);
    const grey = join(dir, 'grey.png');
    await sharp({ create: { width: 40, height: 60, channels: 3, background: '#808080' } })
      .greyscale()
      .png()
      .toFile(grey);
    const g = (await renderPageRaster(await openOrientedSource(grey), undefined, 100, 100, grey)).raw;
    expect(g.channels).toBe(3);
    expect(g.data.length).toBe(40 * 60 * 3);
  });

  it('names a truncated photo instead of exporting half an image', async () => {
    const file = join(dir, 'truncated.jpg');
    const full = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#7788aa' } })
      .jpeg()
      .toBuffer();
    writeFileSync(file, full.subarray(0, Math.floor(full.length / 2)));
    await expect(async () => {
      const src = await openOrientedSource(file);
      await renderPageRaster(src, undefined, 400, 400, file);
    }).rejects.toThrow(/truncated\.jpg/);
  });
});

describe('fitJpeg', () => {
  it('finds a quality within the byte budget, and shrinks only when quality alone cannot', async () => {
    // Noise is the worst case for JPEG: it forces real compression decisions.
    const w = 900;
    const h = 1200;
    const data = new Uint8Array(w * h * 3);
    let seed = 7;
    for (let i = 0; i < data.length; i++) data[i] = (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24;
    const raw = { data, width: w, height: h, channels: 3 };
    const loose = await fitJpeg(raw, 50_000_000);
    expect(loose.quality).toBe(82);
    const tight = await fitJpeg(raw, 400_000);
    expect(tight.jpeg.length).toBeLessThanOrEqual(400_000);
    expect(tight.quality).toBeLessThan(82);
    expect(tight.width).toBe(w);
    const shrunk = await fitJpeg(raw, 60_000, 0.3);
    expect(shrunk.jpeg.length).toBeLessThanOrEqual(60_000);
    expect(shrunk.width).toBeLessThan(w);
    const meta = await sharp(shrunk.jpeg).metadata();
    expect(meta.width).toBe(shrunk.width);
  });
});

describe('atomic output', () => {
  it('writes the whole file and leaves no temp file', async () => {
    const target = join(dir, 'out.pdf');
    await writeOutputFile(target, Buffer.from('%PDF-1.7 whole'));
    expect(readFileSync(target, 'utf8')).toBe('%PDF-1.7 whole');
    expect(readdirSync(dir).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it('on a failed rename removes the temp files and keeps the earlier target untouched', async () => {
    const sub = join(dir, 'fail');
    mkdirSync(sub);
    const target = join(sub, 'bundle.pdf');
    writeFileSync(target, 'earlier bundle');
    const temp = await stageOutput(target, Buffer.from('new'));
    // Renaming onto a path inside a missing folder fails after the first pair was already prepared.
    await expect(commitOutputs([{ temp, target: join(sub, 'missing-folder', 'x.pdf') }])).rejects.toThrow();
    expect(existsSync(temp)).toBe(false);
    expect(readFileSync(target, 'utf8')).toBe('earlier bundle');
  });
});

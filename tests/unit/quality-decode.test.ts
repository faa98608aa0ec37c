// decodeImage and perceptualHash on real files made with sharp: orientation, HEIC, bombs, bad bytes,
// and hashes that survive re-saving but tell different documents apart.
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeImage, MAX_INPUT_PIXELS } from '../../electron/core/quality/decode';
import {
  hammingDistance,
  perceptualHash,
  SAME_PICTURE_MAX_DISTANCE,
} from '../../electron/core/quality/phash';
import { ClaimDeskError } from '../../electron/core/errors';
import { makeTempDir, REPO_ROOT } from '../helpers/tmp';
import { renderDocument } from '../../scripts/quality-corpus/documents';

const tmp = makeTempDir('claimdesk-quality-decode-');
afterAll(() => tmp.cleanup());
const at = (name: string): string => join(tmp.dir, name);

/** A PNG whose header claims `w`×`h` but whose data is a few bytes: decoding it would need gigabytes. */
function pngBomb(w: number, h: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer): number => {
    let c = 0xffffffff;
    for (const v of b) c = crcTable[(c ^ v) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer): Buffer => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.alloc(1024))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

beforeAll(async () => {
  // Upright picture: red top-left quadrant. Stored rotated with EXIF orientation 6, as a phone held upright does.
  const upright = sharp({
    create: { width: 300, height: 200, channels: 3, background: '#ffffff' },
  }).composite([
    { input: { create: { width: 150, height: 100, channels: 3, background: '#ff0000' } }, left: 0, top: 0 },
  ]);
  const uprightBuf = await upright.png().toBuffer();
  await sharp(uprightBuf).rotate(270).withMetadata({ orientation: 6 }).jpeg().toFile(at('rotated.jpg'));
  writeFileSync(at('bomb.png'), pngBomb(20000, 20000));
  const jpg = await sharp(uprightBuf).jpeg().toBuffer();
  writeFileSync(at('truncated.jpg'), jpg.subarray(0, Math.floor(jpg.length / 2)));
  writeFileSync(at('empty.jpg'), Buffer.alloc(0));
  writeFileSync(at('notes.jpg'), '这不是照片，是文字');
  copyFileSync(join(REPO_ROOT, 'tests/fixtures/quality/receipt-iphone.heic'), at('iphone.heic'));
  // Two different documents of the same template, and re-saved / re-scaled copies of one.
  for (const seed of [1, 2]) {
    const d = await renderDocument('invoice', { seed, seal: true });
    await sharp(d.rgb, { raw: { width: d.width, height: d.height, channels: 3 } })
      .resize(1200)
      .jpeg({ quality: 90 })
      .toFile(at(`doc-${seed}.jpg`));
  }
  await sharp(at('doc-1.jpg')).resize(700).jpeg({ quality: 55 }).toFile(at('doc-1-small.jpg'));
  await sharp(at('doc-1.jpg')).png().toFile(at('doc-1.png'));
});

describe('decodeImage', () => {
  it('applies EXIF orientation: size and pixels come out upright', async () => {
    const d = await decodeImage(at('rotated.jpg'));
    expect([d.width, d.height]).toEqual([300, 200]);
    const { data, info } = await d.pipeline().raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([300, 200]);
    const px = (x: number, y: number): number[] =>
      Array.from(
        data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3),
      );
    expect(px(20, 20)[0]).toBeGreaterThan(200);
    expect(px(20, 20)[1]).toBeLessThan(60);
    expect(px(280, 180)[1]).toBeGreaterThan(200);
  });

  it('decodes iPhone HEIC (HEVC) through heic-decode', async () => {
    const d = await decodeImage(at('iphone.heic'));
    expect(d.mime).toBe('image/heic');
    expect([d.width, d.height]).toEqual([480, 360]);
    const stats = await d.pipeline().stats();
    // Brown table around a near-white page: the decoded pixels are the photo, not a blank buffer.
    expect(stats.channels[0]!.max).toBeGreaterThan(220);
    expect(stats.channels[2]!.min).toBeLessThan(90);
  });

  it('refuses a decompression bomb from its header, naming the size', async () => {
    expect(20000 * 20000).toBeGreaterThan(MAX_INPUT_PIXELS);
    const err = await decodeImage(at('bomb.png')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ClaimDeskError);
    expect((err as ClaimDeskError).code).toBe('file_unreadable');
    expect((err as ClaimDeskError).zh).toContain('20000×20000');
  });

  it.each([
    ['truncated.jpg', 'file_unreadable'],
    ['empty.jpg', 'unsupported_file'],
    ['notes.jpg', 'unsupported_file'],
    ['missing.jpg', 'file_missing'],
  ])('%s → %s with a Chinese message', async (name, code) => {
    const err = await decodeImage(at(name)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ClaimDeskError);
    expect((err as ClaimDeskError).code).toBe(code);
    expect((err as ClaimDeskError).zh).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('perceptualHash', () => {
  it('is the same picture after re-saving as PNG or shrinking to low-quality JPEG', async () => {
    const a = await perceptualHash(at('doc-1.jpg'));
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(hammingDistance(a, await perceptualHash(at('doc-1.png')))).toBeLessThanOrEqual(2);
    expect(hammingDistance(a, await perceptualHash(at('doc-1-small.jpg')))).toBeLessThanOrEqual(
      SAME_PICTURE_MAX_DISTANCE,
    );
  });

  it('tells a different picture apart', async () => {
    const a = await perceptualHash(at('doc-1.jpg'));
    expect(hammingDistance(a, await perceptualHash(at('rotated.jpg')))).toBeGreaterThan(
      SAME_PICTURE_MAX_DISTANCE * 2,
    );
  });

  it('hammingDistance counts differing bits and refuses mismatched hashes', () => {
    expect(hammingDistance('0000000000000000', '000000000000000f')).toBe(4);
    expect(hammingDistance('ffffffffffffffff', '0000000000000000')).toBe(64);
    expect(() => hammingDistance('abc', 'abcd')).toThrow();
  });
});

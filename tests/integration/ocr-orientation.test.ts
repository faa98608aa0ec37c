// A paper photographed sideways or upside down, with no orientation tag to say so (a picture forwarded
// through a chat app loses it), is read as if upright: the same kind and the same fields, each field's box on
// the photo as it was taken. Real generated photo, real models; the photo is turned by sharp, not by us.
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Region } from '../../shared/quality';
import { readPage, type PageReading } from '../../electron/core/ocr/read';
import { shoot } from '../../scripts/ocr-corpus/shots';

let jpeg: Buffer;
let upright: PageReading;

async function readTurned(degrees: number): Promise<PageReading> {
  const { data, info } = await sharp(jpeg)
    .rotate(degrees)
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return readPage({ data, width: info.width, height: info.height, channels: 3 });
}

/** Where a region of the upright photo is on the photo turned clockwise by `degrees`. */
function turned(r: Region, degrees: number): Region {
  if (degrees === 90) return { x: 1 - r.y - r.h, y: r.x, w: r.h, h: r.w };
  if (degrees === 180) return { x: 1 - r.x - r.w, y: 1 - r.y - r.h, w: r.w, h: r.h };
  return { x: r.y, y: 1 - r.x - r.w, w: r.h, h: r.w };
}

beforeAll(async () => {
  jpeg = (await shoot('invoice', 4244, 0, { w: 2000, h: 1500 })).jpeg;
  upright = await readTurned(0);
}, 180_000);

describe('a page photographed the wrong way up', () => {
  it('reads upright as an invoice with its fields', () => {
    expect(upright.kind).toBe('invoice');
    expect(Object.keys(upright.fields).length).toBeGreaterThanOrEqual(8);
  });

  for (const degrees of [90, 180, 270]) {
    it(`turned ${degrees}°: the same kind and fields, boxes on the turned photo`, async () => {
      const r = await readTurned(degrees);
      expect(r.kind).toBe('invoice');
      for (const name of ['patientName', 'hospital', 'totalAmount', 'invoiceNumber', 'issueDate']) {
        expect(r.fields[name]?.value, name).toEqual(upright.fields[name]?.value);
        const want = turned(upright.fields[name]!.region!, degrees);
        const got = r.fields[name]!.region!;
        for (const k of ['x', 'y', 'w', 'h'] as const)
          expect(Math.abs(got[k] - want[k]), `${name}.${k}`).toBeLessThan(0.01);
      }
    }, 180_000);
  }
});

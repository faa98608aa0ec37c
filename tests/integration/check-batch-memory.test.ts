// The CLI check batch's memory, by work and not by clock: what a batch keeps per photo (the duplicate
// fingerprint, the report: tens of KB) must stay far under what one photo's pixels take, so a batch that held
// rasters, decoded buffers or page facts per photo fails here. And the figure must be the checking process's
// own: the bench once reported the spawning process's size (getrusage's maxRSS survives the fork and exec;
// bench/cli-peak-memory.ts), which read as a 1011 MB regression of a 256 MB batch.
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliCheck } from '../../bench/cli-peak-memory';
import { makeTempDir } from '../helpers/tmp';

const tmp = makeTempDir('claimdesk-check-memory-');
afterAll(() => tmp.cleanup());

const W = 1600;
const H = 1200;
const PHOTOS = 24;
/** Photos in the short batch: the allocator and V8's heap settle over the first few (+15-30 MB). */
const FEW = 6;
/** One photo's analysis raster (RGB + grey) at this size: what a leak of pixels would keep per photo. */
const RASTER_MB = (W * H * 4) / 1024 / 1024;
const files: string[] = [];

/** A page of dark strokes in rows on light paper, its own pattern per `seed` (no two photos alike). */
async function page(seed: number, path: string): Promise<void> {
  const px = Buffer.alloc(W * H * 3, 232);
  let s = seed * 7919 + 17;
  const rnd = (n: number): number => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return (s >> 8) % n;
  };
  for (let line = 120; line < H - 120; line += 40) {
    for (let x = 100; x < W - 100; x += 22 + rnd(6)) {
      const w = 4 + rnd(14);
      const h = 14 + rnd(10);
      for (let y = line; y < line + h; y++)
        for (let xx = x; xx < x + w; xx++) px.fill(30 + rnd(30), (y * W + xx) * 3, (y * W + xx) * 3 + 3);
    }
  }
  await sharp(px, { raw: { width: W, height: H, channels: 3 } })
    .jpeg({ quality: 85 })
    .toFile(path);
}

beforeAll(async () => {
  for (let i = 0; i < PHOTOS; i++) {
    const p = join(tmp.dir, `page-${i}.jpg`);
    await page(i, p);
    files.push(p);
  }
});

describe('claimdesk check: memory of a batch', () => {
  it('reports the checking process’s own peak, not the size of the process that started it', () => {
    // Ballast in this process, touched so it is resident: a measure inherited through the fork would read it.
    const ballast = Buffer.alloc(400 * 1024 * 1024, 1);
    const one = runCliCheck(files.slice(0, 1));
    expect(ballast[ballast.length - 1]).toBe(1);
    expect(one.count).toBe(1);
    // One check of a 2-MP photo is ~100-130 MB (Node, sharp, the raster); 400 MB of ballast would show.
    expect(one.peakRssMb).toBeLessThan(300);
  }, 60_000);

  it('grows by far less than a raster per photo', () => {
    const few = runCliCheck(files.slice(0, FEW));
    const all = runCliCheck(files);
    expect(few.count).toBe(FEW);
    expect(all.count).toBe(PHOTOS);
    const perPhoto = (all.peakRssMb - few.peakRssMb) / (PHOTOS - FEW);
    // Keeping a raster per photo would add RASTER_MB (7.3 MB) each, the full-size decode more; the fingerprint
    // kept is 36 KB. Measured today: 1-2 MB a photo between 6 and 24 photos (V8's heap still growing in steps).
    expect(perPhoto).toBeLessThan(RASTER_MB / 2);
    // Two CLI runs over 30 photos of 2 MP: ~8 s of CPU, minutes on a loaded machine.
  }, 300_000);
});

// Real camera photos of text (tests/fixtures/real, from OpenCV's and scikit-image's sample data): defocus and hand shake on a
// real sensor, with its noise, demosaicing and JPEG, in close crops that show no page edge. A Gaussian
// kernel on a rendered page does not reproduce them, so they are the check that the blur measure holds on
// photos the project did not make.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkFile } from '../../electron/core/quality/index';

const REAL = fileURLToPath(new URL('../fixtures/real/', import.meta.url));

describe('real out-of-focus and shaken photos of text', () => {
  for (const file of ['text_defocus.jpg', 'text_motion.jpg', 'licenseplate_motion.jpg']) {
    it(`${file} fails blurry, with advice to hold steady and focus`, async () => {
      const r = await checkFile(join(REAL, file), { kind: 'itemized_bill' });
      const blur = r.findings.find((f) => f.code === 'blurry');
      expect(blur?.severity, `${file}: ${JSON.stringify(r.findings)} ${JSON.stringify(r.metrics)}`).toBe(
        'error',
      );
      expect(blur!.message).toMatch(/对焦|拿稳/);
      expect(r.verdict).toBe('fail');
    });
  }
});

describe('a real sharp photo of a printed page', () => {
  it('skimage_page.png (a camera photo of a book page, 384×191) is not called blurry', async () => {
    // A small photo: its lines are ~11 px tall, so a resolution warning is fair, and the crop cuts the text at
    // the frame edges; but its strokes are sharp (edges ~1.5 px, nearly all ink at full darkness).
    const r = await checkFile(join(REAL, 'skimage_page.png'), { kind: 'itemized_bill' });
    expect(
      r.findings.map((f) => f.code),
      JSON.stringify(r.metrics),
    ).not.toContain('blurry');
    expect(r.metrics.inkKeptDark as number).toBeGreaterThan(0.5);
    const w = r.metrics.edgeWidthPx as { x: number; y: number };
    expect(Math.max(w.x, w.y)).toBeLessThan(2);
  });
});

// Scans and close-ups: no table around the page. A flatbed scan with clean margins passes (its white paper
// is neither glare nor a cut-off page); a close-up of the middle of the page, text running off its edges,
// is an incomplete page.
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { checkFile } from '../../electron/core/pages/check';
import { renderDocument } from '../../scripts/quality-corpus/documents';
import { makeTempDir } from '../helpers/tmp';

const tmp = makeTempDir('claimdesk-check-scan-');
afterAll(() => tmp.cleanup());

beforeAll(async () => {
  const d = await renderDocument('itemized_bill', { seed: 5, seal: false });
  const img = sharp(d.rgb, { raw: { width: d.width, height: d.height, channels: 3 } });
  // 200 dpi A4 scan, saved as PNG the way scanner software does.
  await img.clone().png().toFile(join(tmp.dir, 'scan.png'));
  await img
    .clone()
    .extract({ left: 300, top: 600, width: 1000, height: 1200 })
    .png()
    .toFile(join(tmp.dir, 'closeup.png'));
});

it('passes a clean 200-dpi scan that fills the frame', async () => {
  const r = await checkFile(join(tmp.dir, 'scan.png'), { kind: 'itemized_bill' });
  expect(r.findings).toEqual([]);
  expect(r.metrics.pageFillsFrame).toBe(true);
  // 2.9-mm type at 200 dpi: characters ~2.6 mm = ~20 px tall, measured on the text itself.
  expect(r.metrics.textHeightPx).toBeGreaterThanOrEqual(16);
  expect(r.metrics.textHeightPx).toBeLessThanOrEqual(26);
});

it('fails a close-up whose text runs off the frame, naming the edges', async () => {
  const r = await checkFile(join(tmp.dir, 'closeup.png'), { kind: 'itemized_bill' });
  const cut = r.findings.find((f) => f.code === 'incomplete_page');
  expect(cut?.severity).toBe('error');
  expect(cut!.message).toContain('上边');
  expect(r.findings.map((f) => f.code)).not.toContain('glare');
});

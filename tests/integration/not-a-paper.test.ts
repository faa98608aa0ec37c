// A photo with no paper and no text on it is not a paper (issue 26, point 6): a wall or desk photographed by
// mistake was marked 合格. analysePage adds not_a_paper from the photo checks' own text and outline measures
// and, when the reader ran, what it read; a real paper keeps its verdict.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analysePage } from '../../electron/core/pages/analyse';
import { analyseInThread } from '../../electron/core/pages/pipeline';

const SAMPLES = resolve(import.meta.dirname, '../../resources/samples');
let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'claimdesk-not-a-paper-'));
  // A grey wall with sensor noise, as a phone sees it: no outline, no text.
  await sharp({
    create: {
      width: 4000,
      height: 3000,
      channels: 3,
      background: '#969696',
      noise: { type: 'gaussian', mean: 150, sigma: 3 },
    },
  })
    .jpeg({ quality: 90 })
    .toFile(join(dir, 'wall.jpg'));
  // A blank white sheet on a dark desk: an outline, no text.
  const sheet = await sharp({ create: { width: 2600, height: 2200, channels: 3, background: '#ebebeb' } })
    .png()
    .toBuffer();
  await sharp({ create: { width: 4000, height: 3000, channels: 3, background: '#3c3c3c' } })
    .composite([{ input: sheet, left: 700, top: 400 }])
    .jpeg({ quality: 90 })
    .toFile(join(dir, 'blank-sheet.jpg'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const codes = (f: { quality: { findings: Array<{ code: string }> } | null }) =>
  f.quality?.findings.map((x) => x.code) ?? [];

describe('not_a_paper', () => {
  it('fails a wall photographed by mistake, with the checks alone and with the reader', async () => {
    const alone = await analysePage({ path: join(dir, 'wall.jpg'), kind: 'invoice' });
    expect(alone.facts.quality?.verdict).toBe('fail');
    expect(codes(alone.facts)).toContain('not_a_paper');
    const read = await analyseInThread({ path: join(dir, 'wall.jpg'), kind: 'invoice' });
    expect(codes(read)).toContain('not_a_paper');
    expect(read.quality!.findings.find((f) => f.code === 'not_a_paper')!.message).toContain('没有找到纸张');
  }, 120_000);

  it('fails a blank sheet once the reader read nothing on it; the checks alone leave it', async () => {
    const alone = await analysePage({ path: join(dir, 'blank-sheet.jpg'), kind: 'invoice' });
    expect(codes(alone.facts)).not.toContain('not_a_paper');
    const read = await analyseInThread({ path: join(dir, 'blank-sheet.jpg'), kind: 'invoice' });
    expect(codes(read)).toContain('not_a_paper');
    expect(read.quality!.findings.find((f) => f.code === 'not_a_paper')!.message).toContain('空白页');
  }, 120_000);

  it('leaves the sample papers as they were', async () => {
    for (const name of ['invoice.jpg', 'diagnosis.jpg', 'id-card.jpg', 'bank-card.jpg']) {
      const facts = await analyseInThread({ path: join(SAMPLES, name), kind: 'invoice' });
      expect(codes(facts), name).not.toContain('not_a_paper');
    }
  }, 240_000);
});

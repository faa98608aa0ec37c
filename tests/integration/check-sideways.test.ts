// A sealed invoice photographed on its side (no orientation tag) is checked as it would be upright: the text
// height is measured along its lines (they run down the frame), so it is not called huge text, and the seal,
// judged against that height, is still found. Before, the same photo measured 176-px "text" and failed
// seal_missing. OCR corpus B's photo 003 (a provincial 住院收费票据 laid out by Chromium in AR PL UKai, its
// 收费专用章 over it, through the Bayer camera model), turned by sharp.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QualityReport } from '../../shared/quality';
import { checkFile } from '../../electron/core/pages/check';
import { corpusBPlan } from '../../scripts/make-ocr-corpus-b';
import { makePaperB } from '../../scripts/ocr-corpus-b/papers';
import { shootB } from '../../scripts/ocr-corpus-b/shots';
import { closeBrowser } from '../../scripts/quality-corpus-b/documents';
import { makeTempDir } from '../helpers/tmp';

const tmp = makeTempDir('claimdesk-sideways-');
const reports = new Map<number, QualityReport>();

beforeAll(async () => {
  const { kind, variant } = corpusBPlan(6)[3]!;
  let jpeg: Buffer;
  try {
    jpeg = (await shootB(await makePaperB(kind, 9003, variant), 9003, 3)).jpeg;
  } finally {
    await closeBrowser();
  }
  for (const degrees of [0, 90, 270]) {
    const file = join(tmp.dir, `invoice-${degrees}.jpg`);
    writeFileSync(file, await sharp(jpeg).rotate(degrees).jpeg({ quality: 92 }).toBuffer());
    reports.set(degrees, await checkFile(file, { kind: 'invoice' }));
  }
}, 240_000);
afterAll(() => tmp.cleanup());

const metric = (r: QualityReport, name: string) => (r.metrics as Record<string, unknown>)[name];

describe('a page photographed on its side', () => {
  it('upright: passes with its seal found', () => {
    const up = reports.get(0)!;
    expect(up.findings.map((f) => f.code)).toEqual([]);
    expect(metric(up, 'sealFound')).toBe(true);
    expect(metric(up, 'textSideways')).toBeUndefined();
  });

  for (const degrees of [90, 270]) {
    it(`turned ${degrees}°: the same text height, the seal found, no finding`, () => {
      const up = reports.get(0)!;
      const turned = reports.get(degrees)!;
      expect(turned.findings.map((f) => f.code)).toEqual([]);
      expect(metric(turned, 'sealFound')).toBe(true);
      const a = metric(up, 'textHeightPx') as number;
      const b = metric(turned, 'textHeightPx') as number;
      expect(Math.abs(a - b), `upright ${a} px, turned ${b} px`).toBeLessThanOrEqual(1);
    });
  }
});

// Print under a red seal (issue 11): the 收款单位 line of a 医疗收费电子票据 is stamped over with the 财务专用章
// on purpose, and the detector cut the line where the ring crossed it (天津市胸科医院 came out as 津市胸科医院 on
// OCR corpus B's confirmation set, seed 9500, photo 006). With the seal dropped out (red stamp ink lightened
// to its own red level for a second detection, and lines under a seal recognised again in the red channel)
// the hospital is read whole. Red print that is the text itself — a red 急诊 box, a red No. number, the
// seal's own words — must still be read.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ocrImage } from '../../electron/core/ocr/engine';
import { setRecLanes, setSealDropout, setStageMeter } from '../../electron/core/ocr/toggles';
import { readPaper } from '../../electron/core/pages/reader';
import { corpusBPlan } from '../../scripts/make-ocr-corpus-b';
import { makePaperB, type PaperB } from '../../scripts/ocr-corpus-b/papers';
import { shootB } from '../../scripts/ocr-corpus-b/shots';
import { closeBrowser } from '../../scripts/quality-corpus-b/documents';
import { makeTempDir } from '../helpers/tmp';

let tmp: { dir: string; cleanup: () => void };
let photo: { file: string; paper: PaperB };

beforeAll(async () => {
  tmp = makeTempDir('claimdesk-ocr-seal-');
  const n = 6;
  const { kind, variant } = corpusBPlan(6)[n]!;
  try {
    const paper = await makePaperB(kind, 9500 + n, variant);
    const shot = await shootB(paper, 9500 + n, n);
    const file = join(tmp.dir, `${n}-${kind}.jpg`);
    writeFileSync(file, shot.jpeg);
    photo = { file, paper };
  } finally {
    await closeBrowser();
  }
}, 300_000);
afterAll(() => {
  setSealDropout(true);
  tmp?.cleanup();
});

it('reads the hospital under the 财务专用章 whole, and did not without the dropout', async () => {
  expect(photo.paper.kind).toBe('invoice');
  const want = photo.paper.truth.hospital;
  expect(typeof want).toBe('string');
  const withDropout = await readPaper(photo.file, { kind: 'invoice' });
  expect(withDropout.fields.hospital?.value).toBe(want);
  setSealDropout(false);
  try {
    const without = await readPaper(photo.file, { kind: 'invoice' });
    expect(without.fields.hospital?.value).not.toBe(want);
  } finally {
    setSealDropout(true);
  }
}, 300_000);

it('looks through the seal in the second lane while this thread looks at the page, and reads the same as one lane', async () => {
  const { data, info } = await sharp(photo.file)
    .rotate()
    .resize(2000, 2000, { fit: 'inside' })
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const image = { data, width: info.width, height: info.height, channels: 3 as const };
  const calls = new Map<string, number>();
  setStageMeter({ add: (name) => calls.set(name, (calls.get(name) ?? 0) + 1) });
  try {
    setRecLanes(1);
    const one = await ocrImage(image);
    // Both detector looks here.
    expect(calls.get('det.run')).toBe(2);
    calls.clear();
    setRecLanes(2);
    const two = await ocrImage(image);
    // The look through the seal ran in the lane's thread: this thread ran one and waited for the other.
    expect(calls.get('det.run')).toBe(1);
    expect(calls.get('det.wait')).toBe(1);
    expect(two.segments).toEqual(one.segments);
  } finally {
    setStageMeter(null);
    setRecLanes(2);
  }
}, 300_000);

it('still reads red print: a red 急诊 box, a red No. number and the seal words beside black print', async () => {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1800" height="700">
<rect width="1800" height="700" fill="#f4f2ec"/>
<g font-family="Noto Serif CJK SC" font-size="46" fill="#1a1a1a">
<text x="80" y="140">交款人：王秀英</text>
<text x="80" y="330">收款单位（章）：复旦大学附属中山医院</text>
<text x="80" y="520">开票日期：2026年09月10日</text></g>
<g fill="none" stroke="#d42a2a" stroke-width="9" opacity="0.85"><circle cx="720" cy="310" r="150"/></g>
<g fill="#d42a2a" opacity="0.85" font-family="Noto Sans CJK SC">
<text x="720" y="400" font-size="40" text-anchor="middle">财务专用章</text></g>
<g fill="#c81e1e" font-family="Noto Sans CJK SC" font-size="50"><text x="1250" y="140">No. 00123456</text>
<rect x="1300" y="440" width="170" height="100" fill="none" stroke="#c81e1e" stroke-width="6"/>
<text x="1335" y="510">急诊</text></g></svg>`;
  const { data, info } = await sharp(Buffer.from(svg))
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const { segments } = await ocrImage({ data, width: info.width, height: info.height, channels: 3 });
  const text = segments.map((s) => s.text).join('|');
  for (const want of ['急诊', '00123456', '财务专用章', '复旦大学附属中山医院', '王秀英']) {
    expect(text).toContain(want);
  }
}, 120_000);

// A slice of OCR corpus B (scripts/make-ocr-corpus-b.ts: papers laid out by Chromium in other faces and
// the wording of real papers, photographed through the Bayer camera model), read through `read`
// (readPaper: one analysePage per photo, real OCR) and compared field for field with what the generator
// printed. The photos are the corpus's own (same seeds, same numbering) and each exercises a rule added for
// corpus B: 001 a provincial 住院收费票据 whose date is printed after a plain 日期 and whose 个人现金支付
// label is partly under the seal, 003 a grid whose values sit in the cells under their labels, 009 a
// receipt numbered "No." with a spaced 日 期, 018 a certificate whose numbered diagnoses are read without
// the space between them, 024 a 出院记录 with the same. Before those rules 10 of their fields were missed.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readPaper } from '../../electron/core/pages/reader';
import { corpusBPlan } from '../../scripts/make-ocr-corpus-b';
import { makePaperB, type PaperB } from '../../scripts/ocr-corpus-b/papers';
import { shootB } from '../../scripts/ocr-corpus-b/shots';
import { closeBrowser } from '../../scripts/quality-corpus-b/documents';
import { makeTempDir } from '../helpers/tmp';

const SLICE = [1, 3, 9, 18, 24];
let tmp: { dir: string; cleanup: () => void };
const photos: Array<{ file: string; paper: PaperB }> = [];

beforeAll(async () => {
  tmp = makeTempDir('claimdesk-ocr-b-slice-');
  const plan = corpusBPlan(6);
  try {
    for (const n of SLICE) {
      const { kind, variant } = plan[n]!;
      const paper = await makePaperB(kind, 9000 + n, variant);
      const shot = await shootB(paper, 9000 + n, n);
      const file = join(tmp.dir, `${n}-${kind}.jpg`);
      writeFileSync(file, shot.jpeg);
      photos.push({ file, paper });
    }
  } finally {
    await closeBrowser();
  }
}, 300_000);
afterAll(() => tmp?.cleanup());

it('classifies every paper of the corpus B slice and reads every printed field exactly', async () => {
  const misses: string[] = [];
  let fields = 0;
  for (const { file, paper } of photos) {
    const r = await readPaper(file);
    if (r.kind !== paper.kind) misses.push(`${file}: kind ${r.kind}`);
    const read = r.kind === paper.kind ? r.fields : (await readPaper(file, { kind: paper.kind })).fields;
    for (const [name, want] of Object.entries(paper.truth)) {
      fields++;
      if (read[name]?.value !== want)
        misses.push(`${paper.layout}.${name}: want ${String(want)} got ${String(read[name]?.value)}`);
    }
  }
  expect(fields).toBeGreaterThanOrEqual(45);
  expect(misses).toEqual([]);
}, 600_000);

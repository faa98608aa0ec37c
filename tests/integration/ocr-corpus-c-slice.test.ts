// A slice of OCR corpus C (scripts/make-ocr-corpus-c.ts: papers drawn stroke by stroke on a Skia canvas in
// faces and layouts neither A nor B has, captured by its own scan/phone model), read through `read`
// (readPaper: real OCR) and compared field for field with what the generator printed. A truth of null is a
// label printed with its cell blank: nothing may be read there. The photos are the corpus's own (seed 12000,
// same numbering): 003 a national 住院 e-invoice with 交款人 blank, photographed by a document camera; 004 a
// pin-feed receipt with the name masked, values dot-matrix printed out of register and the date in the
// form's 年 月 日 cells; 005 a grid 住院费票据 with blank 姓名 and 住院号 cells, photographed on a table; 020 a
// scanned 出院记录 with a blank name, clock times and ICD codes; 025 a 诊断证明书 with a blank name and a spaced
// 诊 断. Under the rules before issue 21 (same OCR) 16 of these 46 fields were wrong or missed: a fee item
// (床位费) read as the patient's name, two of the three totals missed or wrong, the grid receipt called other.
import { mkdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readPaper } from '../../electron/core/pages/reader';
import { writePhotoC } from '../../scripts/make-ocr-corpus-c';
import { corpusCPlan } from '../../scripts/ocr-corpus-c/papers';
import { makeTempDir } from '../helpers/tmp';
import type { DocumentKind } from '../../shared/domain';

const SLICE = [3, 4, 5, 20, 25];
let tmp: { dir: string; cleanup: () => void };
const photos: string[] = [];

beforeAll(async () => {
  tmp = makeTempDir('claimdesk-ocr-c-slice-');
  mkdirSync(tmp.dir, { recursive: true });
  for (const n of SLICE) photos.push(await writePhotoC(tmp.dir, n, 12000, 6));
}, 600_000);
afterAll(() => tmp?.cleanup());

it('classifies the corpus C slice, reads every printed field exactly and nothing where a cell is blank', async () => {
  const misses: string[] = [];
  let fields = 0;
  let blank = 0;
  for (const file of photos) {
    const paper = JSON.parse(readFileSync(file.replace(/\.jpg$/, '.json'), 'utf8')) as {
      kind: DocumentKind;
      layout: string;
      truth: Record<string, string | number | boolean | null>;
    };
    const r = await readPaper(file);
    if (r.kind !== paper.kind) misses.push(`${file}: kind ${r.kind}`);
    const read = r.kind === paper.kind ? r.fields : (await readPaper(file, { kind: paper.kind })).fields;
    for (const [name, want] of Object.entries(paper.truth)) {
      fields++;
      if (want === null) blank++;
      const got = read[name]?.value;
      if (want === null ? got !== undefined : got !== want)
        misses.push(`${paper.layout}.${name}: want ${String(want)} got ${String(got)}`);
    }
  }
  expect(corpusCPlan(6).length).toBe(30);
  expect(fields).toBeGreaterThanOrEqual(45);
  expect(blank).toBeGreaterThanOrEqual(6);
  expect(misses).toEqual([]);
}, 900_000);

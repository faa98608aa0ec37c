// A slice of OCR corpus D (scripts/ocr-corpus-d/make.py: papers drawn by Pillow's FreeType rasteriser in
// Python, with provinces, faces, a 24-pin printer, ruled header grids, date forms and a camera model that
// corpora A, B and C do not have), generated in the test and read through `read` (readPaper: real OCR),
// compared field for field with what the generator printed. A truth of null is a label printed with its
// cell blank or masked: nothing may be read there. Seed 21000, same numbering as the corpus: 006 a 云南
// national 门诊 e-invoice photographed on a table, its header a ruled grid (票据代码's value ten characters
// right of it; 交款人 blank with 就诊科室 under it, read as the name 就诊 before); 013 an 内蒙古 pin-feed
// receipt whose 24-pin values are out of register (医保类型's value starts under the label, was missed),
// the date 2024年9月20日 beside 收款人, 合计(大写) and ¥ on one line, the hospital under the seal; 018 a
// 诊断证明书 whose first diagnosis wraps onto the next line (腰椎间盘 | 突出症, was cut). Four photos' OCR:
// seconds, one model load for the file.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readPaper } from '../../electron/core/pages/reader';
import { REPO_ROOT, makeTempDir } from '../helpers/tmp';
import type { DocumentKind } from '../../shared/domain';

const SLICE = [6, 13, 18];
let tmp: { dir: string; cleanup: () => void };

beforeAll(() => {
  tmp = makeTempDir('claimdesk-ocr-d-slice-');
  const made = spawnSync(
    '/usr/bin/python3',
    [
      join(REPO_ROOT, 'scripts', 'ocr-corpus-d', 'make.py'),
      tmp.dir,
      '--seed',
      '21000',
      '--only',
      SLICE.join(','),
    ],
    { encoding: 'utf8', timeout: 300_000 },
  );
  if (made.status !== 0) throw new Error(`corpus D generator failed: ${made.stderr}`);
}, 300_000);
afterAll(() => tmp?.cleanup());

it('classifies the corpus D slice, reads every printed field exactly and nothing where a cell is blank', async () => {
  const photos = readdirSync(tmp.dir)
    .filter((f) => f.endsWith('.jpg'))
    .sort();
  expect(photos.map((f) => Number(f.slice(0, 3)))).toEqual(SLICE);
  const misses: string[] = [];
  let fields = 0;
  let blank = 0;
  for (const f of photos) {
    const file = join(tmp.dir, f);
    const paper = JSON.parse(readFileSync(file.replace(/\.jpg$/, '.json'), 'utf8')) as {
      kind: DocumentKind;
      layout: string;
      truth: Record<string, string | number | boolean | null>;
    };
    const r = await readPaper(file);
    if (r.kind !== paper.kind) misses.push(`${f}: kind ${r.kind}`);
    const read = r.kind === paper.kind ? r.fields : (await readPaper(file, { kind: paper.kind })).fields;
    for (const [name, want] of Object.entries(paper.truth)) {
      fields++;
      if (want === null) blank++;
      const got = read[name]?.value;
      if (want === null ? got !== undefined : got !== want)
        misses.push(`${f} ${paper.layout}.${name}: want ${String(want)} got ${String(got)}`);
    }
  }
  expect(fields).toBe(34);
  expect(blank).toBe(3);
  expect(misses).toEqual([]);
}, 300_000);

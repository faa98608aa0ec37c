// A second look at the lines a seal crosses: each is recognised again with the seal's red ink dropped out,
// and where the two readings differ the lexicon check decides (ocr/lexicon.ts).
import { isRedInk } from '../red-ink';
import type { Quad } from './geometry';
import type { Models } from './models';
import { recognise } from './recognise';
import { sealLinesMode } from './toggles';
import type { OcrImage, OcrSegment } from './types';

/** Share of a box's area in red stamp ink from which a seal crosses it (a 1 mm ring stroke over a 60 mm line ~1.7 %). */
const SEAL_ON_LINE = 0.005;

function redShare(img: OcrImage, q: Quad): number {
  const xs = q.map((p) => p[0]);
  const ys = q.map((p) => p[1]);
  const x0 = Math.max(0, Math.floor(Math.min(...xs)));
  const x1 = Math.min(img.width - 1, Math.ceil(Math.max(...xs)));
  const y0 = Math.max(0, Math.floor(Math.min(...ys)));
  const y1 = Math.min(img.height - 1, Math.ceil(Math.max(...ys)));
  let red = 0;
  let all = 0;
  for (let y = y0; y <= y1; y += 2) {
    for (let x = x0; x <= x1; x += 2) {
      const j = (y * img.width + x) * 3;
      all++;
      if (isRedInk(img.data[j]!, img.data[j + 1]!, img.data[j + 2]!)) red++;
    }
  }
  return all ? red / all : 0;
}

/**
 * A second look at the lines a seal crosses: each is recognised again on the page with the red ink lightened
 * to its own red level (black print under the seal stays dark). Where both readings have as many characters,
 * the second's character at each place joins the first's alternatives at the probability the model gave it,
 * and the first's is doubtful; the lexicon check then decides (hospital names and diagnoses only). Tried and
 * left out: taking the whole second reading (it read 天 as 关 at a higher mean confidence on OCR corpus B's
 * seed-9500 photo 006, and fixed nothing else), and taking per character whichever the model was surer of
 * (it fixed 复日 → 复旦 on photo 008 of that set, and turned 天津 into 关津 on photo 006 again: 关 at 0.64
 * over 天 at 0.41). A line read with a different number of characters the second time is left as it was.
 */
export async function secondLook(models: Models, img: OcrImage, segs: OcrSegment[]): Promise<number> {
  if (sealLinesMode() === 'once') return 0;
  const crossed = segs.filter((s) => s.text.length > 0 && redShare(img, s.quad) >= SEAL_ON_LINE);
  if (!crossed.length) return 0;
  // Red ink lightened only where the crossed lines are cut from (each box's bounds, and the one pixel around
  // them bilinear sampling reads): the rest of the page is never looked at again.
  const light = new Uint8Array(img.data);
  for (const s of crossed) {
    const xs = s.quad.map((p) => p[0]);
    const ys = s.quad.map((p) => p[1]);
    const x0 = Math.max(0, Math.floor(Math.min(...xs)) - 2);
    const x1 = Math.min(img.width - 1, Math.ceil(Math.max(...xs)) + 2);
    const y0 = Math.max(0, Math.floor(Math.min(...ys)) - 2);
    const y1 = Math.min(img.height - 1, Math.ceil(Math.max(...ys)) + 2);
    for (let y = y0; y <= y1; y++) {
      for (let x = x0, j = (y * img.width + x0) * 3; x <= x1; x++, j += 3) {
        const R = img.data[j]!;
        if (!isRedInk(R, img.data[j + 1]!, img.data[j + 2]!)) continue;
        light[j + 1] = R;
        light[j + 2] = R;
      }
    }
  }
  const again = await recognise(
    models,
    { ...img, data: light },
    crossed.map((s) => s.quad),
  );
  crossed.forEach((s, k) => {
    const o = again[k]!;
    if ([...o.text].length !== [...s.text].length || o.text === s.text) return;
    const chars = [...s.text];
    const other = [...o.text];
    chars.forEach((c, i) => {
      if (other[i] === c) return;
      const q = o.charConf[i]!;
      // The model read this place two ways: the first reading cannot be surer than the second look leaves
      // it (1 − the other character's probability), so it is doubtful and the lexicon check may settle it.
      s.charConf[i] = Math.min(s.charConf[i]!, 1 - q);
      const alts = (s.charAlts ??= chars.map(() => []));
      const list = (alts[i] ??= []).filter((a) => a.ch !== other[i]);
      const had = (alts[i] ?? []).find((a) => a.ch === other[i]);
      list.push({ ch: other[i]!, p: Math.max(q, had?.p ?? 0) });
      alts[i] = list.sort((a, b) => b.p - a.p);
    });
    s.confidence = s.charConf.reduce((a, b) => a + b, 0) / Math.max(1, s.charConf.length);
  });
  return crossed.length;
}

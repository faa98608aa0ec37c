// Decoding the recogniser's output (greedy CTC): the best class at each time step with the model's own
// alternatives where it was unsure (`bestPath`, run in whichever thread ran the recogniser, so only small
// arrays cross between threads), then repeats merged and blanks dropped into characters (`decode`).
import type { Quad } from './geometry';
import type { CharAlt, OcrSegment } from './types';

/** A recogniser call's best path: `T` steps per crop, and the alternatives of its doubtful steps. */
export interface BestPath {
  T: number;
  cls: Int32Array;
  p: Float32Array;
  altStep: Int32Array;
  altCls: Int32Array;
  altP: Float32Array;
}

/**
 * The best class and its probability at each time step of `n` crops' recogniser output (`n·T·C` floats),
 * the first half of greedy CTC; and, at each step whose best is below `doubtful`, every other class the
 * model gave at least `altMin` (at most 1 / altMin − 1 of them): the model's own alternatives, which the
 * lexicon check may take for a doubtful character (ocr/lexicon.ts). They come as parallel lists (step,
 * class, probability).
 */
export function bestPath(
  probs: Float32Array,
  n: number,
  T: number,
  C: number,
  doubtful: number,
  altMin: number,
): BestPath {
  const cls = new Int32Array(n * T);
  const p = new Float32Array(n * T);
  const steps: number[] = [];
  const classes: number[] = [];
  const ps: number[] = [];
  for (let s = 0; s < n * T; s++) {
    const base = s * C;
    let best = 0;
    let bestP = probs[base]!;
    for (let c = 1; c < C; c++) {
      const v = probs[base + c]!;
      if (v > bestP) {
        bestP = v;
        best = c;
      }
    }
    cls[s] = best;
    p[s] = bestP;
    if (bestP < doubtful) {
      for (let c = 0; c < C; c++) {
        const v = probs[base + c]!;
        if (v >= altMin && c !== best) {
          steps.push(s);
          classes.push(c);
          ps.push(v);
        }
      }
    }
  }
  return {
    T,
    cls,
    p,
    altStep: Int32Array.from(steps),
    altCls: Int32Array.from(classes),
    altP: Float32Array.from(ps),
  };
}

/** The crops of one recogniser call, side by side `W` px wide: each box, its place in the results, its width. */
export interface CropItems {
  items: { quad: Quad; index: number; width: number }[];
  W: number;
}

/** Greedy CTC, second half: repeats merged, blanks dropped, each character's position and probability. */
export function decode(job: CropItems, out: BestPath, charset: string[], results: OcrSegment[]): void {
  const { T, cls, p, altStep, altCls, altP } = out;
  // The alternatives of the doubtful steps, by step.
  const altsAt = new Map<number, number[]>();
  for (let i = 0; i < altStep.length; i++) {
    const list = altsAt.get(altStep[i]!);
    if (list) list.push(i);
    else altsAt.set(altStep[i]!, [i]);
  }
  job.items.forEach((b, k) => {
    const chars: string[] = [];
    const charPos: number[] = [];
    const charConf: number[] = [];
    const charAlts: CharAlt[][] = [];
    let prev = 0;
    const steps = Math.min(T, Math.ceil((b.width / job.W) * T));
    for (let t = 0; t < steps; t++) {
      const best = cls[k * T + t]!;
      if (best !== 0 && best !== prev) {
        chars.push(charset[best] ?? '');
        charConf.push(p[k * T + t]!);
        charPos.push(Math.min(1, ((t + 0.5) * (job.W / T)) / b.width));
        // The model's other candidates over the steps this character was read at (its run of steps), each
        // at the highest probability it had there; the blank is no alternative.
        const alt = new Map<number, number>();
        for (let u = t; u < steps && cls[k * T + u] === best; u++) {
          for (const i of altsAt.get(k * T + u) ?? []) {
            const c = altCls[i]!;
            if (c > 0 && altP[i]! > (alt.get(c) ?? 0)) alt.set(c, altP[i]!);
          }
        }
        charAlts.push(
          [...alt.entries()].sort((x, y) => y[1] - x[1]).map(([c, q]) => ({ ch: charset[c] ?? '', p: q })),
        );
      }
      prev = best;
    }
    // Spaces at either end carry nothing; drop them with their positions.
    const all = [chars, charPos, charConf, charAlts] as unknown[][];
    while (chars.length && chars[0] === ' ') all.forEach((a) => a.shift());
    while (chars.length && chars[chars.length - 1] === ' ') all.forEach((a) => a.pop());
    const confidence = charConf.length ? charConf.reduce((x, y) => x + y, 0) / charConf.length : 0;
    results[b.index] = { text: chars.join(''), confidence, quad: b.quad, charPos, charConf, charAlts };
  });
}

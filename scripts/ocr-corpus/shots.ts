// Photographs corpus papers the way a person does with a phone (12 MP, 4032×3024): page on a table,
// rotated a few degrees, in perspective, lit unevenly, with mild defocus and sensor noise — the range a
// reviewer still accepts (the photo check's own limits: blur σ ≤ 1.5 px at this size, tilt ≤ 12 %).
import { rng } from '../quality-corpus/documents';
import { photograph, placePage, type Background } from '../quality-corpus/photograph';
import { makePaper, type Paper, type PaperKind } from './papers';

export interface Shot {
  paper: Paper;
  jpeg: Buffer;
  /** What was done to the photo, for the report. */
  conditions: { angle: number; tilt: number; blurSigma: number; exposure: number; falloff: number };
}

const BACKGROUNDS: Background[] = ['wood', 'desk', 'grey', 'cloth'];

export async function shoot(
  kind: PaperKind,
  seed: number,
  variant = 0,
  frame = { w: 4032, h: 3024 },
): Promise<Shot> {
  const paper = await makePaper(kind, seed, variant);
  const rand = rng(seed * 7 + 13);
  const portrait = paper.doc.height > paper.doc.width;
  const fw = portrait ? frame.h : frame.w;
  const fh = portrait ? frame.w : frame.h;
  const conditions = {
    angle: (rand() - 0.5) * 10,
    tilt: rand() * 0.1,
    blurSigma: 0.3 + rand() * 1.1,
    exposure: 0.85 + rand() * 0.25,
    falloff: rand() * 0.3,
  };
  const quad = placePage(paper.doc, fw, fh, {
    fill: kind === 'id_card' ? 0.6 + rand() * 0.2 : 0.8 + rand() * 0.12,
    angle: conditions.angle,
    tilt: conditions.tilt,
    cx: 0.47 + rand() * 0.06,
    cy: 0.47 + rand() * 0.06,
  });
  const jpeg = await photograph(paper.doc, {
    seed,
    frameWidth: fw,
    frameHeight: fh,
    quad,
    background: BACKGROUNDS[seed % BACKGROUNDS.length]!,
    exposure: conditions.exposure,
    falloff: conditions.falloff,
    blurSigma: conditions.blurSigma,
    noise: 2 + rand() * 3,
    jpegQuality: 85 + Math.floor(rand() * 10),
  });
  return { paper, jpeg, conditions };
}

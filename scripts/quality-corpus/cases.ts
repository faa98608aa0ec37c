// The calibration corpus as data: every case names the document, how it was photographed, and what a
// reviewer would do with it (`reject`: the codes that must be errors; empty = the reviewer accepts it).
// Strengths are physical (blur in frame pixels → mm on the page, dpi, paper grey level), so the table the
// script prints reads as "caught from this strength on".
import type { FindingCode } from '../../shared/quality';
import type { DocType, DocVariant } from './documents';
import type { Background, ShotOptions } from './photograph';

export interface CorpusCase {
  name: string;
  doc: DocType;
  seal: boolean;
  variant?: DocVariant;
  /** Kind passed to the checker (decides the seal check). */
  kind: string;
  background: Background;
  page: {
    cx?: number;
    cy?: number;
    fill?: number;
    angle?: number;
    tilt?: number;
    /** Slide the placed page so its right-most / bottom-most point lands here (frame fractions; > 1 = cut off). */
    pushRight?: number;
    pushBottom?: number;
  };
  shot: Omit<ShotOptions, 'seed' | 'frameWidth' | 'frameHeight' | 'quad' | 'background'> & {
    /** Shrink the photo to this long side in pixels (a chat app's compressed copy), whatever the frame. */
    outLong?: number;
  };
  /** Codes a reviewer rejects this photo for (must be errors). */
  reject: FindingCode[];
  /** Codes that may reasonably also appear (e.g. a cut-off page is also smaller); not counted as false alarms. */
  tolerate?: FindingCode[];
  /** A photo close to a limit that a reviewer still accepts. */
  borderline?: boolean;
}

const BACKGROUNDS: Background[] = ['wood', 'desk', 'grey', 'cloth'];

/** Body type size (mm) of each document as drawn in documents.ts, and its page size. */
const BODY_FONT_MM: Record<DocType, number> = { invoice: 3.4, itemized_bill: 2.9, diagnosis_certificate: 4 };
const PAGE_MM: Record<DocType, [number, number]> = {
  invoice: [210, 127],
  itemized_bill: [210, 297],
  diagnosis_certificate: [210, 297],
};

/**
 * Height in photo pixels of a line of body text when the page (fill 0.82, frameFor's 4:3 frame) is shot
 * and the photo shrunk to `outLong` px: hanzi ink spans ~0.88 of the type size. Labels the low-resolution
 * cases from the physics, independently of what the checker measures.
 */
export function expectedTextPx(doc: DocType, outLong: number, fill = 0.82): number {
  const [wMm, hMm] = PAGE_MM[doc];
  const frame = frameFor(doc, outLong);
  const pxPerMm = Math.min((frame.width * fill) / wMm, (frame.height * fill) / hMm);
  return 0.88 * BODY_FONT_MM[doc] * pxPerMm;
}

/** Legibility label for a photo whose text is `px` tall (thresholds of index.ts: 10 error, 13 warning). */
function legibility(px: number): Pick<CorpusCase, 'reject' | 'tolerate'> {
  if (px < 10) return { reject: ['low_resolution'], tolerate: ['blurry'] };
  if (px < 13) return { reject: [], tolerate: ['low_resolution', 'blurry'] };
  return { reject: [] };
}

/**
 * The blur rule both calibration sets are labelled by (set B states its strengths the same way): the
 * blur's own 10-90 % edge width in frame pixels over the body text's height in frame pixels. Hanzi stack up
 * to ~8 strokes in their height, ~1/8 of it apart, so an edge smeared over 1/5 of the height merges
 * neighbouring strokes: from 0.25 (a quarter past that line) a reviewer rejects the photo as blurred, under
 * 0.16 (a fifth short of it) accepts it, and in between either verdict is fair. Edge widths: a Gaussian of
 * σ spreads an edge 10-90 % over 2.56 σ, a pillbox of radius R over ~1.25 R, a straight box shake of
 * length L over 0.8 L. The sensor's own edge (~1.5 px) is left out: this is the fault, not the photo.
 */
export const BLUR_REJECT_RATIO = 0.25;
export const BLUR_ACCEPT_RATIO = 0.16;
export function blurLabel(edgePx: number, textPx: number): 'accept' | 'either' | 'reject' {
  const ratio = edgePx / textPx;
  return ratio >= BLUR_REJECT_RATIO ? 'reject' : ratio >= BLUR_ACCEPT_RATIO ? 'either' : 'accept';
}

/** 10-90 % edge width (frame px) of the blur a shot applies, as photograph() applies it; 0 when none. */
function blurEdgePx(shot: CorpusCase['shot']): number {
  let edge = 0;
  if (shot.blurSigma && shot.blurSigma >= 0.3) edge = 2.56 * shot.blurSigma;
  // photograph() makes the box an odd number of pixels long.
  if (shot.motion && shot.motion.length > 1)
    edge = Math.max(edge, 0.8 * (Math.round(shot.motion.length) | 1));
  return edge;
}

/** Sets a blurred case's `blurry` label from the blur rule at the frame size the corpus is made at. */
function labelBlur(c: CorpusCase, long: number): CorpusCase {
  const edge = blurEdgePx(c.shot);
  if (edge === 0) return c;
  const verdict = blurLabel(edge, expectedTextPx(c.doc, long, c.page.fill ?? 0.82));
  const reject: FindingCode[] = c.reject.filter((x) => x !== 'blurry');
  const tolerate: FindingCode[] = (c.tolerate ?? []).filter((x) => x !== 'blurry');
  if (verdict === 'reject') reject.push('blurry');
  if (verdict === 'either') tolerate.push('blurry');
  const { tolerate: _old, ...rest } = c;
  return { ...rest, reject, ...(tolerate.length ? { tolerate } : {}) };
}

/**
 * All cases for one document type at frames of `long` px; `seedBase` varies background and geometry so no
 * two look alike. Blurred cases are labelled by the blur rule at that frame size (blurLabel).
 */
export function casesFor(doc: DocType, seedBase: number, long = 4000): CorpusCase[] {
  return casesAt(doc, seedBase).map((c) => labelBlur(c, long));
}

function casesAt(doc: DocType, seedBase: number): CorpusCase[] {
  const kind = doc;
  const seal = doc !== 'itemized_bill';
  const bg = (k: number): Background => BACKGROUNDS[(seedBase + k) % BACKGROUNDS.length]!;
  const base = { doc, kind, seal };
  const normal = { fill: 0.82, angle: 2, tilt: 0.04 };
  const out: CorpusCase[] = [
    { ...base, name: 'clean-a', background: bg(0), page: normal, shot: {}, reject: [] },
    {
      ...base,
      name: 'clean-b',
      background: bg(1),
      page: { fill: 0.75, angle: -4, tilt: 0.08, cx: 0.48 },
      shot: { falloff: 0.25 },
      reject: [],
    },
    // Borderline photos a reviewer still accepts.
    {
      ...base,
      name: 'ok-soft-focus',
      background: bg(2),
      page: normal,
      shot: { blurSigma: 1.2 },
      reject: [],
      borderline: true,
    },
    {
      ...base,
      name: 'ok-slight-shake',
      background: bg(3),
      page: normal,
      shot: { motion: { length: 5, direction: 'h' } },
      reject: [],
      borderline: true,
    },
    {
      ...base,
      name: 'ok-dim',
      background: bg(0),
      page: normal,
      shot: { exposure: 0.62, noise: 5 },
      reject: [],
      borderline: true,
    },
    {
      ...base,
      name: 'ok-bright',
      background: bg(1),
      page: normal,
      shot: { exposure: 1.25, flare: 0.12 },
      reject: [],
      borderline: true,
    },
    {
      ...base,
      name: 'ok-faint-sheen',
      background: bg(2),
      page: normal,
      shot: { glare: { x: 0.4, y: 0.45, radius: 0.08, strength: 0.18 } },
      reject: [],
      borderline: true,
    },
    {
      ...base,
      name: 'ok-tight-margin',
      background: bg(3),
      page: { fill: 0.95, angle: 0.5, tilt: 0.02 },
      shot: {},
      reject: [],
      borderline: true,
    },
    {
      ...base,
      name: 'ok-strong-perspective',
      background: bg(0),
      page: { fill: 0.8, angle: 8, tilt: 0.18 },
      shot: { falloff: 0.3 },
      reject: [],
      borderline: true,
    },
    {
      ...base,
      name: 'ok-medium-res',
      background: bg(1),
      page: normal,
      shot: { outLong: 2000, jpegQuality: 80 },
      ...legibility(expectedTextPx(doc, 2000)),
      borderline: true,
    },
    {
      ...base,
      name: 'ok-rotated-exif',
      background: bg(2),
      page: normal,
      shot: { orientation: 6 },
      reject: [],
      borderline: true,
    },
    // Defocus: sigma in frame pixels. The labels written here are for 4000-px frames (an A4 page 3300 px
    // tall, 0.09 mm per pixel: 2.6 px keeps text readable, from 4 px complex hanzi smear); casesFor relabels
    // every blurred case by the blur rule at the frame size actually made (blurLabel), so at 3000-px frames
    // the 2.9-mm print of the itemized bill is blurred at σ 2.6 (edge 0.32 of its text height).
    {
      ...base,
      name: 'ok-blur-2.6',
      background: bg(1),
      page: normal,
      shot: { blurSigma: 2.6 },
      reject: [],
      borderline: true,
    },
    ...[4, 5.5, 7].map((s, k) => ({
      ...base,
      name: `blur-${s}`,
      background: bg(k),
      page: normal,
      shot: { blurSigma: s },
      reject: ['blurry'] as FindingCode[],
    })),
    // Hand shake: box length in frame pixels.
    ...[14, 22, 36].map((l, k) => ({
      ...base,
      name: `shake-${l}`,
      background: bg(k + 1),
      page: normal,
      shot: { motion: { length: l, direction: (k % 2 ? 'v' : 'h') as 'h' | 'v' } },
      reject: ['blurry'] as FindingCode[],
    })),
    // Specular highlight: radius as a share of the frame's short side.
    ...[0.06, 0.1, 0.16].map((r, k) => ({
      ...base,
      name: `glare-${r}`,
      background: bg(k + 2),
      page: normal,
      shot: { glare: { x: 0.35 + 0.1 * k, y: 0.4 + 0.05 * k, radius: r, strength: 1 } },
      reject: ['glare'] as FindingCode[],
    })),
    // Underexposure: gain on the light (paper 250 → ~80, 60, 38), more noise in the dark.
    ...[0.33, 0.24, 0.15].map((e, k) => ({
      ...base,
      name: `dark-${e}`,
      background: bg(k + 3),
      page: normal,
      shot: { exposure: e, noise: 7 },
      reject: ['too_dark'] as FindingCode[],
      tolerate: ['blurry'] as FindingCode[],
    })),
    // Overexposure: gain plus veiling flare that lifts the ink.
    ...[
      [1.6, 0.45],
      [1.8, 0.6],
      [2.1, 0.75],
    ].map(([e, f], k) => ({
      ...base,
      name: `overexposed-${f}`,
      background: bg(k),
      page: normal,
      shot: { exposure: e, flare: f },
      reject: ['overexposed'] as FindingCode[],
      tolerate: ['glare', 'blurry'] as FindingCode[],
    })),
    // Cut off: one corner just out (3 % of the frame), one edge out, zoomed in past two edges.
    {
      ...base,
      name: 'cut-corner',
      background: bg(1),
      page: { fill: 0.8, angle: 8, pushRight: 1.03 },
      shot: {},
      reject: ['incomplete_page'],
      // The part cut off may hold the seal.
      tolerate: ['seal_missing'],
    },
    {
      ...base,
      name: 'cut-edge',
      background: bg(2),
      page: { fill: 0.85, angle: 1, pushBottom: 1.08 },
      shot: {},
      reject: ['incomplete_page'],
      // The part cut off may hold the seal.
      tolerate: ['seal_missing'],
    },
    {
      ...base,
      name: 'cut-zoomed',
      background: bg(3),
      page: { fill: 1.15, cx: 0.45, cy: 0.56, angle: 1 },
      shot: {},
      reject: ['incomplete_page'],
      // The part cut off may hold the seal.
      tolerate: ['seal_missing'],
    },
    // A close-up of the middle of the page: no table visible, text running off every edge.
    {
      ...base,
      name: 'cut-closeup',
      background: bg(0),
      page: { fill: 1.6, angle: 1, cy: 0.45 },
      shot: {},
      reject: ['incomplete_page'],
      // The part cut off may hold the seal.
      tolerate: ['seal_missing'],
    },
    // Too few pixels: the photo shrunk (a chat app's "compressed" send) to a long side of 700, 1000 and
    // 1300 px; labelled by the height its body text ends up with (expectedTextPx).
    ...[700, 1000, 1300].map((d, k) => ({
      ...base,
      name: `lowres-${d}`,
      background: bg(k),
      page: normal,
      shot: { outLong: d, jpegQuality: 75 },
      ...legibility(expectedTextPx(doc, d)),
    })),
    // Pale and patterned tables: the page must not be judged by a wrong outline.
    {
      ...base,
      name: 'ok-white-desk',
      background: 'white',
      page: { fill: 0.8, angle: 2, tilt: 0.05 },
      shot: { falloff: 0.2 },
      reject: [],
    },
    {
      ...base,
      name: 'ok-pale-desk',
      background: 'lightgrey',
      page: { fill: 0.78, angle: -3, tilt: 0.04 },
      shot: {},
      reject: [],
    },
    {
      ...base,
      name: 'ok-plaid-cloth',
      background: 'plaid',
      page: { fill: 0.8, angle: 1, tilt: 0.03 },
      shot: {},
      reject: [],
    },
  ];
  if (doc === 'invoice') {
    out.push({
      ...base,
      seal: false,
      name: 'no-seal',
      background: bg(2),
      page: normal,
      shot: {},
      reject: ['seal_missing'],
    });
  }
  if (doc === 'diagnosis_certificate') {
    const tilted = (k: number): CorpusCase['page'] => ({
      fill: 0.78 + 0.02 * k,
      angle: -3 + 3 * k,
      tilt: 0.04 * k,
      cx: 0.5 + 0.01 * k,
    });
    out.push(
      {
        ...base,
        seal: false,
        name: 'no-seal',
        background: bg(2),
        page: tilted(0),
        shot: {},
        reject: ['seal_missing'],
      },
      {
        ...base,
        seal: false,
        name: 'no-seal-dim',
        background: bg(3),
        page: tilted(1),
        shot: { exposure: 0.7 },
        reject: ['seal_missing'],
      },
      // Red ink that is not a seal: a red letterhead, a red rule and a red "已复核" note.
      {
        ...base,
        seal: false,
        variant: { redLetterhead: true },
        name: 'no-seal-red-letterhead',
        background: bg(0),
        page: tilted(2),
        shot: {},
        reject: ['seal_missing'],
      },
      // A red rectangular 急诊 box (and a red title) is not a seal.
      {
        ...base,
        seal: false,
        variant: { emergencyBox: true },
        name: 'no-seal-emergency-box',
        background: bg(0),
        page: tilted(1),
        shot: {},
        reject: ['seal_missing'],
      },
      {
        ...base,
        variant: { emergencyBox: true },
        name: 'ok-seal-emergency-box',
        background: bg(1),
        page: tilted(2),
        shot: {},
        reject: [],
      },
      {
        ...base,
        seal: false,
        name: 'no-seal-shaky',
        background: bg(1),
        page: tilted(3),
        shot: { motion: { length: 8, direction: 'h' } },
        reject: ['seal_missing'],
        borderline: true,
      },
      // A faint impression (ink at 40 %) is still a seal.
      {
        ...base,
        variant: { sealOpacity: 0.4 },
        name: 'ok-faded-seal',
        background: bg(2),
        page: tilted(1),
        shot: {},
        reject: [],
        borderline: true,
      },
      {
        ...base,
        variant: { sealOpacity: 0.55, redLetterhead: true },
        name: 'ok-seal-red-letterhead',
        background: bg(3),
        page: tilted(0),
        shot: { exposure: 0.75 },
        reject: [],
        borderline: true,
      },
    );
  }
  // Compound faults (added on 28 Nov, appended so the photos above keep their seeds): blur that dim or
  // harsh light partly hides. The independent photos had blurred shots "masked by darkness or blow-out"
  // that were called only dark or bright; a reviewer rejects them for both. Labels from the physics: the
  // blur by the blur rule (labelBlur), the light as the dark and overexposed cases above — exposure 0.45
  // puts the paper at ~112 (the warning band, 90–120: tolerated), 0.3 at ~75 (too dark).
  out.push(
    {
      ...base,
      name: 'compound-blur-dim',
      background: bg(1),
      page: normal,
      shot: { blurSigma: 5.5, exposure: 0.45, noise: 6 },
      reject: [],
      tolerate: ['too_dark'],
    },
    {
      ...base,
      name: 'compound-blur-dark',
      background: bg(2),
      page: normal,
      shot: { blurSigma: 5.5, exposure: 0.3, noise: 7 },
      reject: ['too_dark'],
    },
    {
      ...base,
      name: 'compound-shake-bright',
      background: bg(3),
      page: normal,
      shot: { motion: { length: 22, direction: 'h' }, exposure: 1.6, flare: 0.45 },
      reject: ['overexposed'],
      tolerate: ['glare'],
    },
  );
  return out;
}

/** Frame size for a document: portrait pages are shot in portrait, like people do. */
export function frameFor(doc: DocType, long: number): { width: number; height: number } {
  const short = Math.round((long * 3) / 4);
  return doc === 'invoice' ? { width: long, height: short } : { width: short, height: long };
}

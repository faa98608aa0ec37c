// The third calibration set ("set C", issue 21): the real papers' hard cases, made apart from sets A and B
// by other means (scripts/quality-corpus-c: Skia-drawn 医疗收费票据 forms, e-invoice printouts and A4
// records; a physical lamp-and-lens camera, a flatbed scanner, a 高拍仪 and a scanner app). Labels come from
// the construction — text height from the face's glyph and the page's scale, blur from the fault's own edge
// width (the rule sets A and B share), glare from the clipped core the lamp's specular lobe made, exposure
// from the levels blank paper and black print come out at, a cut page from its corners and its print box,
// seals from what was stamped — never from the checker.
//   npx tsx scripts/make-quality-corpus-c.ts [--out DIR] [--long 2400] [--only NAME[,NAME…]] [--reuse] [--no-score]
// DIR defaults to tests/fixtures/generated/quality-corpus-c (git-ignored).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FindingCode, QualityReport } from '../shared/quality';
import { checkFile } from '../electron/core/pages/check';
import { sealKindsFromRules } from '../electron/core/rules/seal-kinds';
import { formatScores, scoreCorpus, summariseAlarms } from './make-quality-corpus';
import { blurLabel } from './quality-corpus/cases';
import {
  capture,
  faultEdgeWidth,
  type BackgroundC,
  type CameraC,
  type Layer,
} from './quality-corpus-c/capture';
import { renderDoc, type DocOptions, type PageC, type StampC } from './quality-corpus-c/documents';

const REPO = fileURLToPath(new URL('..', import.meta.url));
export const DEFAULT_CORPUS_C_DIR = join(REPO, 'tests', 'fixtures', 'generated', 'quality-corpus-c');

type Capture =
  | {
      how: 'phone';
      background: BackgroundC;
      fill: number;
      angle: number;
      tilt: number;
      cx?: number;
      cy?: number;
      stack?: number;
      /** Frame orientation when not the paper's own. */
      frame?: 'landscape' | 'portrait';
    }
  | { how: 'scan'; dpi: number; grey?: boolean; skew: number; margin: number }
  | { how: 'gaopai'; fill: number; angle: number }
  | { how: 'app'; wedges: { side: 'top' | 'right' | 'bottom' | 'left'; depth: number }[] };

export interface CaseC {
  name: string;
  doc: DocOptions;
  kind: string;
  capture: Capture;
  camera?: Partial<Omit<CameraC, 'width' | 'height' | 'seed' | 'background' | 'layers'>>;
  /** Extra codes either verdict is fair on, beyond those the construction gives. */
  tolerate?: FindingCode[];
}

export interface EntryC {
  file: string;
  name: string;
  kind: string;
  reject: FindingCode[];
  tolerate: FindingCode[];
  /** The construction's figures the labels came from. */
  facts: Record<string, number | boolean | string>;
}

const KIND: Record<DocOptions['doc'], string> = {
  paper_invoice: 'invoice',
  e_invoice_colour: 'invoice',
  e_invoice_bw: 'invoice',
  discharge: 'discharge_summary',
  certificate: 'diagnosis_certificate',
};

const stamp = (
  x: number,
  y: number,
  turn = 0,
  strength = 1,
  shape: StampC['shape'] = 'round',
  size = 40,
): StampC => ({ shape, x, y, turn, strength, size: shape === 'oval' ? 45 : size });

/** The papers. Forms are 210 × 127 mm (plus 13-mm pin-feed strips); stamps over the table's red rules. */
const F1: DocOptions = {
  doc: 'paper_invoice',
  seed: 1,
  tint: 'yellow',
  rules: 'red',
  pinFeed: true,
  supervisionSeal: true,
  masks: 2,
  stamps: [stamp(58, 104, -12)],
};
const F2: DocOptions = {
  doc: 'paper_invoice',
  seed: 2,
  tint: 'white',
  rules: 'blue',
  pinFeed: true,
  supervisionSeal: true,
  stamps: [stamp(150, 80, 180)],
};
const F3: DocOptions = {
  doc: 'paper_invoice',
  seed: 3,
  tint: 'yellow',
  rules: 'orange',
  supervisionSeal: true,
  masks: 3,
  stamps: [stamp(165, 70, 32, 1, 'oval')],
};
const F4: DocOptions = {
  doc: 'paper_invoice',
  seed: 4,
  tint: 'green',
  rules: 'red',
  pinFeed: true,
  supervisionSeal: true,
  stamps: [stamp(70, 100, 8, 0.38)],
};
const F5: DocOptions = {
  doc: 'paper_invoice',
  seed: 5,
  tint: 'pink',
  rules: 'red',
  supervisionSeal: true,
  stamps: [stamp(55, 98, 170), stamp(150, 60, -20, 0.9, 'oval')],
};
const F6: DocOptions = {
  doc: 'paper_invoice',
  seed: 6,
  tint: 'white',
  rules: 'red',
  pinFeed: true,
  supervisionSeal: true,
  masks: 1,
  stamps: [stamp(50, 100, 5), stamp(120, 75, 95, 0.7), stamp(175, 95, -150, 0.5)],
};
const F0: DocOptions = {
  doc: 'paper_invoice',
  seed: 7,
  tint: 'yellow',
  rules: 'red',
  pinFeed: true,
  supervisionSeal: true,
  masks: 1,
};
const F0b: DocOptions = {
  doc: 'paper_invoice',
  seed: 8,
  tint: 'green',
  rules: 'blue',
  supervisionSeal: true,
};
const E1: DocOptions = {
  doc: 'e_invoice_colour',
  seed: 11,
  rules: 'salmon',
  supervisionSeal: true,
  masks: 2,
};
const E2: DocOptions = { doc: 'e_invoice_bw', seed: 12, supervisionSeal: true, masks: 3 };
const E3: DocOptions = { doc: 'e_invoice_bw', seed: 13, supervisionSeal: true, stamps: [stamp(60, 146, 14)] };
const E4: DocOptions = {
  doc: 'e_invoice_colour',
  seed: 14,
  rules: 'red',
  supervisionSeal: true,
  stamps: [stamp(150, 140, -30)],
};
const D1: DocOptions = { doc: 'discharge', seed: 21 };
const D2: DocOptions = { doc: 'discharge', seed: 22 };
const C1: DocOptions = { doc: 'certificate', seed: 31, stamps: [stamp(150, 150, 10)] };
const C2: DocOptions = { doc: 'certificate', seed: 32, stamps: [stamp(140, 140, -25, 0.4)] };
const C0: DocOptions = { doc: 'certificate', seed: 33 };

const phone = (
  background: BackgroundC,
  fill = 0.82,
  angle = 2,
  tilt = 0.05,
  extra: Partial<Extract<Capture, { how: 'phone' }>> = {},
): Capture => ({ how: 'phone', background, fill, angle, tilt, ...extra });
const scan = (dpi = 200, grey = false, skew = 0.4, margin = 2): Capture => ({
  how: 'scan',
  dpi,
  grey,
  skew,
  margin,
});
/** A desk lamp above and beside the paper (frame px units of the 2400-px frame; scaled with the frame). */
const lamp = (x: number, y: number, z = 1400, power = 1) => ({ lamp: { x, y, z, power } });

function cases(): CaseC[] {
  const c = (
    name: string,
    doc: DocOptions,
    capture: Capture,
    camera: CaseC['camera'] = {},
    tolerate?: FindingCode[],
  ): CaseC => ({
    name,
    doc,
    kind: KIND[doc.doc],
    capture,
    camera,
    ...(tolerate ? { tolerate } : {}),
  });
  return [
    // Class 1: white paper at 255 is not overexposure (flatbed scans, 高拍仪, scanner apps).
    c('scan-discharge', D1, scan(200)),
    c('scan-discharge-grey', D2, scan(150, true, 0.8)),
    c('scan-certificate', C1, scan(200)),
    c('scan-e-colour', E1, scan(200, false, 0.2)),
    c('scan-e-colour-red', E4, scan(150)),
    c('gaopai-discharge', D1, { how: 'gaopai', fill: 0.9, angle: 0.5 }),
    c('gaopai-form-yellow', F3, { how: 'gaopai', fill: 0.92, angle: 1 }),
    c('gaopai-certificate', C2, { how: 'gaopai', fill: 0.9, angle: -1 }),
    c('app-discharge', D2, {
      how: 'app',
      wedges: [
        { side: 'right', depth: 0.02 },
        { side: 'bottom', depth: 0.03 },
      ],
    }),
    c('app-form-green', F4, {
      how: 'app',
      wedges: [
        { side: 'left', depth: 0.025 },
        { side: 'top', depth: 0.02 },
      ],
    }),
    // Class 2: real stamps — over red rules, upside down, faint pink, two or three, tinted paper.
    c('phone-form-red-yellow', F1, phone('wood')),
    c('phone-form-upside-down', F2, phone('grey_board', 0.8, -3)),
    c('phone-form-oval-turned', F3, phone('dark', 0.85, 4)),
    c('phone-form-faint-green', F4, phone('wood', 0.8, 1)),
    c('phone-form-two-pink', F5, phone('grey_board', 0.82, -2)),
    c('phone-form-three', F6, phone('dark', 0.78, 3)),
    c('phone-form-three-desk', F6, phone('white_desk', 0.8, -2, 0.08)),
    c('scan-form-red-yellow', F1, scan(200, false, 0.3)),
    c('scan-form-faint-green', F4, scan(200, false, 0.6)),
    c('scan-form-two-pink', F5, scan(150)),
    c('phone-e-colour', E1, phone('wood', 0.85, 1)),
    c('phone-e-bw-stamped', E3, phone('grey_board', 0.85, -1)),
    c('scan-e-bw-stamped', E3, scan(200)),
    c('phone-certificate-faint', C2, phone('wood', 0.8, 2)),
    // Missing seals: a paper form with none, a black-and-white e-invoice printout (its grey e-seal is print).
    c('phone-form-unsealed', F0, phone('wood', 0.82, 2)),
    c('scan-form-unsealed', F0b, scan(200)),
    c('phone-form-unsealed-green', F0b, phone('dark', 0.8, -2)),
    c('phone-e-bw-grey-seal', E2, phone('wood', 0.85, 2)),
    c('scan-e-bw-grey-seal', E2, scan(200, true)),
    c('phone-certificate-unsealed', C0, phone('grey_board', 0.8, 1)),
    // Class 3: page outline — pin-feed margins, a paper filling the frame, one receipt on a stack, the
    // e-invoice's A4 sheet running past the frame with all its print inside.
    c('phone-form-pinfeed-desk', F1, phone('white_desk', 0.86, 1, 0.04)),
    c('phone-form-pinfeed-cloth', F2, phone('cloth', 0.9, -1, 0.05)),
    c('phone-form-pinfeed-wide', F6, phone('wood', 0.97, 0.5, 0.02)),
    c('phone-stack-desk', F2, phone('white_desk', 0.72, 2, 0.05, { stack: 3 })),
    c('phone-stack-wood', F5, phone('wood', 0.7, -3, 0.05, { stack: 2 })),
    c('phone-stack-grey', F1, phone('grey_board', 0.72, 1, 0.04, { stack: 3 })),
    c('phone-e-sheet-past-frame', E3, phone('wood', 1.98, 1, 0.03, { cy: 0.91, frame: 'landscape' }), {}, [
      'incomplete_page',
    ]),
    c('phone-discharge-desk', D1, phone('white_desk', 0.8, 1)),
    c('phone-discharge-cloth', D2, phone('cloth', 0.8, -2)),
    // Class 4: white boxes (masking rectangles, blank cells) under a lamp: not glare.
    c(
      'phone-e-masked-lamp',
      { ...E1, seed: 15, masks: 5 },
      phone('wood', 0.85, 1),
      lamp(600, 300, 1800, 1.4),
    ),
    c(
      'phone-form-masked-lamp',
      { ...F3, seed: 16, masks: 5 },
      phone('grey_board', 0.85, 2),
      lamp(1800, 400, 1600, 1.3),
    ),
    c('phone-e-bw-masked', { ...E3, seed: 17, masks: 6 }, phone('white_desk', 0.9, 0)),
    // Defects, each on papers of the kinds above. Blur: defocus and shake at strengths either side of the rule.
    c('blur-form-r3', F1, phone('wood'), { defocus: 3 }),
    c('blur-form-r6', F1, phone('wood'), { defocus: 6 }),
    c('blur-form-r10', F3, phone('dark'), { defocus: 10 }),
    c('blur-e-r5', E1, phone('grey_board'), { defocus: 5 }),
    c('blur-e-r9', E3, phone('wood'), { defocus: 9 }),
    c('blur-discharge-r4', D1, phone('wood'), { defocus: 4 }),
    c('blur-discharge-r8', D2, phone('dark'), { defocus: 8 }),
    c('blur-certificate-r7', C1, phone('grey_board'), { defocus: 7 }),
    c('shake-form-14', F4, phone('wood'), { shake: { length: 14, angle: 10, bend: 0 } }),
    c('shake-form-curved', F6, phone('grey_board'), { shake: { length: 18, angle: 70, bend: 0.6 } }),
    c('shake-e-22', E4, phone('dark'), { shake: { length: 22, angle: 0, bend: 0.1 } }),
    c('shake-discharge-6', D1, phone('wood'), { shake: { length: 6, angle: 45, bend: 0 } }),
    // Resolution: a chat app's shrunk copy (Skia's resampler).
    c('lowres-form-600', F1, phone('wood'), { outLong: 600, jpegQuality: 70 }),
    c('lowres-form-850', F3, phone('grey_board'), { outLong: 850, jpegQuality: 75 }),
    c('lowres-form-1300', F5, phone('dark'), { outLong: 1300, jpegQuality: 80 }),
    c('lowres-e-800', E1, phone('wood'), { outLong: 800, jpegQuality: 70 }),
    c('lowres-e-1200', E3, phone('grey_board'), { outLong: 1200, jpegQuality: 75 }),
    c('lowres-discharge-700', D1, phone('wood'), { outLong: 700, jpegQuality: 70 }),
    c('lowres-discharge-1000', D2, phone('dark'), { outLong: 1000, jpegQuality: 75 }),
    c('lowres-scan-75dpi', D1, scan(75)),
    c('lowres-scan-100dpi', E4, scan(100)),
    // Glare: the lamp's reflection in the frame over print, strong and mild.
    c('glare-form-strong', F1, phone('wood', 0.85, 1), {
      ...lamp(1000, 700, 1300, 1),
      specular: { strength: 2.2, shininess: 260 },
    }),
    c('glare-form-mild', F4, phone('grey_board', 0.85, 1), {
      ...lamp(1300, 800, 1500, 1),
      specular: { strength: 0.6, shininess: 300 },
    }),
    c('glare-e-strong', E1, phone('wood', 0.85, 0), {
      ...lamp(1100, 800, 1200, 1),
      specular: { strength: 3, shininess: 200 },
    }),
    c('glare-e-bw-strong', E3, phone('dark', 0.85, 0), {
      ...lamp(1300, 600, 1300, 1),
      specular: { strength: 2.5, shininess: 150 },
    }),
    c('glare-discharge-strong', D1, phone('wood', 0.8, 1), {
      ...lamp(1200, 900, 1400, 1),
      specular: { strength: 2.5, shininess: 180 },
    }),
    c('glare-discharge-small', D2, phone('grey_board', 0.8, 1), {
      ...lamp(900, 1100, 1400, 1),
      specular: { strength: 1.6, shininess: 900 },
    }),
    // Exposure: a dim room, a blown-out photo with the ink washed out.
    c('dark-form', F1, phone('wood'), { exposure: 0.12 }),
    c('dark-e', E1, phone('grey_board'), { exposure: 0.16 }),
    c('dim-form', F4, phone('grey_board'), { exposure: 0.3 }),
    c('dim-discharge', D1, phone('wood'), { exposure: 0.55 }),
    c('over-form', F3, phone('wood'), { exposure: 2.2, flare: 0.55 }),
    c('over-e', E1, phone('dark'), { exposure: 2.6, flare: 0.7 }),
    c('over-discharge', D2, phone('grey_board'), { exposure: 2.0, flare: 0.45 }),
    c('bright-discharge-ok', D1, phone('grey_board'), { exposure: 1.45 }),
    // Cut off: a corner just out, an edge out, zoomed in; the form's pin-feed strip alone off the frame.
    c('cut-form-corner', F1, phone('wood', 0.82, 7, 0.04, { cx: 0.66 }), {}, ['seal_missing']),
    c('cut-form-edge', F3, phone('grey_board', 0.88, 1, 0.04, { cy: 0.75 }), {}, ['seal_missing']),
    c('cut-e-zoomed', E1, phone('wood', 1.2, 1, 0.03, { cx: 0.45, cy: 0.4 }), {}, ['seal_missing']),
    c('cut-discharge-bottom', D1, phone('dark', 0.9, 0, 0.04, { cy: 0.63 })),
    c('cut-certificate-side', C1, phone('wood', 0.85, 2, 0.04, { cx: 0.32 }), {}, ['seal_missing']),
    c('cut-form-strip-only', F2, phone('grey_board', 1.06, 0, 0.02), {}, ['incomplete_page']),
  ];
}

/** The page's four corners in the frame: scaled to `fill`, turned, tilted away (keystone), centred at cx, cy. */
function placeQuad(
  W: number,
  H: number,
  page: PageC,
  fill: number,
  angleDeg: number,
  tilt: number,
  cx = 0.5,
  cy = 0.5,
  scale?: number,
): [number, number][] {
  const s = scale ?? Math.min((W * fill) / page.wMm, (H * fill) / page.hMm);
  const w = page.wMm * s;
  const h = page.hMm * s;
  const a = (angleDeg * Math.PI) / 180;
  const pts: [number, number][] = [
    [(-w / 2) * (1 - tilt), -h / 2],
    [(w / 2) * (1 - tilt), -h / 2],
    [w / 2, h / 2],
    [-w / 2, h / 2],
  ];
  return pts.map(([x, y]) => [
    cx * W + x * Math.cos(a) - y * Math.sin(a),
    cy * H + x * Math.sin(a) + y * Math.cos(a),
  ]);
}

function inside(W: number, H: number, [x, y]: [number, number], slack = 0): boolean {
  return x >= -slack && y >= -slack && x <= W + slack && y <= H + slack;
}

/** Maps page mm to frame px through the quad's homography (bilinear in the quad is close enough for labels). */
function mapMm(q: [number, number][], page: PageC, xMm: number, yMm: number): [number, number] {
  const u = xMm / page.wMm;
  const v = yMm / page.hMm;
  const top: [number, number] = [q[0]![0] + (q[1]![0] - q[0]![0]) * u, q[0]![1] + (q[1]![1] - q[0]![1]) * u];
  const bot: [number, number] = [q[3]![0] + (q[2]![0] - q[3]![0]) * u, q[3]![1] + (q[2]![1] - q[3]![1]) * u];
  return [top[0] + (bot[0] - top[0]) * v, top[1] + (bot[1] - top[1]) * v];
}

/** Makes one photo and its labels. */
export async function makeShot(
  cs: CaseC,
  index: number,
  long = 2400,
): Promise<{ jpeg: Buffer; entry: Omit<EntryC, 'file'> }> {
  const cap = cs.capture;
  const cam = cs.camera ?? {};
  const probe = renderDoc(cs.doc, 1);
  let W: number;
  let H: number;
  let quad: [number, number][];
  let pxPerMm: number;
  const layers: Layer[] = [];
  let background: BackgroundC = 'lid';
  let scanner: CameraC['scanner'];
  let whiten = false;
  let fillWedges: CameraC['fillWedges'];
  if (cap.how === 'scan') {
    // The scanner's frame is the paper plus a margin of lid; the paper lies square to the glass but for a skew.
    pxPerMm = cap.dpi / 25.4;
    W = Math.round((probe.wMm + 2 * cap.margin) * pxPerMm);
    H = Math.round((probe.hMm + 2 * cap.margin) * pxPerMm);
    quad = placeQuad(W, H, probe, 1, cap.skew, 0, 0.5, 0.5, pxPerMm);
    scanner = { whiteRef: 0.86, grey: cap.grey ?? false };
  } else {
    const landscape = cap.how === 'phone' && cap.frame ? cap.frame === 'landscape' : probe.wMm > probe.hMm;
    // A scanner app crops its output to the page's own shape; cameras give 4:3.
    const aspect = cap.how === 'app' ? Math.min(probe.wMm, probe.hMm) / Math.max(probe.wMm, probe.hMm) : 0.75;
    W = landscape ? long : Math.round(long * aspect);
    H = landscape ? Math.round(long * aspect) : long;
    if (cap.how === 'phone') {
      background = cap.background;
      quad = placeQuad(W, H, probe, cap.fill, cap.angle, cap.tilt, cap.cx, cap.cy);
    } else if (cap.how === 'gaopai') {
      background = 'grey_board';
      quad = placeQuad(W, H, probe, cap.fill, cap.angle, 0);
      whiten = true;
    } else {
      // Scanner app: the page straightened to fill the frame, the corners the photo lacked filled white.
      background = 'white_desk';
      quad = placeQuad(W, H, probe, 0.995, 0, 0);
      whiten = true;
      fillWedges = cap.wedges;
    }
    const q = quad;
    pxPerMm = Math.max(
      Math.hypot(q[1]![0] - q[0]![0], q[1]![1] - q[0]![1]) / probe.wMm,
      Math.hypot(q[3]![0] - q[0]![0], q[3]![1] - q[0]![1]) / probe.hMm,
    );
  }
  // Render at about the frame's own scale (a little finer), so bilinear sampling through the homography
  // neither aliases nor softens beyond the lens model.
  const page = renderDoc(cs.doc, pxPerMm * 1.25);
  if (cap.how === 'phone' && cap.stack) {
    // Receipts of the same form under the top one, shifted and turned a little each.
    for (let k = cap.stack; k >= 1; k--) {
      const under = renderDoc(
        { ...cs.doc, seed: cs.doc.seed + 100 * k, masks: 0, stamps: [stamp(60, 100, 40 * k)] },
        pxPerMm * 1.25,
      );
      const dx = (k % 2 ? -1 : 1) * 0.035 * k * W;
      const dy = 0.03 * k * H;
      const turn = (k % 2 ? 1 : -1) * 2.5 * k;
      const a = (turn * Math.PI) / 180;
      const c = quad.reduce((s, [x, y]) => [s[0] + x / 4, s[1] + y / 4], [0, 0]);
      layers.push({
        page: under,
        quad: quad.map(([x, y]) => {
          const X = x - c[0];
          const Y = y - c[1];
          return [
            c[0] + dx + X * Math.cos(a) - Y * Math.sin(a),
            c[1] + dy + X * Math.sin(a) + Y * Math.cos(a),
          ] as [number, number];
        }),
      });
    }
  }
  layers.push({ page, quad });
  const frameScale = Math.max(W, H) / 2400;
  const camera: CameraC = {
    width: W,
    height: H,
    seed: 7000 + index,
    background,
    layers,
    ...(scanner ? { scanner } : {}),
    ...(whiten ? { whiten } : {}),
    ...(fillWedges ? { fillWedges } : {}),
    ...cam,
    ...(cam.lamp
      ? {
          lamp: {
            ...cam.lamp,
            x: cam.lamp.x * frameScale,
            y: cam.lamp.y * frameScale,
            z: cam.lamp.z * frameScale,
          },
        }
      : {}),
  };
  const shot = await capture(camera);

  // ---- Labels from the construction ----
  const reject = new Set<FindingCode>();
  const tolerate = new Set<FindingCode>(cs.tolerate ?? []);
  const shrink = shot.width / W;
  const textPx = page.bodyGlyphMm * shot.minPxPerMm;
  if (textPx < 10) {
    reject.add('low_resolution');
    tolerate.add('blurry');
  } else if (textPx < 13) {
    tolerate.add('low_resolution');
    tolerate.add('blurry');
  }
  const edge = faultEdgeWidth(cam.defocus, cam.shake) * shrink;
  if (edge > 0) {
    const b = blurLabel(edge, textPx);
    if (b === 'reject') reject.add('blurry');
    if (b === 'either') tolerate.add('blurry');
  }
  // Glare: the clipped core the lamp's reflection made covers ≥ 1 % of the page with print under a quarter
  // of it or more (print within 2 mm: lines of text, rules); a core from 0.2 % is small enough, or over
  // blank enough paper, that either verdict is fair.
  const glareShare = shot.topPageArea ? shot.glareCorePx / shot.topPageArea : 0;
  if (glareShare >= 0.01 && shot.glareOnTextPx >= 0.25 * shot.glareCorePx) reject.add('glare');
  else if (glareShare >= 0.002) tolerate.add('glare');
  const contrast = shot.paperLevel - shot.inkLevel;
  if (shot.paperLevel < 85) reject.add('too_dark');
  else if (shot.paperLevel < 125) tolerate.add('too_dark');
  if (contrast < 85 && shot.paperLevel >= 235) reject.add('overexposed');
  else if (contrast < 125 && shot.paperLevel >= 235) tolerate.add('overexposed');
  // A cut page: print out of the frame is a reject; only the sheet's blank corners (a pin-feed strip, an A4
  // sheet's empty half) out is either.
  const slack = 0.002 * Math.max(W, H);
  const sheetIn = quad.every((p) => inside(W, H, p, slack));
  const [px0, py0, px1, py1] = page.printBox;
  const printIn = [
    mapMm(quad, page, px0, py0),
    mapMm(quad, page, px1, py0),
    mapMm(quad, page, px1, py1),
    mapMm(quad, page, px0, py1),
  ].every((p) => inside(W, H, p, -slack));
  if (!printIn) reject.add('incomplete_page');
  else if (!sheetIn) tolerate.add('incomplete_page');
  // Seals: a fresh stamp (or the colour e-seal, printed red) whose centre is in the frame and not under glare.
  const needsSeal = cs.kind === 'invoice' || cs.kind === 'diagnosis_certificate';
  if (needsSeal) {
    const stamps = [...(cs.doc.stamps ?? [])];
    if (cs.doc.doc === 'e_invoice_colour') stamps.push(stamp(48, 150));
    const seen = stamps.filter((s) => inside(W, H, mapMm(quad, page, s.x, s.y), -0.02 * W));
    const judged =
      !reject.has('too_dark') &&
      !reject.has('overexposed') &&
      !reject.has('low_resolution') &&
      !reject.has('blurry');
    if (seen.length === 0 && judged) reject.add('seal_missing');
    if (stamps.length > 0 && seen.length < stamps.length) tolerate.add('seal_missing');
  }
  for (const r of reject) tolerate.delete(r);
  return {
    jpeg: shot.jpeg,
    entry: {
      name: cs.name,
      kind: cs.kind,
      reject: [...reject],
      tolerate: [...tolerate],
      facts: {
        width: shot.width,
        height: shot.height,
        textPx: Math.round(textPx * 10) / 10,
        blurEdgePx: Math.round(edge * 100) / 100,
        blurRatio: Math.round((edge / textPx) * 1000) / 1000,
        glareShare: Math.round(glareShare * 10000) / 10000,
        paperLevel: shot.paperLevel,
        inkLevel: shot.inkLevel,
        clipped: Math.round(shot.clippedShare * 1000) / 1000,
        sheetIn,
        printIn,
      },
    },
  };
}

export const CASES_C = cases();

/** Makes the set (or the cases named in `only`) into `dir`; returns the labels. */
export async function makeSetC(
  dir: string,
  options: { only?: readonly string[]; long?: number; log?: (s: string) => void } = {},
): Promise<EntryC[]> {
  mkdirSync(dir, { recursive: true });
  const entries: EntryC[] = [];
  for (const [i, cs] of CASES_C.entries()) {
    if (options.only && !options.only.includes(cs.name)) continue;
    const { jpeg, entry } = await makeShot(cs, i, options.long);
    const file = `${cs.name}.jpg`;
    writeFileSync(join(dir, file), jpeg);
    entries.push({ file, ...entry });
    options.log?.(
      `  ${file} reject=${entry.reject.join(',')} tolerate=${entry.tolerate.join(',')} ${JSON.stringify(entry.facts)}`,
    );
  }
  const labelsFile = join(dir, 'labels.json');
  let all = entries;
  if (options.only && existsSync(labelsFile)) {
    const fresh = new Set(entries.map((e) => e.file));
    all = [
      ...(JSON.parse(readFileSync(labelsFile, 'utf8')) as EntryC[]).filter((e) => !fresh.has(e.file)),
      ...entries,
    ];
  }
  writeFileSync(labelsFile, JSON.stringify(all, null, 1));
  return entries;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const opt = (name: string): string | undefined => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const dir = opt('--out') ?? DEFAULT_CORPUS_C_DIR;
  const only = opt('--only')?.split(',');
  const long = Number(opt('--long') ?? 2400);
  let entries: EntryC[];
  if (args.includes('--reuse')) {
    // Cases renamed or dropped since the set was made are left out (their photo is gone or stale).
    const names = new Set(CASES_C.map((c) => c.name));
    entries = (JSON.parse(readFileSync(join(dir, 'labels.json'), 'utf8')) as EntryC[]).filter(
      (e) => names.has(e.name) && existsSync(join(dir, e.file)) && (!only || only.includes(e.name)),
    );
  } else {
    const started = Date.now();
    entries = await makeSetC(dir, { ...(only ? { only } : {}), long, log: (s) => console.log(s) });
    console.log(`${entries.length} photos in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
  if (args.includes('--no-score')) return;
  const sealKinds = sealKindsFromRules();
  const reports: QualityReport[] = [];
  for (const e of entries) {
    const r = await checkFile(join(dir, e.file), { kind: e.kind, sealKinds });
    reports.push(r);
    const m = r.metrics;
    console.log(
      `${e.file.padEnd(34)} ${r.verdict.padEnd(4)} ${r.findings
        .map((f) => `${f.code}${f.severity === 'warning' ? '?' : ''}`)
        .join(',')
        .padEnd(
          36,
        )} [${e.reject.join(',')}|${e.tolerate.join(',')}] text=${String(m.textHeightPx)}/${String(e.facts.textPx)} blurR=${String(m.blurRatio)}/${String(e.facts.blurRatio)} paper=${String(m.paperLevel)}/${String(e.facts.paperLevel)} ink=${String(m.inkLevel)}/${String(e.facts.inkLevel)} glare=${String(m.glareFraction)}/${String(m.glareRimPx ?? '')}/w${String(m.whiteObjects ?? 0)}/${String(e.facts.glareShare)} trusted=${String(m.pageTrusted)}/${String(m.pageOutlinePrint)} seal=${String(m.sealFound ?? '')} ${r.elapsedMs}ms`,
    );
  }
  const { scores, misses } = scoreCorpus(entries, reports, sealKinds);
  console.log(`\n${formatScores(scores)}\n`);
  console.log(summariseAlarms(entries, reports));
  if (misses.length) console.log(`\nmisses:\n  ${misses.join('\n  ')}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();

// The fourth calibration set ("set D", issue 21): a confirmation set, never tuned on. Set C was looked at
// while fixing the measures of issue 21's third round, so it no longer confirms anything; set D takes its
// place. It is made by set C's Skia page renderer and physical camera (scripts/quality-corpus-c), so it is
// independent of the checker in its choices only, not in its drawing code: other paper and seed draws,
// tints under other rule inks, stamps placed elsewhere (over red rules, across the table's edge, at the
// form's foot, two on one paper, faint), other frames (portrait forms, fuller and looser framing, steeper
// keystone, larger turns), other lamps, JPEG qualities from 55 to 95, flatbed scans at 120-300 dpi with
// paper at 255, and fault strengths between and beyond set C's. Labels come from the construction, by the
// same rules as set C (makeShot), never from the checker.
//   npx tsx scripts/make-quality-corpus-d.ts [--out DIR] [--long 2000] [--only NAME[,NAME…]] [--reuse] [--no-score]
// DIR defaults to tests/fixtures/generated/quality-corpus-d (git-ignored).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FindingCode, QualityReport } from '../shared/quality';
import { checkFile } from '../electron/core/pages/check';
import { sealKindsFromRules } from '../electron/core/rules/seal-kinds';
import { formatScores, scoreCorpus, summariseAlarms } from './make-quality-corpus';
import { makeShot, type CaseC, type EntryC } from './make-quality-corpus-c';
import type { DocOptions, StampC } from './quality-corpus-c/documents';

const REPO = fileURLToPath(new URL('..', import.meta.url));
export const DEFAULT_CORPUS_D_DIR = join(REPO, 'tests', 'fixtures', 'generated', 'quality-corpus-d');

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
  size = 38,
): StampC => ({
  shape,
  x,
  y,
  turn,
  strength,
  size: shape === 'oval' ? 42 : size,
});

// Papers: seeds 41-79 (set C used 1-33), other tint × rule pairings, stamps elsewhere.
const G1: DocOptions = {
  doc: 'paper_invoice',
  seed: 41,
  tint: 'pink',
  rules: 'red',
  pinFeed: true,
  supervisionSeal: true,
  stamps: [stamp(95, 60, 40)],
};
const G2: DocOptions = {
  doc: 'paper_invoice',
  seed: 42,
  tint: 'green',
  rules: 'orange',
  supervisionSeal: true,
  masks: 2,
  stamps: [stamp(180, 105, -70, 0.8)],
};
const G3: DocOptions = {
  doc: 'paper_invoice',
  seed: 43,
  tint: 'white',
  rules: 'brown',
  pinFeed: true,
  supervisionSeal: true,
  stamps: [stamp(40, 70, 120, 0.55, 'oval')],
};
const G4: DocOptions = {
  doc: 'paper_invoice',
  seed: 44,
  tint: 'yellow',
  rules: 'red',
  pinFeed: true,
  supervisionSeal: true,
  masks: 4,
  stamps: [stamp(120, 110, 15), stamp(60, 45, -40, 0.6)],
};
const G5: DocOptions = {
  doc: 'paper_invoice',
  seed: 45,
  tint: 'white',
  rules: 'salmon',
  supervisionSeal: true,
  stamps: [stamp(150, 100, 200, 0.45)],
};
const G0: DocOptions = {
  doc: 'paper_invoice',
  seed: 46,
  tint: 'pink',
  rules: 'red',
  supervisionSeal: true,
  masks: 2,
};
const G0b: DocOptions = {
  doc: 'paper_invoice',
  seed: 47,
  tint: 'white',
  rules: 'red',
  pinFeed: true,
  supervisionSeal: true,
};
const H1: DocOptions = { doc: 'e_invoice_colour', seed: 51, rules: 'red', supervisionSeal: true, masks: 1 };
const H2: DocOptions = {
  doc: 'e_invoice_bw',
  seed: 52,
  supervisionSeal: true,
  stamps: [stamp(150, 150, -60, 0.7)],
};
const H3: DocOptions = { doc: 'e_invoice_bw', seed: 53, supervisionSeal: true, masks: 1 };
const H4: DocOptions = {
  doc: 'e_invoice_colour',
  seed: 54,
  rules: 'brown',
  supervisionSeal: true,
  stamps: [stamp(100, 120, 30, 0.8)],
};
const R1: DocOptions = { doc: 'discharge', seed: 61 };
const R2: DocOptions = { doc: 'discharge', seed: 62 };
const K1: DocOptions = { doc: 'certificate', seed: 71, stamps: [stamp(120, 160, -5, 0.65)] };
const K2: DocOptions = {
  doc: 'certificate',
  seed: 72,
  stamps: [stamp(160, 130, 60), stamp(60, 200, 0, 0.5)],
};
const K0: DocOptions = { doc: 'certificate', seed: 73 };

type Cap = CaseC['capture'];
const phone = (
  background: Extract<Cap, { how: 'phone' }>['background'],
  fill: number,
  angle: number,
  tilt: number,
  extra: Partial<Extract<Cap, { how: 'phone' }>> = {},
): Cap => ({ how: 'phone', background, fill, angle, tilt, ...extra });
const scan = (dpi: number, grey = false, skew = 0, margin = 4): Cap => ({
  how: 'scan',
  dpi,
  grey,
  skew,
  margin,
});
const lamp = (x: number, y: number, z: number, power: number) => ({ lamp: { x, y, z, power } });

function cases(): CaseC[] {
  const c = (
    name: string,
    doc: DocOptions,
    capture: Cap,
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
    // Acceptable: flatbed scans with paper at 255 (other dpi, skews, greyscale), 高拍仪, scanner apps.
    c('scan-record-300', R1, scan(300, false, -0.6)),
    c('scan-record-grey-120', R2, scan(120, true, 0.2, 1)),
    c('scan-cert-two-seals', K2, scan(240, false, 0.9)),
    c('scan-e-red-rules', H1, scan(180, false, -0.3)),
    c('scan-form-pink-pinfeed', G1, scan(160, false, 1.2)),
    c('gaopai-record', R2, { how: 'gaopai', fill: 0.84, angle: -1.5 }),
    c('gaopai-e-brown', H4, { how: 'gaopai', fill: 0.95, angle: 0.3 }),
    c('app-cert', K1, {
      how: 'app',
      wedges: [
        { side: 'top', depth: 0.015 },
        { side: 'left', depth: 0.04 },
      ],
    }),
    // Acceptable phone photos: other tables, turns, keystone, framing, JPEG quality.
    c('phone-form-pink-over-rules', G1, phone('grey_board', 0.76, -5, 0.1), { jpegQuality: 62 }),
    c('phone-form-green-masked', G2, phone('wood', 0.9, 3, 0.02), { jpegQuality: 90 }),
    c('phone-form-oval-faint', G3, phone('dark', 0.7, 6, 0.06), { jpegQuality: 80 }),
    c('phone-form-two-yellow', G4, phone('cloth', 0.83, -1, 0.12)),
    c('phone-form-faint-salmon', G5, phone('white_desk', 0.8, 2, 0.04), { exposure: 1.15 }),
    c('phone-form-lamp-side', G4, phone('wood', 0.8, 1, 0.05), lamp(2200, 200, 1500, 1.2)),
    c('phone-e-bw-stamp', H2, phone('wood', 0.88, -2, 0.03), { jpegQuality: 58 }),
    c('phone-e-colour-red', H1, phone('dark', 0.9, 0.5, 0.07)),
    c('phone-e-brown-portrait', H4, phone('grey_board', 0.85, 1, 0.04)),
    c('phone-cert-faint', K1, phone('white_desk', 0.78, -3, 0.05)),
    c('phone-cert-two', K2, phone('cloth', 0.82, 2, 0.06), { jpegQuality: 95 }),
    c('phone-record-lamp', R1, phone('wood', 0.86, 1, 0.08), lamp(300, 2000, 1700, 1.1)),
    c('phone-record-dim-ok', R2, phone('grey_board', 0.8, -1, 0.04), { exposure: 0.7 }),
    c('phone-record-bright-ok', R1, phone('dark', 0.8, 2, 0.04), { exposure: 1.35 }),
    c('phone-stack-pink', G1, phone('grey_board', 0.66, 4, 0.05, { stack: 2 })),
    c('phone-form-pinfeed-full', G3, phone('wood', 0.96, -0.5, 0.02)),
    c('phone-form-steep-turn', G2, phone('wood', 0.8, -9, 0.03)),
    // Missing seals.
    c('phone-form-unsealed-pink', G0, phone('wood', 0.8, -2, 0.05)),
    c('scan-form-unsealed-pinfeed', G0b, scan(200, false, 0.5)),
    c('phone-e-bw-unsealed', H3, phone('grey_board', 0.85, 1, 0.04)),
    c('phone-cert-unsealed', K0, phone('wood', 0.82, 2, 0.05)),
    // Blur and shake at strengths between and beyond set C's.
    c('blur-form-r4', G2, phone('grey_board', 0.82, 1, 0.05), { defocus: 4 }),
    c('blur-form-r8', G4, phone('wood', 0.82, -2, 0.05), { defocus: 8 }),
    c('blur-e-r12', H1, phone('wood', 0.85, 1, 0.04), { defocus: 12 }),
    c('blur-record-r6', R2, phone('cloth', 0.85, 2, 0.05), { defocus: 6 }),
    c('blur-cert-r10', K1, phone('dark', 0.8, -1, 0.05), { defocus: 10 }),
    c('shake-form-10', G1, phone('wood', 0.82, 1, 0.05), { shake: { length: 10, angle: 120, bend: 0 } }),
    c('shake-e-28', H2, phone('grey_board', 0.85, 0, 0.04), { shake: { length: 28, angle: 80, bend: 0.3 } }),
    c('shake-record-18', R1, phone('wood', 0.85, 1, 0.05), { shake: { length: 18, angle: 30, bend: 0.8 } }),
    // Resolution: shrunk copies at other sizes and qualities; low-dpi scans.
    c('lowres-form-500', G2, phone('wood', 0.85, 1, 0.04), { outLong: 500, jpegQuality: 60 }),
    c('lowres-form-950', G4, phone('dark', 0.85, -1, 0.04), { outLong: 950, jpegQuality: 65 }),
    c('lowres-e-650', H1, phone('grey_board', 0.85, 0, 0.04), { outLong: 650, jpegQuality: 55 }),
    c('lowres-e-1500', H2, phone('wood', 0.85, 1, 0.04), { outLong: 1500, jpegQuality: 85 }),
    c('lowres-record-800', R2, phone('wood', 0.85, 2, 0.04), { outLong: 800, jpegQuality: 60 }),
    c('lowres-cert-900', K2, phone('grey_board', 0.8, 1, 0.04), { outLong: 900, jpegQuality: 70 }),
    c('lowres-scan-60dpi', R1, scan(60)),
    c('lowres-scan-90dpi', G1, scan(90)),
    // Glare: the lamp's reflection over print, and mild sheens.
    c('glare-form-centre', G4, phone('wood', 0.85, 1, 0.04), {
      ...lamp(1200, 900, 1200, 1),
      specular: { strength: 2.6, shininess: 220 },
    }),
    c('glare-e-side', H4, phone('grey_board', 0.85, 0, 0.04), {
      ...lamp(700, 1300, 1300, 1),
      specular: { strength: 2.2, shininess: 170 },
    }),
    c('glare-record-top', R2, phone('dark', 0.85, -1, 0.04), {
      ...lamp(900, 700, 1300, 1),
      specular: { strength: 2.8, shininess: 160 },
    }),
    c('glare-cert-strong', K1, phone('wood', 0.8, 2, 0.05), {
      ...lamp(1000, 1200, 1250, 1),
      specular: { strength: 3, shininess: 140 },
    }),
    c('sheen-form-mild', G2, phone('wood', 0.85, 1, 0.04), {
      ...lamp(1200, 800, 1600, 1),
      specular: { strength: 0.45, shininess: 250 },
    }),
    // Exposure.
    c('dark-record', R1, phone('wood', 0.85, 1, 0.04), { exposure: 0.14 }),
    c('dark-form', G3, phone('grey_board', 0.85, 1, 0.04), { exposure: 0.2 }),
    c('over-form-pink', G1, phone('dark', 0.85, 1, 0.04), { exposure: 2.4, flare: 0.6 }),
    c('over-record', R2, phone('wood', 0.85, 1, 0.04), { exposure: 2.3, flare: 0.6 }),
    c('over-cert', K2, phone('grey_board', 0.8, 1, 0.04), { exposure: 2.8, flare: 0.65 }),
    // Cut off: print out of the frame on each side; the blank lower half of an A4 sheet past the frame.
    c('cut-form-right', G1, phone('wood', 0.86, 2, 0.04, { cx: 0.63 }), {}, ['seal_missing']),
    c('cut-form-top-corner', G4, phone('grey_board', 0.85, 8, 0.05, { cy: 0.38, cx: 0.42 }), {}, [
      'seal_missing',
    ]),
    c('cut-e-left', H1, phone('dark', 0.9, 1, 0.04, { cx: 0.36 }), {}, ['seal_missing']),
    c('cut-record-bottom', R2, phone('wood', 0.9, -1, 0.04, { cy: 0.66 })),
    c('cut-cert-zoomed', K1, phone('grey_board', 1.25, 2, 0.03, { cx: 0.55, cy: 0.58 }), {}, [
      'seal_missing',
    ]),
    c('cut-record-zoomed', R1, phone('wood', 1.3, 0, 0.03, { cx: 0.5, cy: 0.56 })),
    c('e-sheet-blank-half-out', H2, phone('grey_board', 1.9, 0, 0.03, { cy: 0.9, frame: 'landscape' }), {}, [
      'incomplete_page',
    ]),
  ];
}

export const CASES_D = cases();

/** Makes set D (or the cases named in `only`) into `dir`; returns the labels. */
export async function makeSetD(
  dir: string,
  options: { only?: readonly string[]; long?: number; log?: (s: string) => void } = {},
): Promise<EntryC[]> {
  mkdirSync(dir, { recursive: true });
  const entries: EntryC[] = [];
  for (const [i, cs] of CASES_D.entries()) {
    if (options.only && !options.only.includes(cs.name)) continue;
    // Camera seeds apart from set C's (7000 + index there).
    const { jpeg, entry } = await makeShot(cs, 900 + 7 * i, options.long ?? 2000);
    const file = `${cs.name}.jpg`;
    writeFileSync(join(dir, file), jpeg);
    entries.push({ file, ...entry });
    options.log?.(
      `  ${file} reject=${entry.reject.join(',')} tolerate=${entry.tolerate.join(',')} ${JSON.stringify(entry.facts)}`,
    );
  }
  if (!options.only) writeFileSync(join(dir, 'labels.json'), JSON.stringify(entries, null, 1));
  return entries;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const opt = (name: string): string | undefined => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const dir = opt('--out') ?? DEFAULT_CORPUS_D_DIR;
  const only = opt('--only')?.split(',');
  const long = Number(opt('--long') ?? 2000);
  let entries: EntryC[];
  if (args.includes('--reuse')) {
    entries = (JSON.parse(readFileSync(join(dir, 'labels.json'), 'utf8')) as EntryC[]).filter(
      (e) => existsSync(join(dir, e.file)) && (!only || only.includes(e.name)),
    );
  } else {
    const started = Date.now();
    entries = await makeSetD(dir, { ...(only ? { only } : {}), long, log: (s) => console.log(s) });
    console.log(`${entries.length} photos in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
  if (args.includes('--no-score')) return;
  const sealKinds = sealKindsFromRules();
  const reports: QualityReport[] = [];
  for (const e of entries) {
    const r = await checkFile(join(dir, e.file), { kind: e.kind, sealKinds });
    reports.push(r);
    console.log(
      `${e.file.padEnd(36)} ${r.verdict.padEnd(4)} ${r.findings
        .map((f) => `${f.code}${f.severity === 'warning' ? '?' : ''}`)
        .join(',')
        .padEnd(36)} [${e.reject.join(',')}|${e.tolerate.join(',')}]`,
    );
  }
  const { scores, misses } = scoreCorpus(entries, reports, sealKinds);
  console.log(`\n${formatScores(scores)}\n`);
  console.log(summariseAlarms(entries, reports));
  if (misses.length) console.log(`\nmisses:\n  ${misses.join('\n  ')}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();

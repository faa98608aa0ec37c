// The checker on photographed documents from the calibration corpus (a modest subset, 3000-px frames):
// each defect at a strength a reviewer rejects is an error; borderline photos a reviewer accepts do not fail.
// The full corpus and its per-code table: `npx tsx scripts/make-quality-corpus.ts` (see docs/reference/check.md).
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QualityReport } from '../../shared/quality';
import { checkFile } from '../../electron/core/pages/check';
import { makeCorpus, type CorpusEntry } from '../../scripts/make-quality-corpus';
import { casesFor } from '../../scripts/quality-corpus/cases';
import { DOC_TYPES, renderDocument } from '../../scripts/quality-corpus/documents';
import { makeTempDir } from '../helpers/tmp';

const tmp = makeTempDir('claimdesk-check-corpus-');
afterAll(() => tmp.cleanup());

const PICK: Record<string, readonly string[]> = {
  diagnosis_certificate: [
    'clean-a',
    'no-seal',
    'no-seal-red-letterhead',
    'ok-faded-seal',
    'blur-4',
    'shake-22',
    'glare-0.1',
    'dark-0.24',
    'overexposed-0.75',
    'cut-corner',
    'lowres-700',
    'no-seal-emergency-box',
    'ok-white-desk',
    'ok-soft-focus',
    'ok-blur-2.6',
    'ok-dim',
    'ok-faint-sheen',
    'ok-tight-margin',
    'ok-rotated-exif',
    // Blur under dim and dark light (noise, less contrast): blurry as well as too dark; a slight shake
    // keeps the missing seal judged.
    'compound-blur-dim',
    'compound-blur-dark',
    'no-seal-shaky',
  ],
  invoice: [
    'clean-b',
    'cut-edge',
    'glare-0.16',
    'glare-0.06',
    'ok-faint-sheen',
    'ok-strong-perspective',
    'no-seal',
    'shake-36',
  ],
  itemized_bill: ['ok-blur-2.6'],
};

const entries: CorpusEntry[] = [];
const codesOf = (r: QualityReport): string[] => r.findings.map((f) => `${f.code}:${f.severity}`);
const reports = new Map<string, QualityReport>();

beforeAll(async () => {
  for (const doc of ['diagnosis_certificate', 'invoice', 'itemized_bill'] as const) {
    entries.push(
      ...(await makeCorpus(tmp.dir, { long: 3000, docs: [doc], filter: (c) => PICK[doc]!.includes(c.name) })),
    );
  }
  for (const e of entries) reports.set(e.file, await checkFile(join(tmp.dir, e.file), { kind: e.kind }));
}, 600_000);

describe('checks on photographed documents', () => {
  it('made every picked photo', () => {
    expect(entries.length).toBe(Object.values(PICK).reduce((n, v) => n + v.length, 0));
  });

  it('flags each defect a reviewer rejects as an error, with a Chinese instruction', () => {
    for (const e of entries.filter((x) => x.reject.length)) {
      const r = reports.get(e.file)!;
      for (const code of e.reject) {
        const f = r.findings.find((x) => x.code === code);
        expect(
          f?.severity,
          `${e.file}: ${code} (${JSON.stringify(r.findings.map((x) => x.code))}, metrics ${JSON.stringify(r.metrics)})`,
        ).toBe('error');
        expect(f!.message).toMatch(/请/);
      }
      expect(r.verdict).toBe('fail');
    }
  });

  it('does not fail photos a reviewer accepts (clean and borderline)', () => {
    for (const e of entries.filter((x) => x.reject.length === 0)) {
      const r = reports.get(e.file)!;
      expect(
        r.verdict,
        `${e.file}: ${JSON.stringify(r.findings)} metrics ${JSON.stringify(r.metrics)}`,
      ).not.toBe('fail');
    }
  });

  it('points at the glare where it is, and returns the page corners for export', () => {
    const glare = reports
      .get('diagnosis_certificate-glare-0.1.jpg')!
      .findings.find((f) => f.code === 'glare')!;
    // The highlight of glare-0.1 was centred at (0.45, 0.45) of the frame.
    expect(glare.region!.x).toBeLessThan(0.45);
    expect(glare.region!.x + glare.region!.w).toBeGreaterThan(0.45);
    expect(glare.region!.y).toBeLessThan(0.45);
    expect(glare.region!.y + glare.region!.h).toBeGreaterThan(0.45);
    const clean = reports.get('diagnosis_certificate-clean-a.jpg')!;
    const [tl, tr, br, bl] = clean.metrics.corners as { x: number; y: number }[];
    // placePage put the page centred with fill 0.82 of the frame height: its top edge near y = 0.09.
    expect(tl!.y).toBeGreaterThan(0.05);
    expect(tl!.y).toBeLessThan(0.14);
    expect(br!.y).toBeGreaterThan(0.86);
    expect(tr!.x).toBeGreaterThan(bl!.x);
    expect(clean.metrics.cornersConfidence).toBeGreaterThan(0.7);
  });

  it('sees text through a faint sheen: no glare finding at all, while a wiping highlight is an error', () => {
    const sheen = reports.get('diagnosis_certificate-ok-faint-sheen.jpg')!;
    expect(
      sheen.findings.map((f) => f.code),
      JSON.stringify(sheen.metrics),
    ).not.toContain('glare');
    const glare = reports
      .get('diagnosis_certificate-glare-0.1.jpg')!
      .findings.find((f) => f.code === 'glare');
    expect(glare?.severity).toBe('error');
  });

  it('sees through a faint sheen over a blank table column (its ink keeps its darkness), not a small wiping highlight', () => {
    // Both lie over the end of the item names and the blank column after them: the sheen adds ~59 levels
    // (under the ink's contrast), the highlight of glare-0.06 lifts ink past white in its middle.
    const sheen = reports.get('invoice-ok-faint-sheen.jpg')!;
    expect(
      sheen.findings.map((f) => f.code),
      JSON.stringify(sheen.metrics),
    ).not.toContain('glare');
    const glare = reports.get('invoice-glare-0.06.jpg')!.findings.find((f) => f.code === 'glare');
    expect(glare?.severity).toBe('error');
  });

  it('labels blur by its edge width over the text height at the frame size made, and the checker agrees', () => {
    // σ 2.6 px at a 3000-px frame spreads an edge over 0.32 of the itemized bill's 21-px text: blurred.
    const soft = entries.find((e) => e.file === 'itemized_bill-ok-blur-2.6.jpg')!;
    expect(soft.reject).toContain('blurry');
    const at4000 = casesFor('itemized_bill', DOC_TYPES.indexOf('itemized_bill'), 4000).find(
      (c) => c.name === 'ok-blur-2.6',
    )!;
    expect(at4000.reject).not.toContain('blurry');
    expect(at4000.tolerate).toContain('blurry');
    const r = reports.get('itemized_bill-ok-blur-2.6.jpg')!;
    expect(codesOf(r)).toContain('blurry:error');
  });

  it('calls a long horizontal shake blurry, not low resolution (the smear breaks lines into strokes)', () => {
    const r = reports.get('invoice-shake-36.jpg')!;
    const codes = r.findings.map((f) => `${f.code}:${f.severity}`);
    expect(codes, JSON.stringify(r.metrics)).toContain('blurry:error');
    expect(codes.some((c) => c.startsWith('low_resolution'))).toBe(false);
    // The smear is one-directional: edges across it are gone or far wider than along it.
    const w = r.metrics.edgeWidthPx as { x: number | null; y: number | null };
    expect(w.x === null || w.x >= 2 * (w.y ?? 0)).toBe(true);
  });

  it('asks for a closer photo of a thumbnail without judging its seal (the ring is under 2 px there)', () => {
    const r = reports.get('diagnosis_certificate-lowres-700.jpg')!;
    const codes = r.findings.map((f) => `${f.code}:${f.severity}`);
    expect(codes).toContain('low_resolution:error');
    expect(codes.some((c) => c.startsWith('seal_missing'))).toBe(false);
    expect(r.metrics.sealChecked).toBe(false);
  });

  it('says which frame edge a cut-off page runs out of', () => {
    const cut = reports.get('invoice-cut-edge.jpg')!.findings.find((f) => f.code === 'incomplete_page')!;
    expect(cut.message).toContain('下边');
    expect(cut.region).toEqual({ x: 0, y: 0.92, w: 1, h: 0.08 });
  });
});

describe('text height measured upright', () => {
  it('gives a page tilted by 7° the text height of the same page upright (not + strip width × tan θ)', async () => {
    // A real rendering of the certificate (4-mm body text), shrunk so its body text is ~12.5 px tall, then
    // photographed upright and turned by 7°: across a 40-px strip the tilt adds 4.9 px to a line's rows
    // (counted by rows, the tilted page measured 16 px against 13 upright; along the lines, 14).
    const page = await renderDocument('diagnosis_certificate', { seed: 102, seal: false });
    const scale = 0.45;
    const base = sharp(page.rgb, { raw: { width: page.width, height: page.height, channels: 3 } }).resize(
      Math.round(page.width * scale),
    );
    const upright = join(tmp.dir, 'upright.jpg');
    const tilted = join(tmp.dir, 'tilted.jpg');
    await base.clone().jpeg({ quality: 92 }).toFile(upright);
    await sharp(await base.clone().png().toBuffer())
      .rotate(7, { background: '#ffffff' })
      .jpeg({ quality: 92 })
      .toFile(tilted);
    const a = (await checkFile(upright)).metrics.textHeightPx as number;
    const b = (await checkFile(tilted)).metrics.textHeightPx as number;
    // Body text by the physics: 0.88 × 4 mm × 7.88 px/mm × 0.45 = 12.5 px.
    expect(a).toBeGreaterThanOrEqual(11);
    expect(a).toBeLessThanOrEqual(14);
    expect(Math.abs(b - a), `upright ${a}, tilted ${b}`).toBeLessThanOrEqual(1);
  });
});

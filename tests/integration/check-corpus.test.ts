// The checker on photographed documents from the calibration corpus (a modest subset, 3000-px frames):
// each defect at a strength a reviewer rejects is an error; borderline photos a reviewer accepts do not fail.
// The full corpus and its per-code table: `npx tsx scripts/make-quality-corpus.ts` (see README, section check).
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QualityReport } from '../../shared/quality';
import { checkFile } from '../../electron/core/quality/index';
import { makeCorpus, type CorpusEntry } from '../../scripts/make-quality-corpus';
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
  ],
  invoice: ['clean-b', 'cut-edge', 'glare-0.16', 'ok-strong-perspective', 'no-seal', 'shake-36'],
};

const entries: CorpusEntry[] = [];
const reports = new Map<string, QualityReport>();

beforeAll(async () => {
  for (const doc of ['diagnosis_certificate', 'invoice'] as const) {
    entries.push(
      ...(await makeCorpus(tmp.dir, { long: 3000, docs: [doc], filter: (c) => PICK[doc]!.includes(c.name) })),
    );
  }
  for (const e of entries) reports.set(e.file, await checkFile(join(tmp.dir, e.file), { kind: e.kind }));
}, 600_000);

describe('checks on photographed documents', () => {
  it('made every picked photo', () => {
    expect(entries.length).toBe(PICK.diagnosis_certificate!.length + PICK.invoice!.length);
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

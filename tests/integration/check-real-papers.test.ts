// The photo checks on the 16 real development papers of issue 21 (MEBI set: scans and phone photos of Chinese
// medical invoices and records), against the labels written by eye before the checker ran on them
// (docs/real-papers/check-labels.json). The images are unlicensed and never committed: this test reads them
// from tests/helpers/real-papers.ts and skips when they are not on the machine.
import { describe, expect, it } from 'vitest';
import { checkRealPapers, redSealed, summariseReal, type RealScore } from '../../scripts/real-papers-check';
import { realPapersDir } from '../helpers/real-papers';

const dir = realPapersDir();

describe.skipIf(!dir)('real development papers (issue 21)', () => {
  let scores: RealScore[] = [];
  const load = async (): Promise<RealScore[]> => {
    if (!scores.length) scores = await checkRealPapers(dir!);
    return scores;
  };

  // Issue 21's bar for the held-out papers is at most 1 of 16 acceptable papers with a false error; the
  // development files have two left (docs/real-papers/checks.md): imgs_807, a pin-feed form on patterned
  // cloth, whose cloth pattern crossing the frame edge reads as print cut off, and imgs_919, an A4 printout
  // whose darker half past a fold was taken for the table. (A rule that set an outline aside when the sheet's
  // print ran on past it mended 919 but gave two real sharp photos of whole pages in check-real-photos a
  // false incomplete_page; it was taken back on 7 Dec.) Any other false error fails this test.
  it('gives no acceptable paper a blocking error beyond the two known incomplete_page findings', async () => {
    const s = await load();
    const known = new Set(['imgs_807.jpg: incomplete_page', 'imgs_919.jpg: incomplete_page']);
    const wrong = s
      .filter((x) => x.label.acceptable)
      .flatMap((x) => x.falseErrors.map((code) => `${x.file}: ${code}`))
      .filter((e) => !known.has(e));
    expect(wrong, summariseReal(s)).toEqual([]);
  }, 300_000);

  it('never tells a red-stamped paper its seal is missing', async () => {
    const s = await load();
    const needSeal = s.filter(
      (x) => redSealed(x.label) && (x.label.kind === 'invoice' || x.label.kind === 'diagnosis_certificate'),
    );
    expect(needSeal.length).toBeGreaterThanOrEqual(10);
    expect(needSeal.filter((x) => x.sealCalledMissing).map((x) => x.file)).toEqual([]);
  }, 300_000);

  it('asks for a fresh stamp on the black-and-white e-invoice printout (its e-seal is grey print)', async () => {
    const s = await load();
    const asks = s.filter((x) => x.label.sealAskIsRight);
    expect(asks.length).toBe(1);
    for (const x of asks)
      expect(
        x.report.findings.map((f) => f.code),
        x.file,
      ).toContain('seal_missing');
  }, 300_000);

  it('calls no white-paper scan overexposed and no white box glare', async () => {
    const s = await load();
    const flagged = s.filter((x) =>
      x.report.findings.some((f) => f.code === 'overexposed' || f.code === 'glare'),
    );
    expect(flagged.map((x) => x.file)).toEqual([]);
  }, 300_000);
});

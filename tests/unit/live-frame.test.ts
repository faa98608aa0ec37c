// The live checks on camera preview frames (electron/core/quality/live.ts) on filmed scenes of the sample
// papers (tests/helpers/camera-scenes.ts): the one instruction each frame gets, the paper's outline, the
// motion between frames, and whether the paper in view is the one already taken. Frames are made at a
// document camera's 1600×1200 and scaled to the 640-px preview the capture view sends, as it does.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  analyseLiveFrame,
  cornerSkewDeg,
  LIVE_MAX_SIDE,
  liveRaster,
  motionGrid,
  paperSignature,
  SAME_PAPER_MIN_CORRELATION,
  signatureCorrelation,
  STILL_MAX_MOTION,
  type LiveResult,
} from '../../electron/core/quality/live';
import { findPage } from '../../electron/core/quality/outline';
import { analyse } from '../../electron/core/quality/checks';
import { CENTRED, previewOf, samplePaper, shoot, type Paper, type Shot } from '../helpers/camera-scenes';

const W = 1600;
const H = 1200;

async function preview(shot: Shot, w = W, h = H) {
  return previewOf(await shoot(w, h, shot), w, h, LIVE_MAX_SIDE);
}

/** The verdict on a frame held still (its previous frame is itself), as the view sees a paper at rest. */
async function still(
  shot: Shot,
  extra: { takenSignatures?: Int8Array[] } = {},
  w = W,
  h = H,
): Promise<LiveResult> {
  const p = await preview(shot, w, h);
  const frame = { ...p, captureWidth: w, captureHeight: h };
  return analyseLiveFrame({ ...frame, previousGrid: motionGrid(liveRaster(frame)), ...extra });
}

const papers: Record<string, Paper> = {};
beforeAll(async () => {
  for (const n of [
    'invoice',
    'diagnosis',
    'itemized-bill',
    'discharge-summary',
    'referral',
    'medical-record',
  ])
    papers[n] = await samplePaper(n);
}, 60_000);

describe('one instruction per frame', () => {
  it('a bare desk: put a paper under the camera', async () => {
    const v = await still({});
    expect(v.instruction).toBe('no_paper');
    expect(v.paper).toBe(false);
    expect(v.outline).toBeNull();
  });

  it('a good paper lying still: ready, with its outline where the paper is', async () => {
    const v = await still({ paper: papers.invoice, at: CENTRED });
    expect(v.instruction).toBe('ready');
    expect(v.passing).toBe(true);
    // The paper spans the middle half of the frame's width (1000:1414 at 94 % of the height).
    const [tl, , br] = v.outline!;
    expect(tl.x).toBeCloseTo(0.25, 1);
    expect(br.x).toBeCloseTo(0.75, 1);
    expect(v.findings.filter((f) => f.endsWith(':error'))).toEqual([]);
  });

  it('out of focus: hold still, not passing', async () => {
    const v = await still({ paper: papers.diagnosis, at: CENTRED, defocusSigma: 4 });
    expect(v.instruction).toBe('hold_still');
    expect(v.passing).toBe(false);
  });

  it('a little out of focus where the preview cannot measure the text: hold still, not passing', async () => {
    // A 720p preview of a 12-MP photo: σ 2 preview px leaves no line of text to measure on it, and its edges
    // (2.1–2.4 px) are softer than any sharp photo's; the photo itself would be blurred by ~6 px.
    const p = await preview({ paper: papers.invoice, at: CENTRED, defocusSigma: 2 }, 1280, 720);
    const frame = { ...p, captureWidth: 4000, captureHeight: 3000 };
    const v = analyseLiveFrame({ ...frame, previousGrid: motionGrid(liveRaster(frame)) });
    expect(v.paper).toBe(true);
    expect(v.instruction).toBe('hold_still');
    expect(v.passing).toBe(false);
    // The same paper in focus is ready.
    const q = await preview({ paper: papers.invoice, at: CENTRED }, 1280, 720);
    const sharp = { ...q, captureWidth: 4000, captureHeight: 3000 };
    expect(analyseLiveFrame({ ...sharp, previousGrid: motionGrid(liveRaster(sharp)) }).instruction).toBe(
      'ready',
    );
  });

  it('smeared by a hand sliding the paper: hold still, even when the frame is compared with itself', async () => {
    const v = await still({
      paper: papers.invoice,
      at: { ...CENTRED, cx: 0.7 },
      hand: { x: 0.85, y: 0.5 },
      smearPx: 25,
    });
    expect(v.instruction).toBe('hold_still');
    expect(v.passing).toBe(false);
  });

  it("a lamp's hotspot over the print: move the lamp", async () => {
    const v = await still({ paper: papers.diagnosis, at: CENTRED, glareAt: { x: 0.5, y: 0.4 } });
    expect(v.instruction).toBe('glare');
    expect(v.passing).toBe(false);
    expect(v.findings).toContain('glare:error');
  });

  it('half the paper out of view: get the whole page in', async () => {
    const v = await still({ paper: papers.invoice, at: { ...CENTRED, cx: 0.85 } });
    expect(v.instruction).toBe('whole_page');
  });

  it('a paper lifted at its far end: lay it flat', async () => {
    const v = await still({ paper: papers.invoice, at: { ...CENTRED, size: 0.8, lift: 0.5 } });
    expect(v.instruction).toBe('flatten');
    expect(cornerSkewDeg(v.outline!, 640, 480)).toBeGreaterThan(8);
  });

  it('a paper small in the frame: closer', async () => {
    const v = await still({ paper: papers.invoice, at: { ...CENTRED, size: 0.35 } });
    expect(v.instruction).toBe('closer');
  });

  it('a 640×480 camera: the text is too small however the paper lies, so closer', async () => {
    const v = await still({ paper: papers.invoice, at: CENTRED }, {}, 640, 480);
    expect(v.instruction).toBe('closer');
    expect(v.findings).toContain('low_resolution:error');
  });

  it('a dim room: turn on a light', async () => {
    const v = await still({ paper: papers.invoice, at: CENTRED, light: 0.35 });
    expect(v.instruction).toBe('too_dark');
  });

  it('the same checks as the full photo: the preview judges a paper as analysePage judges the photo', async () => {
    // A paper the live checks pass is passed by the checks on the whole 1600×1200 frame, and one they stop
    // for glare is stopped for glare there too.
    for (const [shot, ok] of [
      [{ paper: papers.diagnosis, at: CENTRED }, true],
      [{ paper: papers.diagnosis, at: CENTRED, glareAt: { x: 0.5, y: 0.4 } }, false],
    ] as const) {
      const rgb = await shoot(W, H, shot);
      const full = analyse(
        liveRaster({ width: W, height: H, rgb, captureWidth: W, captureHeight: H }),
        W,
        H,
        {
          sealRequired: false,
        },
      );
      const live = await still(shot);
      expect(live.passing).toBe(ok);
      expect(full.findings.some((f) => f.severity === 'error')).toBe(!ok);
    }
  });
});

describe('motion between frames', () => {
  it('a paper at rest is still; a hand coming in is not', async () => {
    const rest = await preview({ paper: papers.invoice, at: CENTRED });
    const frame = { ...rest, captureWidth: W, captureHeight: H };
    const first = analyseLiveFrame(frame);
    expect(first.motion).toBeNull();
    expect(first.instruction).toBe('hold_still'); // no motion figure yet: wait for the next frame
    expect(first.passing).toBe(true);
    // The same paper in the next frame with the camera's own noise (a re-encoded JPEG): still.
    const again = await preview({ paper: papers.invoice, at: CENTRED, light: 1.01 });
    const second = analyseLiveFrame({
      ...again,
      captureWidth: W,
      captureHeight: H,
      previousGrid: first.grid,
    });
    expect(second.motion!).toBeLessThan(STILL_MAX_MOTION);
    expect(second.instruction).toBe('ready');
    const hand = await preview({ paper: papers.invoice, at: CENTRED, hand: { x: 0.6, y: 0.5 } });
    const third = analyseLiveFrame({ ...hand, captureWidth: W, captureHeight: H, previousGrid: second.grid });
    expect(third.motion!).toBeGreaterThan(3 * STILL_MAX_MOTION);
    expect(third.still).toBe(false);
    expect(third.instruction).toBe('hold_still');
  });

  it('a paper nudged by 1 % of the frame between frames is not still', async () => {
    const a = await preview({ paper: papers.invoice, at: CENTRED });
    const b = await preview({ paper: papers.invoice, at: { ...CENTRED, cx: 0.51 } });
    const ga = motionGrid(liveRaster({ ...a, captureWidth: W, captureHeight: H }));
    const v = analyseLiveFrame({ ...b, captureWidth: W, captureHeight: H, previousGrid: ga });
    expect(v.motion!).toBeGreaterThan(STILL_MAX_MOTION);
  });
});

describe('the paper taken and the next one', () => {
  const signatureOf = async (shot: Shot) => {
    const p = await preview(shot);
    const r = liveRaster({ ...p, captureWidth: W, captureHeight: H });
    return paperSignature(r, findPage(r).corners);
  };

  it('the same sheet moved, turned, dimmed, out of focus or under a hotspot is the same paper', async () => {
    const taken = await signatureOf({ paper: papers.invoice, at: CENTRED });
    for (const shot of [
      { paper: papers.invoice, at: { ...CENTRED, cx: 0.47, angleDeg: 3 } },
      { paper: papers.invoice, at: { ...CENTRED, cx: 0.55, cy: 0.48, size: 0.9 } },
      { paper: papers.invoice, at: { ...CENTRED, cx: 0.4, size: 0.8, angleDeg: -5 } },
      { paper: papers.invoice, at: CENTRED, light: 0.7 },
      { paper: papers.invoice, at: CENTRED, defocusSigma: 4 },
      { paper: papers.invoice, at: CENTRED, glareAt: { x: 0.5, y: 0.4 } },
    ] satisfies Shot[])
      expect(signatureCorrelation(taken, await signatureOf(shot))).toBeGreaterThanOrEqual(
        SAME_PAPER_MIN_CORRELATION,
      );
    const diagnosis = await signatureOf({ paper: papers.diagnosis, at: CENTRED });
    const turned = await signatureOf({
      paper: papers.diagnosis,
      at: { ...CENTRED, cx: 0.45, size: 0.6, angleDeg: -8 },
    });
    expect(signatureCorrelation(diagnosis, turned)).toBeGreaterThanOrEqual(SAME_PAPER_MIN_CORRELATION);
  });

  it('any two different sample papers are different papers', async () => {
    const names = Object.keys(papers);
    const sigs = await Promise.all(names.map((n) => signatureOf({ paper: papers[n], at: CENTRED })));
    for (let i = 0; i < sigs.length; i++)
      for (let j = i + 1; j < sigs.length; j++)
        expect(signatureCorrelation(sigs[i]!, sigs[j]!), `${names[i]} / ${names[j]}`).toBeLessThan(
          SAME_PAPER_MIN_CORRELATION,
        );
  });

  it('the verdict says whether the paper in view is the one taken', async () => {
    const taken = (await still({ paper: papers.invoice, at: CENTRED })).signature!;
    expect(
      (await still({ paper: papers.invoice, at: { ...CENTRED, cx: 0.47 } }, { takenSignatures: [taken] }))
        .sameAsTaken,
    ).toBe(true);
    expect(
      (await still({ paper: papers.diagnosis, at: CENTRED }, { takenSignatures: [taken] })).sameAsTaken,
    ).toBe(false);
    expect((await still({}, { takenSignatures: [taken] })).sameAsTaken).toBeNull();
  });
});

it('refuses a frame whose bytes do not match its size', () => {
  expect(() =>
    analyseLiveFrame({ width: 4, height: 4, rgb: new Uint8Array(10), captureWidth: 4, captureHeight: 4 }),
  ).toThrow(/48/);
});

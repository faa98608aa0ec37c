// The auto-capture clock (shared/capture.ts): a paper still and passing for about a second is taken once;
// the next capture waits for the paper to leave or for a different one to lie still.
import { describe, expect, it } from 'vitest';
import {
  AUTO_CAPTURE_STILL_MS,
  autoCaptureStep,
  INITIAL_AUTO_CAPTURE,
  LIVE_INSTRUCTION_WORDS,
  liveWords,
  PAPER_GONE_MS,
  taken,
  type AutoCaptureState,
  type LiveVerdict,
} from '../../shared/capture';

type V = Pick<LiveVerdict, 'paper' | 'passing' | 'still' | 'sameAsTaken'>;
const GOOD: V = { paper: true, passing: true, still: true, sameAsTaken: null };
const SAME: V = { ...GOOD, sameAsTaken: true };
const OTHER: V = { ...GOOD, sameAsTaken: false };
const MOVING: V = { paper: true, passing: false, still: false, sameAsTaken: null };
const BLURRED: V = { paper: true, passing: false, still: true, sameAsTaken: null };
const EMPTY: V = { paper: false, passing: false, still: true, sameAsTaken: null };

/** Feeds verdicts 50 ms apart (a preview analysed at 20 fps) and returns when each capture fired. */
function run(frames: Array<[V, number]>, start: AutoCaptureState = INITIAL_AUTO_CAPTURE): number[] {
  let state = start;
  let t = 0;
  const fired: number[] = [];
  for (const [v, n] of frames)
    for (let i = 0; i < n; i++, t += 50) {
      const step = autoCaptureStep(state, v, t);
      state = step.state;
      if (step.fire) fired.push(t);
    }
  return fired;
}

describe('autoCaptureStep', () => {
  it('takes a paper after a second still and passing, once', () => {
    // 3 s of the same good paper: one capture, at 1 s; from then on it is among the papers taken.
    expect(
      run([
        [GOOD, 21],
        [SAME, 40],
      ]),
    ).toEqual([AUTO_CAPTURE_STILL_MS]);
  });

  it('never takes a moving, blurred or glaring paper, however long', () => {
    expect(run([[MOVING, 100]])).toEqual([]);
    expect(run([[BLURRED, 100]])).toEqual([]);
    expect(run([[EMPTY, 100]])).toEqual([]);
  });

  it('starts the second again when the paper moves or stops passing', () => {
    // 0.9 s good, a flicker of motion, then good again: the capture waits for a whole steady second from
    // the first good frame after the flicker (frame 19, at 950 ms).
    const fired = run([
      [GOOD, 18],
      [MOVING, 1],
      [GOOD, 30],
    ]);
    expect(fired).toEqual([950 + AUTO_CAPTURE_STILL_MS]);
  });

  it('re-arms when the paper leaves the view for a moment, and takes the next one', () => {
    const fired = run([
      [GOOD, 21], // taken at 1.0 s
      [SAME, 20],
      [EMPTY, PAPER_GONE_MS / 50], // gone long enough
      [MOVING, 10], // the next paper slid in
      [OTHER, 21], // still and passing: taken 1 s later
    ]);
    expect(fired).toHaveLength(2);
    expect(fired[1]! - fired[0]!).toBeGreaterThan(AUTO_CAPTURE_STILL_MS);
  });

  it('a paper hidden for a blink (a hand passing over) does not re-arm', () => {
    const fired = run([
      [GOOD, 21],
      [EMPTY, 3], // 150 ms
      [SAME, 40],
    ]);
    expect(fired).toHaveLength(1);
  });

  it('a different paper laid on top of the taken one (no empty desk between) is taken', () => {
    const fired = run([
      [GOOD, 21],
      [MOVING, 10],
      [OTHER, 25],
    ]);
    expect(fired).toHaveLength(2);
  });

  it('the same paper moved and laid still again is not taken twice', () => {
    expect(
      run([
        [GOOD, 21],
        [MOVING, 10],
        [SAME, 60],
      ]),
    ).toHaveLength(1);
  });

  it('a paper taken earlier this session and put back later is not taken by itself again', () => {
    const fired = run([
      [GOOD, 21], // A taken
      [EMPTY, 10], // gone: armed again
      [SAME, 60], // A back (its signature is among the taken ones)
    ]);
    expect(fired).toHaveLength(1);
  });

  it('after the shutter the paper is spent too', () => {
    expect(run([[SAME, 60]], taken())).toEqual([]);
  });

  it('reports how far the steady second has run', () => {
    let s = INITIAL_AUTO_CAPTURE;
    s = autoCaptureStep(s, GOOD, 0).state;
    expect(autoCaptureStep(s, GOOD, 500).progress).toBeCloseTo(0.5);
  });
});

describe('liveWords', () => {
  it('over a paper ready and already taken: taken, put the next one (not "keep it there")', () => {
    expect(liveWords({ instruction: 'ready', sameAsTaken: true }).zh).toBe('这张拍好了，换下一张');
    expect(liveWords({ instruction: 'ready', sameAsTaken: false }).zh).toBe('很好，别动');
    expect(liveWords({ instruction: 'ready', sameAsTaken: null }).zh).toBe('很好，别动');
    // Anything still to fix on the taken paper is said as it is.
    expect(liveWords({ instruction: 'glare', sameAsTaken: true })).toBe(LIVE_INSTRUCTION_WORDS.glare);
  });
});

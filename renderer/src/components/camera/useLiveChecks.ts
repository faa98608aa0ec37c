// The live checks while the camera is open: each new video frame (requestVideoFrameCallback), scaled to the
// preview size, goes to main's live worker, one at a time; the verdict gives the instruction and the outline,
// and drives the auto-capture clock (shared/capture.ts). Main measures motion against the previous frame's
// grid and says whether the paper is the one last taken, from what this hook sends back.
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import {
  autoCaptureStep,
  INITIAL_AUTO_CAPTURE,
  taken,
  type AutoCaptureState,
  type LiveVerdict,
} from '../../../../shared/capture';
import { call } from '../../api';
import { base64Of, grabPreview } from './frames';

export interface LiveChecks {
  verdict: LiveVerdict | null;
  /** How far the steady second before an automatic capture has run, 0..1. */
  progress: number;
  /** The live checks could not be reached for a while (main busy or gone). */
  stalled: boolean;
  /** The verdict on the latest frame (for the shutter: the paper it takes). */
  latest(): LiveVerdict | null;
  /** After any capture: the paper in view is not taken again by itself (its signature joins the session's). */
  markTaken(): void;
  /** An automatic capture that did not go through (the photo was not the paper judged): wait again. */
  rearm(): void;
}

/** Checks failing this many frames in a row are said to be unavailable (the shutter still works). */
const STALL_AFTER = 5;

export function useLiveChecks(
  video: RefObject<HTMLVideoElement | null>,
  opts: {
    active: boolean;
    photo: { width: number; height: number } | null;
    auto: boolean;
    /** The signatures of the papers taken this session (a paper among them is not taken by itself again). */
    takenSignatures(): string[];
    /** The paper in `judged` has been still and passing for a second: take it. */
    onAuto(judged: LiveVerdict): void;
  },
): LiveChecks {
  const [verdict, setVerdict] = useState<LiveVerdict | null>(null);
  const [progress, setProgress] = useState(0);
  const [stalled, setStalled] = useState(false);
  const clock = useRef<AutoCaptureState>(INITIAL_AUTO_CAPTURE);
  const last = useRef<LiveVerdict | null>(null);
  const onAuto = useRef(opts.onAuto);
  const auto = useRef(opts.auto);
  const takenSignatures = useRef(opts.takenSignatures);
  useEffect(() => {
    onAuto.current = opts.onAuto;
    auto.current = opts.auto;
    takenSignatures.current = opts.takenSignatures;
  });
  const pw = opts.photo?.width ?? 0;
  const ph = opts.photo?.height ?? 0;

  useEffect(() => {
    const v = video.current;
    if (!opts.active || !v || pw === 0) return;
    let stopped = false;
    let grid: string | null = null;
    let failures = 0;
    let handle = 0;
    const canvas = document.createElement('canvas');
    const next = () => {
      if (!stopped) handle = v.requestVideoFrameCallback(() => void check());
    };
    const check = async () => {
      const frame = grabPreview(v, canvas);
      if (frame && !stopped) {
        try {
          const r = await call('analyseLiveFrame', {
            width: frame.width,
            height: frame.height,
            rgb: base64Of(frame.rgb),
            captureWidth: pw,
            captureHeight: ph,
            previousGrid: grid,
            takenSignatures: takenSignatures.current(),
          });
          if (stopped) return;
          failures = 0;
          grid = r.grid;
          last.current = r;
          const step = autoCaptureStep(clock.current, r, performance.now());
          clock.current = step.state;
          setVerdict(r);
          setStalled(false);
          setProgress(auto.current ? step.progress : 0);
          // The clock is spent from here until the view says whether the photo went through.
          if (step.fire && auto.current) onAuto.current(r);
        } catch {
          if (++failures >= STALL_AFTER) setStalled(true);
        }
      }
      next();
    };
    next();
    return () => {
      stopped = true;
      v.cancelVideoFrameCallback(handle);
      clock.current = INITIAL_AUTO_CAPTURE;
    };
  }, [opts.active, pw, ph, video]);

  const latest = useCallback(() => last.current, []);
  const markTaken = useCallback(() => {
    clock.current = taken();
    setProgress(0);
  }, []);
  const rearm = useCallback(() => {
    clock.current = INITIAL_AUTO_CAPTURE;
    setProgress(0);
  }, []);

  return { verdict, progress, stalled, latest, markTaken, rearm };
}

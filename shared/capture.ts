// Taking papers with a document camera (issue 24): the one instruction the capture view shows for a preview
// frame, in plain words, and when to take the picture by itself. The instruction is chosen in main from the
// photo checks run on the frame (electron/core/quality/live.ts); the renderer only shows it and runs the
// auto-capture clock below. Pure: no DOM, no Node.
import { z } from 'zod';

/**
 * Long side of the preview frame the capture view sends for the live checks: ~10 ms of checks a frame in
 * main's worker (bench/camera.ts), while the photo itself is taken at the camera's full size.
 */
export const LIVE_MAX_SIDE = 640;

/** The instructions the capture view shows, one at a time (electron/core/quality/live.ts picks it). */
export const LIVE_INSTRUCTIONS = [
  'no_paper',
  'hold_still',
  'whole_page',
  'flatten',
  'closer',
  'glare',
  'too_dark',
  'too_bright',
  'ready',
] as const;
export const LiveInstruction = z.enum(LIVE_INSTRUCTIONS);
export type LiveInstruction = z.infer<typeof LiveInstruction>;

/** What the person reads under the preview: short, plain, one thing to do. */
export const LIVE_INSTRUCTION_WORDS: Record<LiveInstruction, { zh: string; en: string }> = {
  no_paper: { zh: '把纸放到镜头下面', en: 'Put a paper under the camera' },
  hold_still: { zh: '拿稳', en: 'Hold still' },
  whole_page: { zh: '把整张纸放进画面', en: 'Get the whole page in view' },
  flatten: { zh: '放平纸张', en: 'Lay the paper flat' },
  closer: { zh: '再近一点', en: 'Move closer' },
  glare: { zh: '有反光，挪一下灯', en: 'Glare: move the lamp' },
  too_dark: { zh: '太暗了，开一下灯', en: 'Too dark: turn on a light' },
  too_bright: { zh: '太亮了，把灯挪开一点', en: 'Too bright: move the lamp away' },
  ready: { zh: '很好，别动', en: 'Good, keep it there' },
};

/** Said instead of 很好，别动 over a paper already taken this session: it will not be taken by itself again. */
export const TAKEN_WORDS = { zh: '这张拍好了，换下一张', en: 'This one is taken: put the next paper' };

/**
 * The words under the preview for a verdict: its instruction, except over a paper ready but already taken
 * (a person told to keep it there would wait for a photo that is not coming).
 */
export function liveWords(v: Pick<LiveVerdict, 'instruction' | 'sameAsTaken'>): { zh: string; en: string } {
  return v.instruction === 'ready' && v.sameAsTaken === true
    ? TAKEN_WORDS
    : LIVE_INSTRUCTION_WORDS[v.instruction];
}

/** The live verdict on one preview frame, as main answers it (shared/ipc.ts analyseLiveFrame). */
export const LiveVerdict = z.object({
  instruction: LiveInstruction,
  /** A paper is in view (an outline was found, or print fills the frame). */
  paper: z.boolean(),
  /** The checks a photo of this frame would face found no error (the paper would not be marked 重拍). */
  passing: z.boolean(),
  /** The picture barely changed since the previous frame. */
  still: z.boolean(),
  /** The paper's outline, [top-left, top-right, bottom-right, bottom-left] in 0..1, when found. */
  outline: z
    .array(z.object({ x: z.number(), y: z.number() }))
    .length(4)
    .nullable(),
  /** Mean change per cell of a coarse grey grid since the previous frame (grey levels); null for the first. */
  motion: z.number().nullable(),
  /** Whether the paper in view is one already taken this session (null when none was or no paper). */
  sameAsTaken: z.boolean().nullable(),
  /** The coarse grid of this frame, to send back with the next one (motion is measured against it). */
  grid: z.string(),
  /** The paper's own signature (base64), kept by the renderer for the paper it takes; null without paper. */
  signature: z.string().nullable(),
  /** How long the analysis took in main's worker (ms). */
  elapsedMs: z.number(),
});
export type LiveVerdict = z.infer<typeof LiveVerdict>;

/** A preview frame sent for the live checks (shared/ipc.ts analyseLiveFrame). */
export const LiveFrameRequest = z.object({
  width: z.number().int().min(16).max(LIVE_MAX_SIDE),
  height: z.number().int().min(16).max(LIVE_MAX_SIDE),
  /** Interleaved RGB, 3 bytes a pixel, base64 (the size is checked against width × height in main). */
  rgb: z.string().max(Math.ceil((LIVE_MAX_SIDE * LIVE_MAX_SIDE * 3) / 3) * 4),
  /** The size of the photo the shutter takes: the checks judge text heights in its pixels. */
  captureWidth: z.number().int().min(16).max(20_000),
  captureHeight: z.number().int().min(16).max(20_000),
  /** The previous verdict's grid (motion is measured against it); absent for the first frame. */
  previousGrid: z.string().max(4096).nullable().optional(),
  /** The signatures of the papers taken this session, so main can say whether this one was taken. */
  takenSignatures: z.array(z.string().max(1024)).max(500).optional(),
});
export type LiveFrameRequest = z.infer<typeof LiveFrameRequest>;

/** The photo formats a camera hands over (ImageCapture.takePhoto gives JPEG or PNG; a canvas grab JPEG). */
export const CAPTURE_TYPES = ['image/jpeg', 'image/png'] as const;
/** A camera photo as bytes: 16 MP as PNG is ~40 MB; base64 adds a third. */
export const MAX_CAPTURE_BYTES = 64 * 1024 * 1024;

/** Still and passing for this long, the paper is taken by itself: about a second, as document scanners do. */
export const AUTO_CAPTURE_STILL_MS = 1000;
/** A paper gone from view for this long has left: the next paper placed will be taken. */
export const PAPER_GONE_MS = 400;

export interface AutoCaptureState {
  /** armed: waiting for a still, passing paper; spent: this paper was taken, waiting for another. */
  phase: 'armed' | 'spent';
  /** Since when the paper has been still and passing (ms), while armed. */
  steadySince: number | null;
  /** Since when no paper has been in view (ms), while spent. */
  goneSince: number | null;
}

export const INITIAL_AUTO_CAPTURE: AutoCaptureState = { phase: 'armed', steadySince: null, goneSince: null };

/**
 * One step of the auto-capture clock for a frame's verdict at time `now` (ms). `fire` is true once per
 * paper: after a capture (automatic or the shutter, see `taken`) it re-arms only when the paper leaves the
 * view or a different paper lies still in it, and a paper already taken this session (`sameAsTaken`, from
 * the signatures the view sends) is not taken by itself again when it comes back. Progress 0..1 is how far
 * the steady second has run.
 */
export function autoCaptureStep(
  state: AutoCaptureState,
  v: Pick<LiveVerdict, 'paper' | 'passing' | 'still' | 'sameAsTaken'>,
  now: number,
): { state: AutoCaptureState; fire: boolean; progress: number } {
  let s = state;
  if (s.phase === 'spent') {
    const gone = !v.paper;
    const goneSince = gone ? (s.goneSince ?? now) : null;
    // A different paper, lying still (a paper still on its way in is not judged yet), or the old one gone.
    const other = v.paper && v.still && v.sameAsTaken === false;
    if (other || (goneSince !== null && now - goneSince >= PAPER_GONE_MS))
      s = { phase: 'armed', steadySince: null, goneSince: null };
    else return { state: { ...s, goneSince }, fire: false, progress: 0 };
  }
  const steady = v.paper && v.passing && v.still && v.sameAsTaken !== true;
  const steadySince = steady ? (s.steadySince ?? now) : null;
  const held = steadySince === null ? 0 : now - steadySince;
  if (held >= AUTO_CAPTURE_STILL_MS) return { state: taken(), fire: true, progress: 1 };
  return { state: { ...s, steadySince }, fire: false, progress: held / AUTO_CAPTURE_STILL_MS };
}

/** The state after any capture (the shutter too): this paper is not taken again by itself. */
export function taken(): AutoCaptureState {
  return { phase: 'spent', steadySince: null, goneSince: null };
}

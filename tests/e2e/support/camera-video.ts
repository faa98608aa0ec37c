// A document camera's video for Chromium's fake camera (--use-file-for-fake-video-capture): the scenes of
// tests/helpers/camera-scenes.ts filmed at 30 frames a second into an MJPEG file (Chromium plays MJPEG at a
// fixed 30 fps and loops it; under load it plays slower, never skipping a frame). The test writes it from
// its own photos each run (cached by the script's content, in the system's temp folder).
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { open, readFile, rename } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { CENTRED, samplePaper, shoot, type Placement, type Shot } from '../../helpers/camera-scenes';

/**
 * Chromium's fake camera reads the JPEG frames' full-range levels as video range (16–235) and stretches them
 * back (measured: paper at 210 shows as 226, 232 as 250), so paper white would come out clipped all over, a
 * glare the scene does not have. The frames are written in video range, so the screen shows the scene's
 * own levels.
 */
async function videoRangeJpeg(rgb: Buffer, width: number, height: number): Promise<Buffer> {
  return sharp(rgb, { raw: { width, height, channels: 3 } })
    .linear(219 / 255, 16)
    .jpeg({ quality: 80 })
    .toBuffer();
}

/** One stretch of the video: `frames` frames, each made from `at(t)` with t going 0 → 1. */
export interface Segment {
  label: string;
  frames: number;
  at(t: number): Shot;
  /** Frames per distinct picture while moving (a hand moves about 15 times a second on a 30-fps camera). */
  hold?: number;
}

export interface CameraVideo {
  path: string;
  width: number;
  height: number;
  /** First frame of each segment, by label. */
  starts: Record<string, number>;
  frames: number;
}

/** A paper and the hand moving it from `from` to `to` (cx), smeared along its path. */
export function slide(
  paper: Shot['paper'],
  from: number,
  to: number,
  t: number,
  base: Placement = CENTRED,
): Shot {
  const cx = from + (to - from) * t;
  return {
    paper,
    at: { ...base, cx },
    hand: { x: Math.min(1.05, cx + 0.28), y: 0.55 },
    smearPx: 18,
  };
}

export async function writeCameraVideo(
  name: string,
  width: number,
  height: number,
  segments: Segment[],
): Promise<CameraVideo> {
  const key = createHash('sha256')
    .update(await readFile(new URL(import.meta.url)))
    .update(await readFile(new URL('../../helpers/camera-scenes.ts', import.meta.url)))
    .update(
      JSON.stringify({ name, width, height, segments: segments.map((s) => [s.label, s.frames, s.hold]) }),
    )
    .digest('hex')
    .slice(0, 16);
  const path = join(tmpdir(), `claimdesk-camera-${name}-${key}.mjpeg`);
  const starts: Record<string, number> = {};
  let total = 0;
  for (const s of segments) {
    starts[s.label] = total;
    total += s.frames;
  }
  if (existsSync(path)) return { path, width, height, starts, frames: total };
  const part = `${path}.${process.pid}.part`;
  const out = await open(part, 'w');
  try {
    for (const s of segments) {
      const hold = s.hold ?? s.frames;
      let jpeg: Buffer | null = null;
      for (let i = 0; i < s.frames; i++) {
        if (i % hold === 0)
          jpeg = await videoRangeJpeg(
            await shoot(width, height, s.at(s.frames > 1 ? i / (s.frames - 1) : 0)),
            width,
            height,
          );
        await out.write(jpeg!);
      }
    }
  } finally {
    await out.close();
  }
  await rename(part, path);
  return { path, width, height, starts, frames: total };
}

/**
 * The claim in one pass: a hand brings an invoice and leaves it still for 5 s (as long as the still paper of
 * stillThenBlurred: at a load of 12 jobs a core a verdict takes up to a second, and the steady second must
 * fit with the photo after it); swaps it for a discharge summary
 * that lies out of focus, then under a lamp's hotspot; swaps that for a diagnosis certificate left still;
 * takes it away. Then 10 s of bare desk, so a test can stop before the video starts again.
 */
export async function claimInOnePass(): Promise<CameraVideo> {
  const invoice = await samplePaper('invoice');
  const discharge = await samplePaper('discharge-summary');
  const diagnosis = await samplePaper('diagnosis');
  const desk = (): Shot => ({});
  return writeCameraVideo('claim-pass', 1600, 1200, [
    { label: 'desk', frames: 20, at: desk },
    { label: 'invoice-in', frames: 30, hold: 2, at: (t) => slide(invoice, 1.3, 0.5, t) },
    { label: 'invoice-still', frames: 150, at: () => ({ paper: invoice, at: CENTRED }) },
    { label: 'invoice-out', frames: 24, hold: 2, at: (t) => slide(invoice, 0.5, -0.4, t) },
    { label: 'discharge-in', frames: 24, hold: 2, at: (t) => slide(discharge, 1.3, 0.5, t) },
    {
      label: 'discharge-blurred',
      frames: 90,
      at: () => ({ paper: discharge, at: CENTRED, defocusSigma: 4 }),
    },
    {
      label: 'discharge-glare',
      frames: 90,
      at: () => ({ paper: discharge, at: CENTRED, glareAt: { x: 0.5, y: 0.38 } }),
    },
    { label: 'discharge-out', frames: 24, hold: 2, at: (t) => slide(discharge, 0.5, -0.4, t) },
    { label: 'diagnosis-in', frames: 24, hold: 2, at: (t) => slide(diagnosis, 1.3, 0.5, t) },
    { label: 'diagnosis-still', frames: 150, at: () => ({ paper: diagnosis, at: CENTRED }) },
    { label: 'diagnosis-out', frames: 24, hold: 2, at: (t) => slide(diagnosis, 0.5, -0.4, t) },
    { label: 'desk-end', frames: 300, at: desk },
  ]);
}

/** A camera that only offers 640×480 (a cheap webcam): an invoice lying still. */
export async function vgaWebcam(): Promise<CameraVideo> {
  const invoice = await samplePaper('invoice');
  return writeCameraVideo('vga', 640, 480, [
    { label: 'invoice', frames: 60, at: () => ({ paper: invoice, at: CENTRED }) },
  ]);
}

/**
 * For the screenshots and 新建报销: a diagnosis certificate lying still, then a discharge summary lying out of
 * focus (a paper to be retaken), over and over.
 */
export async function stillThenBlurred(): Promise<CameraVideo> {
  const diagnosis = await samplePaper('diagnosis');
  const discharge = await samplePaper('discharge-summary');
  return writeCameraVideo('still-blurred', 1600, 1200, [
    { label: 'diagnosis-still', frames: 150, at: () => ({ paper: diagnosis, at: CENTRED }) },
    {
      label: 'discharge-blurred',
      frames: 450,
      at: () => ({ paper: discharge, at: CENTRED, defocusSigma: 4 }),
    },
  ]);
}

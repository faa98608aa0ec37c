// Photographs corpus B's papers through the second camera model (scripts/quality-corpus-b/camera.ts: linear
// light, pillbox defocus, Bayer sensor, demosaicing, the phone's sharpening, JPEG) with settings a reviewer
// accepts only: defocus up to a tenth of the body-text height, tilt ≤ 8 %, rotation ≤ 4°, uneven light and
// a soft shadow at most. Frames are 2400 px on the long side, every third one 12 MP (4032×3024).
import { shoot, type TableB } from '../quality-corpus-b/camera';
import { renderHtml } from '../quality-corpus-b/documents';
import { rng } from '../quality-corpus/documents';
import { placePage } from '../quality-corpus/photograph';
import type { PaperB } from './papers';

export interface ShotB {
  jpeg: Buffer;
  frame: { width: number; height: number };
  conditions: {
    angle: number;
    tilt: number;
    defocusPx: number;
    textPx: number;
    gain: number;
    ramp: number;
    shadow: boolean;
    table: TableB;
  };
}

const TABLES: TableB[] = ['white', 'pale', 'dark', 'checked'];

export async function shootB(paper: PaperB, seed: number, n: number): Promise<ShotB> {
  const rand = rng(seed * 31 + 7);
  const long = n % 3 === 2 ? 4032 : 2400;
  const short = Math.round((long * 3) / 4);
  const portrait = paper.hMm > paper.wMm;
  const frame = portrait ? { width: short, height: long } : { width: long, height: short };
  const page = await renderHtml(paper.html, paper.wMm, paper.hMm);
  const fill = paper.kind === 'id_card' ? 0.55 + rand() * 0.15 : 0.82 + rand() * 0.1;
  const angle = (rand() - 0.5) * 8;
  const tilt = rand() * 0.08;
  const quad = placePage(page, frame.width, frame.height, {
    fill,
    angle,
    tilt,
    cx: 0.47 + rand() * 0.06,
    cy: 0.47 + rand() * 0.06,
  });
  // Body text height in the frame (hanzi ink ≈ 0.88 em): the defocus is stated against it.
  const scale = Math.min((frame.width * fill) / paper.wMm, (frame.height * fill) / paper.hMm);
  const textPx = 0.88 * paper.bodyMm * scale;
  const defocusPx = textPx * (0.02 + rand() * 0.08);
  const gain = 0.6 + rand() * 0.4;
  const ramp = 0.05 + rand() * 0.25;
  const shadow = rand() < 0.3;
  const table = TABLES[Math.floor(rand() * TABLES.length)]!;
  const jpeg = await shoot(page, {
    seed,
    width: frame.width,
    height: frame.height,
    quad,
    table,
    gain,
    ramp,
    defocus: defocusPx,
    ...(shadow ? { shadow: { x: 0.2 + rand() * 0.6, y: 0.7, rx: 0.3, ry: 0.2, depth: 0.25 } } : {}),
    jpegQuality: 85 + Math.floor(rand() * 9),
  });
  return {
    jpeg,
    frame,
    conditions: {
      angle: Math.round(angle * 10) / 10,
      tilt: Math.round(tilt * 1000) / 1000,
      defocusPx: Math.round(defocusPx * 100) / 100,
      textPx: Math.round(textPx),
      gain: Math.round(gain * 100) / 100,
      ramp: Math.round(ramp * 100) / 100,
      shadow,
      table,
    },
  };
}

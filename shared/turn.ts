// A photo taken sideways or upside down is shown, read and printed turned upright by a clockwise quarter
// turn (its reading found which: electron/core/ocr/orientation.ts, page facts `upright`). Regions and points
// are stored as shares (0..1) of the photo as taken; these move them onto the turned picture and back.
import type { Point, Region } from './quality';

/** Clockwise turn, in degrees, that makes the photo's text upright. */
export type Turn = 0 | 90 | 180 | 270;

const round = (v: number): number => Math.round(v * 10000) / 10000;

/** A point of the photo as taken, on the picture turned clockwise by `turn`. */
export function turnPoint(p: Point, turn: Turn): Point {
  switch (turn) {
    case 0:
      return p;
    case 90:
      return { x: round(1 - p.y), y: round(p.x) };
    case 180:
      return { x: round(1 - p.x), y: round(1 - p.y) };
    case 270:
      return { x: round(p.y), y: round(1 - p.x) };
  }
}

/** A region of the photo as taken, on the picture turned clockwise by `turn`. */
export function turnRegion(r: Region, turn: Turn): Region {
  if (turn === 0) return r;
  const a = turnPoint({ x: r.x, y: r.y }, turn);
  const b = turnPoint({ x: r.x + r.w, y: r.y + r.h }, turn);
  return {
    x: round(Math.min(a.x, b.x)),
    y: round(Math.min(a.y, b.y)),
    w: round(Math.abs(a.x - b.x)),
    h: round(Math.abs(a.y - b.y)),
  };
}

/** A region of the turned picture, back on the photo as taken. */
export function regionOnPhoto(r: Region, turn: Turn): Region {
  return turnRegion(r, ((360 - turn) % 360) as Turn);
}

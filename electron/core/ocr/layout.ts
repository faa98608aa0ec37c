// From text boxes to a page: boxes are turned into the page's own frame (the photo's median text angle
// removed, so a page shot at 5° still has level rows), grouped into rows by vertical overlap and sorted
// left to right. Field extraction then looks for a label and takes its value to the right or below.
import type { Region } from '../../../shared/quality';
import type { OcrSegment } from './engine';
import type { Quad } from './geometry';

export interface Seg extends OcrSegment {
  /** Position in the deskewed page frame: along the row (u0..u1) and across it (v centre, height h). */
  u0: number;
  u1: number;
  v: number;
  h: number;
  row: number;
}

export interface Page {
  width: number;
  height: number;
  rows: Seg[][];
  segs: Seg[];
}

function median(xs: number[]): number {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export function layoutPage(segments: OcrSegment[], width: number, height: number): Page {
  // The page's skew: text boxes at least twice as long as high say reliably which way the rows run.
  const angles = segments
    .map((s) => {
      const [a, b, , d] = s.quad;
      const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
      const hh = Math.hypot(d[0] - a[0], d[1] - a[1]);
      return len > 2 * hh ? Math.atan2(b[1] - a[1], b[0] - a[0]) : null;
    })
    .filter((a): a is number => a !== null);
  const skew = median(angles);
  const cos = Math.cos(-skew);
  const sin = Math.sin(-skew);
  const segs: Seg[] = segments.map((s) => {
    const pts = s.quad.map(([x, y]) => [x * cos - y * sin, x * sin + y * cos] as const);
    const us = pts.map((p) => p[0]);
    const vs = pts.map((p) => p[1]);
    const v0 = Math.min(...vs);
    const v1 = Math.max(...vs);
    return { ...s, u0: Math.min(...us), u1: Math.max(...us), v: (v0 + v1) / 2, h: v1 - v0, row: -1 };
  });
  // Rows: boxes whose vertical centres lie within half a line height of the row's. A row of specks (a
  // stroke of a seal read as one character, under half the box's height) takes no box of real text: it
  // would split that text's line in two (seen on a real receipt: a 6 px speck between 合计金额（大写） and
  // the amount in words on its line).
  const byV = [...segs].sort((a, b) => a.v - b.v);
  const rows: Seg[][] = [];
  const rowV: number[] = [];
  const rowH: number[] = [];
  for (const s of byV) {
    let best = -1;
    let bestD = Infinity;
    for (let r = Math.max(0, rows.length - 4); r < rows.length; r++) {
      const d = Math.abs(s.v - rowV[r]!);
      if (d < 0.5 * Math.min(s.h, rowH[r]!) && rowH[r]! >= 0.5 * s.h && d < bestD) {
        best = r;
        bestD = d;
      }
    }
    if (best < 0) {
      rows.push([s]);
      rowV.push(s.v);
      rowH.push(s.h);
    } else {
      const row = rows[best]!;
      row.push(s);
      rowV[best] = row.reduce((a, x) => a + x.v, 0) / row.length;
      rowH[best] = median(row.map((x) => x.h));
    }
  }
  const order = rows.map((_, i) => i).sort((a, b) => rowV[a]! - rowV[b]!);
  const sorted = order.map((i) => rows[i]!.sort((a, b) => a.u0 - b.u0));
  sorted.forEach((row, r) => row.forEach((s) => (s.row = r)));
  return { width, height, rows: sorted, segs: sorted.flat() };
}

/** Axis-aligned box of a quad, as shares of the image. */
export function quadRegion(q: Quad, width: number, height: number): Region {
  const xs = q.map((p) => p[0]);
  const ys = q.map((p) => p[1]);
  const x0 = Math.max(0, Math.min(...xs));
  const y0 = Math.max(0, Math.min(...ys));
  const x1 = Math.min(width, Math.max(...xs));
  const y1 = Math.min(height, Math.max(...ys));
  const r = (v: number): number => Math.round(v * 10000) / 10000;
  return { x: r(x0 / width), y: r(y0 / height), w: r((x1 - x0) / width), h: r((y1 - y0) / height) };
}

/** The part of a box holding characters `from`..`to` (exclusive) of its text. */
export function subQuad(s: OcrSegment, from: number, to: number): Quad {
  const n = s.charPos.length;
  if (n === 0 || (from <= 0 && to >= n)) return s.quad;
  const edge = (i: number): number => {
    if (i <= 0) return 0;
    if (i >= n) return 1;
    return (s.charPos[i - 1]! + s.charPos[i]!) / 2;
  };
  const a = edge(from);
  const b = edge(to);
  const [p0, p1, p2, p3] = s.quad;
  const lerp = (p: [number, number], q: [number, number], t: number): [number, number] => [
    p[0] + (q[0] - p[0]) * t,
    p[1] + (q[1] - p[1]) * t,
  ];
  return [lerp(p0, p1, a), lerp(p0, p1, b), lerp(p3, p2, b), lerp(p3, p2, a)];
}

export function unionRegion(regions: Region[]): Region {
  const x0 = Math.min(...regions.map((r) => r.x));
  const y0 = Math.min(...regions.map((r) => r.y));
  const x1 = Math.max(...regions.map((r) => r.x + r.w));
  const y1 = Math.max(...regions.map((r) => r.y + r.h));
  const r = (v: number): number => Math.round(v * 10000) / 10000;
  return { x: r(x0), y: r(y0), w: r(x1 - x0), h: r(y1 - y0) };
}

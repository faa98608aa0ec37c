// Geometry of text boxes found by the detector: connected regions of its probability map, the smallest
// rotated rectangle around each (rotating calipers on the convex hull), grown back by the margin the
// detector was trained to shrink text by, and an upright crop of each rectangle for the recogniser.

export type Point = [number, number];

/** A rotated rectangle: corners top-left, top-right, bottom-right, bottom-left (in reading direction). */
export type Quad = [Point, Point, Point, Point];

export interface Component {
  /** Convex hull of the region's pixels, in map pixels. */
  hull: Point[];
  /** Mean detector probability over the region's pixels. */
  score: number;
  pixels: number;
}

/**
 * 8-connected regions of `prob > threshold` (one pass of union-find over runs would be faster, but a flood
 * fill over a ≤ 1.5 MP map takes a few milliseconds). Each region keeps its convex hull and mean score.
 */
export function components(prob: Float32Array, w: number, h: number, threshold: number): Component[] {
  const label = new Int32Array(w * h);
  const out: Component[] = [];
  const stack = new Int32Array(w * h);
  let next = 0;
  for (let start = 0; start < w * h; start++) {
    if (label[start] !== 0 || prob[start]! <= threshold) continue;
    next++;
    let sp = 0;
    stack[sp++] = start;
    label[start] = next;
    let sum = 0;
    let n = 0;
    // Row extremes are enough for the hull: every hull vertex is the leftmost or rightmost pixel of a row.
    const rowMin = new Map<number, number>();
    const rowMax = new Map<number, number>();
    while (sp > 0) {
      const p = stack[--sp]!;
      const x = p % w;
      const y = (p - x) / w;
      sum += prob[p]!;
      n++;
      const lo = rowMin.get(y);
      if (lo === undefined || x < lo) rowMin.set(y, x);
      const hi = rowMax.get(y);
      if (hi === undefined || x > hi) rowMax.set(y, x);
      for (let dy = -1; dy <= 1; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= h) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          if (xx < 0 || xx >= w) continue;
          const q = yy * w + xx;
          if (label[q] === 0 && prob[q]! > threshold) {
            label[q] = next;
            stack[sp++] = q;
          }
        }
      }
    }
    const pts: Point[] = [];
    for (const [y, x0] of rowMin) {
      const x1 = rowMax.get(y)!;
      // Pixel squares, not centres: a one-pixel-high region still has an area.
      pts.push([x0, y], [x1 + 1, y], [x0, y + 1], [x1 + 1, y + 1]);
    }
    out.push({ hull: convexHull(pts), score: sum / n, pixels: n });
  }
  return out;
}

/** Andrew's monotone chain, counter-clockwise in image coordinates (y down). */
export function convexHull(points: Point[]): Point[] {
  const pts = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  if (pts.length < 3) return pts;
  const cross = (o: Point, a: Point, b: Point): number =>
    (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const lower: Point[] = [];
  for (const p of pts) {
    while (lower.length >= 2 && cross(lower[lower.length - 2]!, lower[lower.length - 1]!, p) <= 0)
      lower.pop();
    lower.push(p);
  }
  const upper: Point[] = [];
  for (let i = pts.length - 1; i >= 0; i--) {
    const p = pts[i]!;
    while (upper.length >= 2 && cross(upper[upper.length - 2]!, upper[upper.length - 1]!, p) <= 0)
      upper.pop();
    upper.push(p);
  }
  upper.pop();
  lower.pop();
  return lower.concat(upper);
}

export interface RotatedRect {
  cx: number;
  cy: number;
  /** Along the text (the long side for horizontal text). */
  w: number;
  h: number;
  /** Direction of the `w` side, radians, in (-π/2, π/2]. */
  angle: number;
}

/** Smallest-area rectangle around a convex hull: one side lies on a hull edge (rotating calipers). */
export function minAreaRect(hull: Point[]): RotatedRect {
  let best: RotatedRect | null = null;
  let bestArea = Infinity;
  const n = hull.length;
  for (let i = 0; i < n; i++) {
    const a = hull[i]!;
    const b = hull[(i + 1) % n]!;
    const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
    if (len === 0) continue;
    const ux = (b[0] - a[0]) / len;
    const uy = (b[1] - a[1]) / len;
    let minU = Infinity;
    let maxU = -Infinity;
    let minV = Infinity;
    let maxV = -Infinity;
    for (const p of hull) {
      const u = p[0] * ux + p[1] * uy;
      const v = -p[0] * uy + p[1] * ux;
      if (u < minU) minU = u;
      if (u > maxU) maxU = u;
      if (v < minV) minV = v;
      if (v > maxV) maxV = v;
    }
    const area = (maxU - minU) * (maxV - minV);
    if (area < bestArea) {
      bestArea = area;
      const cu = (minU + maxU) / 2;
      const cv = (minV + maxV) / 2;
      best = {
        cx: cu * ux - cv * uy,
        cy: cu * uy + cv * ux,
        w: maxU - minU,
        h: maxV - minV,
        angle: Math.atan2(uy, ux),
      };
    }
  }
  if (!best) {
    const p = hull[0] ?? [0, 0];
    return { cx: p[0], cy: p[1], w: 0, h: 0, angle: 0 };
  }
  return normaliseRect(best);
}

/** Makes `w` the side nearest the horizontal, so the text reads left to right along it. */
export function normaliseRect(r: RotatedRect): RotatedRect {
  let { w, h, angle } = r;
  // Bring the angle into (-π/2, π/2].
  while (angle > Math.PI / 2) angle -= Math.PI;
  while (angle <= -Math.PI / 2) angle += Math.PI;
  if (Math.abs(angle) > Math.PI / 4) {
    [w, h] = [h, w];
    angle = angle > 0 ? angle - Math.PI / 2 : angle + Math.PI / 2;
  }
  return { ...r, w, h, angle };
}

/**
 * Grows a rectangle by the margin DBNet shrank its training targets by (Vatti clipping with
 * D = A·r/L): for a rectangle, offsetting the polygon by D adds 2D to each side.
 */
export function unclip(r: RotatedRect, ratio: number): RotatedRect {
  const area = r.w * r.h;
  const perimeter = 2 * (r.w + r.h);
  const d = perimeter > 0 ? (area * ratio) / perimeter : 0;
  return { ...r, w: r.w + 2 * d, h: r.h + 2 * d };
}

export function corners(r: RotatedRect): Quad {
  const ux = Math.cos(r.angle);
  const uy = Math.sin(r.angle);
  const hw = r.w / 2;
  const hh = r.h / 2;
  const at = (su: number, sv: number): Point => [
    r.cx + su * hw * ux - sv * hh * uy,
    r.cy + su * hw * uy + sv * hh * ux,
  ];
  return [at(-1, -1), at(1, -1), at(1, 1), at(-1, 1)];
}

/**
 * Samples the rectangle `q` of an interleaved 8-bit image (bilinear, clamped at the edges) into a
 * `outW × outH` crop, written as normalised planar BGR floats ((v/255 − 0.5)/0.5, what PP-OCR's recogniser
 * was trained on) into `dst` at `offset`, in a tensor row `stride` pixels wide.
 */
export function sampleCrop(
  src: Uint8Array,
  srcW: number,
  srcH: number,
  channels: number,
  q: Quad,
  outW: number,
  outH: number,
  dst: Float32Array,
  offset: number,
  stride: number,
  planeSize: number,
): void {
  const [p0, p1, , p3] = q;
  const ex = [(p1[0] - p0[0]) / outW, (p1[1] - p0[1]) / outW];
  const ey = [(p3[0] - p0[0]) / outH, (p3[1] - p0[1]) / outH];
  for (let j = 0; j < outH; j++) {
    for (let i = 0; i < outW; i++) {
      const x = Math.min(srcW - 1.001, Math.max(0, p0[0] + (i + 0.5) * ex[0]! + (j + 0.5) * ey[0]! - 0.5));
      const y = Math.min(srcH - 1.001, Math.max(0, p0[1] + (i + 0.5) * ex[1]! + (j + 0.5) * ey[1]! - 0.5));
      const x0 = Math.floor(x);
      const y0 = Math.floor(y);
      const fx = x - x0;
      const fy = y - y0;
      const a = (y0 * srcW + x0) * channels;
      const b = a + channels;
      const c = a + srcW * channels;
      const d = c + channels;
      const o = offset + j * stride + i;
      for (let ch = 0; ch < 3; ch++) {
        // Interleaved RGB (or grey) in, planar BGR out.
        const sc = channels === 1 ? 0 : 2 - ch;
        const v =
          (src[a + sc]! * (1 - fx) + src[b + sc]! * fx) * (1 - fy) +
          (src[c + sc]! * (1 - fx) + src[d + sc]! * fx) * fy;
        dst[o + ch * planeSize] = v / 127.5 - 1;
      }
    }
  }
}

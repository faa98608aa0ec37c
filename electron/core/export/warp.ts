// Perspective correction of a photographed page. sharp has no projective transform, so this computes the
// 3×3 homography from the four detected corners and inverse-maps every output pixel with bilinear
// sampling over a raw RGB buffer. Pure arithmetic on typed arrays: no I/O, easy to test.

export interface Pt {
  x: number;
  y: number;
}

/** Row-major 3×3 matrix with h[8] = 1. */
export type Homography = readonly number[];

/** Solves A·x = b (n×n, row-major) by Gaussian elimination with partial pivoting. */
function solveLinear(a: number[][], b: number[]): number[] {
  const n = b.length;
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(a[r]![col]!) > Math.abs(a[pivot]![col]!)) pivot = r;
    if (Math.abs(a[pivot]![col]!) < 1e-12) throw new Error('degenerate corner quadrilateral');
    [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    [b[col], b[pivot]] = [b[pivot]!, b[col]!];
    for (let r = col + 1; r < n; r++) {
      const f = a[r]![col]! / a[col]![col]!;
      for (let c = col; c < n; c++) a[r]![c]! -= f * a[col]![c]!;
      b[r]! -= f * b[col]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = b[r]!;
    for (let c = r + 1; c < n; c++) s -= a[r]![c]! * x[c]!;
    x[r] = s / a[r]![r]!;
  }
  return x;
}

/** The homography H with H·from[i] ∝ to[i] for four point pairs. */
export function homographyFromPoints(from: readonly Pt[], to: readonly Pt[]): Homography {
  if (from.length !== 4 || to.length !== 4) throw new Error('a homography needs exactly four point pairs');
  const a: number[][] = [];
  const b: number[] = [];
  for (let i = 0; i < 4; i++) {
    const { x, y } = from[i]!;
    const { x: u, y: v } = to[i]!;
    a.push([x, y, 1, 0, 0, 0, -u * x, -u * y]);
    b.push(u);
    a.push([0, 0, 0, x, y, 1, -v * x, -v * y]);
    b.push(v);
  }
  return [...solveLinear(a, b), 1];
}

export function applyHomography(h: Homography, p: Pt): Pt {
  const w = h[6]! * p.x + h[7]! * p.y + h[8]!;
  return { x: (h[0]! * p.x + h[1]! * p.y + h[2]!) / w, y: (h[3]! * p.x + h[4]! * p.y + h[5]!) / w };
}

const dist = (a: Pt, b: Pt): number => Math.hypot(a.x - b.x, a.y - b.y);

/**
 * The straightened page's size in source pixels: the longer of each pair of opposite edges, so no
 * detail is lost on the side nearer the camera.
 */
export function rectifiedSize(corners: readonly [Pt, Pt, Pt, Pt]): { width: number; height: number } {
  const [tl, tr, br, bl] = corners;
  return { width: Math.max(dist(tl, tr), dist(bl, br)), height: Math.max(dist(tl, bl), dist(tr, br)) };
}

/** True when the four points form a convex quadrilateral in tl, tr, br, bl order (clockwise on screen). */
export function isConvexQuad(corners: readonly Pt[]): boolean {
  let sign = 0;
  for (let i = 0; i < 4; i++) {
    const a = corners[i]!;
    const b = corners[(i + 1) % 4]!;
    const c = corners[(i + 2) % 4]!;
    const cross = (b.x - a.x) * (c.y - b.y) - (b.y - a.y) * (c.x - b.x);
    if (Math.abs(cross) < 1e-9) return false;
    const s = Math.sign(cross);
    if (sign === 0) sign = s;
    else if (s !== sign) return false;
  }
  return sign > 0;
}

export interface RawImage {
  data: Uint8Array;
  width: number;
  height: number;
  channels: number;
}

/**
 * Maps the quadrilateral `corners` (source pixel coordinates, tl/tr/br/bl) of `src` onto an upright
 * outWidth×outHeight image. Pixels that fall outside the source are white, like paper.
 */
export function warpPerspective(
  src: RawImage,
  corners: readonly [Pt, Pt, Pt, Pt],
  outWidth: number,
  outHeight: number,
): RawImage {
  const { data, width, height, channels } = src;
  const dst: Pt[] = [
    { x: 0, y: 0 },
    { x: outWidth - 1, y: 0 },
    { x: outWidth - 1, y: outHeight - 1 },
    { x: 0, y: outHeight - 1 },
  ];
  // Inverse mapping: for each output pixel, where in the photo does it come from?
  const h = homographyFromPoints(dst, corners);
  const [h0, h1, h2, h3, h4, h5, h6, h7, h8] = h as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const out = new Uint8Array(outWidth * outHeight * channels);
  const maxX = width - 1;
  const maxY = height - 1;
  const stride = width * channels;
  let o = 0;
  for (let y = 0; y < outHeight; y++) {
    // Along a row the three projective terms change linearly in x: step them instead of recomputing.
    let nx = h1 * y + h2;
    let ny = h4 * y + h5;
    let nw = h7 * y + h8;
    for (let x = 0; x < outWidth; x++, nx += h0, ny += h3, nw += h6) {
      const sx = nx / nw;
      const sy = ny / nw;
      if (!(sx >= 0 && sy >= 0 && sx <= maxX && sy <= maxY)) {
        out.fill(255, o, o + channels);
        o += channels;
        continue;
      }
      const x0 = sx | 0;
      const y0 = sy | 0;
      const fx = sx - x0;
      const fy = sy - y0;
      const i00 = y0 * stride + x0 * channels;
      const i10 = x0 < maxX ? i00 + channels : i00;
      const i01 = y0 < maxY ? i00 + stride : i00;
      const i11 = x0 < maxX ? i01 + channels : i01;
      const w00 = (1 - fx) * (1 - fy);
      const w10 = fx * (1 - fy);
      const w01 = (1 - fx) * fy;
      const w11 = fx * fy;
      for (let c = 0; c < channels; c++) {
        out[o++] =
          data[i00 + c]! * w00 + data[i10 + c]! * w10 + data[i01 + c]! * w01 + data[i11 + c]! * w11 + 0.5;
      }
    }
  }
  return { data: out, width: outWidth, height: outHeight, channels };
}

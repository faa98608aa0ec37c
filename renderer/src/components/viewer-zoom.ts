// Zoom and pan arithmetic of the page viewer (PageViewer.tsx), pure so it is tested without a browser.

/** Zoom steps: ×1.25 a press, from the whole page (1) to 8× (a 1600 px picture then shows ~200 px across). */
export const ZOOM_STEP = 1.25;
export const MAX_ZOOM = 8;

export function clampZoom(z: number): number {
  return Math.min(MAX_ZOOM, Math.max(1, Math.round(z * 1000) / 1000));
}

/** Keeps a zoomed picture covering its stage: the pan may move it no further than its overhang. */
export function clampPan(pan: number, size: number, zoom: number): number {
  const limit = (size * (zoom - 1)) / 2;
  return Math.min(limit, Math.max(-limit, pan));
}

/**
 * Where ← / → lead in the viewer (not zoomed): through a multi-page PDF's own sheets first, then on to the
 * paper before or after (on its first sheet: a PDF's page count is known only once it is opened); null at
 * either end.
 */
export function arrowTarget(
  at: { index: number; sheet: number; sheets: number; pages: number },
  dir: -1 | 1,
): { index: number; sheet: number } | null {
  const sheet = at.sheet + dir;
  if (sheet >= 0 && sheet < at.sheets) return { index: at.index, sheet };
  const index = at.index + dir;
  if (index < 0 || index >= at.pages) return null;
  return { index, sheet: 0 };
}

import { describe, expect, it } from 'vitest';
import {
  MAX_ZOOM,
  ZOOM_STEP,
  arrowTarget,
  clampPan,
  clampZoom,
} from '../../renderer/src/components/viewer-zoom';

describe('page viewer zoom and pan', () => {
  it('keeps zoom between the whole page and MAX_ZOOM', () => {
    expect(clampZoom(0.5)).toBe(1);
    expect(clampZoom(ZOOM_STEP)).toBe(1.25);
    expect(clampZoom(ZOOM_STEP ** 2)).toBe(1.563);
    expect(clampZoom(100)).toBe(MAX_ZOOM);
  });
  it('lets a zoomed picture move no further than its overhang, and not at all when fitted', () => {
    // 800 px wide at 2×: 1600 px on screen, 400 px overhang on each side.
    expect(clampPan(1000, 800, 2)).toBe(400);
    expect(clampPan(-1000, 800, 2)).toBe(-400);
    expect(clampPan(120, 800, 2)).toBe(120);
    expect(clampPan(50, 800, 1)).toBe(0);
  });
});

describe('← / → in the viewer', () => {
  it("turn a multi-page PDF's sheets first, then go on to the paper before or after", () => {
    // Paper 1 of 3 is a 3-page PDF.
    const at = (sheet: number, sheets = 3) => ({ index: 1, sheet, sheets, pages: 3 });
    expect(arrowTarget(at(0), 1)).toEqual({ index: 1, sheet: 1 });
    expect(arrowTarget(at(1), 1)).toEqual({ index: 1, sheet: 2 });
    expect(arrowTarget(at(2), 1)).toEqual({ index: 2, sheet: 0 });
    expect(arrowTarget(at(2), -1)).toEqual({ index: 1, sheet: 1 });
    expect(arrowTarget(at(0), -1)).toEqual({ index: 0, sheet: 0 });
    // A photo (one sheet) turns the paper at once; nothing before the first or after the last.
    expect(arrowTarget(at(0, 1), 1)).toEqual({ index: 2, sheet: 0 });
    expect(arrowTarget({ index: 0, sheet: 0, sheets: 1, pages: 3 }, -1)).toBeNull();
    expect(arrowTarget({ index: 2, sheet: 1, sheets: 2, pages: 3 }, 1)).toBeNull();
  });
});

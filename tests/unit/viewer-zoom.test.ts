import { describe, expect, it } from 'vitest';
import { MAX_ZOOM, ZOOM_STEP, clampPan, clampZoom } from '../../renderer/src/components/viewer-zoom';

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

// Recognition in two lanes (the calling thread and a worker thread with its own session, issue 11) must
// read exactly what one lane reads: same text, same confidences, same character positions, on a real
// generated invoice photo through the real models. And the second lane must really be used, not silently
// fall back to the calling thread.
import { afterAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { ocrImage, setRecLanes, setStageMeter } from '../../electron/core/ocr/engine';
import { shoot } from '../../scripts/ocr-corpus/shots';

afterAll(() => {
  setRecLanes(2);
  setStageMeter(null);
});

describe('recognition lanes', () => {
  it('two lanes read the same as one, and the worker lane takes a share of the crops', async () => {
    const shot = await shoot('invoice', 4242, 1, { w: 2400, h: 1800 });
    const { data, info } = await sharp(shot.jpeg).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const image = { data, width: info.width, height: info.height, channels: 3 as const };

    const calls = new Map<string, number>();
    setStageMeter({ add: (name) => calls.set(name, (calls.get(name) ?? 0) + 1) });
    setRecLanes(1);
    const one = await ocrImage(image);
    const localOnly = calls.get('rec.run') ?? 0;
    calls.clear();
    setRecLanes(2);
    const two = await ocrImage(image);
    const local = calls.get('rec.run') ?? 0;
    setStageMeter(null);

    expect(one.segments.length).toBeGreaterThan(20);
    expect(two.segments).toEqual(one.segments);
    // One call per crop on one lane; with two, the calling thread ran only part of them and waited for the
    // worker's part once.
    expect(localOnly).toBe(one.timings.boxes);
    expect(local).toBeGreaterThan(0);
    expect(local).toBeLessThan(localOnly);
    expect(calls.get('rec.wait')).toBe(1);
    expect(one.segments.map((s) => s.text).join('')).toContain(String(shot.paper.truth.patientName));
  }, 180_000);
});

// Two lanes (the calling thread and a worker thread with its own sessions, issue 11; ocr/lane.ts) must read
// exactly what one lane reads: same text, same confidences, same character positions, on a real generated
// invoice photo through the real models. And the second lane must really be used, not silently fall back
// to the calling thread (for its share of the crops here; for the detector's second look through a seal in
// ocr-seal-dropout.test.ts).
import { afterAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { ocrImage } from '../../electron/core/ocr/engine';
import { resetLane } from '../../electron/core/ocr/models';
import { setRecLanes, setStageMeter } from '../../electron/core/ocr/toggles';
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
    // (Lines a seal crosses are read a second time, one call each.)
    expect(localOnly).toBe(one.timings.boxes + one.timings.secondLooks);
    expect(local).toBeGreaterThan(0);
    expect(local).toBeLessThan(localOnly);
    expect(calls.get('rec.wait')).toBe(1);
    // No seal on this paper: one detector look, here (the seal's look in the lane: ocr-seal-dropout.test.ts).
    expect(calls.get('det.run')).toBe(1);
    expect(calls.get('det.wait')).toBeUndefined();
    expect(one.segments.map((s) => s.text).join('')).toContain(String(shot.paper.truth.patientName));
  }, 180_000);
});

describe('a second lane that cannot start', () => {
  it('leaves every crop to the calling thread and reads the same', async () => {
    const shot = await shoot('invoice', 4243, 0, { w: 1600, h: 1200 });
    const { data, info } = await sharp(shot.jpeg).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const image = { data, width: info.width, height: info.height, channels: 3 as const };
    setRecLanes(1);
    const one = await ocrImage(image);
    setRecLanes(2);
    // The worker's require() of onnxruntime fails: the worker dies, and its crops run here.
    await resetLane('/nonexistent/onnxruntime-node/index.js');
    try {
      const broken = await ocrImage(image);
      expect(broken.segments).toEqual(one.segments);
      // Once failed, the lane is not used again (no second wait for a dead worker).
      const calls = new Map<string, number>();
      setStageMeter({ add: (name) => calls.set(name, (calls.get(name) ?? 0) + 1) });
      const again = await ocrImage(image);
      setStageMeter(null);
      expect(again.segments).toEqual(one.segments);
      expect(calls.get('rec.wait')).toBeUndefined();
      expect(calls.get('det.wait')).toBeUndefined();
      expect(calls.get('rec.run')).toBe(again.timings.boxes + again.timings.secondLooks);
    } finally {
      await resetLane();
    }
  }, 180_000);
});

// withinTime: the answer in time, or null once the limit passes or the work fails (OCR and PDF text use it).
import { describe, expect, it } from 'vitest';
import { withinTime } from '../../electron/core/time-limit';

describe('withinTime', () => {
  it('gives the answer that comes in time, and null for a late or failed one', async () => {
    expect(await withinTime(Promise.resolve('急诊'), 1000)).toBe('急诊');
    const late = new Promise<string>((resolve) => setTimeout(() => resolve('too late'), 200));
    // Had it waited for the work, the answer would be 'too late'.
    expect(await withinTime(late, 20)).toBeNull();
    expect(await withinTime(Promise.reject(new Error('model missing')), 1000)).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { formatYuan, formatYuanInText } from '../../shared/money';

describe('formatYuan: one way to write an amount', () => {
  it.each([
    [12345.67, '¥12,345.67'],
    [0, '¥0.00'],
    [0.1 + 0.2, '¥0.30'],
    [1234567.5, '¥1,234,567.50'],
    [999.995, '¥1,000.00'],
    [-12.3, '-¥12.30'],
  ])('%s → %s', (n, text) => {
    expect(formatYuan(n)).toBe(text);
  });
  it('in a sentence or on the bundle: the same digits, with the unit 元 in Chinese text', () => {
    expect(formatYuanInText(12345.67)).toBe('¥12,345.67 元');
    expect(formatYuanInText(12345.67, 'en')).toBe('¥12,345.67');
  });
});

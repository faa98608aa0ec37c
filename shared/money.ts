// Amounts as people read them, one formatter for the app, the claim list and the bundle: ¥12,345.67 (grouped
// by thousands, always two decimals). Counted in fen so 0.1 + 0.2 never prints as ¥0.30000000000000004, and
// without toLocaleString, whose grouping depends on the machine's ICU data.

/** 12345.67 → ¥12,345.67 */
export function formatYuan(amount: number): string {
  const fen = Math.round(amount * 100);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}¥${yuan}.${String(abs % 100).padStart(2, '0')}`;
}

/**
 * An amount inside a sentence or on a printed paper: the same digits with the unit Chinese text carries,
 * ¥12,345.67 元 (English text has no unit word: ¥12,345.67).
 */
export function formatYuanInText(amount: number, lang: 'zh' | 'en' = 'zh'): string {
  return lang === 'zh' ? `${formatYuan(amount)} 元` : formatYuan(amount);
}

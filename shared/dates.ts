// Dates as people read them: 2027年3月10日 in Chinese text, 10 Mar 2027 in English. ISO dates (YYYY-MM-DD) stay
// in data and JSON for programs; every sentence a person reads (CLI, PDF, the app) goes through these.

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function parts(iso: string): [number, number, number] | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
}

/** 2026-09-01 → 2026年9月1日; anything else is returned as written (it is then the person's own text). */
export function formatDateZh(iso: string): string {
  const p = parts(iso);
  return p ? `${p[0]}年${p[1]}月${p[2]}日` : iso;
}

/** 2026-09-01 → 1 Sep 2026. */
export function formatDateEn(iso: string): string {
  const p = parts(iso);
  return p ? `${p[2]} ${MONTHS_EN[p[1] - 1] ?? ''} ${p[0]}` : iso;
}

export function formatDate(iso: string, lang: 'zh' | 'en'): string {
  return lang === 'en' ? formatDateEn(iso) : formatDateZh(iso);
}

/** A moment (ISO with time) in the viewer's local time: 2026年11月20日 14:05 / 20 Nov 2026 14:05. */
export function formatDateTime(isoInstant: string, lang: 'zh' | 'en' = 'zh'): string {
  const d = new Date(isoInstant);
  if (Number.isNaN(d.getTime())) return isoInstant;
  const p = (n: number) => String(n).padStart(2, '0');
  const day = `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
  return `${formatDate(day, lang)} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

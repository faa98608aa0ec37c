// Small display helpers shared by the screens.
import { formatDateTime as formatDateTimeShared } from '../../shared/dates';
import type { Deadline } from '../../shared/ipc';

export function deadlineText(d: Deadline, tr: (zh: string, en: string) => string): string {
  if (d.daysLeft < 0) return tr(`已逾期 ${-d.daysLeft} 天`, `${-d.daysLeft} days overdue`);
  if (d.daysLeft === 0) return tr('今天截止', 'Due today');
  return tr(`还剩 ${d.daysLeft} 天`, `${d.daysLeft} days left`);
}

export function deadlineClass(d: Deadline): string {
  if (d.daysLeft < 0) return 'deadline overdue';
  if (d.dueSoon) return 'deadline due-soon';
  return 'deadline';
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / 1048576).toFixed(1)} MB`;
}

/** A moment as people read it: 2026年11月20日 14:05 (or 20 Nov 2026 14:05 in English), local time. */
export function formatDateTime(iso: string, lang: 'zh-CN' | 'en' = 'zh-CN'): string {
  return formatDateTimeShared(iso, lang === 'en' ? 'en' : 'zh');
}

/** Whole days from `since` to `today` (both YYYY-MM-DD), never negative. */
export function daysSince(since: string, today: string): number {
  const ms = Date.parse(`${today}T00:00:00Z`) - Date.parse(`${since}T00:00:00Z`);
  return Number.isFinite(ms) ? Math.max(0, Math.round(ms / 86_400_000)) : 0;
}

// Errors main found on save, put back beside the field they are about: main names the field for the CLI
// ("字段 phone：…"); a person sees only the Chinese reason, under the box they typed in.
import { ApiError } from '../api';

export interface FieldError {
  /** The form field (last part of main's path: `claimant.phone` → `phone`), or null for the whole form. */
  field: string | null;
  message: string;
}

export function fieldErrorOf(err: unknown, lang: 'zh-CN' | 'en'): FieldError | null {
  if (!(err instanceof ApiError)) return null;
  const raw = lang === 'en' ? err.error.messageEn : err.error.message;
  const message = raw.replace(/^字段 [\w.[\]]+：/, '').replace(/^invalid field [\w.[\]]+: /, '');
  const field = err.error.field?.split('.').filter((p) => !/^\d+$/.test(p)) ?? [];
  return { field: field.length > 0 ? field[field.length - 1]! : null, message };
}

/** Today as YYYY-MM-DD in the computer's own time zone (what the person calls today). */
export function localToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

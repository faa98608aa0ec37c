// Values a person types for a page's fields (a manifest's "fields"/"pageFields", the app's field editor via
// documents:setField, stored in page_field_corrections): checked per field name and kind, then turned into
// readings with source "person" and confidence 1, which win over OCR and QR readings.
import { z } from 'zod';
import { CareSetting } from './domain';
import {
  AMOUNT_FIELDS,
  BOOLEAN_FIELDS,
  DATE_FIELDS,
  FIELD_NAMES,
  type FieldReading,
  type FieldValue,
  type Fields,
} from './fields';
import { isRealDate } from './validators';

/** Longest text a person may type into one field (a diagnosis can be long; a hospital name is not). */
export const FIELD_TEXT_LIMIT = 200;

/** The field names a kind of document has, or [] when the kind has none. */
export function fieldNamesOf(kind: string): readonly string[] {
  return (FIELD_NAMES as Readonly<Record<string, readonly string[]>>)[kind] ?? [];
}

/**
 * Checks one typed value for one field of one kind; returns the value to store (trimmed text) or a plain
 * Chinese reason it cannot be taken.
 */
export function checkFieldValue(
  kind: string,
  name: string,
  value: unknown,
): { ok: true; value: FieldValue } | { ok: false; zh: string } {
  const names = fieldNamesOf(kind);
  if (names.length === 0) return { ok: false, zh: '这种材料没有可以填写的识别项' };
  if (!names.includes(name))
    return { ok: false, zh: `这种材料没有“${name}”这一项，可以填：${names.join('、')}` };
  if ((DATE_FIELDS as readonly string[]).includes(name)) {
    return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && isRealDate(value)
      ? { ok: true, value }
      : { ok: false, zh: '日期请写成 YYYY-MM-DD，并且是真实存在的日期' };
  }
  if ((AMOUNT_FIELDS as readonly string[]).includes(name)) {
    return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 100_000_000
      ? { ok: true, value: Math.round(value * 100) / 100 }
      : { ok: false, zh: '金额请写成以元为单位的数字，例如 12345.67' };
  }
  if ((BOOLEAN_FIELDS as readonly string[]).includes(name)) {
    return typeof value === 'boolean'
      ? { ok: true, value }
      : { ok: false, zh: '请写 true（有）或 false（没有）' };
  }
  if (name === 'careSetting') {
    const parsed = CareSetting.safeParse(value);
    return parsed.success
      ? { ok: true, value: parsed.data }
      : { ok: false, zh: '门诊请写 outpatient，住院请写 inpatient' };
  }
  if (typeof value !== 'string' || value.trim() === '') return { ok: false, zh: '请填写文字，不能为空' };
  if (value.trim().length > FIELD_TEXT_LIMIT) return { ok: false, zh: `不能超过 ${FIELD_TEXT_LIMIT} 个字` };
  return { ok: true, value: value.trim() };
}

/** A typed value as a reading: certain, and with no region (the person did not point at the photo). */
export function personReading(value: FieldValue): FieldReading {
  return { value, confidence: 1, source: 'person' };
}

/** Typed values of one page as readings. */
export function personFields(values: Readonly<Record<string, FieldValue>> | undefined): Fields {
  const out: Fields = {};
  for (const [name, value] of Object.entries(values ?? {})) out[name] = personReading(value);
  return out;
}

/** One page's typed values as written in a manifest or sent by the app, before the per-kind check. */
export const TypedFields = z.record(
  z.string().max(50),
  z.union([z.string().max(1000), z.number(), z.boolean()]),
);
export type TypedFields = z.infer<typeof TypedFields>;

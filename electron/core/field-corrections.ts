// What the person typed for a page's printed fields (the app's field editor; issue 11 item 7), stored per
// page and field in page_field_corrections. Stored values win over OCR and QR readings in the rule engine
// (evaluateStoredClaim) and survive a restart; removing a page or its document removes them.
import { checkFieldValue, fieldNamesOf, personFields } from '../../shared/field-corrections';
import type { FieldValue, Fields } from '../../shared/fields';
import type { Db } from './db/open';
import { ClaimDeskError, InvalidInputError } from './errors';

function pageKind(db: Db, pageId: number): string {
  const row = db
    .prepare(`SELECT d.kind FROM document_pages dp JOIN documents d ON d.id = dp.document_id WHERE dp.id = ?`)
    .get(pageId) as { kind: string } | undefined;
  if (!row)
    throw new ClaimDeskError('not_found', `找不到这一页材料（${pageId}）`, `page ${pageId} not found`, {
      field: 'pageId',
    });
  return row.kind;
}

/**
 * Sets one field of one page to what the person typed, or clears it (value null: the reading counts
 * again). The value is checked for the field (a real date, an amount in yuan…); a bad one is refused
 * with a Chinese reason naming the field, and nothing is stored. Answers with the page's corrections.
 */
export function setPageField(
  db: Db,
  pageId: number,
  field: string,
  value: unknown,
): Record<string, FieldValue> {
  const kind = pageKind(db, pageId);
  if (!fieldNamesOf(kind).includes(field)) {
    const names = fieldNamesOf(kind);
    throw new InvalidInputError(
      names.length === 0
        ? '这种材料没有可以填写的识别项'
        : `这种材料没有“${field}”这一项，可以填：${names.join('、')}`,
      `${kind} has no field ${field}`,
      'field',
    );
  }
  if (value === null) {
    db.prepare('DELETE FROM page_field_corrections WHERE page_id = ? AND field = ?').run(pageId, field);
    return pageCorrections(db, pageId);
  }
  const checked = checkFieldValue(kind, field, value);
  if (!checked.ok)
    throw new InvalidInputError(checked.zh, `field ${field}: invalid value for ${kind}`, 'value');
  db.prepare(
    `INSERT INTO page_field_corrections (page_id, field, value_json, corrected_at) VALUES (?, ?, ?, ?)
     ON CONFLICT(page_id, field) DO UPDATE SET value_json = excluded.value_json, corrected_at = excluded.corrected_at`,
  ).run(pageId, field, JSON.stringify(checked.value), new Date().toISOString());
  return pageCorrections(db, pageId);
}

/** A page's stored corrections: field → typed value. */
export function pageCorrections(db: Db, pageId: number): Record<string, FieldValue> {
  const rows = db
    .prepare('SELECT field, value_json FROM page_field_corrections WHERE page_id = ? ORDER BY field')
    .all(pageId) as Array<{ field: string; value_json: string }>;
  return Object.fromEntries(rows.map((r) => [r.field, JSON.parse(r.value_json) as FieldValue]));
}

/** Every page's corrections on a claim as person readings: page id → fields (for evaluateStoredClaim). */
export function claimFieldCorrections(db: Db, claimId: number): Map<number, Fields> {
  const rows = db
    .prepare(
      `SELECT c.page_id, c.field, c.value_json FROM page_field_corrections c
       JOIN document_pages dp ON dp.id = c.page_id JOIN documents d ON d.id = dp.document_id
       WHERE d.claim_id = ? ORDER BY c.page_id, c.field`,
    )
    .all(claimId) as Array<{ page_id: number; field: string; value_json: string }>;
  const values = new Map<number, Record<string, FieldValue>>();
  for (const r of rows) {
    const page = values.get(r.page_id) ?? {};
    page[r.field] = JSON.parse(r.value_json) as FieldValue;
    values.set(r.page_id, page);
  }
  return new Map([...values].map(([id, v]) => [id, personFields(v)]));
}

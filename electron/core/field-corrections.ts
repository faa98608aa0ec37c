// What the person typed for a page's printed fields (the app's field editor; issue 11 item 7), stored per
// page and field in page_field_corrections. Stored values win over OCR and QR readings in the rule engine
// (evaluateStoredClaim) and survive a restart; removing a page or its document removes them.
import { checkFieldValue, fieldNamesOf, personFields } from '../../shared/field-corrections';
import type { FieldValue, Fields } from '../../shared/fields';
import type { Db, Session } from './db/contract';
import { store } from './db/store';
import { ClaimDeskError, InvalidInputError } from './errors';

function pageKind(db: Db, pageId: number): string {
  const kind = store.documents.pageKind(db, pageId);
  if (kind === null)
    throw new ClaimDeskError('not_found', `找不到这一页材料（${pageId}）`, `page ${pageId} not found`, {
      field: 'pageId',
    });
  return kind;
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
    store.documents.setFieldCorrection(db, pageId, field, null, new Date().toISOString());
    return pageCorrections(db, pageId);
  }
  const checked = checkFieldValue(kind, field, value);
  if (!checked.ok)
    throw new InvalidInputError(checked.zh, `field ${field}: invalid value for ${kind}`, 'value');
  store.documents.setFieldCorrection(db, pageId, field, checked.value, new Date().toISOString());
  return pageCorrections(db, pageId);
}

/** A page's stored corrections: field → typed value. */
export function pageCorrections(db: Db, pageId: number): Record<string, FieldValue> {
  return store.documents.fieldCorrections(db, pageId);
}

/** Every page's corrections on a claim as person readings: page id → fields (for evaluateStoredClaim). */
export function claimFieldCorrections(db: Db, claimId: number): Map<number, Fields> {
  return asReadings(store.documents.claimFieldCorrections(db, claimId));
}

/** claimFieldCorrections through the storage contract (either engine). */
export async function claimFieldCorrectionsThrough(
  s: Session,
  claimId: number,
): Promise<Map<number, Fields>> {
  return asReadings(await s.documents.claimFieldCorrections(claimId));
}

function asReadings(values: Map<number, Record<string, FieldValue>>): Map<number, Fields> {
  return new Map([...values].map(([id, v]) => [id, personFields(v)]));
}

// What a person confirmed by looking at a document's paper (e.g. that the emergency certificate shows the
// words 急诊), kept per document so the rule engine can count it where OCR could not read the photo.
import { ConfirmableCheck } from '../../shared/ipc';
import type { Db, Session } from './db/contract';
import { store } from './db/store';
import { getDocument } from './repo';

/** Sets or clears one confirmation on a document (not_found when the document does not exist). */
export function setDocumentConfirmation(
  db: Db,
  documentId: number,
  check: ConfirmableCheck,
  confirmed: boolean,
): ConfirmableCheck[] {
  getDocument(db, documentId);
  store.documents.setConfirmation(db, documentId, check, confirmed, new Date().toISOString());
  return documentConfirmations(db, documentId);
}

export function documentConfirmations(db: Db, documentId: number): ConfirmableCheck[] {
  return store.documents.confirmations(db, documentId).map((c) => ConfirmableCheck.parse(c));
}

/** Every confirmation on a claim's documents: document id → checks, the shape evaluateStoredClaim takes. */
export function claimConfirmations(db: Db, claimId: number): Record<number, ConfirmableCheck[]> {
  return checksByDocument(store.documents.claimConfirmations(db, claimId));
}

/** claimConfirmations through the storage contract (either engine). */
export async function claimConfirmationsThrough(
  s: Session,
  claimId: number,
): Promise<Record<number, ConfirmableCheck[]>> {
  return checksByDocument(await s.documents.claimConfirmations(claimId));
}

function checksByDocument(stored: Map<number, string[]>): Record<number, ConfirmableCheck[]> {
  const out: Record<number, ConfirmableCheck[]> = {};
  for (const [documentId, checks] of stored) out[documentId] = checks.map((c) => ConfirmableCheck.parse(c));
  return out;
}

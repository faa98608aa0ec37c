// What a person confirmed by looking at a document's paper (e.g. that the emergency certificate shows the
// words 急诊), kept per document so the rule engine can count it where OCR could not read the photo.
import { ConfirmableCheck } from '../../shared/ipc';
import type { Db } from './db/open';
import { getDocument } from './repo';

/** Sets or clears one confirmation on a document (not_found when the document does not exist). */
export function setDocumentConfirmation(
  db: Db,
  documentId: number,
  check: ConfirmableCheck,
  confirmed: boolean,
): ConfirmableCheck[] {
  getDocument(db, documentId);
  if (confirmed) {
    db.prepare(
      `INSERT INTO document_confirmations (document_id, check_name, confirmed_at) VALUES (?, ?, ?)
       ON CONFLICT(document_id, check_name) DO NOTHING`,
    ).run(documentId, check, new Date().toISOString());
  } else {
    db.prepare('DELETE FROM document_confirmations WHERE document_id = ? AND check_name = ?').run(
      documentId,
      check,
    );
  }
  return documentConfirmations(db, documentId);
}

export function documentConfirmations(db: Db, documentId: number): ConfirmableCheck[] {
  const rows = db
    .prepare('SELECT check_name FROM document_confirmations WHERE document_id = ? ORDER BY check_name')
    .all(documentId) as Array<{ check_name: string }>;
  return rows.map((r) => ConfirmableCheck.parse(r.check_name));
}

/** Every confirmation on a claim's documents: document id → checks, the shape evaluateStoredClaim takes. */
export function claimConfirmations(db: Db, claimId: number): Record<number, ConfirmableCheck[]> {
  const rows = db
    .prepare(
      `SELECT c.document_id, c.check_name FROM document_confirmations c
       JOIN documents d ON d.id = c.document_id WHERE d.claim_id = ? ORDER BY c.document_id, c.check_name`,
    )
    .all(claimId) as Array<{ document_id: number; check_name: string }>;
  const out: Record<number, ConfirmableCheck[]> = {};
  for (const r of rows) (out[r.document_id] ??= []).push(ConfirmableCheck.parse(r.check_name));
  return out;
}

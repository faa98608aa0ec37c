// Shipped migrations are never edited: add a new numbered file instead.
// The claims board shows each claim's checklist verdict (缺 n 项 / 齐). Evaluating 50 claims for every page
// cost ~3 ms a claim; the verdict is now kept with the claim once made (claim-verdict.ts makes and reads it,
// above the storage contract) and made again only when it may have changed:
//  - on a later day (deadlines move with the date) or under other rule packs or another app version: the
//    row says the day it holds for (evaluated_on) and what it was made with (basis); the reader compares;
//  - when any row it was made from changes: the triggers below delete it, whatever code path wrote the row.
//    A verdict reads the claim, its claimant, documents, pages (and their facts), typed corrections, 急诊
//    confirmations, the pledge mark, the items the office asked for, and the invoice index, its own and other
//    claims' (the same invoice in two claims is a problem on both). Another claim's invoice row matters when
//    it has the same QR identity, the same file, or a photo fingerprint within 4 bits (invoices/store.ts
//    SAME_INVOICE_PHOTO_MAX_DISTANCE): 16 hex digits, of which at most 4 differ, so one of the five groups
//    of 3, 3, 3, 3 and 4 digits is equal. Those claims are forgotten too (a few unrelated ones with them,
//    made again when shown).
export default /* sql */ `
CREATE TABLE claim_verdicts (
  claim_id INTEGER PRIMARY KEY REFERENCES claims(id) ON DELETE CASCADE,
  evaluated_on TEXT NOT NULL,
  basis TEXT NOT NULL,
  summary_json TEXT NOT NULL CHECK (json_valid(summary_json)),
  made_at TEXT NOT NULL
) STRICT;

CREATE TRIGGER claim_verdicts_claim AFTER UPDATE ON claims BEGIN
  DELETE FROM claim_verdicts WHERE claim_id = new.id;
END;
CREATE TRIGGER claim_verdicts_person AFTER UPDATE ON people BEGIN
  DELETE FROM claim_verdicts WHERE claim_id IN (SELECT id FROM claims WHERE claimant_id = new.id);
END;

CREATE TRIGGER claim_verdicts_document_insert AFTER INSERT ON documents BEGIN
  DELETE FROM claim_verdicts WHERE claim_id = new.claim_id;
END;
CREATE TRIGGER claim_verdicts_document_update AFTER UPDATE ON documents BEGIN
  DELETE FROM claim_verdicts WHERE claim_id IN (old.claim_id, new.claim_id);
END;
CREATE TRIGGER claim_verdicts_document_delete AFTER DELETE ON documents BEGIN
  DELETE FROM claim_verdicts WHERE claim_id = old.claim_id;
END;

CREATE TRIGGER claim_verdicts_page_insert AFTER INSERT ON document_pages BEGIN
  DELETE FROM claim_verdicts WHERE claim_id = (SELECT claim_id FROM documents WHERE id = new.document_id);
END;
CREATE TRIGGER claim_verdicts_page_update AFTER UPDATE ON document_pages BEGIN
  DELETE FROM claim_verdicts
    WHERE claim_id IN (SELECT claim_id FROM documents WHERE id IN (old.document_id, new.document_id));
END;
CREATE TRIGGER claim_verdicts_page_delete AFTER DELETE ON document_pages BEGIN
  DELETE FROM claim_verdicts WHERE claim_id = (SELECT claim_id FROM documents WHERE id = old.document_id);
END;

CREATE TRIGGER claim_verdicts_correction_insert AFTER INSERT ON page_field_corrections BEGIN
  DELETE FROM claim_verdicts WHERE claim_id = (SELECT d.claim_id FROM document_pages p
    JOIN documents d ON d.id = p.document_id WHERE p.id = new.page_id);
END;
CREATE TRIGGER claim_verdicts_correction_update AFTER UPDATE ON page_field_corrections BEGIN
  DELETE FROM claim_verdicts WHERE claim_id IN (SELECT d.claim_id FROM document_pages p
    JOIN documents d ON d.id = p.document_id WHERE p.id IN (old.page_id, new.page_id));
END;
CREATE TRIGGER claim_verdicts_correction_delete AFTER DELETE ON page_field_corrections BEGIN
  DELETE FROM claim_verdicts WHERE claim_id = (SELECT d.claim_id FROM document_pages p
    JOIN documents d ON d.id = p.document_id WHERE p.id = old.page_id);
END;

CREATE TRIGGER claim_verdicts_confirmation_insert AFTER INSERT ON document_confirmations BEGIN
  DELETE FROM claim_verdicts WHERE claim_id = (SELECT claim_id FROM documents WHERE id = new.document_id);
END;
CREATE TRIGGER claim_verdicts_confirmation_update AFTER UPDATE ON document_confirmations BEGIN
  DELETE FROM claim_verdicts
    WHERE claim_id IN (SELECT claim_id FROM documents WHERE id IN (old.document_id, new.document_id));
END;
CREATE TRIGGER claim_verdicts_confirmation_delete AFTER DELETE ON document_confirmations BEGIN
  DELETE FROM claim_verdicts WHERE claim_id = (SELECT claim_id FROM documents WHERE id = old.document_id);
END;

CREATE TRIGGER claim_verdicts_pledge_insert AFTER INSERT ON claim_pledge_signatures BEGIN
  DELETE FROM claim_verdicts WHERE claim_id = new.claim_id;
END;
CREATE TRIGGER claim_verdicts_pledge_update AFTER UPDATE ON claim_pledge_signatures BEGIN
  DELETE FROM claim_verdicts WHERE claim_id IN (old.claim_id, new.claim_id);
END;
CREATE TRIGGER claim_verdicts_pledge_delete AFTER DELETE ON claim_pledge_signatures BEGIN
  DELETE FROM claim_verdicts WHERE claim_id = old.claim_id;
END;

CREATE TRIGGER claim_verdicts_requested_insert AFTER INSERT ON claim_requested_items BEGIN
  DELETE FROM claim_verdicts WHERE claim_id = new.claim_id;
END;
CREATE TRIGGER claim_verdicts_requested_update AFTER UPDATE ON claim_requested_items BEGIN
  DELETE FROM claim_verdicts WHERE claim_id IN (old.claim_id, new.claim_id);
END;
CREATE TRIGGER claim_verdicts_requested_delete AFTER DELETE ON claim_requested_items BEGIN
  DELETE FROM claim_verdicts WHERE claim_id = old.claim_id;
END;

CREATE TRIGGER claim_verdicts_invoice_insert AFTER INSERT ON claim_invoices BEGIN
  DELETE FROM claim_verdicts WHERE claim_id IN (
    SELECT new.claim_id
    UNION SELECT claim_id FROM claim_invoices WHERE invoice_key = new.invoice_key
    UNION SELECT claim_id FROM claim_invoices WHERE file_sha256 = new.file_sha256
    UNION SELECT claim_id FROM claim_invoices WHERE new.phash IS NOT NULL AND (
      substr(phash, 1, 3) = substr(new.phash, 1, 3) OR substr(phash, 4, 3) = substr(new.phash, 4, 3)
      OR substr(phash, 7, 3) = substr(new.phash, 7, 3) OR substr(phash, 10, 3) = substr(new.phash, 10, 3)
      OR substr(phash, 13, 4) = substr(new.phash, 13, 4)));
END;
CREATE TRIGGER claim_verdicts_invoice_update AFTER UPDATE ON claim_invoices BEGIN
  DELETE FROM claim_verdicts WHERE claim_id IN (
    SELECT old.claim_id UNION SELECT new.claim_id
    UNION SELECT claim_id FROM claim_invoices WHERE invoice_key IN (old.invoice_key, new.invoice_key)
    UNION SELECT claim_id FROM claim_invoices WHERE file_sha256 IN (old.file_sha256, new.file_sha256)
    UNION SELECT i.claim_id FROM claim_invoices i, (SELECT old.phash AS h UNION SELECT new.phash) c
      WHERE c.h IS NOT NULL AND (
      substr(i.phash, 1, 3) = substr(c.h, 1, 3) OR substr(i.phash, 4, 3) = substr(c.h, 4, 3)
      OR substr(i.phash, 7, 3) = substr(c.h, 7, 3) OR substr(i.phash, 10, 3) = substr(c.h, 10, 3)
      OR substr(i.phash, 13, 4) = substr(c.h, 13, 4)));
END;
CREATE TRIGGER claim_verdicts_invoice_delete AFTER DELETE ON claim_invoices BEGIN
  DELETE FROM claim_verdicts WHERE claim_id IN (
    SELECT old.claim_id
    UNION SELECT claim_id FROM claim_invoices WHERE invoice_key = old.invoice_key
    UNION SELECT claim_id FROM claim_invoices WHERE file_sha256 = old.file_sha256
    UNION SELECT claim_id FROM claim_invoices WHERE old.phash IS NOT NULL AND (
      substr(phash, 1, 3) = substr(old.phash, 1, 3) OR substr(phash, 4, 3) = substr(old.phash, 4, 3)
      OR substr(phash, 7, 3) = substr(old.phash, 7, 3) OR substr(phash, 10, 3) = substr(old.phash, 10, 3)
      OR substr(phash, 13, 4) = substr(old.phash, 13, 4)));
END;
`;

// Shipped migrations are never edited: add a new numbered file instead (tests/unit/pg-migrations-pinned.test.ts).
// Mirrors SQLite 0110 (claim-verdicts): each claim's checklist verdict kept with it (claim-verdict.ts makes and
// judges it), forgotten by triggers whenever a row it was made from changes, whichever desk or code path wrote
// it: the claim, its claimant, documents, pages, typed corrections, 急诊 confirmations, the pledge mark, the
// items the office asked for, and the invoice index, its own and other claims' rows of the same invoice (same
// QR identity, same file, or a photo fingerprint within 4 bits: 16 hex digits of which at most 4 differ, so
// one of the groups of 3, 3, 3, 3 and 4 digits is equal; see SQLite 0110).
// PostgreSQL triggers call functions: one per way of finding the claim a row belongs to. Row triggers fire
// for rows removed by ON DELETE CASCADE too, as SQLite's do.
const T = 'text COLLATE "C"';

export default /* sql */ `
CREATE TABLE claim_verdicts (
  claim_id integer PRIMARY KEY REFERENCES claims(id) ON DELETE CASCADE,
  evaluated_on ${T} NOT NULL,
  basis ${T} NOT NULL,
  summary_json ${T} NOT NULL CHECK (summary_json::jsonb IS NOT NULL),
  made_at ${T} NOT NULL
);

-- Rows that name their claim (documents, pledge marks, requested items).
CREATE FUNCTION claim_verdicts_forget_by_claim() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'DELETE' THEN DELETE FROM claim_verdicts WHERE claim_id = NEW.claim_id; END IF;
  IF TG_OP <> 'INSERT' THEN DELETE FROM claim_verdicts WHERE claim_id = OLD.claim_id; END IF;
  RETURN NULL;
END $$;

-- Rows that name their document (pages, confirmations).
CREATE FUNCTION claim_verdicts_forget_by_document() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'DELETE' THEN
    DELETE FROM claim_verdicts WHERE claim_id = (SELECT claim_id FROM documents WHERE id = NEW.document_id);
  END IF;
  IF TG_OP <> 'INSERT' THEN
    DELETE FROM claim_verdicts WHERE claim_id = (SELECT claim_id FROM documents WHERE id = OLD.document_id);
  END IF;
  RETURN NULL;
END $$;

-- Rows that name their page (typed corrections).
CREATE FUNCTION claim_verdicts_forget_by_page() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'DELETE' THEN
    DELETE FROM claim_verdicts WHERE claim_id = (SELECT d.claim_id FROM document_pages p
      JOIN documents d ON d.id = p.document_id WHERE p.id = NEW.page_id);
  END IF;
  IF TG_OP <> 'INSERT' THEN
    DELETE FROM claim_verdicts WHERE claim_id = (SELECT d.claim_id FROM document_pages p
      JOIN documents d ON d.id = p.document_id WHERE p.id = OLD.page_id);
  END IF;
  RETURN NULL;
END $$;

-- An invoice row: its claim, and every claim holding the same invoice by QR identity, file or fingerprint.
CREATE FUNCTION claim_verdicts_forget_invoice(p_claim integer, p_key text, p_sha text, p_phash text)
RETURNS void LANGUAGE sql AS $$
  DELETE FROM claim_verdicts WHERE claim_id = p_claim
    OR claim_id IN (SELECT i.claim_id FROM claim_invoices i WHERE i.invoice_key = p_key)
    OR claim_id IN (SELECT i.claim_id FROM claim_invoices i WHERE i.file_sha256 = p_sha)
    OR claim_id IN (SELECT i.claim_id FROM claim_invoices i WHERE p_phash IS NOT NULL AND (
      substr(i.phash, 1, 3) = substr(p_phash, 1, 3) OR substr(i.phash, 4, 3) = substr(p_phash, 4, 3)
      OR substr(i.phash, 7, 3) = substr(p_phash, 7, 3) OR substr(i.phash, 10, 3) = substr(p_phash, 10, 3)
      OR substr(i.phash, 13, 4) = substr(p_phash, 13, 4)));
$$;
CREATE FUNCTION claim_verdicts_forget_by_invoice() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'DELETE' THEN
    PERFORM claim_verdicts_forget_invoice(NEW.claim_id, NEW.invoice_key, NEW.file_sha256, NEW.phash);
  END IF;
  IF TG_OP <> 'INSERT' THEN
    PERFORM claim_verdicts_forget_invoice(OLD.claim_id, OLD.invoice_key, OLD.file_sha256, OLD.phash);
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION claim_verdicts_forget_claim() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM claim_verdicts WHERE claim_id = NEW.id;
  RETURN NULL;
END $$;
CREATE FUNCTION claim_verdicts_forget_person() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM claim_verdicts WHERE claim_id IN (SELECT id FROM claims WHERE claimant_id = NEW.id);
  RETURN NULL;
END $$;

CREATE TRIGGER claim_verdicts_claim AFTER UPDATE ON claims
  FOR EACH ROW EXECUTE FUNCTION claim_verdicts_forget_claim();
CREATE TRIGGER claim_verdicts_person AFTER UPDATE ON people
  FOR EACH ROW EXECUTE FUNCTION claim_verdicts_forget_person();
CREATE TRIGGER claim_verdicts_document AFTER INSERT OR UPDATE OR DELETE ON documents
  FOR EACH ROW EXECUTE FUNCTION claim_verdicts_forget_by_claim();
CREATE TRIGGER claim_verdicts_pledge AFTER INSERT OR UPDATE OR DELETE ON claim_pledge_signatures
  FOR EACH ROW EXECUTE FUNCTION claim_verdicts_forget_by_claim();
CREATE TRIGGER claim_verdicts_requested AFTER INSERT OR UPDATE OR DELETE ON claim_requested_items
  FOR EACH ROW EXECUTE FUNCTION claim_verdicts_forget_by_claim();
CREATE TRIGGER claim_verdicts_page AFTER INSERT OR UPDATE OR DELETE ON document_pages
  FOR EACH ROW EXECUTE FUNCTION claim_verdicts_forget_by_document();
CREATE TRIGGER claim_verdicts_confirmation AFTER INSERT OR UPDATE OR DELETE ON document_confirmations
  FOR EACH ROW EXECUTE FUNCTION claim_verdicts_forget_by_document();
CREATE TRIGGER claim_verdicts_correction AFTER INSERT OR UPDATE OR DELETE ON page_field_corrections
  FOR EACH ROW EXECUTE FUNCTION claim_verdicts_forget_by_page();
CREATE TRIGGER claim_verdicts_invoice AFTER INSERT OR UPDATE OR DELETE ON claim_invoices
  FOR EACH ROW EXECUTE FUNCTION claim_verdicts_forget_by_invoice();
`;

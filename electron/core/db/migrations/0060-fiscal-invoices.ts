// Shipped migrations are never edited: add a new numbered file instead.
// 财政电子票据 (医疗收费电子票据) QR codes are now parsed (invoices/parse.ts format `fiscal`): the invoice
// index keeps their code and number like a VAT invoice's, so the claims board finds them by number. SQLite
// cannot change a CHECK constraint in place, so the table is rebuilt with the same rows.
export default /* sql */ `
CREATE TABLE claim_invoices_v60 (
  id INTEGER PRIMARY KEY,
  claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
  page_id INTEGER NOT NULL UNIQUE REFERENCES document_pages(id) ON DELETE CASCADE,
  file_sha256 TEXT NOT NULL CHECK (length(file_sha256) = 64),
  -- vat | digital | fiscal | raw | none (no QR code could be read)
  format TEXT NOT NULL CHECK (format IN ('vat', 'digital', 'fiscal', 'raw', 'none')),
  invoice_key TEXT,
  payload TEXT,
  invoice_code TEXT,
  invoice_number TEXT,
  amount_fen INTEGER,
  issue_date TEXT,
  phash TEXT,
  created_at TEXT NOT NULL
) STRICT;
INSERT INTO claim_invoices_v60 (id, claim_id, page_id, file_sha256, format, invoice_key, payload, invoice_code,
  invoice_number, amount_fen, issue_date, phash, created_at)
  SELECT id, claim_id, page_id, file_sha256, format, invoice_key, payload, invoice_code, invoice_number,
    amount_fen, issue_date, phash, created_at FROM claim_invoices;
DROP TABLE claim_invoices;
ALTER TABLE claim_invoices_v60 RENAME TO claim_invoices;
CREATE INDEX claim_invoices_claim ON claim_invoices(claim_id);
CREATE INDEX claim_invoices_key ON claim_invoices(invoice_key) WHERE invoice_key IS NOT NULL;
CREATE INDEX claim_invoices_sha ON claim_invoices(file_sha256);
`;

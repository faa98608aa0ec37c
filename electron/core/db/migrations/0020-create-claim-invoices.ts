// Shipped migrations are never edited: add a new numbered file instead.
// One row per invoice page of a stored claim: what its QR code said and its perceptual hash, so the same
// invoice handed in with another claim is caught, and the claims board finds a claim by invoice number.
export default /* sql */ `
CREATE TABLE claim_invoices (
  id INTEGER PRIMARY KEY,
  claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
  page_id INTEGER NOT NULL UNIQUE REFERENCES document_pages(id) ON DELETE CASCADE,
  file_sha256 TEXT NOT NULL CHECK (length(file_sha256) = 64),
  -- vat | digital | raw | none (no QR code could be read)
  format TEXT NOT NULL CHECK (format IN ('vat', 'digital', 'raw', 'none')),
  -- What two copies of the same invoice share (vat:code:number, digital:number, raw:payload); NULL without a QR.
  invoice_key TEXT,
  payload TEXT,
  invoice_code TEXT,
  invoice_number TEXT,
  amount_fen INTEGER,
  issue_date TEXT,
  -- 16 hex digits from quality/phash.ts; NULL for PDFs.
  phash TEXT,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX claim_invoices_claim ON claim_invoices(claim_id);
CREATE INDEX claim_invoices_key ON claim_invoices(invoice_key) WHERE invoice_key IS NOT NULL;
CREATE INDEX claim_invoices_sha ON claim_invoices(file_sha256);
`;

// Shipped migrations are never edited: add a new numbered file instead.
// What a person confirmed by looking at the paper itself, per document, for checks a photo cannot prove
// (the 急诊 words on an emergency certificate that OCR could not read). Removing the document removes them.
export default /* sql */ `
CREATE TABLE document_confirmations (
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  -- The rule engine's check name; only checks a person can settle by looking are allowed.
  check_name TEXT NOT NULL CHECK (check_name IN ('emergency_mark')),
  confirmed_at TEXT NOT NULL,
  PRIMARY KEY (document_id, check_name)
) STRICT, WITHOUT ROWID;
`;

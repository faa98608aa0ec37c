// Shipped migrations are never edited: add a new numbered file instead.
// What the person typed for a page's printed fields (patient name, dates, amounts… shared/fields.ts),
// correcting or filling in what OCR read. One row per page and field; it wins over any reading and
// goes with the page when the page or its document is removed.
export default /* sql */ `
CREATE TABLE page_field_corrections (
  page_id INTEGER NOT NULL REFERENCES document_pages(id) ON DELETE CASCADE,
  field TEXT NOT NULL CHECK (length(field) BETWEEN 1 AND 50),
  -- JSON of the value: a string, a number (yuan) or a boolean, checked per field before storing.
  value_json TEXT NOT NULL CHECK (json_valid(value_json)),
  corrected_at TEXT NOT NULL,
  PRIMARY KEY (page_id, field)
) STRICT, WITHOUT ROWID;
`;

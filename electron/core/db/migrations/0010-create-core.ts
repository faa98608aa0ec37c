// Shipped migrations are never edited: add a new numbered file instead.
export default /* sql */ `
CREATE TABLE households (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  notes TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE people (
  id INTEGER PRIMARY KEY,
  household_id INTEGER NOT NULL REFERENCES households(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  id_number TEXT NOT NULL,
  relation TEXT NOT NULL,
  insurance_type TEXT NOT NULL,
  insured_region TEXT NOT NULL,
  phone TEXT,
  bank_name TEXT,
  bank_number TEXT,
  bank_holder TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (household_id, id_number)
) STRICT;
CREATE INDEX people_household ON people(household_id);

CREATE TABLE claims (
  id INTEGER PRIMARY KEY,
  reference TEXT NOT NULL UNIQUE,
  claimant_id INTEGER NOT NULL REFERENCES people(id) ON DELETE RESTRICT,
  applicant_relation TEXT NOT NULL,
  applicant_person_id INTEGER REFERENCES people(id) ON DELETE SET NULL,
  applicant_name TEXT,
  applicant_id_number TEXT,
  care_setting TEXT NOT NULL,
  hospital TEXT NOT NULL,
  treatment_region TEXT NOT NULL,
  visit_date TEXT,
  admission_date TEXT,
  discharge_date TEXT,
  filing_type TEXT,
  filing_date TEXT,
  special_drugs INTEGER NOT NULL DEFAULT 0 CHECK (special_drugs IN (0, 1)),
  total_amount_fen INTEGER,
  notes TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'draft',
  -- The day care ended: the submission deadline counts from it, so the board sorts by it.
  care_end_date TEXT GENERATED ALWAYS AS (COALESCE(discharge_date, visit_date)) VIRTUAL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX claims_updated ON claims(updated_at DESC, id DESC);
CREATE INDEX claims_status_updated ON claims(status, updated_at DESC, id DESC);
CREATE INDEX claims_claimant ON claims(claimant_id);
CREATE INDEX claims_care_end ON claims(care_end_date, id);

-- The board's search box: substring search over claimant, hospital, reference, ID and invoice numbers.
-- Trigram index for queries of 3+ characters; one token per character for 1-2 character queries (a
-- Chinese surname or a two-character name), searched as a phrase. Contentless: the text lives in claims.
CREATE VIRTUAL TABLE claims_search_tri USING fts5(text, content='', contentless_delete=1, tokenize='trigram');
CREATE VIRTUAL TABLE claims_search_chr USING fts5(text, content='', contentless_delete=1, tokenize='unicode61');
CREATE TRIGGER claims_search_delete AFTER DELETE ON claims BEGIN
  DELETE FROM claims_search_tri WHERE rowid = old.id;
  DELETE FROM claims_search_chr WHERE rowid = old.id;
END;

CREATE TABLE claim_status_history (
  id INTEGER PRIMARY KEY,
  claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
  from_status TEXT,
  to_status TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  changed_at TEXT NOT NULL
) STRICT;
CREATE INDEX claim_status_history_claim ON claim_status_history(claim_id, id);

-- One row per stored original; the bytes live in the content-addressed store under files/.
CREATE TABLE files (
  sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64),
  size INTEGER NOT NULL,
  mime TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE documents (
  id INTEGER PRIMARY KEY,
  claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  position INTEGER NOT NULL,
  origin TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX documents_claim ON documents(claim_id, position);

CREATE TABLE document_pages (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  file_sha256 TEXT NOT NULL REFERENCES files(sha256) ON DELETE RESTRICT,
  original_name TEXT NOT NULL,
  quality_json TEXT
) STRICT;
CREATE INDEX document_pages_document ON document_pages(document_id, position);
CREATE INDEX document_pages_file ON document_pages(file_sha256);

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value_json TEXT NOT NULL
) STRICT;
`;

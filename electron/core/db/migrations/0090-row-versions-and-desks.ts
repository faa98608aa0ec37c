// Shipped migrations are never edited: add a new numbered file instead.
// Several desks, one office (issue #23): every row a person edits in a form carries a version that each change
// raises, and the desk (machine name) and person that changed it last, so an edit made on an older version is
// refused with who and when instead of silently overwriting. Status changes record the desk and the person
// too. Older rows start at version 1 with nobody named (NULL: made before desks were recorded).
export default /* sql */ `
ALTER TABLE households ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE households ADD COLUMN updated_by_desk TEXT;
ALTER TABLE households ADD COLUMN updated_by_person TEXT;
ALTER TABLE people ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE people ADD COLUMN updated_by_desk TEXT;
ALTER TABLE people ADD COLUMN updated_by_person TEXT;
ALTER TABLE claims ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE claims ADD COLUMN updated_by_desk TEXT;
ALTER TABLE claims ADD COLUMN updated_by_person TEXT;
ALTER TABLE document_pages ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE document_pages ADD COLUMN updated_at TEXT;
ALTER TABLE document_pages ADD COLUMN updated_by_desk TEXT;
ALTER TABLE document_pages ADD COLUMN updated_by_person TEXT;
ALTER TABLE claim_requested_items ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE claim_requested_items ADD COLUMN updated_at TEXT;
ALTER TABLE claim_requested_items ADD COLUMN updated_by_desk TEXT;
ALTER TABLE claim_requested_items ADD COLUMN updated_by_person TEXT;
ALTER TABLE claim_status_history ADD COLUMN desk TEXT;
ALTER TABLE claim_status_history ADD COLUMN person TEXT;
`;

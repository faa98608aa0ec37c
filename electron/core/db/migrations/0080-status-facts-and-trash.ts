// Shipped migrations are never edited: add a new numbered file instead.
// A status change carries its facts: the day it happened as the person says (a letter from the 医保 office
// dated last Tuesday, entered today), beside the moment it was recorded. Older rows keep NULL: their day is
// the day they were recorded. When the office asks for more papers (补充材料), each thing asked for is a
// checklist item on the claim until it is ticked done. A claim can be archived (off the board, kept) or
// deleted: deleted_at marks it gone while its undo window runs; it and its unshared files are purged after.
export default /* sql */ `
ALTER TABLE claim_status_history ADD COLUMN happened_on TEXT;

CREATE TABLE claim_requested_items (
  id INTEGER PRIMARY KEY,
  claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
  history_id INTEGER REFERENCES claim_status_history(id) ON DELETE SET NULL,
  text TEXT NOT NULL,
  created_at TEXT NOT NULL,
  done_at TEXT
) STRICT;
CREATE INDEX claim_requested_items_claim ON claim_requested_items(claim_id, id);

ALTER TABLE claims ADD COLUMN archived_at TEXT;
ALTER TABLE claims ADD COLUMN deleted_at TEXT;
CREATE INDEX claims_deleted ON claims(deleted_at) WHERE deleted_at IS NOT NULL;
`;

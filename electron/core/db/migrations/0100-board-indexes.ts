// Shipped migrations are never edited: add a new numbered file instead.
// The claims board lists the claims neither deleted nor archived (the two marks of migration 0080). Its
// indexes began with updated_at, status or care_end_date, so testing the two marks read every claim's row:
// at 100,000 claims a page's count, a deep page, the status filter and the deadline order took 24–62 ms
// instead of 0.5–6 ms (bench/db.ts). These indexes lead with both marks, so the board's filter is an equality
// on the index and its counts and pages read the index alone (claims_board_created is in id order: SQLite
// ends every index with the row id). The deadline order's first key is an
// expression (claims not yet handed in first, then the day care ended); db/store/claims.ts orders by the
// same expression, letter for letter, or SQLite would not use it. They replace the two indexes they extend;
// claims_updated stays (the backup change marker reads max(updated_at) from it).
export default /* sql */ `
CREATE INDEX claims_board_created ON claims(deleted_at, archived_at);
CREATE INDEX claims_board_updated ON claims(deleted_at, archived_at, updated_at DESC, id DESC);
CREATE INDEX claims_board_status ON claims(deleted_at, archived_at, status, updated_at DESC, id DESC);
CREATE INDEX claims_board_care_end ON claims(deleted_at, archived_at, status IN ('draft', 'ready') DESC, care_end_date, id);
DROP INDEX claims_status_updated;
DROP INDEX claims_care_end;
`;

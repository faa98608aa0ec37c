// Shipped migrations are never edited: add a new numbered file instead (tests/unit/pg-migrations-pinned.test.ts).
// Mirrors SQLite 0100 (board-indexes). 0010 already gave the board's updated, status and deadline orders
// partial indexes over the claims it shows (not deleted, not archived), which is what SQLite 0100's indexes
// leading with both marks do. The one order without its own was 'created' (newest id first): it walked the
// primary key and read each row to test the two marks, so a deep page read every claim before it. This
// index is that order over the shown claims alone: an index-only walk, however deep.
export default /* sql */ `
CREATE INDEX claims_board_created ON claims(id DESC) WHERE deleted_at IS NULL AND archived_at IS NULL;
`;

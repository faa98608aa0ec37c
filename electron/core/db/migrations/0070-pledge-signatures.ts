// Shipped migrations are never edited: add a new numbered file instead.
// The 诚信承诺书 is printed from the bundle and signed by hand; the person marks here that it is signed, so the
// checklist stops saying "打印后签名". One row per signed claim; deleting the claim removes it.
export default /* sql */ `
CREATE TABLE claim_pledge_signatures (
  claim_id INTEGER PRIMARY KEY REFERENCES claims(id) ON DELETE CASCADE,
  signed_at TEXT NOT NULL
) STRICT;
`;

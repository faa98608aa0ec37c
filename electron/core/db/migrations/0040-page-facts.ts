// Shipped migrations are never edited: add a new numbered file instead.
// Page facts (shared/page-facts.ts): what analysePage found on a page, kept with it, replacing the bare
// quality report. Existing rows are MIGRATED here, not re-analysed: a migration runs in one synchronous
// transaction while the database opens, and decoding every stored photo again would hold the app's start for
// minutes on a large store. Everything evaluation reads was already stored: the quality report (its metrics
// carry the perceptual hash) and, for invoice pages already read, the QR identity in claim_invoices.
// Invoice pages that were never read keep `qr: null` ("not looked for"); the CLI import's backfill reads
// those once (indexClaimInvoices, electron/core/import.ts).
export default /* sql */ `
ALTER TABLE document_pages ADD COLUMN facts_json TEXT;
UPDATE document_pages SET facts_json = json_object(
  'version', 1,
  'mime', (SELECT f.mime FROM files f WHERE f.sha256 = document_pages.file_sha256),
  'quality', CASE WHEN json_valid(quality_json) THEN json(quality_json) END,
  'fingerprint', json_object(
    'sha256', file_sha256,
    'phash', CASE WHEN json_valid(quality_json) THEN json_extract(quality_json, '$.metrics.phash') END
  ),
  'qr', (
    SELECT json_object(
      'payload', ci.payload,
      'invoice', CASE WHEN ci.invoice_key IS NOT NULL THEN json_object(
        'format', ci.format,
        'payload', ci.payload,
        'typeCode', NULL,
        'code', ci.invoice_code,
        'number', ci.invoice_number,
        'amount', ci.amount_fen / 100.0,
        'issueDate', ci.issue_date,
        'checkCode', NULL,
        'key', ci.invoice_key
      ) END
    )
    FROM claim_invoices ci WHERE ci.page_id = document_pages.id
  )
);
ALTER TABLE document_pages DROP COLUMN quality_json;
-- The invoice index compares photos by the page's own perceptual hash from now on (one hash per page, made
-- by the analysis); rows whose page has one take it.
UPDATE claim_invoices SET phash = coalesce(
  (SELECT json_extract(dp.facts_json, '$.fingerprint.phash') FROM document_pages dp WHERE dp.id = claim_invoices.page_id),
  phash
);
`;

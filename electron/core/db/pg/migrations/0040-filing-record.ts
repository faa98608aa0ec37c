// Shipped migrations are never edited: add a new numbered file instead (tests/unit/pg-migrations-pinned.test.ts).
// SQLite 0120-filing-record's twin: a claim's cross-region filing as its record gives it (issue 25), made at the
// office window (线下备案), the filed place of care (备案后就医地不可更改) and the filing's own start and end dates;
// and a claim "applied for" by the retired community `helper` becomes the insured person's own, the helper's
// name and ID number kept in the notes (nothing lost), as SQLite does.
const T = 'text COLLATE "C"';

export default /* sql */ `
ALTER TABLE claims ADD COLUMN filing_offline integer NOT NULL DEFAULT 0 CHECK (filing_offline IN (0, 1));
ALTER TABLE claims ADD COLUMN filing_place ${T};
ALTER TABLE claims ADD COLUMN filing_start_date ${T};
ALTER TABLE claims ADD COLUMN filing_end_date ${T};

UPDATE claims
   SET notes = btrim(notes || chr(10) || '帮忙办理的人：' || coalesce(applicant_name, '') ||
                     CASE WHEN coalesce(applicant_id_number, '') = '' THEN ''
                          ELSE '（身份证号 ' || applicant_id_number || '）' END),
       applicant_relation = 'self',
       applicant_person_id = NULL,
       applicant_name = NULL,
       applicant_id_number = NULL
 WHERE applicant_relation = 'helper';
`;

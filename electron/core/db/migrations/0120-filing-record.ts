// Shipped migrations are never edited: add a new numbered file instead.
// A claim's cross-region filing as its record gives it (issue 25): made at the office window (线下备案), the
// filed place of care (备案后就医地不可更改), and the filing's own start and end dates. And the old `helper`
// applicant goes: the applicant is the insured person or a 近亲属, so a claim "applied for" by a community
// helper becomes the insured person's own, the helper's name and ID number kept in the notes (nothing lost).
export default /* sql */ `
ALTER TABLE claims ADD COLUMN filing_offline INTEGER NOT NULL DEFAULT 0 CHECK (filing_offline IN (0, 1));
ALTER TABLE claims ADD COLUMN filing_place TEXT;
ALTER TABLE claims ADD COLUMN filing_start_date TEXT;
ALTER TABLE claims ADD COLUMN filing_end_date TEXT;

UPDATE claims
   SET notes = trim(notes || char(10) || '帮忙办理的人：' || coalesce(applicant_name, '') ||
                    CASE WHEN coalesce(applicant_id_number, '') = '' THEN ''
                         ELSE '（身份证号 ' || applicant_id_number || '）' END),
       applicant_relation = 'self',
       applicant_person_id = NULL,
       applicant_name = NULL,
       applicant_id_number = NULL
 WHERE applicant_relation = 'helper';
`;

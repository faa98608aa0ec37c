// English for the messages that are written in Chinese only.
import type { Problem } from '../../../shared/evaluation';

/**
 * English for the cross-document problems, which are written in Chinese only: the general sentence per code
 * (the Chinese message names the paper and the values).
 */
export const CROSS_DOCUMENT_EN: Partial<Record<Problem['code'], string>> = {
  name_mismatch:
    'A name printed on one of the papers differs from the insured person’s name; check it is not someone else’s paper',
  id_mismatch:
    'An ID number printed on one of the papers differs from the insured person’s; check the number or the paper',
  date_outside_care:
    'A date printed on one of the papers is outside the dates of care; check it belongs to this visit or stay',
  amount_words_mismatch: 'An invoice’s amount in words differs from its amount in figures; check the invoice',
  amount_unverified:
    'The total could not be checked: an invoice amount was not read; compare the total with the invoices',
  amount_mismatch: 'The total entered differs from the invoices’ amounts; please check',
  bill_total_mismatch:
    'The itemised bill’s total differs from the invoices’ total; check the bill is complete and matches the invoices',
  hospital_mismatch:
    'A hospital printed on one of the papers differs from the hospital entered; check the paper belongs to this claim',
};

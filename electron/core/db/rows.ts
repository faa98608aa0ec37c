// Rows in, plain data out, for both engines: the two schemas have the same tables and columns (PostgreSQL's
// migrations mirror SQLite's), so the mapping between a row and the contract's data is written once, here.
// Search words are built here too: what a claim is found by does not depend on the engine.
import type { ClaimStatus } from '../../../shared/lifecycle';
import type { PageFacts } from '../../../shared/page-facts';
import { readStoredFacts } from '../../../shared/page-facts-upgrade';
import type {
  Claim,
  ClaimFields,
  DocumentPage,
  Household,
  Person,
  PersonFields,
} from '../../../shared/schemas';
import type { EditStamp, RequestedItem, StatusChangeRow, StoredInvoice } from './contract';

export interface StampRow {
  version: number;
  updated_at: string | null;
  updated_by_desk: string | null;
  updated_by_person: string | null;
}

export function toStamp(r: StampRow, fallbackAt = ''): EditStamp {
  return {
    version: r.version,
    at: r.updated_at ?? fallbackAt,
    desk: r.updated_by_desk,
    person: r.updated_by_person,
  };
}

export interface HouseholdRow extends Partial<StampRow> {
  id: number;
  name: string;
  notes: string;
  created_at: string;
  updated_at: string;
}

export function toHousehold(r: HouseholdRow): Household {
  return { id: r.id, name: r.name, notes: r.notes, createdAt: r.created_at, updatedAt: r.updated_at };
}

export interface PersonRow extends Partial<StampRow> {
  id: number;
  household_id: number;
  name: string;
  id_number: string;
  relation: string;
  insurance_type: string;
  insured_region: string;
  phone: string | null;
  bank_name: string | null;
  bank_number: string | null;
  bank_holder: string | null;
  created_at: string;
  updated_at: string;
}

export function toPerson(r: PersonRow): Person {
  return {
    id: r.id,
    householdId: r.household_id,
    name: r.name,
    idNumber: r.id_number,
    relation: r.relation as Person['relation'],
    insuranceType: r.insurance_type as Person['insuranceType'],
    insuredRegion: r.insured_region,
    phone: r.phone,
    bankAccount:
      r.bank_name && r.bank_number && r.bank_holder
        ? { bank: r.bank_name, number: r.bank_number, holder: r.bank_holder }
        : null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** household_id, name, id_number, relation, insurance_type, insured_region, phone, bank_name/number/holder. */
export function personColumns(p: PersonFields): unknown[] {
  return [
    p.householdId,
    p.name,
    p.idNumber,
    p.relation,
    p.insuranceType,
    p.insuredRegion,
    p.phone,
    p.bankAccount?.bank ?? null,
    p.bankAccount?.number ?? null,
    p.bankAccount?.holder ?? null,
  ];
}

export interface ClaimRow extends Partial<StampRow> {
  id: number;
  reference: string;
  claimant_id: number;
  applicant_relation: string;
  applicant_person_id: number | null;
  applicant_name: string | null;
  applicant_id_number: string | null;
  care_setting: string;
  hospital: string;
  treatment_region: string;
  visit_date: string | null;
  admission_date: string | null;
  discharge_date: string | null;
  filing_type: string | null;
  filing_date: string | null;
  special_drugs: number;
  total_amount_fen: number | null;
  notes: string;
  status: string;
  created_at: string;
  updated_at: string;
  claimant_name: string;
}

export function toClaim(r: ClaimRow): Claim {
  const fields: ClaimFields = {
    claimantId: r.claimant_id,
    applicant:
      r.applicant_relation === 'self'
        ? { relation: 'self' }
        : {
            relation: r.applicant_relation as Exclude<ClaimFields['applicant']['relation'], 'self'>,
            personId: r.applicant_person_id,
            name: r.applicant_name ?? '',
            idNumber: r.applicant_id_number ?? '',
          },
    careSetting: r.care_setting as ClaimFields['careSetting'],
    hospital: r.hospital,
    treatmentRegion: r.treatment_region,
    visitDate: r.visit_date,
    admissionDate: r.admission_date,
    dischargeDate: r.discharge_date,
    crossRegion: r.filing_type
      ? {
          filingType: r.filing_type as NonNullable<ClaimFields['crossRegion']>['filingType'],
          filingDate: r.filing_date,
        }
      : null,
    specialDrugs: r.special_drugs === 1,
    totalAmount: r.total_amount_fen === null ? null : r.total_amount_fen / 100,
    notes: r.notes,
  };
  return {
    id: r.id,
    reference: r.reference,
    status: r.status as ClaimStatus,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    claimantName: r.claimant_name,
    fields,
  };
}

/**
 * claimant_id, applicant_relation, applicant_person_id, applicant_name, applicant_id_number, care_setting,
 * hospital, treatment_region, visit_date, admission_date, discharge_date, filing_type, filing_date,
 * special_drugs, total_amount_fen, notes.
 */
export function claimColumns(c: ClaimFields): unknown[] {
  const applicant = c.applicant;
  return [
    c.claimantId,
    applicant.relation,
    applicant.relation === 'self' ? null : applicant.personId,
    applicant.relation === 'self' ? null : applicant.name,
    applicant.relation === 'self' ? null : applicant.idNumber,
    c.careSetting,
    c.hospital,
    c.treatmentRegion,
    c.careSetting === 'inpatient' ? null : c.visitDate,
    c.careSetting === 'inpatient' ? c.admissionDate : null,
    c.careSetting === 'inpatient' ? c.dischargeDate : null,
    c.crossRegion?.filingType ?? null,
    c.crossRegion?.filingDate ?? null,
    c.specialDrugs ? 1 : 0,
    c.totalAmount === null ? null : Math.round(c.totalAmount * 100),
    c.notes,
  ];
}

/**
 * Claim references are short, unique and readable over the phone: BX + date + sequence. The sequence is the
 * claim's id, which both engines draw from one counter per store (PostgreSQL's identity sequence is shared by
 * every desk), so two desks never hand out the same number.
 */
export function makeReference(id: number, createdAt: string): string {
  return `BX${createdAt.slice(0, 10).replaceAll('-', '')}-${String(id).padStart(5, '0')}`;
}

export type ItemRow = {
  id: number;
  claim_id: number;
  text: string;
  created_at: string;
  done_at: string | null;
};
export const toItem = (r: ItemRow): RequestedItem => ({
  id: r.id,
  claimId: r.claim_id,
  text: r.text,
  createdAt: r.created_at,
  doneAt: r.done_at,
});

export interface InvoiceRow {
  claim_id: number;
  reference: string;
  claimant_name: string;
  page_id: number;
  file_sha256: string;
  format: StoredInvoice['format'];
  invoice_key: string | null;
  invoice_number: string | null;
  amount_fen: number | null;
  phash: string | null;
}

export function toStoredInvoice(r: InvoiceRow): StoredInvoice {
  return {
    claimId: r.claim_id,
    claimReference: r.reference,
    claimantName: r.claimant_name,
    pageId: r.page_id,
    sha256: r.file_sha256,
    format: r.format,
    key: r.invoice_key,
    number: r.invoice_number,
    amount: r.amount_fen === null ? null : r.amount_fen / 100,
    phash: r.phash,
  };
}

/**
 * The values of an invoice page's index row, in the column order claim_id, page_id, file_sha256, format,
 * invoice_key, payload, invoice_code, invoice_number, amount_fen, issue_date, phash, created_at; null when the
 * page gets no row (not an invoice, or its QR never looked for).
 */
export function invoiceRowValues(
  page: { claimId: number; pageId: number; sha256: string; isInvoice: boolean; facts: PageFacts | null },
  at: string,
): unknown[] | null {
  if (!page.isInvoice || !page.facts || page.facts.qr === null) return null;
  const qr = page.facts.qr;
  const inv = qr.invoice;
  return [
    page.claimId,
    page.pageId,
    page.sha256,
    inv?.format ?? (qr.payload === null ? 'none' : 'raw'),
    inv?.key ?? null,
    qr.payload,
    inv?.code ?? null,
    inv?.number ?? null,
    inv?.amount === null || inv?.amount === undefined ? null : Math.round(inv.amount * 100),
    inv?.issueDate ?? null,
    page.facts.fingerprint.phash,
    at,
  ];
}

/** A status history row with its facts and who recorded it. */
export function toStatusChangeRow(r: {
  from_status: string | null;
  to_status: string;
  note: string;
  changed_at: string;
  happened_on: string | null;
  desk: string | null;
  person: string | null;
}): StatusChangeRow {
  return {
    from: r.from_status as ClaimStatus | null,
    to: r.to_status as ClaimStatus,
    note: r.note,
    changedAt: r.changed_at,
    happenedOn: r.happened_on,
    desk: r.desk,
    person: r.person,
  };
}

export interface PageRow {
  id: number;
  document_id: number;
  position: number;
  file_sha256: string;
  original_name: string;
  facts_json: string | null;
  mime: string;
  size: number;
}

/** Stored facts read by version: an older version upgraded, unreadable ones named (factsUnread), never dropped. */
function facts(stored: unknown): Pick<DocumentPage, 'facts' | 'factsUnread'> {
  const read = readStoredFacts(stored);
  return { facts: read.facts, ...(read.unread ? { factsUnread: read.unread } : {}) };
}

export function toPage(p: PageRow): DocumentPage {
  const stored = p.facts_json === null ? null : (JSON.parse(p.facts_json) as { quality?: unknown });
  return {
    id: p.id,
    position: p.position,
    sha256: p.file_sha256,
    originalName: p.original_name,
    mime: p.mime,
    size: p.size,
    // The report as stored, even from an older analyser whose facts no longer parse: it is still shown.
    quality: stored?.quality ?? null,
    ...facts(stored),
  };
}

// ---------- search words ----------

/** The letters and digits of `text`, lower-cased, one per element: what a 1–2-character search walks. */
export function searchChars(text: string): string[] {
  return Array.from(text.toLowerCase()).filter((ch) => /[\p{L}\p{N}]/u.test(ch));
}

/** Splits text into one token per letter/digit, so a phrase query over them is a substring search. */
export function charTokens(text: string): string {
  return searchChars(text).join(' ');
}

/** A claim's search text: its words (fields, then contributors') joined by spaces, lower-cased. */
export function searchText(words: ReadonlyArray<string | null | undefined>): string {
  return words
    .filter((w): w is string => !!w)
    .join(' ')
    .toLowerCase();
}

// The facts a claim is judged on, whatever they were read from (a manifest or the database), and the
// scenario the pack's conditions look at. Types only plus two pure readings of them.
import type {
  AgentRelation,
  CareSetting,
  DocumentKind,
  FilingType,
  InsuranceType,
} from '../../../shared/domain';
import type { EvaluationReport, ReminderResult } from '../../../shared/evaluation';
import type { Fields } from '../../../shared/fields';
import type { QualityReport } from '../../../shared/quality';
import type { ClaimFact, RulePack, Scenario } from '../../../shared/rules';
import type { ParsedInvoice } from '../invoices/parse';
import type { InvoiceDuplicate } from '../invoices/store';

/** The facts of a claim the rules look at, whatever it was read from (manifest or database). */
export interface ClaimFacts {
  claimant: {
    name: string;
    idNumber: string;
    insuranceType: InsuranceType;
    insuredRegion: string;
    phone?: string | null | undefined;
    bankAccount?: { bank: string; number: string; holder: string } | null | undefined;
  };
  applicant: { relation: 'self' } | { relation: AgentRelation; name: string; idNumber: string };
  careSetting: CareSetting;
  hospital: string;
  treatmentRegion: string;
  visitDate?: string | null | undefined;
  admissionDate?: string | null | undefined;
  dischargeDate?: string | null | undefined;
  totalAmount?: number | null | undefined;
  crossRegion?:
    | {
        filingType: FilingType;
        filingDate?: string | null | undefined;
        /** Filed at the 经办机构's window (线下备案) rather than online. */
        offline?: boolean | undefined;
        /** 备案的就医地 as the filing record names it. */
        filedPlace?: string | null | undefined;
        /** The filing's own start and end dates, when its record gives them. */
        startDate?: string | null | undefined;
        endDate?: string | null | undefined;
      }
    | null
    | undefined;
  specialDrugs?: boolean | undefined;
  /** The applicant marked the bundle's printed 诚信承诺书 page as signed (settles the pledge reminder). */
  pledgeSigned?: boolean | undefined;
}

export interface EvaluatedPage {
  /** Field path for messages, e.g. documents[2].files[0]. */
  field: string;
  /** File name shown to people. */
  name: string;
  /** The page's quality report, when it was checked. */
  quality?: QualityReport | null | undefined;
  /** Text of a born-digital PDF, when extracted (used for the 急诊 mark). */
  text?: string | null | undefined;
  /** What is printed on the page, read and corrected (mergeFields: the person's value wins). */
  fields?: Fields | undefined;
  /** The file's type sniffed from its bytes (application/pdf for an e-invoice file), when known. */
  mime?: string | null | undefined;
  /** An invoice page's identity from its QR code: a PDF e-invoice and the photo of its printout share it. */
  invoiceKey?: string | null | undefined;
}

export interface EvaluatedDocument {
  /** Position in the claim (manifest order): what requirement.documents refers to. */
  index: number;
  kind: DocumentKind;
  pages: EvaluatedPage[];
  /** Things the person confirmed by looking at the paper, e.g. "emergency_mark". */
  confirmed?: readonly string[] | undefined;
}

/** A claim elsewhere that already holds this invoice (found in the invoice index, invoices/store.ts). */
export type { InvoiceDuplicate };

/** What was read from one invoice page (QR payload) and what it collides with. */
export interface InvoiceEvidence {
  documentIndex: number;
  field: string;
  name: string;
  parsed: ParsedInvoice | null;
  duplicates: InvoiceDuplicate[];
  /** Another page of this same claim that is the same invoice (field path). */
  repeatOf?: string | undefined;
  /** The page is a PDF file (an e-invoice as issued), not a photo; undefined when not known. */
  pdf?: boolean | undefined;
}

export interface EvaluateOptions {
  /** YYYY-MM-DD that deadlines are measured from. */
  today: string;
  pack: RulePack;
  invoices?: readonly InvoiceEvidence[] | undefined;
}

/** Report plus the order the bundle lays documents out in (each document once, checklist order). */
export type ClaimEvaluation = EvaluationReport & {
  documentOrder: number[];
  pack: { id: string; name: string; version: string };
  reminders: ReminderResult[];
};

export function scenarioOf(c: ClaimFacts): Scenario {
  const relation = c.applicant.relation;
  return {
    careSetting: c.careSetting,
    filing: c.crossRegion ? c.crossRegion.filingType : 'local',
    applicant: relation === 'self' ? 'self' : 'relative',
    relation,
    specialDrugs: c.specialDrugs === true,
    insuranceType: c.claimant.insuranceType,
    offlineFiling: c.crossRegion?.offline === true,
  };
}

/** Facts that stand in for a paper (satisfiedBy in the pack). */
export function factsOf(c: ClaimFacts): Set<ClaimFact> {
  const facts = new Set<ClaimFact>();
  if ((c.claimant.bankAccount?.number ?? '').replace(/\s/g, '') !== '') facts.add('bank_account_number');
  if (c.pledgeSigned === true) facts.add('pledge_signed');
  return facts;
}

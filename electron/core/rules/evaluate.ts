// Evaluation is a pure function of stored facts: `evaluate(claim, documents, pack, today)` reads the
// claim's fields and each page's facts (shared/page-facts.ts, made once by analysePage) and writes nothing.
// Two ways in gather those facts: a claim stored in the database (`evaluateStoredClaim`, claim-evaluation.ts:
// the app's live checklist, the board, 材料齐全 and the bundle) only reads rows; a claim manifest on disk
// (`evaluateManifest`, manifest/evaluate.ts: `claimdesk evaluate`, `bundle`) first builds facts by calling
// analysePage on the manifest's files, the same step import takes. See docs/architecture.md.
import type { DocumentKind } from '../../../shared/domain';
import type { PageFacts } from '../../../shared/page-facts';
import type { RulePack } from '../../../shared/rules';
import type { Claim, Person } from '../../../shared/schemas';
import type { Db, Session } from '../db/contract';
import { findInvoiceDuplicates, findInvoiceDuplicatesThrough } from '../invoices/store';
import {
  evaluateClaim,
  kindsNeedingText,
  type ClaimEvaluation,
  type ClaimFacts,
  type EvaluatedDocument,
  type InvoiceDuplicate,
  type InvoiceEvidence,
} from './engine';
import type { Fields } from '../../../shared/fields';

export * from './engine';
export { loadRulePack, rulePackForRegion, sealRequiredKinds } from './pack';

/** One page as evaluation sees it: where it sits, its facts, and the other claims holding its invoice. */
export interface PageToEvaluate {
  /** Field path of the page (documents[i].files[j]), what problems point at. */
  field: string;
  name: string;
  facts: PageFacts | null;
  /** Stored claims elsewhere with the same invoice (looked up by the caller: a read, not a write). */
  duplicates: InvoiceDuplicate[];
  /** Fields of the page: what was read (facts.fields) under what the person typed, merged by the caller. */
  fields: Fields;
}

export interface DocumentToEvaluate {
  index: number;
  kind: DocumentKind;
  /** What the person confirmed by looking at the paper (e.g. "emergency_mark"). */
  confirmed: readonly string[];
  pages: PageToEvaluate[];
}

/**
 * The evaluation itself: pure, from the claim's fields and its pages' facts. Quality findings, the 急诊
 * words and invoice identities all come from the facts; nothing is decoded, read or written here.
 */
export function evaluate(
  claim: ClaimFacts,
  documents: readonly DocumentToEvaluate[],
  pack: RulePack,
  today: string,
): ClaimEvaluation {
  const textKinds = kindsNeedingText(pack, claim);
  const evaluated: EvaluatedDocument[] = documents.map((d) => ({
    index: d.index,
    kind: d.kind,
    confirmed: d.confirmed,
    pages: d.pages.map((p) => ({
      field: p.field,
      name: p.name,
      quality: p.facts?.quality ?? null,
      // Words are looked at only where a rule reads them and the person has not confirmed it already.
      text: textKinds.has(d.kind) && !d.confirmed.includes('emergency_mark') ? (p.facts?.text ?? null) : null,
      // What is printed on the page (read, under what the person typed): the cross-document checks compare
      // it with the claim.
      fields: p.fields,
      // A PDF invoice is an e-invoice file: it needs the photo of its stamped printout, matched by QR code.
      mime: p.facts?.mime ?? null,
      invoiceKey: p.facts?.qr?.invoice?.key ?? null,
    })),
  }));
  const invoices: InvoiceEvidence[] = [];
  const seen = new Map<string, string>();
  for (const d of documents) {
    if (d.kind !== 'invoice') continue;
    for (const p of d.pages) {
      const parsed = p.facts?.qr?.invoice ?? null;
      const identity = parsed?.key ?? `sha:${p.facts?.fingerprint.sha256 ?? p.field}`;
      const repeatOf = seen.get(identity);
      if (!repeatOf) seen.set(identity, p.field);
      invoices.push({
        documentIndex: d.index,
        field: p.field,
        name: p.name,
        parsed,
        duplicates: p.duplicates,
        repeatOf,
        ...(p.facts?.mime ? { pdf: p.facts.mime === 'application/pdf' } : {}),
      });
    }
  }
  return evaluateClaim(claim, evaluated, { today, pack, invoices });
}

/**
 * Stored invoices of other claims that are this page's invoice (a read of the invoice index); none without a
 * database, for a page that is no invoice, or without facts.
 */
export function invoiceDuplicatesOf(
  db: Db | null,
  kind: DocumentKind,
  facts: PageFacts | null,
  excludeClaimId?: number,
): InvoiceDuplicate[] {
  if (!db || kind !== 'invoice' || !facts) return [];
  return findInvoiceDuplicates(
    db,
    {
      key: facts.qr?.invoice?.key ?? null,
      sha256: facts.fingerprint.sha256,
      phash: facts.fingerprint.phash,
    },
    excludeClaimId,
  );
}

/** invoiceDuplicatesOf through the storage contract (either engine). */
export function invoiceDuplicatesThrough(
  s: Session,
  kind: DocumentKind,
  facts: PageFacts | null,
  excludeClaimId?: number,
): Promise<InvoiceDuplicate[]> {
  if (kind !== 'invoice' || !facts) return Promise.resolve([]);
  return findInvoiceDuplicatesThrough(
    s,
    {
      key: facts.qr?.invoice?.key ?? null,
      sha256: facts.fingerprint.sha256,
      phash: facts.fingerprint.phash,
    },
    excludeClaimId,
  );
}

/** The claimant as the rules see them: who is insured where, and what the papers must show of them. */
export function claimantFacts(claimant: Person): ClaimFacts['claimant'] {
  return {
    name: claimant.name,
    idNumber: claimant.idNumber,
    insuranceType: claimant.insuranceType,
    insuredRegion: claimant.insuredRegion,
    phone: claimant.phone,
    bankAccount: claimant.bankAccount,
  };
}

/** A stored claim and its claimant, in the shape evaluation and export read. */
export function factsOfStoredClaim(claim: Claim, claimant: Person): ClaimFacts {
  const f = claim.fields;
  return {
    claimant: claimantFacts(claimant),
    applicant:
      f.applicant.relation === 'self'
        ? { relation: 'self' }
        : { relation: f.applicant.relation, name: f.applicant.name, idNumber: f.applicant.idNumber },
    careSetting: f.careSetting,
    hospital: f.hospital,
    treatmentRegion: f.treatmentRegion,
    visitDate: f.visitDate,
    admissionDate: f.admissionDate,
    dischargeDate: f.dischargeDate,
    totalAmount: f.totalAmount,
    crossRegion: f.crossRegion,
    specialDrugs: f.specialDrugs,
  };
}

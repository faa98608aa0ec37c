// Evaluation is a pure function of stored facts: `evaluate(claim, documents, pack, today)` reads the
// claim's fields and each page's facts (shared/page-facts.ts, made once by analysePage) and writes nothing.
// Two ways in: a claim stored in the database (`evaluateStoredClaim`: the app's live checklist) only reads
// rows; a claim manifest on disk (`evaluateManifest`: `claimdesk evaluate`, `bundle`) first builds facts by
// calling analysePage on the manifest's files, the same step import takes. See docs/architecture.md.
import { existsSync } from 'node:fs';
import type { DocumentKind } from '../../../shared/domain';
import type { PageFacts } from '../../../shared/page-facts';
import type { QualityReport } from '../../../shared/quality';
import type { RulePack } from '../../../shared/rules';
import type { Claim, Person } from '../../../shared/schemas';
import { getClaim, getPerson, listDocuments } from '../repo';
import { isPledgeSigned } from '../pledge';
import { loadManifest, type LoadedManifest } from '../manifest';
import { openWorkspace, type Workspace } from '../workspace';
import { databasePath } from '../db/open';
import { findInvoiceDuplicates } from '../invoices/store';
import { analysePages } from '../pages/analyse';
import { readRuleText } from '../pages/pipeline';
import { ocrPageReader } from '../ocr/page-reader';
import type { Turn } from '../../../shared/turn';
import { loadRulePack, rulePackForRegion, sealRequiredKinds } from './pack';
import {
  evaluateClaim,
  gradeSeals,
  kindsNeedingText,
  type ClaimEvaluation,
  type ClaimFacts,
  type EvaluatedDocument,
  type InvoiceDuplicate,
  type InvoiceEvidence,
} from './engine';
import { localToday } from './dates';
import { mergeFields, type Fields } from '../../../shared/fields';
import { claimFieldCorrections } from '../field-corrections';

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

/** Stored invoices of other claims that are this page's invoice (a read of the invoice index). */
function duplicatesOf(
  ws: Workspace | null,
  kind: DocumentKind,
  facts: PageFacts | null,
  excludeClaimId?: number,
): InvoiceDuplicate[] {
  if (!ws || kind !== 'invoice' || !facts) return [];
  return findInvoiceDuplicates(
    ws.db,
    {
      key: facts.qr?.invoice?.key ?? null,
      sha256: facts.fingerprint.sha256,
      phash: facts.fingerprint.phash,
    },
    excludeClaimId,
  );
}

export interface ManifestEvaluationOptions {
  /** YYYY-MM-DD; default: today's local date. */
  today?: string | undefined;
  /** Rule pack id or .json path; default: the pack for the claimant's insured region (else national). */
  rules?: string | undefined;
  /** Data folder whose stored claims are searched for the same invoices. Not created when absent. */
  dataDir?: string | undefined;
  /** An already open workspace (the app), instead of dataDir. */
  workspace?: Workspace | undefined;
  /** Run the photo checks (default false: `claimdesk evaluate --no-check`); without them quality checks are skipped. */
  checks?: boolean | undefined;
  /** Read invoice QR codes (default true). */
  scanInvoices?: boolean | undefined;
  /**
   * Read every paper's words for its fields (default true: OCR of photos and scanned PDFs, a PDF's own text),
   * as import does, so the cross-document checks compare what is printed; false reads only the words a rule
   * looks for (`--no-read`: faster, name/date/amount checks then use typed fields and QR codes only).
   */
  read?: boolean | undefined;
}

export interface ManifestEvaluation {
  report: ClaimEvaluation;
  /** The claim as the manifest states it, in the shape evaluation and export read. */
  claim: ClaimFacts;
  loaded: LoadedManifest;
  pack: RulePack;
  /** Quality report per document per file (null when not checked); the bundle reuses them. */
  quality: Array<Array<QualityReport | null>>;
  /** The turn that made each file's text upright when read (0: as taken, or not read); the bundle prints it so. */
  upright: Array<Array<Turn>>;
}

function factsFromManifest(loaded: LoadedManifest): ClaimFacts {
  const { claimant, applicant, claim } = loaded.manifest;
  return {
    claimant,
    applicant,
    careSetting: claim.careSetting,
    hospital: claim.hospital,
    treatmentRegion: claim.treatmentRegion,
    visitDate: claim.visitDate,
    admissionDate: claim.admissionDate,
    dischargeDate: claim.dischargeDate,
    totalAmount: claim.totalAmount,
    crossRegion: claim.crossRegion,
    specialDrugs: claim.specialDrugs,
    pledgeSigned: claim.pledgeSigned,
  };
}

/**
 * Evaluates the claim a manifest describes: loads and checks the manifest (manifest_invalid on a bad
 * field), picks the rule pack, builds each file's facts with analysePage (photo checks, QR, words: the same
 * analysis an imported page gets), compares invoices with stored claims when a data folder is given, and
 * returns the pure evaluation with everything the bundle needs.
 */
export async function evaluateManifest(
  manifestPath: string,
  options: ManifestEvaluationOptions = {},
): Promise<ManifestEvaluation> {
  const loaded = loadManifest(manifestPath);
  const pack = options.rules
    ? loadRulePack(options.rules)
    : rulePackForRegion(loaded.manifest.claimant.insuredRegion);
  const today = options.today ?? localToday();
  const sealKinds = sealRequiredKinds(pack);
  const claim = factsFromManifest(loaded);
  const textKinds = kindsNeedingText(pack, claim);

  const analysed: Array<Array<PageFacts>> = [];
  for (const doc of loaded.documents) {
    // Words only where this claim's rules read them and the person has not confirmed them already.
    const wantText = textKinds.has(doc.kind) && !doc.confirmed.includes('emergency_mark');
    // Every paper is read as import reads it (its fields, its kind's words); a confirmed mark is then
    // simply not looked for (factsOf above).
    const reader = options.read !== false ? ocrPageReader : wantText ? readRuleText : undefined;
    const pages = await analysePages(
      doc.files.map((f) => ({ path: f.path, kind: doc.kind, displayName: f.relative })),
      {
        checks: options.checks ?? false,
        sealKinds,
        readQr: doc.kind === 'invoice' && options.scanInvoices !== false,
        ...(reader ? { reader } : {}),
      },
    );
    analysed.push(pages.map((p) => p.facts));
  }

  let ws: Workspace | null = options.workspace ?? null;
  let opened = false;
  // Only look at a data folder that already holds a database: evaluating must not create one.
  if (!ws && options.dataDir && existsSync(databasePath(options.dataDir))) {
    ws = await openWorkspace(options.dataDir);
    opened = true;
  }
  try {
    const documents: DocumentToEvaluate[] = loaded.documents.map((doc, i) => ({
      index: doc.index,
      kind: doc.kind,
      confirmed: doc.confirmed,
      pages: doc.files.map((f, j) => {
        const facts = analysed[i]![j]!;
        return {
          field: `documents[${doc.index}].files[${j}]`,
          name: f.relative,
          facts,
          duplicates: options.scanInvoices === false ? [] : duplicatesOf(ws, doc.kind, facts),
          // Read fields come with the reader; the manifest's typed corrections win over them.
          fields: mergeFields(facts.fields, doc.pageFields[j]),
        };
      }),
    }));
    // Without --check the facts carry no quality report; the bundle then has none either. A missing seal
    // weighs what the pack says for the kind (gradeSeals), in the bundle as in the report.
    const graded = gradeSeals(
      loaded.documents.map((doc, i) => ({
        index: doc.index,
        kind: doc.kind,
        pages: analysed[i]!.map((f, j) => ({
          field: `documents[${doc.index}].files[${j}]`,
          name: doc.files[j]!.relative,
          quality: options.checks ? f.quality : null,
        })),
      })),
      pack,
    );
    const quality = graded.map((d) => d.pages.map((p) => p.quality ?? null));
    const upright = analysed.map((pages) => pages.map((f): Turn => f.upright ?? 0));
    return { report: evaluate(claim, documents, pack, today), claim, loaded, pack, quality, upright };
  } finally {
    if (opened) ws?.close();
  }
}

export function factsOfStoredClaim(claim: Claim, claimant: Person): ClaimFacts {
  const f = claim.fields;
  return {
    claimant: {
      name: claimant.name,
      idNumber: claimant.idNumber,
      insuranceType: claimant.insuranceType,
      insuredRegion: claimant.insuredRegion,
      phone: claimant.phone,
      bankAccount: claimant.bankAccount,
    },
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

export interface StoredClaimEvaluationOptions {
  today?: string | undefined;
  rules?: string | undefined;
  /**
   * What the person confirmed by looking at each document (document id → e.g. ["emergency_mark"]), for
   * checks a photo can't prove (the app reads them from document_confirmations).
   */
  confirmed?: Readonly<Record<number, readonly string[]>> | undefined;
}

/**
 * Evaluates a claim stored in the workspace: reads its fields, its pages' facts and the invoice index of
 * every other claim, then calls the pure evaluate. Writes nothing. Document indexes follow listDocuments order.
 */
export function evaluateStoredClaim(
  ws: Workspace,
  claimId: number,
  options: StoredClaimEvaluationOptions = {},
): ClaimEvaluation {
  const claim = getClaim(ws.db, claimId);
  const claimant = getPerson(ws.db, claim.fields.claimantId);
  const pack = options.rules ? loadRulePack(options.rules) : rulePackForRegion(claimant.insuredRegion);
  const corrections = claimFieldCorrections(ws.db, claimId);
  const documents: DocumentToEvaluate[] = listDocuments(ws.db, claimId).map((d, index) => ({
    index,
    kind: d.kind,
    confirmed: options.confirmed?.[d.id] ?? [],
    pages: d.pages.map((p, j) => ({
      field: `documents[${index}].files[${j}]`,
      name: p.originalName,
      facts: p.facts,
      duplicates: duplicatesOf(ws, d.kind, p.facts, claimId),
      // Fields read off the page (page facts, from the reader) under what the person typed (documents:setField).
      fields: mergeFields(p.facts?.fields, corrections.get(p.id)),
    })),
  }));
  const facts = { ...factsOfStoredClaim(claim, claimant), pledgeSigned: isPledgeSigned(ws.db, claimId) };
  return evaluate(facts, documents, pack, options.today ?? localToday());
}

// The two adapters onto the one engine (engine.ts): a claim manifest on disk (`claimdesk evaluate`, `bundle`)
// and a claim stored in the database (the desktop app's live checklist). Both gather facts, photo checks and
// invoice evidence, then call evaluateClaim.
import { existsSync } from 'node:fs';
import type { QualityReport } from '../../../shared/quality';
import { QualityReport as QualityReportSchema } from '../../../shared/quality';
import type { RulePack } from '../../../shared/rules';
import type { DocumentKind } from '../../../shared/domain';
import type { Claim, Person } from '../../../shared/schemas';
import { getClaim, getPerson, listDocuments } from '../repo';
import { isPledgeSigned } from '../pledge';
import { loadManifest, type LoadedManifest } from '../manifest';
import { openWorkspace, type Workspace } from '../workspace';
import { databasePath } from '../db/open';
import { sha256OfFile, storedFilePath } from '../files/store';
import { sniffFile } from '../files/sniff';
import { findInvoiceDuplicates, indexClaimInvoices } from '../invoices/store';
import { scanInvoiceFile } from '../invoices/scan';
import { loadRulePack, rulePackForRegion, sealRequiredKinds } from './pack';
import {
  evaluateClaim,
  kindsNeedingText,
  type ClaimEvaluation,
  type ClaimFacts,
  type EvaluatedDocument,
  type InvoiceEvidence,
} from './engine';
import { localToday } from './dates';
import { readPdfText } from './pdf-text';
import { readChineseText } from './ocr';
import { mergeFields } from '../../../shared/fields';
import { claimFieldCorrections } from '../field-corrections';

export * from './engine';
export { loadRulePack, rulePackForRegion, sealRequiredKinds } from './pack';

/** Checks the pages of one document; returns one report per file, in order. */
export type DocumentChecker = (
  files: readonly string[],
  options: { kind: DocumentKind; sealKinds: readonly string[]; displayNames: readonly string[] },
) => Promise<QualityReport[]>;

export interface ManifestEvaluationOptions {
  /** YYYY-MM-DD; default: today's local date. */
  today?: string | undefined;
  /** Rule pack id or .json path; default: the pack for the claimant's insured region (else national). */
  rules?: string | undefined;
  /** Data folder whose stored claims are searched for the same invoices. Not created when absent. */
  dataDir?: string | undefined;
  /** An already open workspace (the app), instead of dataDir. */
  workspace?: Workspace | undefined;
  /** Photo checks per document (quality/index.ts checkFiles); without one, quality-based checks are skipped. */
  checkDocument?: DocumentChecker | undefined;
  /** Text of a born-digital PDF, for the 急诊 mark (default readPdfText); null when it can't be read. */
  pdfText?: ((path: string) => Promise<string | null>) | undefined;
  /** Text read off a photo, for the 急诊 mark (default readChineseText, offline OCR); null when unreadable. */
  photoText?: ((path: string) => Promise<string | null>) | undefined;
  /** Read invoice QR codes and hashes (default true). */
  scanInvoices?: boolean | undefined;
}

export interface ManifestEvaluation {
  report: ClaimEvaluation;
  loaded: LoadedManifest;
  pack: RulePack;
  /** Quality report per document per file (null when not checked); the bundle reuses them. */
  quality: Array<Array<QualityReport | null>>;
}

async function isPdf(path: string): Promise<boolean> {
  try {
    return (await sniffFile(path)) === 'application/pdf';
  } catch {
    return false;
  }
}

/** OCR costs seconds; the live checklist re-evaluates often, so stored files' text is remembered by hash. */
const TEXT_CACHE_LIMIT = 500;
const storedTextCache = new Map<string, string | null>();

async function storedPageText(path: string, sha256: string, pdf: boolean): Promise<string | null> {
  if (storedTextCache.has(sha256)) return storedTextCache.get(sha256)!;
  const text = pdf ? await readPdfText(path) : await readChineseText(path);
  if (storedTextCache.size >= TEXT_CACHE_LIMIT) storedTextCache.delete(storedTextCache.keys().next().value!);
  storedTextCache.set(sha256, text);
  return text;
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

async function invoiceEvidenceForManifest(
  loaded: LoadedManifest,
  ws: Workspace | null,
): Promise<InvoiceEvidence[]> {
  const evidence: InvoiceEvidence[] = [];
  const seen = new Map<string, string>();
  for (const doc of loaded.documents.filter((d) => d.kind === 'invoice')) {
    for (const [j, file] of doc.files.entries()) {
      const field = `documents[${doc.index}].files[${j}]`;
      let scanned: Awaited<ReturnType<typeof scanInvoiceFile>> = { parsed: null, phash: null };
      try {
        scanned = await scanInvoiceFile(file.path);
      } catch {
        // Unreadable files are reported by the photo check as unreadable_file.
      }
      const sha256 = await sha256OfFile(file.path);
      const identity = scanned.parsed?.key ?? `sha:${sha256}`;
      const repeatOf = seen.get(identity);
      if (!repeatOf) seen.set(identity, field);
      const duplicates = ws
        ? findInvoiceDuplicates(ws.db, { key: scanned.parsed?.key ?? null, sha256, phash: scanned.phash })
        : [];
      evidence.push({
        documentIndex: doc.index,
        field,
        name: file.relative,
        parsed: scanned.parsed,
        duplicates,
        repeatOf,
      });
    }
  }
  return evidence;
}

/**
 * Evaluates the claim a manifest describes: loads and checks the manifest (manifest_invalid on a bad
 * field), picks the rule pack, runs the photo checks and reads the invoices, compares them with stored
 * claims when a data folder is given, and returns the report with everything the bundle needs.
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
  const facts = factsFromManifest(loaded);
  const textKinds = kindsNeedingText(pack, facts);
  const pdfText = options.pdfText ?? readPdfText;
  const photoText = options.photoText ?? readChineseText;

  const quality: Array<Array<QualityReport | null>> = [];
  const documents: EvaluatedDocument[] = [];
  for (const doc of loaded.documents) {
    const paths = doc.files.map((f) => f.path);
    const reports: Array<QualityReport | null> = options.checkDocument
      ? await options.checkDocument(paths, {
          kind: doc.kind,
          sealKinds,
          displayNames: doc.files.map((f) => f.relative),
        })
      : paths.map(() => null);
    quality.push(reports);
    const pages = [];
    for (const [j, f] of doc.files.entries()) {
      const wanted = textKinds.has(doc.kind) && !doc.confirmed.includes('emergency_mark');
      const text = wanted ? await ((await isPdf(f.path)) ? pdfText(f.path) : photoText(f.path)) : null;
      pages.push({
        field: `documents[${doc.index}].files[${j}]`,
        name: f.relative,
        quality: reports[j] ?? null,
        text,
        // Read fields (OCR) come with the reader; the manifest's typed corrections win over them.
        fields: mergeFields(undefined, doc.pageFields[j]),
      });
    }
    documents.push({ index: doc.index, kind: doc.kind, pages, confirmed: doc.confirmed });
  }

  let ws: Workspace | null = options.workspace ?? null;
  let opened = false;
  // Only look at a data folder that already holds a database: evaluating must not create one.
  if (!ws && options.dataDir && existsSync(databasePath(options.dataDir))) {
    ws = await openWorkspace(options.dataDir);
    opened = true;
  }
  try {
    const invoices = options.scanInvoices === false ? [] : await invoiceEvidenceForManifest(loaded, ws);
    const report = evaluateClaim(facts, documents, { today, pack, invoices });
    return { report, loaded, pack, quality };
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
   * checks a photo can't prove. The database has no column for it yet; the app passes what it keeps.
   */
  confirmed?: Readonly<Record<number, readonly string[]>> | undefined;
}

/**
 * Evaluates a claim stored in the workspace, with the quality reports kept on its pages and its invoices
 * (read now if not yet) compared with every other stored claim. Document indexes follow listDocuments order.
 */
export async function evaluateStoredClaim(
  ws: Workspace,
  claimId: number,
  options: StoredClaimEvaluationOptions = {},
): Promise<ClaimEvaluation> {
  const claim = getClaim(ws.db, claimId);
  const f = claim.fields;
  const claimant = getPerson(ws.db, f.claimantId);
  const pack = options.rules ? loadRulePack(options.rules) : rulePackForRegion(claimant.insuredRegion);
  const stored = listDocuments(ws.db, claimId);
  const facts = { ...factsOfStoredClaim(claim, claimant), pledgeSigned: isPledgeSigned(ws.db, claimId) };
  const textKinds = kindsNeedingText(pack, facts);
  const corrections = claimFieldCorrections(ws.db, claimId);
  const documents: EvaluatedDocument[] = [];
  for (const [index, d] of stored.entries()) {
    const pages = [];
    for (const [j, p] of d.pages.entries()) {
      const q = QualityReportSchema.safeParse(p.quality);
      const text =
        textKinds.has(d.kind) && !options.confirmed?.[d.id]?.includes('emergency_mark')
          ? await storedPageText(storedFilePath(ws.dataDir, p.sha256), p.sha256, p.mime === 'application/pdf')
          : null;
      pages.push({
        field: `documents[${index}].files[${j}]`,
        name: p.originalName,
        quality: q.success ? q.data : null,
        text,
        // Fields read off the page (page facts, from the reader) under what the person typed (documents:setField).
        fields: mergeFields(p.facts?.fields, corrections.get(p.id)),
      });
    }
    documents.push({ index, kind: d.kind, pages, confirmed: options.confirmed?.[d.id] ?? [] });
  }
  const invoices = await indexClaimInvoices(ws, claimId);
  const byPage = new Map(invoices.map((i) => [i.pageId, i]));
  const evidence: InvoiceEvidence[] = [];
  const seen = new Map<string, string>();
  stored.forEach((d, index) => {
    if (d.kind !== 'invoice') return;
    d.pages.forEach((p, j) => {
      const inv = byPage.get(p.id);
      const field = `documents[${index}].files[${j}]`;
      const identity = inv?.key ?? `sha:${p.sha256}`;
      const repeatOf = seen.get(identity);
      if (!repeatOf) seen.set(identity, field);
      evidence.push({
        documentIndex: index,
        field,
        name: p.originalName,
        parsed: inv?.key
          ? {
              format: inv.format === 'none' ? 'raw' : inv.format,
              payload: inv.key,
              typeCode: null,
              code: null,
              number: inv.number,
              amount: inv.amount,
              issueDate: null,
              checkCode: null,
              key: inv.key,
            }
          : null,
        duplicates: findInvoiceDuplicates(
          ws.db,
          { key: inv?.key ?? null, sha256: p.sha256, phash: inv?.phash ?? null },
          claimId,
        ),
        repeatOf,
      });
    });
  });
  return evaluateClaim(facts, documents, { today: options.today ?? localToday(), pack, invoices: evidence });
}

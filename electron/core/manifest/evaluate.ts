// `claimdesk evaluate` and `bundle`: the claim a manifest on disk describes, evaluated. Loads and checks the
// manifest (./load.ts), builds each file's facts with analysePage (photo checks, QR, words: the same analysis
// an imported page gets), compares invoices with stored claims when a data folder is given, and calls the
// pure evaluate (rules/evaluate.ts). The manifest is only the CLI's way in; the app evaluates stored claims.
import { existsSync } from 'node:fs';
import { mergeFields } from '../../../shared/fields';
import type { PageFacts } from '../../../shared/page-facts';
import type { QualityReport } from '../../../shared/quality';
import type { RulePack } from '../../../shared/rules';
import type { Turn } from '../../../shared/turn';
import { databasePath } from '../db/open';
import { isSupportedMime, type SupportedMime } from '../files/sniff';
import { analysePages } from '../pages/analyse';
import { readRuleText } from '../pages/pipeline';
import { ocrPageReader } from '../pages/reader';
import { localToday } from '../rules/dates';
import {
  evaluate,
  invoiceDuplicatesOf,
  kindsNeedingText,
  type ClaimEvaluation,
  type ClaimFacts,
  type DocumentToEvaluate,
} from '../rules/evaluate';
import { loadRulePack, rulePackForRegion, sealRequiredKinds } from '../rules/pack';
import { openWorkspace, type Workspace } from '../workspace';
import { loadManifest, type LoadedManifest } from './load';

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
  /** Each file's type as sniffed for its analysis (null: unreadable); the bundle does not sniff it again. */
  mime: Array<Array<SupportedMime | null>>;
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
          duplicates:
            options.scanInvoices === false ? [] : invoiceDuplicatesOf(ws?.db ?? null, doc.kind, facts),
          // Read fields come with the reader; the manifest's typed corrections win over them.
          fields: mergeFields(facts.fields, doc.pageFields[j]),
        };
      }),
    }));
    // Without --check the facts carry no quality report; the bundle then has none either.
    const quality = analysed.map((pages) => pages.map((f) => (options.checks ? f.quality : null)));
    const upright = analysed.map((pages) => pages.map((f): Turn => f.upright ?? 0));
    const mime = analysed.map((pages) => pages.map((f) => (isSupportedMime(f.mime) ? f.mime : null)));
    return { report: evaluate(claim, documents, pack, today), claim, loaded, pack, quality, upright, mime };
  } finally {
    if (opened) ws?.close();
  }
}

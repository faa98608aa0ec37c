// The app's bridge to the checking, rules and export modules. Kept in one file so the handlers stay the
// same whatever the modules' shapes. Export takes the stored claim and its pages' facts directly.
import { isReadyToSubmit, type EvaluationReport } from '../../../shared/evaluation';
import type { BringList, BringListDraft, ConfirmableRequirement, Deadline } from '../../../shared/ipc';
import { PRE_SUBMISSION_STATUSES } from '../../../shared/lifecycle';
import type { Claim } from '../../../shared/schemas';
import { exportClaimBundle } from '../export/index';
import type { PageAnalyser } from '../pages/analyse';
import { analyseInThread } from '../pages/pipeline';
import { storedFilePath } from '../files/store';
import { getClaim, getPerson, listDocuments } from '../repo';
import { addPeriod, daysBetween } from '../rules/dates';
import { claimConfirmations } from '../confirmations';
import { isPledgeSigned } from '../pledge';
import { bringListOf, factsOfDraft } from '../rules/bring-list';
import {
  evaluateStoredClaim as evaluateWithRules,
  factsOfStoredClaim,
  kindsNeedingText,
  rulePackForRegion,
} from '../rules/evaluate';
import type { Workspace } from '../workspace';
import { ClaimDeskError } from '../errors';
import { requestedItems } from '../claim-status';

export interface Features {
  quality: boolean;
  rules: boolean;
  export: boolean;
}

export function availableFeatures(_ws: Workspace): Features {
  return { quality: true, rules: true, export: true };
}

/** The page analyser for a workspace: analysePage in this thread (the app passes its worker's instead). */
export function checkerFor(_ws: Workspace): PageAnalyser {
  return analyseInThread;
}

/** Evaluates a stored claim with what the person confirmed on its documents (the 急诊 mark). */
export async function evaluateStoredClaim(
  ws: Workspace,
  claimId: number,
  today: string,
): Promise<EvaluationReport> {
  const {
    documentOrder: _order,
    pack: _pack,
    ...report
  } = await evaluateWithRules(ws, claimId, {
    today,
    confirmed: claimConfirmations(ws.db, claimId),
  });
  // What the office asked for (补充材料) is part of the one verdict: each open item is missing until ticked.
  const open = requestedItems(ws.db, claimId).filter((i) => i.doneAt === null);
  if (open.length === 0) return report;
  return {
    ...report,
    complete: false,
    requirements: [
      ...report.requirements,
      ...open.map((i) => ({
        id: `requested-${i.id}`,
        kinds: [],
        status: 'missing' as const,
        title: `补充：${i.text}`,
        titleEn: `Asked for: ${i.text}`,
        reason: `审核时要求补充：${i.text}`,
        reasonEn: `The office asked for: ${i.text}`,
        source: '医保经办机构的补充材料要求',
        sourceEn: 'what the insurance office asked for',
      })),
    ],
  };
}

const CONFIRMATION_LABELS: Record<ConfirmableRequirement['check'], { zh: string; en: string }> = {
  emergency_mark: {
    zh: '我已核对：诊断证明上写有“急诊”字样',
    en: 'I have checked: the certificate shows the words 急诊 (emergency)',
  },
};

/**
 * Requirements of this claim that carry a check a person may confirm by looking at the paper: those whose
 * rule has an emergency_mark check and whose kinds the engine would read text from for this claim (so the
 * check's condition holds). The editor keeps the checkbox visible after confirming, so it can be undone.
 */
export function confirmableRequirements(ws: Workspace, claimId: number): ConfirmableRequirement[] {
  const claim = getClaim(ws.db, claimId);
  const claimant = getPerson(ws.db, claim.fields.claimantId);
  const pack = packFor(claimant.insuredRegion);
  const textKinds = kindsNeedingText(pack, factsOfStoredClaim(claim, claimant));
  if (textKinds.size === 0) return [];
  return pack.requirements
    .filter((r) => r.checks.some((c) => c.check === 'emergency_mark'))
    .filter((r) => r.kinds.some((k) => textKinds.has(k)))
    .map((r) => ({
      requirementId: r.id,
      check: 'emergency_mark' as const,
      label: CONFIRMATION_LABELS.emergency_mark.zh,
      labelEn: CONFIRMATION_LABELS.emergency_mark.en,
    }));
}

type Pack = ReturnType<typeof rulePackForRegion>;
const packCache = new Map<string, Pack>();
function packFor(region: string): Pack {
  let pack = packCache.get(region);
  if (!pack) {
    pack = rulePackForRegion(region);
    packCache.set(region, pack);
  }
  return pack;
}

/**
 * Submission deadline for the board, from the claimant's rule pack: the same period the engine uses, without
 * evaluating documents (the board shows 50 rows at a time and must stay instant). Null once handed in.
 */
export function deadlineOf(
  ws: Workspace,
  claim: Claim,
  today: string,
  insuredRegion?: string,
): Deadline | null {
  if (!PRE_SUBMISSION_STATUSES.includes(claim.status)) return null;
  const f = claim.fields;
  const end = f.careSetting === 'inpatient' ? f.dischargeDate : f.visitDate;
  if (!end) return null;
  const rule = packFor(insuredRegion ?? getPerson(ws.db, f.claimantId).insuredRegion).time.submission;
  const date = addPeriod(end, rule.period);
  const daysLeft = daysBetween(today, date);
  const source = rule.sources.map((s) => `${s.seed}: ${s.phrase}`).join('；');
  return { date, daysLeft, dueSoon: daysLeft >= 0 && daysLeft <= rule.warnDaysBefore, source };
}

export interface BundleOptions {
  claimId: number;
  outFile: string;
  imagesDir: string | null;
  allowIncomplete: boolean;
  today: string;
  onProgress: (done: number, total: number, label: string) => void;
}

export async function exportStoredClaim(
  ws: Workspace,
  opts: BundleOptions,
): Promise<{ pages: number | null; images: string[] }> {
  opts.onProgress(0, 1, '检查材料是否齐全');
  const evaluation = await evaluateStoredClaim(ws, opts.claimId, opts.today);
  if (!isReadyToSubmit(evaluation) && !opts.allowIncomplete) {
    throw new ClaimDeskError(
      'invalid_input',
      '材料还不齐全或还有问题没解决，不能导出（可以选择“仍要导出”）',
      'the claim is incomplete; export refused',
      { field: 'allowIncomplete' },
    );
  }
  // The stored claim itself, in the shape export reads (the same facts evaluation reads); no manifest.
  const claim = getClaim(ws.db, opts.claimId);
  const claimant = getPerson(ws.db, claim.fields.claimantId);
  const documents = listDocuments(ws.db, opts.claimId).map((d) => ({
    kind: d.kind,
    files: d.pages.map((pg) => {
      const quality = pg.facts?.quality;
      const upright = pg.facts?.upright;
      return {
        path: storedFilePath(ws.dataDir, pg.sha256),
        name: pg.originalName,
        ...(quality ? { quality } : {}),
        ...(upright ? { upright } : {}),
      };
    }),
  }));
  // Progress is counted in files prepared (decoding, straightening and encoding each page is the slow part),
  // plus one step for laying out and saving the PDF.
  const fileCount = documents.reduce((n, d) => n + d.files.length, 0);
  const total = fileCount + 1;
  opts.onProgress(0, total, `准备材料 0/${fileCount}`);
  const result = await exportClaimBundle(
    {
      claim: factsOfStoredClaim(claim, claimant),
      documents,
      evaluation,
      today: opts.today,
      reference: claim.reference,
    },
    {
      out: opts.outFile,
      ...(opts.imagesDir ? { imagesDir: opts.imagesDir } : {}),
      producer: 'ClaimDesk',
      onProgress: (done, all) =>
        opts.onProgress(
          done,
          all + 1,
          done >= all ? '生成 PDF（封面、清单、承诺书、全部材料）' : `准备材料 ${done}/${all}`,
        ),
    },
  );
  opts.onProgress(total, total, '完成');
  return { pages: result.pages, images: result.images };
}

/** The printable "what to bring" list of a stored claim, or of the new-claim form's answers. */
export function bringListFor(
  ws: Workspace,
  req: { claimId: number } | { draft: BringListDraft },
  today: string,
): BringList {
  if ('claimId' in req) {
    const claim = getClaim(ws.db, req.claimId);
    const claimant = getPerson(ws.db, claim.fields.claimantId);
    const facts = { ...factsOfStoredClaim(claim, claimant), pledgeSigned: isPledgeSigned(ws.db, claim.id) };
    return bringListOf(rulePackForRegion(claimant.insuredRegion), facts, today, claim.reference);
  }
  const claimant = getPerson(ws.db, req.draft.claimantId);
  return bringListOf(
    rulePackForRegion(claimant.insuredRegion),
    factsOfDraft(req.draft, claimant),
    today,
    null,
  );
}

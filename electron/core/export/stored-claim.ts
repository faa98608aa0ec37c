// The bundle of a stored claim (the app's 导出, bulk export): the one verdict (evaluateStoredClaim) decides
// whether it may be exported, then the claim, its pages' stored files and their facts go to
// exportClaimBundle in the same shape evaluation reads. No manifest, no second look at any file: each page's
// type, corners and upright turn come from what was stored with it.
import { isReadyToSubmit } from '../../../shared/evaluation';
import { evaluateStoredClaim } from '../claim-evaluation';
import { ClaimDeskError } from '../errors';
import { isSupportedMime } from '../files/sniff';
import { storedFilePath } from '../files/store';
import { getClaim, getPerson, listDocuments } from '../repo';
import { factsOfStoredClaim } from '../rules/evaluate';
import type { Workspace } from '../workspace';
import { exportClaimBundle } from './bundle';

export interface StoredExportOptions {
  claimId: number;
  outFile: string;
  imagesDir: string | null;
  allowIncomplete: boolean;
  today: string;
  onProgress: (done: number, total: number, label: string) => void;
}

export interface StoredExportResult {
  pages: number | null;
  images: string[];
}

export async function exportStoredClaim(
  ws: Workspace,
  opts: StoredExportOptions,
): Promise<StoredExportResult> {
  opts.onProgress(0, 1, '检查材料是否齐全');
  const evaluation = await evaluateStoredClaim(ws, opts.claimId, { today: opts.today });
  if (!isReadyToSubmit(evaluation) && !opts.allowIncomplete) {
    throw new ClaimDeskError(
      'invalid_input',
      '材料还不齐全或还有问题没解决，不能导出（可以选择“仍要导出”）',
      'the claim is incomplete; export refused',
      { field: 'allowIncomplete' },
    );
  }
  const claim = getClaim(ws.db, opts.claimId);
  const claimant = getPerson(ws.db, claim.fields.claimantId);
  const documents = listDocuments(ws.db, opts.claimId).map((d) => ({
    kind: d.kind,
    files: d.pages.map((pg) => {
      const quality = pg.facts?.quality;
      const upright = pg.facts?.upright;
      return {
        path: storedFilePath(ws.dataDir, pg.sha256),
        ...(isSupportedMime(pg.mime) ? { mime: pg.mime } : {}),
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

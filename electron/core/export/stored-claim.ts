// The bundle of a stored claim (the app's 导出, bulk export, the CLI's `claim export` on either engine): the
// one verdict (evaluateStoredClaim) decides whether it may be exported, then the claim, its pages' stored
// files and their facts go to exportClaimBundle in the same shape evaluation reads. No manifest, no second
// look at any file: each page's type, corners and upright turn come from what was stored with it.
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isReadyToSubmit } from '../../../shared/evaluation';
import { evaluateStoredClaim, evaluateStoredClaimThrough } from '../claim-evaluation';
import { ClaimDeskError } from '../errors';
import { isSupportedMime } from '../files/sniff';
import { storedFilePath } from '../files/store';
import { getClaim, getPerson, listDocuments } from '../repo';
import * as stored from '../repo-async';
import type { StorageEngine } from '../db/contract';
import type { ClaimEvaluation } from '../rules/evaluate';
import type { Claim, ClaimDocument, Person } from '../../../shared/schemas';
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

/**
 * Exports a stored claim's bundle. `target` is the app's Workspace (a desk's data folder), or a storage engine
 * (the CLI's `claim export`, on either engine): then the claim is read through the storage contract and its
 * originals through the engine's file store (the shared database holds them), so a claim kept on PostgreSQL
 * exports the same bundle as on SQLite.
 */
export async function exportStoredClaim(
  target: Workspace | StorageEngine,
  opts: StoredExportOptions,
): Promise<StoredExportResult> {
  opts.onProgress(0, 1, '检查材料是否齐全');
  if (!isEngine(target)) {
    const ws = target;
    const evaluation = await evaluateStoredClaim(ws, opts.claimId, { today: opts.today });
    refuseIncomplete(evaluation, opts);
    const claim = getClaim(ws.db, opts.claimId);
    return exportRows(
      {
        claim,
        claimant: getPerson(ws.db, claim.fields.claimantId),
        documents: listDocuments(ws.db, opts.claimId),
        evaluation,
      },
      (sha256) => storedFilePath(ws.dataDir, sha256),
      opts,
    );
  }
  const engine = target;
  const evaluation = await evaluateStoredClaimThrough(engine, opts.claimId, { today: opts.today });
  refuseIncomplete(evaluation, opts);
  const claim = await stored.getClaim(engine, opts.claimId);
  const rows = {
    claim,
    claimant: await stored.getPerson(engine, claim.fields.claimantId),
    documents: await stored.listDocuments(engine, opts.claimId),
    evaluation,
  };
  // The bundle is made from files (decoders, pdf.js and pdf-lib read paths): the originals are copied out of
  // the engine's file store into a folder only this user can read, and removed when the export ends, however
  // it ends. Everything is read before the PDF is made, so a server lost mid-export writes nothing.
  const folder = await mkdtemp(join(tmpdir(), 'claimdesk-export-'));
  try {
    await chmod(folder, 0o700);
    const staged = new Map<string, string>();
    for (const d of rows.documents) {
      for (const pg of d.pages) {
        if (staged.has(pg.sha256)) continue;
        const path = join(folder, pg.sha256);
        await writeFile(path, await engine.files.read(pg.sha256), { mode: 0o600 });
        staged.set(pg.sha256, path);
      }
    }
    return await exportRows(rows, (sha256) => staged.get(sha256)!, opts);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

const isEngine = (target: Workspace | StorageEngine): target is StorageEngine => 'files' in target;

function refuseIncomplete(evaluation: ClaimEvaluation, opts: StoredExportOptions): void {
  if (!isReadyToSubmit(evaluation) && !opts.allowIncomplete) {
    throw new ClaimDeskError(
      'invalid_input',
      '材料还不齐全或还有问题没解决，不能导出（可以选择“仍要导出”）',
      'the claim is incomplete; export refused',
      { field: 'allowIncomplete' },
    );
  }
}

/** The stored claim's bundle from its rows, its verdict and where each original can be read. */
async function exportRows(
  rows: { claim: Claim; claimant: Person; documents: ClaimDocument[]; evaluation: ClaimEvaluation },
  pathOf: (sha256: string) => string,
  opts: StoredExportOptions,
): Promise<StoredExportResult> {
  const { claim, claimant, evaluation } = rows;
  const documents = rows.documents.map((d) => ({
    kind: d.kind,
    files: d.pages.map((pg) => {
      const quality = pg.facts?.quality;
      const upright = pg.facts?.upright;
      return {
        path: pathOf(pg.sha256),
        name: pg.originalName,
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

// Bulk export from the claims board: one PDF bundle per chosen claim into one folder, named so a clerk can
// find each claim by eye (reference + person), never over a file already there. A claim that cannot be
// exported is reported with its reason and the rest carry on: one bad claim must not cost the other 29.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { PDFDocument } from 'pdf-lib';
import { isReadyToSubmit } from '../../../shared/evaluation';
import type { BulkExportItem } from '../../../shared/ipc';
import { ClaimDeskError } from '../errors';
import { getClaim } from '../repo';
import type { Workspace } from '../workspace';
import { evaluateStoredClaim } from '../claim-evaluation';
import type { StoredExportOptions, StoredExportResult } from './stored-claim';
import { assertWritableFolder, writeOutputFile } from './output';

/** Characters Windows, macOS or Linux refuse (or treat specially) in a file name. */
const UNSAFE_NAME_CHARS = /[\\/:*?"<>|\p{Cc}]/gu;
/** Windows keeps paths under 260 characters; a folder path plus this leaves room. */
const MAX_NAME_CHARS = 80;

/** `BX20260901-0001-王秀英-报销材料.pdf`: what the single export offers too, made safe as a file name. */
export function bundleFileName(reference: string, personName: string): string {
  const stem = `${reference}-${personName}-报销材料`.replace(UNSAFE_NAME_CHARS, '_').replace(/^[.\s]+/, '');
  return `${Array.from(stem).slice(0, MAX_NAME_CHARS).join('').trimEnd()}.pdf`;
}

/**
 * A name in `folder` that is neither on disk nor already `taken` in this run: `name.pdf`, then
 * `name (2).pdf`, `name (3).pdf` … as file managers do, so nothing the person had is overwritten.
 */
export function freeFileName(folder: string, name: string, taken: ReadonlySet<string>): string {
  const dot = name.lastIndexOf('.');
  const stem = dot > 0 ? name.slice(0, dot) : name;
  const ext = dot > 0 ? name.slice(dot) : '';
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? name : `${stem} (${n})${ext}`;
    if (!taken.has(candidate) && !existsSync(join(folder, candidate))) return candidate;
  }
}

export interface BulkExportOptions {
  claimIds: readonly number[];
  folder: string;
  today: string;
  /** The same export as one claim's (a worker thread in the app). */
  runExport: (ws: Workspace, opts: StoredExportOptions) => Promise<StoredExportResult>;
  /** x of N claims, with the reference and name of the claim being exported. */
  onProgress: (done: number, total: number, label: string) => void;
}

/**
 * Exports every claim's bundle into `folder`. Incomplete claims ARE exported, marked 尚不能提交 on their cover
 * as a single export with "仍要导出" does: a clerk exporting 30 claims wants every file to look at, and the
 * summary names which are not ready. A claim that fails (missing file, unreadable photo) is reported, not
 * thrown; a folder that cannot be written is thrown before anything starts.
 */
export async function exportClaimBundles(ws: Workspace, opts: BulkExportOptions): Promise<BulkExportItem[]> {
  await assertWritableFolder(opts.folder);
  const total = opts.claimIds.length;
  const taken = new Set<string>();
  const items: BulkExportItem[] = [];
  for (const [i, claimId] of opts.claimIds.entries()) {
    let reference = `#${claimId}`;
    let name = '';
    try {
      const claim = getClaim(ws.db, claimId);
      reference = claim.reference;
      name = claim.claimantName;
      opts.onProgress(i, total, `${reference} ${name}`);
      const incomplete = !isReadyToSubmit(await evaluateStoredClaim(ws, claimId, { today: opts.today }));
      const fileName = freeFileName(opts.folder, bundleFileName(reference, name), taken);
      taken.add(fileName);
      const outFile = join(opts.folder, fileName);
      await opts.runExport(ws, {
        claimId,
        outFile,
        imagesDir: null,
        allowIncomplete: true,
        today: opts.today,
        onProgress: () => undefined,
      });
      items.push({
        claimId,
        reference,
        name,
        outcome: 'done',
        incomplete,
        path: outFile,
        reason: null,
        reasonEn: null,
      });
    } catch (err) {
      const known = err instanceof ClaimDeskError;
      items.push({
        claimId,
        reference,
        name,
        outcome: 'failed',
        incomplete: false,
        path: null,
        reason: known ? err.zh : '导出时出错，这一单没有生成文件',
        reasonEn: known ? err.en : 'export failed; no file was written for this claim',
      });
    }
  }
  opts.onProgress(total, total, '完成');
  return items;
}

/**
 * One PDF holding the given bundles one after another, for a single print job: printing 30 bundles one by one
 * would open 30 print dialogs. Written atomically to `outFile`.
 */
export async function mergeBundlesForPrint(paths: readonly string[], outFile: string): Promise<number> {
  const merged = await PDFDocument.create();
  merged.setTitle('报销材料（合并打印）');
  merged.setProducer('ClaimDesk');
  for (const p of paths) {
    const src = await PDFDocument.load(await readFile(p));
    const pages = await merged.copyPages(src, src.getPageIndices());
    for (const page of pages) merged.addPage(page);
  }
  await writeOutputFile(outFile, await merged.save());
  return merged.getPageCount();
}

// What leaves the app: one claim's PDF bundle, many at once into a folder, the printable claim list, and
// opening, showing or printing only what this session itself exported.
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { ClaimDeskError } from '../../errors';
import { exportClaimBundles, mergeBundlesForPrint } from '../../export/bulk';
import { writeClaimList } from '../../export/claim-list';
import { getClaim } from '../../repo';
import { UnavailableError, type ApiHandlers } from '../dispatch';
import { isProducedPath } from '../trust';
import type { HandlerContext } from './context';

export function exportHandlers(ctx: HandlerContext) {
  const { state, platform, db, today, produced, runExport } = ctx;

  function producedOrRefuse(path: string): string {
    if (!isProducedPath(produced, path)) {
      throw new ClaimDeskError(
        'invalid_input',
        '只能打开本程序刚导出的文件',
        'only files this app exported can be opened',
        { field: 'path' },
      );
    }
    return path;
  }

  return {
    async exportBundle(req, call) {
      const claim = getClaim(db(), req.claimId);
      const out = await platform.chooseSavePath(`${claim.reference}-${claim.claimantName}-报销材料.pdf`);
      if (out === null) return null;
      const outFile = resolve(extname(out).toLowerCase() === '.pdf' ? out : `${out}.pdf`);
      const imagesDir = req.withImages ? outFile.replace(/\.pdf$/i, '-上传图片') : null;
      call.emitProgress({ task: 'export', done: 0, total: 1, label: '准备' });
      const result = await runExport(state.ws, {
        claimId: req.claimId,
        outFile,
        imagesDir,
        allowIncomplete: req.allowIncomplete ?? false,
        today: today(),
        onProgress: (done, total, label) => call.emitProgress({ task: 'export', done, total, label }),
      });
      produced.add(outFile);
      if (imagesDir) produced.add(imagesDir);
      const bytes = (await stat(outFile)).size;
      return { path: outFile, bytes, pages: result.pages, imagesDir, images: result.images };
    },
    async exportBundles(req, call) {
      for (const id of req.ids) getClaim(db(), id);
      if (!platform.chooseFolder) {
        throw new UnavailableError('这里不能选择文件夹', 'this shell cannot choose a folder');
      }
      const folder = await platform.chooseFolder();
      if (folder === null) return null;
      const target = resolve(folder);
      const items = await exportClaimBundles(state.ws, {
        claimIds: req.ids,
        folder: target,
        today: today(),
        runExport,
        onProgress: (done, total, label) => call.emitProgress({ task: 'batch', done, total, label }),
      });
      for (const item of items) if (item.path) produced.add(item.path);
      return { folder: target, items };
    },
    async printBundles(req) {
      const paths = req.paths.map(producedOrRefuse);
      // One merged PDF, one print dialog; the merged copy is only for the printer and goes afterwards.
      const dir = await mkdtemp(join(tmpdir(), 'claimdesk-print-'));
      try {
        const merged = join(dir, '报销材料-合并打印.pdf');
        const pages = await mergeBundlesForPrint(paths, merged);
        produced.add(merged);
        const printed = await platform.printPdf(merged);
        produced.delete(merged);
        return { printed, pages };
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
    async exportClaimList(req, call) {
      for (const id of req.ids) getClaim(db(), id);
      const ext = `.${req.format}`;
      const out = await platform.chooseSavePath(`报销清单-${today()}${ext}`);
      if (out === null) return null;
      const outFile = resolve(extname(out).toLowerCase() === ext ? out : `${out}${ext}`);
      call.emitProgress({ task: 'export', done: 0, total: 1, label: '准备' });
      const result = await writeClaimList(state.ws, req.ids, req.format, outFile, today());
      produced.add(outFile);
      return { path: outFile, ...result };
    },
    async openExported(req) {
      await platform.openPath(producedOrRefuse(req.path));
      return { opened: true as const };
    },
    async showExportedInFolder(req) {
      await platform.showInFolder(producedOrRefuse(req.path));
      return { shown: true as const };
    },
    async printExported(req) {
      return { printed: await platform.printPdf(producedOrRefuse(req.path)) };
    },
  } satisfies Partial<ApiHandlers>;
}

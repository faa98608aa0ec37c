// Papers coming in and their pages: picking and dropping files (one document, or a mixed stack sorted by
// what is printed on each page), replacing, moving and removing pages, and what the editor shows of a page.
import { assertClaimEditable, claimOfDocument } from '../../claim-lock';
import { importDroppedFiles, replacePageWithFile } from '../../import-files';
import { createClaimWithStack, importStack, readStack, reassignPage } from '../../import-stack';
import { locatePage, movePage, pageFile, removeDocument, removePage } from '../../repo';
import { QualityReport } from '../../../../shared/quality';
import type { ApiHandlers } from '../dispatch';
import { makeThumbnail } from '../thumbnails';
import { fileProgress, type HandlerContext } from './context';

export const THUMBNAIL_DEFAULT_SIZE = 240;

export function documentHandlers(ctx: HandlerContext) {
  const { state, platform, grants, db, stackReadings } = ctx;
  return {
    async pickFiles(req) {
      const paths = await platform.chooseFiles({ multiple: req.multiple ?? true, purpose: 'documents' });
      return grants.grant(paths);
    },
    async importDocument(req, call) {
      const files = req.files.map((t) => grants.resolve(t));
      const { document, rejected } = await importDroppedFiles(state.ws, {
        claimId: req.claimId,
        kind: req.kind,
        files,
        analyse: ctx.analyser(),
        onProgress: fileProgress(call, 'import', files),
      });
      return { ...document, rejected };
    },
    async importStack(req, call) {
      const files = req.files.map((t) => grants.resolve(t));
      return importStack(state.ws, {
        claimId: req.claimId,
        files,
        analyse: ctx.analyser(),
        onProgress: fileProgress(call, 'import', files),
      });
    },
    async readStack(req, call) {
      const files = req.files.map((t) => grants.resolve(t));
      const { read, rejected } = await readStack(state.ws, {
        files,
        readings: stackReadings,
        analyse: ctx.analyser(),
        onProgress: fileProgress(call, 'import', files),
      });
      return {
        read: read.map((r) => ({
          token: req.files[r.index]!,
          name: r.name,
          kind: r.kind,
          fields: r.fields,
          retake: r.retake,
        })),
        rejected,
      };
    },
    async createClaimWithStack(req, call) {
      const files = req.files.map((t) => grants.resolve(t));
      return createClaimWithStack(state.ws, {
        claim: req.claim,
        files,
        readings: stackReadings,
        analyse: ctx.analyser(),
        onProgress: fileProgress(call, 'import', files),
      });
    },
    async reassignPage(req, call) {
      call.emitProgress({ task: 'import', done: 0, total: 1, label: '' });
      const doc = await reassignPage(state.ws, { ...req, analyse: ctx.analyser() });
      call.emitProgress({ task: 'import', done: 1, total: 1, label: '' });
      return doc;
    },
    async removeDocument(req) {
      assertClaimEditable(db(), claimOfDocument(db(), req.documentId));
      removeDocument(db(), req.documentId);
      return { removed: true as const };
    },
    async removePage(req) {
      assertClaimEditable(db(), locatePage(db(), req.pageId).claimId);
      removePage(db(), req.pageId);
      return { removed: true as const };
    },
    async replacePage(req, call) {
      const file = grants.resolve(req.file);
      call.emitProgress({ task: 'replace', done: 0, total: 1, label: file.name });
      const updated = await replacePageWithFile(state.ws, {
        pageId: req.pageId,
        file,
        analyse: ctx.analyser(),
      });
      call.emitProgress({ task: 'replace', done: 1, total: 1, label: file.name });
      return updated;
    },
    async movePage(req) {
      assertClaimEditable(db(), locatePage(db(), req.pageId).claimId);
      return movePage(db(), req.pageId, req.direction);
    },
    async getThumbnail(req) {
      const f = pageFile(db(), req.pageId);
      return makeThumbnail(
        state.ws.dataDir,
        f.sha256,
        f.mime,
        req.maxSize ?? THUMBNAIL_DEFAULT_SIZE,
        req.pdfPage ?? 0,
        // A photo taken sideways is shown upright (its boxes turn alike in the page); a PDF as it prints.
        f.mime === 'application/pdf' ? 0 : f.upright,
      );
    },
    async getPageQuality(req) {
      const q = QualityReport.safeParse(pageFile(db(), req.pageId).quality);
      return q.success ? q.data : null;
    },
  } satisfies Partial<ApiHandlers>;
}

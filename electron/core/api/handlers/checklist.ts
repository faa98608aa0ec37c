// What a claim still needs: the engine's checklist, the printable bring list, and what a person settles by
// looking at a paper (a confirmed mark, a field typed over what was read).
import { claimBringList, claimConfirmables, evaluateStoredClaim } from '../../claim-evaluation';
import { assertClaimEditable, claimOfDocument } from '../../claim-lock';
import { setDocumentConfirmation } from '../../confirmations';
import { pageCorrections, setPageField } from '../../field-corrections';
import { getClaim, pageFile } from '../../repo';
import type { ApiHandlers } from '../dispatch';
import type { HandlerContext } from './context';

export function checklistHandlers({ state, db, today }: HandlerContext) {
  return {
    async evaluateClaim(req) {
      getClaim(db(), req.id);
      // The window gets the report and its checkboxes; the bundle's page order and the pack stay here.
      const {
        documentOrder: _order,
        pack: _pack,
        ...report
      } = await evaluateStoredClaim(state.ws, req.id, { today: today() });
      return { ...report, confirmable: claimConfirmables(state.ws, req.id) };
    },
    async getBringList(req) {
      return claimBringList(state.ws, req, today());
    },
    async confirmDocument(req) {
      assertClaimEditable(db(), claimOfDocument(db(), req.documentId));
      const confirmed = setDocumentConfirmation(db(), req.documentId, req.check, req.confirmed);
      return { documentId: req.documentId, confirmed };
    },
    async setDocumentField(req) {
      return { pageId: req.pageId, fields: setPageField(db(), req.pageId, req.field, req.value) };
    },
    async getPageCorrections(req) {
      pageFile(db(), req.pageId); // an unknown page is refused, not answered with nothing
      return { pageId: req.pageId, fields: pageCorrections(db(), req.pageId) };
    },
  } satisfies Partial<ApiHandlers>;
}

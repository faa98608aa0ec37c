// Claims on the board: listing (with the engine's verdict per row), one claim's record, creating and
// editing, status moves (材料齐全 only on the engine's verdict), archive and the trash with its undo window.
import { evaluateStoredClaim } from '../../claim-evaluation';
import { matchingClaimIds } from '../../claim-selection';
import { requestedItem, setRequestedItemDone, type StatusFacts } from '../../claim-status';
import { assertClaimEditable } from '../../claim-lock';
import {
  purgeDeletedClaims,
  setClaimsArchived,
  softDeleteClaims,
  undeleteClaims,
  UNDO_WINDOW_MS,
} from '../../claim-trash';
import { ClaimDeskError } from '../../errors';
import { setPledgeSigned } from '../../pledge';
import { checkClaimDraft } from '../../rules/draft-check';
import { createClaim, getClaim, getPerson } from '../../repo-async';
import { isReadyToSubmit } from '../../../../shared/evaluation';
import type { ClaimStatus } from '../../../../shared/lifecycle';
import type { ApiHandlers } from '../dispatch';
import {
  boardPage,
  boardRows,
  claimRecord,
  moveWithFacts,
  movesFor,
  saveClaimEdit,
  withoutStamp,
} from '../claim-record';
import type { HandlerContext } from './context';

export function claimHandlers(ctx: HandlerContext) {
  const { state, db, today } = ctx;
  const engine = () => state.ws.engine;

  // Claims deleted more than the undo window ago go for good: when the handlers start (here) and at each
  // later delete.
  const purgeExpired = () =>
    purgeDeletedClaims(db(), state.ws.dataDir, new Date(Date.now() - UNDO_WINDOW_MS));
  // (On a shared database the trash is not yet converted: nothing to purge from this desk.)
  if (!state.ws.shared)
    void purgeExpired().catch((err: unknown) =>
      console.error('[claimdesk] purge of deleted claims failed', err),
    );

  /** One status move with its facts; 材料齐全 only on the engine's verdict (the one the editor and bundle show). */
  async function moveClaim(id: number, to: ClaimStatus, facts: StatusFacts) {
    if (to === 'ready' && (await getClaim(engine(), id)).status !== 'ready') {
      const report = await evaluateStoredClaim(state.ws, id, { today: today() });
      if (!isReadyToSubmit(report))
        throw new ClaimDeskError(
          'transition_refused',
          '材料还不齐全或还有问题没解决，不能标为“材料齐全”，请先看材料清单',
          'the claim is not ready: the checklist is incomplete or has errors',
          { field: 'status' },
        );
    }
    return moveWithFacts(engine(), id, to, facts, today());
  }

  return {
    async listClaims(req) {
      const page = await boardPage(state.ws, req, today());
      // A new day since the last pass (the app left open overnight): make the rest ahead of the board.
      state.verdictWarmer?.kick();
      return page;
    },
    async claimRows(req) {
      // The rows another desk changed (the board refreshes only those): the ones still on the board's terms.
      const claims = [];
      for (const id of req.ids) {
        const c = await engine().claims.claim(id);
        if (c) claims.push(withoutStamp(c));
      }
      return { items: await boardRows(state.ws, claims, today()) };
    },
    async listClaimIds(req) {
      return matchingClaimIds(db(), req);
    },
    async getClaim(req) {
      return claimRecord(engine(), req.id, today());
    },
    async checkClaimDraft(req) {
      const person = req.claimantId === null ? null : await getPerson(engine(), req.claimantId);
      return checkClaimDraft({ ...req, person }, req.papers);
    },
    async createClaim(req) {
      return withoutStamp(await createClaim(engine(), req));
    },
    async updateClaim(req) {
      return saveClaimEdit(engine(), req.id, req.claim, req.expectedVersion);
    },
    async transitionClaim(req) {
      return moveClaim(req.id, req.to, req);
    },
    async claimMoves(req) {
      return { moves: await movesFor(engine(), req.ids) };
    },
    async transitionClaims(req) {
      const items = [];
      for (const id of req.ids) {
        const { reference, claimantName: name } = await getClaim(engine(), id);
        try {
          await moveClaim(id, req.to, req);
          items.push({ claimId: id, reference, name, moved: true, reason: null, reasonEn: null });
        } catch (err) {
          if (!(err instanceof ClaimDeskError)) throw err;
          items.push({ claimId: id, reference, name, moved: false, reason: err.zh, reasonEn: err.en });
        }
      }
      return { items };
    },
    async archiveClaims(req) {
      return { changed: setClaimsArchived(db(), req.ids, req.archived) };
    },
    async deleteClaims(req) {
      await purgeExpired();
      return { deleted: softDeleteClaims(db(), req.ids), undoMs: UNDO_WINDOW_MS };
    },
    async undeleteClaims(req) {
      return { restored: undeleteClaims(db(), req.ids) };
    },
    async setRequestedItemDone(req) {
      assertClaimEditable(db(), requestedItem(db(), req.itemId).claimId);
      return setRequestedItemDone(db(), req.itemId, req.done);
    },
    async markPledgeSigned(req) {
      return { id: req.id, signed: setPledgeSigned(db(), req.id, req.signed) };
    },
  } satisfies Partial<ApiHandlers>;
}

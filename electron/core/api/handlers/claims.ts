// Claims on the board: listing (with the engine's verdict per row), one claim's record, creating and
// editing, status moves (材料齐全 only on the engine's verdict), archive and the trash with its undo window.
import { claimDeadline, evaluateStoredClaim } from '../../claim-evaluation';
import { matchingClaimIds } from '../../claim-selection';
import { claimVerdicts } from '../../claim-verdict';
import { assertClaimEditable } from '../../claim-lock';
import {
  requestedItem,
  requestedItems,
  setRequestedItemDone,
  statusHistory,
  statusSince,
  transitionWithFacts,
  type StatusFacts,
} from '../../claim-status';
import {
  purgeDeletedClaims,
  setClaimsArchived,
  softDeleteClaims,
  undeleteClaims,
  UNDO_WINDOW_MS,
} from '../../claim-trash';
import { claimConfirmations } from '../../confirmations';
import { ClaimDeskError } from '../../errors';
import { isPledgeSigned, setPledgeSigned } from '../../pledge';
import {
  createClaim,
  documentCounts,
  getClaim,
  getPerson,
  listClaims,
  listDocuments,
  updateClaim,
} from '../../repo';
import { isReadyToSubmit } from '../../../../shared/evaluation';
import type { ClaimSummary } from '../../../../shared/ipc';
import type { Person } from '../../../../shared/schemas';
import { isReadOnlyStatus, type ClaimStatus } from '../../../../shared/lifecycle';
import type { ApiHandlers } from '../dispatch';
import type { HandlerContext } from './context';

export function claimHandlers(ctx: HandlerContext) {
  const { state, db, today } = ctx;

  // Claims deleted more than the undo window ago go for good: when the handlers start (here) and at each
  // later delete.
  const purgeExpired = () =>
    purgeDeletedClaims(db(), state.ws.dataDir, new Date(Date.now() - UNDO_WINDOW_MS));
  void purgeExpired().catch((err: unknown) =>
    console.error('[claimdesk] purge of deleted claims failed', err),
  );

  /** One status move with its facts; 材料齐全 only on the engine's verdict (the one the editor and bundle show). */
  async function moveClaim(id: number, to: ClaimStatus, facts: StatusFacts) {
    if (to === 'ready' && getClaim(db(), id).status !== 'ready') {
      const report = await evaluateStoredClaim(state.ws, id, { today: today() });
      if (!isReadyToSubmit(report))
        throw new ClaimDeskError(
          'transition_refused',
          '材料还不齐全或还有问题没解决，不能标为“材料齐全”，请先看材料清单',
          'the claim is not ready: the checklist is incomplete or has errors',
          { field: 'status' },
        );
    }
    return transitionWithFacts(db(), id, to, facts, today());
  }

  return {
    async listClaims(req) {
      const page = listClaims(db(), req);
      const ids = page.items.map((c) => c.id);
      const counts = documentCounts(db(), ids);
      const since = statusSince(db(), ids);
      const t = today();
      // The board's 缺 n 项 / 齐 is the engine's verdict, the same one 材料齐全 and the bundle take, kept
      // with each claim (claim-verdict.ts): a page costs no evaluation unless a claim changed since.
      const verdicts = claimVerdicts(
        state.ws,
        page.items.filter((c) => !isReadOnlyStatus(c.status)).map((c) => c.id),
        t,
      );
      // Each claimant read once per page (a desk's page often holds one family's claims many times).
      const claimants = new Map<number, Person>();
      const items: ClaimSummary[] = [];
      for (const c of page.items) {
        const pid = c.fields.claimantId;
        let claimant = claimants.get(pid);
        if (!claimant) claimants.set(pid, (claimant = getPerson(db(), pid)));
        const v = verdicts.get(c.id);
        const checklist: ClaimSummary['checklist'] = v ? { missing: v.unsatisfied, ready: v.ready } : null;
        items.push({
          ...c,
          deadline: claimDeadline(state.ws, c, t, claimant.insuredRegion),
          documentCount: counts.get(c.id) ?? 0,
          statusSince: since.get(c.id) ?? null,
          claimantIdTail: claimant.idNumber.replace(/\s/g, '').slice(-4),
          checklist,
        });
      }
      // A new day since the last pass (the app left open overnight): make the rest ahead of the board.
      state.verdictWarmer?.kick();
      return { ...page, items };
    },
    async listClaimIds(req) {
      return matchingClaimIds(db(), req);
    },
    async getClaim(req) {
      const claim = getClaim(db(), req.id);
      return {
        claim,
        documents: listDocuments(db(), req.id),
        history: statusHistory(db(), req.id),
        requestedItems: requestedItems(db(), req.id),
        claimant: getPerson(db(), claim.fields.claimantId),
        confirmations: Object.entries(claimConfirmations(db(), req.id)).flatMap(([documentId, checks]) =>
          checks.map((check) => ({ documentId: Number(documentId), check })),
        ),
        pledgeSigned: isPledgeSigned(db(), req.id),
      };
    },
    async createClaim(req) {
      return createClaim(db(), req);
    },
    async updateClaim(req) {
      assertClaimEditable(db(), req.id);
      return updateClaim(db(), req.id, req.claim);
    },
    async transitionClaim(req) {
      return moveClaim(req.id, req.to, req);
    },
    async transitionClaims(req) {
      const items = [];
      for (const id of req.ids) {
        const reference = getClaim(db(), id).reference;
        try {
          await moveClaim(id, req.to, req);
          items.push({ claimId: id, reference, moved: true, reason: null, reasonEn: null });
        } catch (err) {
          if (!(err instanceof ClaimDeskError)) throw err;
          items.push({ claimId: id, reference, moved: false, reason: err.zh, reasonEn: err.en });
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

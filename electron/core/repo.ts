// The domain's way to what is stored: households, people, claims, status history, documents and pages.
// Inputs are validated here (zod) and the life-cycle rules applied; what is kept goes through the storage
// contract (db/contract.ts, SQLite engine in db/store/), so no SQL lives here. All functions are synchronous;
// callers do slow work (hashing, sharp) before calling them.
import type { DocumentKind, DocumentOrigin } from '../../shared/domain';
import { CLAIM_STATUS_LABELS, canTransition, ClaimStatus } from '../../shared/lifecycle';
import {
  ClaimInput,
  HouseholdInput,
  PersonInput,
  type Claim,
  type ClaimDocument,
  type ClaimFields,
  type DocumentPage,
  type Household,
  type Person,
  type StatusChange,
} from '../../shared/schemas';
import type { PageFacts } from '../../shared/page-facts';
import { maskIdNumber } from '../../shared/validators';
import type { ClaimListPage, ClaimListQuery, Db, NewPage, PageRef } from './db/contract';
import { store } from './db/store';
import { ClaimDeskError, InvalidInputError, zodToInvalidInput } from './errors';
import type { Turn } from '../../shared/turn';

export { CLAIM_SORTS, SEARCH_COUNT_CAP } from './db/contract';
export type { ClaimListPage, ClaimListQuery, ClaimSort, NewPage, SearchContributor } from './db/contract';

const now = (): string => new Date().toISOString();

/** Rebuilds the claim's search words; call inside the transaction that changed it. */
export function refreshSearchText(db: Db, claimId: number): void {
  store.search.refresh(db, claimId);
}

// ---------- households and people ----------

export function createHousehold(db: Db, input: unknown): Household {
  const parsed = HouseholdInput.safeParse(input);
  if (!parsed.success) throw zodToInvalidInput(parsed.error);
  return getHousehold(db, store.people.insertHousehold(db, parsed.data, now()));
}

/** A household's new name (the same rules as a new one: not empty, at most 100 characters). */
export function renameHousehold(db: Db, id: number, name: string): Household {
  const before = getHousehold(db, id);
  const parsed = HouseholdInput.safeParse({ name, notes: before.notes });
  if (!parsed.success) throw zodToInvalidInput(parsed.error);
  store.people.renameHousehold(db, id, parsed.data.name, now());
  return getHousehold(db, id);
}

export function getHousehold(db: Db, id: number): Household {
  const h = store.people.household(db, id);
  if (!h)
    throw new ClaimDeskError('not_found', `找不到户 ${id}`, `household ${id} not found`, {
      field: 'householdId',
    });
  return h;
}

export function listHouseholds(db: Db): Array<Household & { memberCount: number }> {
  return store.people.listHouseholds(db);
}

export function createPerson(db: Db, input: unknown): Person {
  const parsed = PersonInput.safeParse(input);
  if (!parsed.success) throw zodToInvalidInput(parsed.error);
  const p = parsed.data;
  getHousehold(db, p.householdId);
  if (store.people.personIdByIdNumber(db, p.householdId, p.idNumber) !== null) {
    // The full number is in the field the person just typed; the notice shows it masked (shared screens).
    throw new InvalidInputError(
      `这户已经有身份证号为 ${maskIdNumber(p.idNumber)} 的成员`,
      `this household already has a person with ID ${maskIdNumber(p.idNumber)}`,
      'idNumber',
    );
  }
  return getPerson(db, store.people.insertPerson(db, p, now()));
}

export function updatePerson(db: Db, id: number, input: unknown): Person {
  const parsed = PersonInput.safeParse(input);
  if (!parsed.success) throw zodToInvalidInput(parsed.error);
  getPerson(db, id);
  store.people.updatePerson(db, id, parsed.data, now());
  return getPerson(db, id);
}

/**
 * Removes a person entered by mistake. A person named on any claim (as the patient or as the one acting for
 * them) stays: the claim and its history need them, so the refusal says how many claims and what to do.
 */
export function deletePerson(db: Db, id: number): void {
  const p = getPerson(db, id);
  const n = store.people.claimCountOfPerson(db, id);
  if (n > 0)
    throw new InvalidInputError(
      `${p.name} 在 ${n} 份报销单上（患者或代办人），不能删除。人员信息可以修改；报销单删除后才能删除此人。`,
      `${p.name} is on ${n} claim(s) (as patient or applicant) and cannot be removed; edit the details instead.`,
      'personId',
    );
  store.people.deletePerson(db, id);
}

export function getPerson(db: Db, id: number): Person {
  const p = store.people.person(db, id);
  if (!p)
    throw new ClaimDeskError('not_found', `找不到人员 ${id}`, `person ${id} not found`, {
      field: 'personId',
    });
  return p;
}

export function listPeople(db: Db, householdId?: number): Person[] {
  return store.people.listPeople(db, householdId);
}

// ---------- claims ----------

function parseClaim(input: unknown): ClaimFields {
  const parsed = ClaimInput.safeParse(input);
  if (!parsed.success) throw zodToInvalidInput(parsed.error);
  return parsed.data;
}

/** The answers of a new claim checked (fields, the people it names) without writing anything. */
export function checkNewClaim(db: Db, input: unknown): ClaimFields {
  const c = parseClaim(input);
  getPerson(db, c.claimantId);
  if (c.applicant.relation !== 'self' && c.applicant.personId !== null) getPerson(db, c.applicant.personId);
  return c;
}

export function createClaim(db: Db, input: unknown, options: { createdAt?: string } = {}): Claim {
  const c = checkNewClaim(db, input);
  return getClaim(db, store.claims.insert(db, c, options.createdAt ?? now()));
}

export function updateClaim(db: Db, id: number, input: unknown): Claim {
  const c = parseClaim(input);
  const before = getClaim(db, id);
  getPerson(db, c.claimantId);
  store.engine.transaction(db, () => {
    const t = now();
    store.claims.update(db, id, c, t);
    // Editing a claim that had passed its checks sends it back to draft: the checks must run again.
    if (before.status === 'ready')
      store.claims.recordTransition(db, id, 'ready', 'draft', '修改后需重新检查', t);
  });
  return getClaim(db, id);
}

export function getClaim(db: Db, id: number): Claim {
  const claim = store.claims.claim(db, id);
  if (!claim)
    throw new ClaimDeskError('not_found', `找不到报销单 ${id}`, `claim ${id} not found`, {
      field: 'claimId',
    });
  return claim;
}

export function findClaimByReference(db: Db, reference: string): Claim | null {
  return store.claims.byReference(db, reference);
}

/** One page of the claims board, newest first by default. Search is a case-insensitive substring match. */
export function listClaims(db: Db, query: ClaimListQuery = {}): ClaimListPage {
  if (query.status) {
    const s = ClaimStatus.safeParse(query.status);
    if (!s.success) throw zodToInvalidInput(s.error, 'status');
  }
  return store.claims.list(db, query);
}

// ---------- life cycle ----------

/** Moves a claim along its life cycle; anything not in CLAIM_TRANSITIONS is refused and nothing changes. */
export function transitionClaim(db: Db, claimId: number, to: unknown, note = ''): Claim {
  const target = ClaimStatus.safeParse(to);
  if (!target.success) throw zodToInvalidInput(target.error, 'status');
  store.engine.transaction(
    db,
    () => {
      const claim = getClaim(db, claimId);
      if (!canTransition(claim.status, target.data)) {
        const zhFrom = CLAIM_STATUS_LABELS[claim.status].zh;
        const zhTo = CLAIM_STATUS_LABELS[target.data].zh;
        throw new ClaimDeskError(
          'transition_refused',
          `报销单 ${claim.reference} 当前是“${zhFrom}”，不能直接改为“${zhTo}”`,
          `claim ${claim.reference} cannot move from ${claim.status} to ${target.data}`,
          { field: 'status' },
        );
      }
      store.claims.recordTransition(db, claimId, claim.status, target.data, note, now());
    },
    { immediate: true },
  );
  return getClaim(db, claimId);
}

export function claimHistory(db: Db, claimId: number): StatusChange[] {
  return store.claims.history(db, claimId);
}

// ---------- documents and pages ----------

/**
 * Records a document with its pages in one transaction. The files must already be in the store:
 * rows are written only after the bytes are safe on disk, so no row ever points at a missing file.
 */
export function addDocument(
  db: Db,
  claimId: number,
  kind: DocumentKind,
  origin: DocumentOrigin,
  pages: readonly NewPage[],
): ClaimDocument {
  if (pages.length === 0)
    throw new InvalidInputError('至少需要一个文件', 'a document needs at least one file', 'files');
  const id = store.engine.transaction(
    db,
    () => {
      getClaim(db, claimId);
      return store.documents.insert(db, claimId, kind, origin, pages, now());
    },
    { immediate: true },
  );
  return getDocument(db, id);
}

export function getDocument(db: Db, id: number): ClaimDocument {
  const doc = store.documents.document(db, id);
  if (!doc)
    throw new ClaimDeskError('not_found', `找不到材料 ${id}`, `document ${id} not found`, {
      field: 'documentId',
    });
  return doc;
}

export function listDocuments(db: Db, claimId: number): ClaimDocument[] {
  return store.documents.idsOfClaim(db, claimId).map((id) => getDocument(db, id));
}

export function removeDocument(db: Db, documentId: number): void {
  store.engine.transaction(db, () => {
    getDocument(db, documentId);
    store.documents.remove(db, documentId, now());
  });
}

export function setPageFacts(db: Db, pageId: number, facts: PageFacts): void {
  store.documents.setPageFacts(db, pageId, facts);
}

/** How many documents each of `claimIds` holds (claims without any are absent from the map). */
export function documentCounts(db: Db, claimIds: readonly number[]): Map<number, number> {
  return store.documents.counts(db, claimIds);
}

/** Where a stored page sits (its document and claim); not_found for an unknown id. */
export function locatePage(db: Db, pageId: number): PageRef {
  const page = store.documents.page(db, pageId);
  if (!page)
    throw new ClaimDeskError('not_found', `找不到第 ${pageId} 号页面`, `page ${pageId} not found`, {
      field: 'pageId',
    });
  return page;
}

/**
 * Removes one page; removing a document's last page removes the document, so no empty document remains.
 * Its invoice index row goes with it and the search words are rebuilt, in one transaction.
 */
export function removePage(db: Db, pageId: number): void {
  store.engine.transaction(db, () => store.documents.removePage(db, locatePage(db, pageId), now()), {
    immediate: true,
  });
}

/**
 * Points the page at a new (already stored and analysed) file; position and document stay. Every row
 * derived from the page changes in the same transaction: its facts, its invoice index row (the old photo's
 * QR code and amount go), and the claim's search words.
 */
export function replacePage(db: Db, pageId: number, file: NewPage): DocumentPage {
  const docId = store.engine.transaction(
    db,
    () => {
      const page = locatePage(db, pageId);
      store.documents.replacePage(db, page, file, now());
      return page.documentId;
    },
    { immediate: true },
  );
  const updated = getDocument(db, docId).pages.find((p) => p.id === pageId);
  if (!updated) throw new Error(`page ${pageId} vanished during replace`);
  return updated;
}

/** Swaps the page with its neighbour; at either end it stays where it is. */
export function movePage(db: Db, pageId: number, direction: 'up' | 'down'): ClaimDocument {
  const docId = store.engine.transaction(
    db,
    () => {
      const page = locatePage(db, pageId);
      store.documents.movePage(db, page, direction, now());
      return page.documentId;
    },
    { immediate: true },
  );
  return getDocument(db, docId);
}

/**
 * Moves a page (already analysed again as `kind`) to the claim's document of that kind, in one transaction
 * with its facts, invoice index row and search words; answers the document it is now in.
 */
export function reassignPage(db: Db, pageId: number, kind: DocumentKind, facts: PageFacts): ClaimDocument {
  const docId = store.engine.transaction(
    db,
    () => store.documents.reassignPage(db, locatePage(db, pageId), kind, facts, now()),
    { immediate: true },
  );
  return getDocument(db, docId);
}

/** The stored file and quality report behind a page. */
export function pageFile(
  db: Db,
  pageId: number,
): { sha256: string; mime: string; quality: unknown; originalName: string; upright: Turn } {
  const file = store.documents.pageFile(db, pageId);
  if (!file)
    throw new ClaimDeskError('not_found', `找不到第 ${pageId} 号页面`, `page ${pageId} not found`, {
      field: 'pageId',
    });
  return file;
}

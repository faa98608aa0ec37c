// The domain's way to what is stored, over the asynchronous storage contract (db/contract.ts) that both
// engines implement: a desk's own SQLite data folder or the office's shared PostgreSQL. The same checks and
// words as repo.ts (which serves the synchronous store until every caller is converted, issue #23 phase 2);
// the CLI's household, person and claim commands run here, so they work on either engine.
import type { Claim, ClaimDocument, Household, Person, StatusChange } from '../../shared/schemas';
import type { DocumentKind, DocumentOrigin } from '../../shared/domain';
import type { ClaimListPage, ClaimListQuery, EditStamp, NewPage, Session } from './db/contract';
import { InvalidInputError } from './errors';
import {
  checkListQuery,
  claimNotFound,
  documentNotFound,
  duplicateIdNumber,
  householdNotFound,
  parseClaim,
  parseHousehold,
  parsePerson,
  parseStatus,
  personNotFound,
  refusedTransition,
} from './repo';

const now = (): string => new Date().toISOString();

export async function createHousehold(s: Session, input: unknown): Promise<Household> {
  return getHousehold(s, await s.people.insertHousehold(parseHousehold(input), now()));
}

export async function getHousehold(s: Session, id: number): Promise<Household> {
  const h = await s.people.household(id);
  if (!h) throw householdNotFound(id);
  return h;
}

export function listHouseholds(s: Session): Promise<Array<Household & { memberCount: number }>> {
  return s.people.listHouseholds();
}

export async function createPerson(s: Session, input: unknown): Promise<Person> {
  const p = parsePerson(input);
  // Checked and written in one immediate transaction: two desks adding the same ID number at once cannot both pass.
  const id = await s.transaction(
    async (tx) => {
      await getHousehold(tx, p.householdId);
      if ((await tx.people.personIdByIdNumber(p.householdId, p.idNumber)) !== null)
        throw duplicateIdNumber(p.idNumber);
      return tx.people.insertPerson(p, now());
    },
    { immediate: true },
  );
  return getPerson(s, id);
}

export async function getPerson(s: Session, id: number): Promise<Person> {
  const p = await s.people.person(id);
  if (!p) throw personNotFound(id);
  return p;
}

export function listPeople(s: Session, householdId?: number): Promise<Person[]> {
  return s.people.listPeople(householdId);
}

export async function createClaim(s: Session, input: unknown): Promise<Claim> {
  const c = parseClaim(input);
  await getPerson(s, c.claimantId);
  if (c.applicant.relation !== 'self' && c.applicant.personId !== null)
    await getPerson(s, c.applicant.personId);
  return getClaim(s, await s.claims.insert(c, now()));
}

/** The claim with its version and last change: what an edit made on it must name (`expectedVersion`). */
export async function getClaim(s: Session, id: number): Promise<Claim & { stamp: EditStamp }> {
  const claim = await s.claims.claim(id);
  if (!claim) throw claimNotFound(id);
  return claim;
}

/**
 * Saves a claim's edited fields. With `expectedVersion` (the version the person's form was loaded at) the save
 * is refused with a StaleWriteError naming who changed the claim since and when, and nothing is written, so
 * the person keeps what they typed and can reload and reapply.
 */
export async function updateClaim(
  s: Session,
  id: number,
  input: unknown,
  edit: { expectedVersion?: number | undefined } = {},
): Promise<Claim & { stamp: EditStamp }> {
  const c = parseClaim(input);
  await getPerson(s, c.claimantId);
  await s.transaction(
    async (tx) => {
      const before = await getClaim(tx, id);
      const t = now();
      await tx.claims.update(id, c, t, edit);
      // Editing a claim that had passed its checks sends it back to draft: the checks must run again.
      if (before.status === 'ready')
        await tx.claims.recordTransition(id, 'ready', 'draft', '修改后需重新检查', t);
    },
    { immediate: true },
  );
  return getClaim(s, id);
}

export function findClaimByReference(s: Session, reference: string): Promise<Claim | null> {
  return s.claims.byReference(reference);
}

export function listClaims(s: Session, query: ClaimListQuery = {}): Promise<ClaimListPage> {
  checkListQuery(query);
  return s.claims.list(query);
}

/** Moves a claim along its life cycle; anything not in CLAIM_TRANSITIONS is refused and nothing changes. */
export async function transitionClaim(s: Session, claimId: number, to: unknown, note = ''): Promise<Claim> {
  const target = parseStatus(to);
  await s.transaction(
    async (tx) => {
      const claim = await getClaim(tx, claimId);
      const refused = refusedTransition(claim, target);
      if (refused) throw refused;
      await tx.claims.recordTransition(claimId, claim.status, target, note, now());
    },
    { immediate: true },
  );
  return getClaim(s, claimId);
}

export function claimHistory(s: Session, claimId: number): Promise<StatusChange[]> {
  return s.claims.history(claimId);
}

export async function getDocument(s: Session, id: number): Promise<ClaimDocument> {
  const doc = await s.documents.document(id);
  if (!doc) throw documentNotFound(id);
  return doc;
}

export async function listDocuments(s: Session, claimId: number): Promise<ClaimDocument[]> {
  const docs: ClaimDocument[] = [];
  for (const id of await s.documents.idsOfClaim(claimId)) docs.push(await getDocument(s, id));
  return docs;
}

/**
 * Adds a document whose originals are already stored, in one immediate transaction that first checks the
 * claim still exists (another desk may have purged it meanwhile).
 */
export async function addDocument(
  s: Session,
  claimId: number,
  kind: DocumentKind,
  origin: DocumentOrigin,
  pages: readonly NewPage[],
): Promise<ClaimDocument> {
  if (pages.length === 0)
    throw new InvalidInputError('至少需要一个文件', 'a document needs at least one file', 'files');
  const id = await s.transaction(
    async (tx) => {
      await getClaim(tx, claimId);
      return tx.documents.insert(claimId, kind, origin, pages, now());
    },
    { immediate: true },
  );
  return getDocument(s, id);
}

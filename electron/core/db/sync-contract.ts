// TRANSITIONAL (issue #23 phase 1): the synchronous storage contract today's callers still use through
// `store` (db/store/index.ts, the SQLite engine's modules). The asynchronous contract (contract.ts) is the
// one to build on; phase 2 converts every caller to it and deletes this file. The SQLite engine of the
// asynchronous contract (sqlite-engine.ts) runs over the same modules, so nothing is written twice.
// Optional trailing arguments (`edit`, `actor`) are the asynchronous engines' way in to row versions and to
// who wrote; today's callers leave them out and keep working unchanged.
import type { DocumentKind, DocumentOrigin } from '../../../shared/domain';
import type { FieldValue } from '../../../shared/fields';
import type { ConfirmableCheck } from '../../../shared/ipc';
import type { ClaimStatus } from '../../../shared/lifecycle';
import type { PageFacts } from '../../../shared/page-facts';
import type { Turn } from '../../../shared/turn';
import type {
  Claim,
  ClaimDocument,
  ClaimFields,
  Household,
  Person,
  PersonFields,
  StatusChange,
} from '../../../shared/schemas';
import type {
  ClaimListPage,
  ClaimListQuery,
  Db,
  Edit,
  NewPage,
  PageRef,
  PageUsingFile,
  RequestedItem,
  SearchContributor,
  StatusChangeRow,
  StoredInvoice,
  StoredVerdict,
} from './contract';

export type { Db, SearchContributor } from './contract';

/** Opening, closing, transactions and the whole-store operations backups need. */
export interface SyncEngineStore {
  /**
   * Runs `fn` as one transaction: all its writes or none. `immediate` takes the write lock at the start (for
   * read-then-write sequences two processes could interleave). Nested calls join the outer transaction.
   */
  transaction<T>(db: Db, fn: () => T, options?: { immediate?: boolean }): T;
  close(db: Db): void;
  /** The schema version the store is at. */
  schemaVersion(db: Db): number;
  /** A consistent copy of the open store written to `file` as one self-contained file. */
  copyTo(db: Db, file: string): Promise<void>;
  /** What a store file (e.g. a backup) holds, opened read-only; throws the open's error when unusable. */
  inspectFile(file: string): { schemaVersion: number; hasClaims: boolean; claims: number };
  /**
   * Opens the store file that a restore is about to replace, as it is (no migration, no check) and only if
   * no other process has it open (a ClaimDeskError naming the file otherwise). Close it with `close`.
   */
  openExclusive(file: string): Db;
  /** The engine's own consistency check ('ok' when healthy) and how many references point nowhere. */
  integrity(db: Db): { integrity: string; foreignKeyProblems: number };
  /** A cheap fingerprint of the data: equal fingerprints mean nothing was added, changed or removed. */
  dataChangeMarker(db: Db): string;
  /** Whether `err` thrown by this engine means the store file is damaged (not busy, full or unwritable). */
  isDamage(err: unknown): boolean;
}

export interface SyncPeopleStore {
  insertHousehold(db: Db, h: { name: string; notes: string }, at: string): number;
  household(db: Db, id: number): Household | null;
  listHouseholds(db: Db): Array<Household & { memberCount: number }>;
  insertPerson(db: Db, p: PersonFields, at: string): number;
  updatePerson(db: Db, id: number, p: PersonFields, at: string, edit?: Edit): void;
  person(db: Db, id: number): Person | null;
  /** The person of the household with this ID number, if any. */
  personIdByIdNumber(db: Db, householdId: number, idNumber: string): number | null;
  listPeople(db: Db, householdId?: number): Person[];
  renameHousehold(db: Db, id: number, name: string, at: string, edit?: Edit): void;
  /** Claims naming the person, as the patient or as the one acting for them. */
  claimCountOfPerson(db: Db, id: number): number;
  /** Removes a person; callers make sure no claim names them. */
  deletePerson(db: Db, id: number): void;
}

export interface SyncClaimStore {
  /** A new draft claim with its reference and first history entry; answers its id. */
  insert(db: Db, fields: ClaimFields, at: string): number;
  update(db: Db, id: number, fields: ClaimFields, at: string, edit?: Edit): void;
  claim(db: Db, id: number): Claim | null;
  byReference(db: Db, reference: string): Claim | null;
  /** Ids of the claims whose claimant is `personId`. */
  idsOfClaimant(db: Db, personId: number): number[];
  /** One page of the claims board; the status is already validated. */
  list(db: Db, query: ClaimListQuery): ClaimListPage;
  /** Sets the status and records the change in the claim's history. */
  recordTransition(
    db: Db,
    claimId: number,
    from: ClaimStatus,
    to: ClaimStatus,
    note: string,
    at: string,
    edit?: Edit,
  ): void;
  history(db: Db, claimId: number): StatusChange[];
  /** Marks the claim changed now and rebuilds its search words. */
  touch(db: Db, claimId: number, at: string): void;
  setPledgeSigned(db: Db, claimId: number, signed: boolean, at: string): void;
  isPledgeSigned(db: Db, claimId: number): boolean;
}

export interface SyncDocumentStore {
  /** A document with its pages (files already stored), their invoice rows and search words; answers its id. */
  insert(
    db: Db,
    claimId: number,
    kind: DocumentKind,
    origin: DocumentOrigin,
    pages: readonly NewPage[],
    at: string,
  ): number;
  document(db: Db, id: number): ClaimDocument | null;
  idsOfClaim(db: Db, claimId: number): number[];
  /** Removes the document, its pages and every row derived from them; rebuilds the claim's search words. */
  remove(db: Db, documentId: number, at: string): void;
  claimOfDocument(db: Db, documentId: number): number | null;
  /** How many documents each claim holds (claims without any are absent). */
  counts(db: Db, claimIds: readonly number[]): Map<number, number>;
  /** The kind of the claim's document that already holds these bytes, or null. */
  kindHoldingFile(db: Db, claimId: number, sha256: string): string | null;
  page(db: Db, pageId: number): PageRef | null;
  /** The kind of the document a page belongs to, or null when the page does not exist. */
  pageKind(db: Db, pageId: number): string | null;
  setPageFacts(db: Db, pageId: number, facts: PageFacts): void;
  /** Removes a page (and its document when it was the last one), with its derived rows. */
  removePage(db: Db, page: PageRef, at: string): void;
  /** Points the page at a new stored file; its facts, invoice row and the search words follow. */
  replacePage(db: Db, page: PageRef, file: NewPage, at: string): void;
  /**
   * Moves the page to the claim's last document of `kind` (a new one when there is none), leaving its old
   * document (removed when it was its last page); its facts, invoice row and the search words follow.
   * Answers the document the page is now in.
   */
  reassignPage(db: Db, page: PageRef, kind: DocumentKind, facts: PageFacts, at: string): number;
  /** Swaps the page with its neighbour; false at either end. */
  movePage(db: Db, page: PageRef, direction: 'up' | 'down', at: string): boolean;
  pageFile(
    db: Db,
    pageId: number,
  ): { sha256: string; mime: string; quality: unknown; originalName: string; upright: Turn } | null;
  /** Every stored original some page refers to. */
  referencedFiles(db: Db): string[];
  pagesUsingFile(db: Db, sha256: string): PageUsingFile[];
  setConfirmation(db: Db, documentId: number, check: ConfirmableCheck, confirmed: boolean, at: string): void;
  confirmations(db: Db, documentId: number): string[];
  /** Every confirmation on a claim's documents: document id → check names. */
  claimConfirmations(db: Db, claimId: number): Map<number, string[]>;
  /** Sets (value JSON) or clears (null) what the person typed for one field of one page. */
  setFieldCorrection(
    db: Db,
    pageId: number,
    field: string,
    value: FieldValue | null,
    at: string,
    edit?: Edit,
  ): void;
  fieldCorrections(db: Db, pageId: number): Record<string, FieldValue>;
  /** Every page's corrections on a claim: page id → field → value. */
  claimFieldCorrections(db: Db, claimId: number): Map<number, Record<string, FieldValue>>;
}

export interface SyncInvoiceStore {
  /** Makes the page's invoice row match its facts (call inside the transaction that wrote the page). */
  indexPage(
    db: Db,
    page: { claimId: number; pageId: number; sha256: string; isInvoice: boolean; facts: PageFacts | null },
    at: string,
  ): void;
  ofClaim(db: Db, claimId: number): StoredInvoice[];
  /** Invoices of other claims than `excludeClaimId` with this QR identity. */
  byKey(db: Db, key: string, excludeClaimId: number): StoredInvoice[];
  /** Invoices of other claims whose photo has exactly these bytes. */
  byFile(db: Db, sha256: string, excludeClaimId: number): StoredInvoice[];
  /** Photo fingerprints of other claims' invoices (only those without a QR when `withoutKeyOnly`). */
  fingerprints(
    db: Db,
    excludeClaimId: number,
    withoutKeyOnly: boolean,
  ): Array<{ rowId: number; phash: string }>;
  byRowId(db: Db, rowId: number): StoredInvoice | null;
}

export interface SyncSearchStore {
  /** Rebuilds a claim's search words from its fields and what `contributors` add. */
  refresh(db: Db, claimId: number, contributors?: readonly SearchContributor[]): void;
}

export interface SyncSettingsStore {
  /** The stored JSON text under `key`, or null. */
  read(db: Db, key: string): string | null;
  write(db: Db, key: string, valueJson: string): void;
}

/** Each claim's kept checklist verdict (contract.ts StoredVerdict says when the engine forgets one). */
export interface SyncVerdictStore {
  /** The stored verdicts of these claims; a claim without one (never made, or forgotten) is absent. */
  of(db: Db, claimIds: readonly number[]): Map<number, StoredVerdict>;
  /** Stores (or replaces) one claim's verdict. */
  put(db: Db, verdict: StoredVerdict, at: string): void;
}

/** The facts beside a claim's status, and its place off the board (archived; deleted awaiting purge). */
export interface SyncClaimFactsStore {
  /** Gives the claim's latest status change its day and the items asked for with it. */
  recordChangeFacts(
    db: Db,
    claimId: number,
    happenedOn: string,
    requested: readonly string[],
    at: string,
  ): void;
  historyWithFacts(db: Db, claimId: number): StatusChangeRow[];
  /** The latest status change of each of the claims. */
  latestChanges(
    db: Db,
    claimIds: readonly number[],
  ): Array<{ claimId: number; happenedOn: string | null; changedAt: string }>;
  requestedItems(db: Db, claimId: number): RequestedItem[];
  requestedItem(db: Db, itemId: number): RequestedItem | null;
  setRequestedItemDone(db: Db, itemId: number, doneAt: string | null, edit?: Edit): void;
  exists(db: Db, claimId: number): boolean;
  /** Archives (a time) or restores (null) the claims not already so; answers how many changed. */
  setArchived(db: Db, ids: readonly number[], archivedAt: string | null): number;
  /** Marks deleted (a time) or brings back (null) the claims not already so; answers how many changed. */
  setDeleted(db: Db, ids: readonly number[], deletedAt: string | null): number;
  /**
   * Removes the claims deleted at or before `deletedBefore` with their rows, and the file records no other
   * page uses; answers the hashes of those files (the caller removes the files after the commit).
   */
  purgeDeleted(db: Db, deletedBefore: string): { claims: number; unusedFiles: string[] };
}

/** The whole synchronous contract (transitional): the SQLite modules implement every concern. */
export interface SyncStorage {
  engine: SyncEngineStore;
  people: SyncPeopleStore;
  claims: SyncClaimStore;
  claimFacts: SyncClaimFactsStore;
  documents: SyncDocumentStore;
  invoices: SyncInvoiceStore;
  search: SyncSearchStore;
  settings: SyncSettingsStore;
  verdicts: SyncVerdictStore;
}

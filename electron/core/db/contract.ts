// The storage contract (issue #10 item 4): everything ClaimDesk keeps goes through these functions, split by
// concern. Their types are plain data from shared/ and an opaque handle, never a SQLite type, so a second
// engine (a shared PostgreSQL for multi-desk offices) can implement the same contract; the SQLite engine is
// db/store/ (assembled in db/store/index.ts, which the compiler checks against this file). No code outside
// electron/core/db/ writes SQL (tests/unit/storage-boundary.test.ts fails the build when one does).
//
// Not abstracted yet, said plainly: the contract is synchronous (better-sqlite3 is); a networked engine
// would need it to return promises, a change every caller would see.
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

declare const storeHandle: unique symbol;

/**
 * An open store. Opaque outside the engine: callers hold it and pass it back; only the engine behind it
 * knows what it is (for SQLite, a better-sqlite3 connection).
 */
export interface Db {
  readonly [storeHandle]: 'claimdesk-store';
}

/** Opening, closing, transactions and the whole-store operations backups need. */
export interface EngineStore {
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

export interface PeopleStore {
  insertHousehold(db: Db, h: { name: string; notes: string }, at: string): number;
  household(db: Db, id: number): Household | null;
  listHouseholds(db: Db): Array<Household & { memberCount: number }>;
  insertPerson(db: Db, p: PersonFields, at: string): number;
  updatePerson(db: Db, id: number, p: PersonFields, at: string): void;
  person(db: Db, id: number): Person | null;
  /** The person of the household with this ID number, if any. */
  personIdByIdNumber(db: Db, householdId: number, idNumber: string): number | null;
  listPeople(db: Db, householdId?: number): Person[];
  renameHousehold(db: Db, id: number, name: string, at: string): void;
  /** Claims naming the person, as the patient or as the one acting for them. */
  claimCountOfPerson(db: Db, id: number): number;
  /** Removes a person; callers make sure no claim names them. */
  deletePerson(db: Db, id: number): void;
}

export const CLAIM_SORTS = ['updated', 'created', 'care_end'] as const;
export type ClaimSort = (typeof CLAIM_SORTS)[number];

export interface ClaimListQuery {
  search?: string | undefined;
  status?: ClaimStatus | undefined;
  /** true: only archived claims (the board's 已归档 filter); otherwise archived ones are left out. */
  archived?: boolean | undefined;
  sort?: ClaimSort | undefined;
  page?: number | undefined;
  pageSize?: number | undefined;
}

export interface ClaimListPage {
  items: Claim[];
  total: number;
  /** True when a search matched more than SEARCH_COUNT_CAP claims and `total` stops counting there. */
  totalCapped: boolean;
  page: number;
  pageSize: number;
}

/** Counting every hit of a very broad search costs a full pass; past this many the board shows "10000+". */
export const SEARCH_COUNT_CAP = 10_000;

export interface ClaimStore {
  /** A new draft claim with its reference and first history entry; answers its id. */
  insert(db: Db, fields: ClaimFields, at: string): number;
  update(db: Db, id: number, fields: ClaimFields, at: string): void;
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
  ): void;
  history(db: Db, claimId: number): StatusChange[];
  /** Marks the claim changed now and rebuilds its search words. */
  touch(db: Db, claimId: number, at: string): void;
  setPledgeSigned(db: Db, claimId: number, signed: boolean, at: string): void;
  isPledgeSigned(db: Db, claimId: number): boolean;
}

export interface NewPage {
  sha256: string;
  size: number;
  mime: string;
  originalName: string;
  /** What analysePage found (null only for rows made without analysis, e.g. tests of the store). */
  facts: PageFacts | null;
}

export interface PageRef {
  id: number;
  documentId: number;
  position: number;
  claimId: number;
}

/** A page whose stored original is referenced, named the way the user knows it. */
export interface PageUsingFile {
  claimId: number;
  reference: string;
  kind: string;
  originalName: string;
}

export interface DocumentStore {
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
  setFieldCorrection(db: Db, pageId: number, field: string, value: FieldValue | null, at: string): void;
  fieldCorrections(db: Db, pageId: number): Record<string, FieldValue>;
  /** Every page's corrections on a claim: page id → field → value. */
  claimFieldCorrections(db: Db, claimId: number): Map<number, Record<string, FieldValue>>;
}

export interface StoredInvoice {
  claimId: number;
  claimReference: string;
  claimantName: string;
  pageId: number;
  sha256: string;
  format: 'vat' | 'digital' | 'fiscal' | 'raw' | 'none';
  key: string | null;
  number: string | null;
  amount: number | null;
  phash: string | null;
}

export interface InvoiceStore {
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

/** Extra searchable words for one claim (e.g. its invoice numbers), read from the store. */
export type SearchContributor = (db: Db, claimId: number) => string[];

export interface SearchStore {
  /** Rebuilds a claim's search words from its fields and what `contributors` add. */
  refresh(db: Db, claimId: number, contributors?: readonly SearchContributor[]): void;
}

export interface SettingsStore {
  /** The stored JSON text under `key`, or null. */
  read(db: Db, key: string): string | null;
  write(db: Db, key: string, valueJson: string): void;
}

/** One status change as stored, with the day it happened when one was given (null for older rows). */
export interface StatusChangeRow {
  from: ClaimStatus | null;
  to: ClaimStatus;
  note: string;
  changedAt: string;
  happenedOn: string | null;
}

/** One thing the office asked for (补充材料), a checklist item on its claim until ticked done. */
export interface RequestedItem {
  id: number;
  claimId: number;
  text: string;
  createdAt: string;
  doneAt: string | null;
}

/** The facts beside a claim's status, and its place off the board (archived; deleted awaiting purge). */
export interface ClaimFactsStore {
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
  setRequestedItemDone(db: Db, itemId: number, doneAt: string | null): void;
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

/**
 * A claim's checklist verdict as the board shows it, kept with the claim (migration 0100). What it says and
 * when it still holds is decided above the contract (claim-verdict.ts); the engine stores it and forgets it
 * whenever a row it was made from changes (the claim, its claimant, documents, pages, corrections,
 * confirmations, pledge mark, requested items, its own invoice rows and other claims' rows of the same
 * invoice), whatever code wrote that row.
 */
export interface StoredVerdict {
  claimId: number;
  /** The day (YYYY-MM-DD) it was made for. */
  evaluatedOn: string;
  /** What it was made with (rule packs, app version), as the maker words it. */
  basis: string;
  /** The verdict itself, as the maker serialised it. */
  summaryJson: string;
}

export interface VerdictStore {
  /** The stored verdicts of these claims; a claim without one (never made, or forgotten) is absent. */
  of(db: Db, claimIds: readonly number[]): Map<number, StoredVerdict>;
  /** Stores (or replaces) one claim's verdict. */
  put(db: Db, verdict: StoredVerdict, at: string): void;
}

/** The whole contract: one engine implements every concern. */
export interface Storage {
  engine: EngineStore;
  people: PeopleStore;
  claims: ClaimStore;
  claimFacts: ClaimFactsStore;
  documents: DocumentStore;
  invoices: InvoiceStore;
  search: SearchStore;
  settings: SettingsStore;
  verdicts: VerdictStore;
}

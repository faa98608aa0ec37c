// The storage contract (issues #10 and #23): everything ClaimDesk keeps goes through these functions, split by
// concern. Every operation answers a promise, so an engine across the network fits behind it; its types are
// plain data from shared/, never a driver type, and it names no file path (a backup is a snapshot the engine
// writes and reads, not a file it is told to open). Two engines implement it:
//   - SQLite (embedded, one PC): db/sqlite-engine.ts, over the same modules (db/store/) that serve the
//     synchronous `store` today's callers use (sync-contract.ts, transitional until they are converted);
//   - PostgreSQL (shared by the desks of an office): db/pg/.
// tests/integration/storage-contract.test.ts runs one suite against both. No code outside electron/core/db/
// writes SQL or loads a driver (tests/unit/storage-boundary.test.ts and lint fail the build when one does).
//
// Transactions: `engine.transaction(async (tx) => …)` runs the callback with a session `tx` whose operations
// all belong to that one transaction (all its writes or none). A call made while a transaction is open in the
// same asynchronous context (through `tx`, or through the engine itself from code the callback awaits) joins
// it as a savepoint: an inner failure that the outer callback catches undoes only the inner writes. Keep slow
// work (hashing, decoding) outside transactions: a SQLite transaction holds the write lock until it ends.
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

// ---------- plain data, shared by both contracts ----------

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

/** One status change as stored, with the day it happened when one was given (null for older rows). */
export interface StatusChangeRow {
  from: ClaimStatus | null;
  to: ClaimStatus;
  note: string;
  changedAt: string;
  happenedOn: string | null;
  /** The desk (machine name) and the person signed in that recorded it; null for rows from before #23. */
  desk: string | null;
  person: string | null;
}

/** One thing the office asked for (补充材料), a checklist item on its claim until ticked done. */
export interface RequestedItem {
  id: number;
  claimId: number;
  text: string;
  createdAt: string;
  doneAt: string | null;
}

// ---------- who writes, and row versions ----------

/** Who is writing: the desk (its machine name) and the person signed in at it (null when nobody is). */
export interface Actor {
  desk: string;
  person: string | null;
}

/** A row's version and its last change: who and when (desk and person null for rows from before #23). */
export interface EditStamp {
  version: number;
  at: string;
  desk: string | null;
  person: string | null;
}

/** The rows a person edits in a form, each carrying a version that every change of it raises by one. */
export const VERSIONED_ROWS = ['household', 'person', 'claim', 'page', 'requested_item'] as const;
export type VersionedRow = (typeof VERSIONED_ROWS)[number];

/**
 * How an edit meets other desks' edits. With `expectedVersion`, the write happens only while the row is still
 * at that version; otherwise nothing is written and a StaleWriteError (db/stale.ts) names who changed it and
 * when, so the person keeps what they typed and can reload and reapply. Without it the write is unconditional
 * (still raising the version): today's callers, until phase 2 gives every form its version.
 */
export interface Edit {
  expectedVersion?: number | undefined;
}

// ---------- the asynchronous contract ----------

export interface PeopleOps {
  insertHousehold(h: { name: string; notes: string }, at: string): Promise<number>;
  household(id: number): Promise<(Household & { stamp: EditStamp }) | null>;
  listHouseholds(): Promise<Array<Household & { memberCount: number }>>;
  insertPerson(p: PersonFields, at: string): Promise<number>;
  /** Also rebuilds the search words of the person's claims (their name and ID number are searchable). */
  updatePerson(id: number, p: PersonFields, at: string, edit?: Edit): Promise<void>;
  person(id: number): Promise<(Person & { stamp: EditStamp }) | null>;
  /** The person of the household with this ID number, if any. */
  personIdByIdNumber(householdId: number, idNumber: string): Promise<number | null>;
  listPeople(householdId?: number): Promise<Person[]>;
  renameHousehold(id: number, name: string, at: string, edit?: Edit): Promise<void>;
  /** Claims naming the person, as the patient or as the one acting for them. */
  claimCountOfPerson(id: number): Promise<number>;
  /** Removes a person; callers make sure no claim names them. */
  deletePerson(id: number): Promise<void>;
}

export interface ClaimOps {
  /** A new draft claim with its reference (BX…, unique across desks) and first history entry; answers its id. */
  insert(fields: ClaimFields, at: string): Promise<number>;
  update(id: number, fields: ClaimFields, at: string, edit?: Edit): Promise<void>;
  /** The claim with its version and last change (read in one statement, so they belong together). */
  claim(id: number): Promise<(Claim & { stamp: EditStamp }) | null>;
  byReference(reference: string): Promise<Claim | null>;
  /** Ids of the claims whose claimant is `personId`. */
  idsOfClaimant(personId: number): Promise<number[]>;
  /** One page of the claims board; the status is already validated. */
  list(query: ClaimListQuery): Promise<ClaimListPage>;
  /** Sets the status and records the change (with the desk and person) in the claim's history. */
  recordTransition(
    claimId: number,
    from: ClaimStatus,
    to: ClaimStatus,
    note: string,
    at: string,
    edit?: Edit,
  ): Promise<void>;
  history(claimId: number): Promise<StatusChange[]>;
  /** Marks the claim changed now and rebuilds its search words (not a new version: its fields stay). */
  touch(claimId: number, at: string): Promise<void>;
  setPledgeSigned(claimId: number, signed: boolean, at: string): Promise<void>;
  isPledgeSigned(claimId: number): Promise<boolean>;
}

/** The facts beside a claim's status, and its place off the board (archived; deleted awaiting purge). */
export interface ClaimFactsOps {
  /** Gives the claim's latest status change its day and the items asked for with it. */
  recordChangeFacts(
    claimId: number,
    happenedOn: string,
    requested: readonly string[],
    at: string,
  ): Promise<void>;
  historyWithFacts(claimId: number): Promise<StatusChangeRow[]>;
  /** The latest status change of each of the claims. */
  latestChanges(
    claimIds: readonly number[],
  ): Promise<Array<{ claimId: number; happenedOn: string | null; changedAt: string }>>;
  requestedItems(claimId: number): Promise<RequestedItem[]>;
  requestedItem(itemId: number): Promise<RequestedItem | null>;
  setRequestedItemDone(itemId: number, doneAt: string | null, edit?: Edit): Promise<void>;
  exists(claimId: number): Promise<boolean>;
  /** Archives (a time) or restores (null) the claims not already so; answers how many changed. */
  setArchived(ids: readonly number[], archivedAt: string | null): Promise<number>;
  /** Marks deleted (a time) or brings back (null) the claims not already so; answers how many changed. */
  setDeleted(ids: readonly number[], deletedAt: string | null): Promise<number>;
  /**
   * Removes the claims deleted at or before `deletedBefore` with their rows, and the file records no other
   * page uses; answers the hashes of those files (the caller removes the originals after the commit).
   */
  purgeDeleted(deletedBefore: string): Promise<{ claims: number; unusedFiles: string[] }>;
}

export interface DocumentOps {
  /** A document with its pages (originals already stored), their invoice rows and search words; answers its id. */
  insert(
    claimId: number,
    kind: DocumentKind,
    origin: DocumentOrigin,
    pages: readonly NewPage[],
    at: string,
  ): Promise<number>;
  document(id: number): Promise<ClaimDocument | null>;
  idsOfClaim(claimId: number): Promise<number[]>;
  /** Removes the document, its pages and every row derived from them; rebuilds the claim's search words. */
  remove(documentId: number, at: string): Promise<void>;
  claimOfDocument(documentId: number): Promise<number | null>;
  /** How many documents each claim holds (claims without any are absent). */
  counts(claimIds: readonly number[]): Promise<Map<number, number>>;
  /** The kind of the claim's document that already holds these bytes, or null. */
  kindHoldingFile(claimId: number, sha256: string): Promise<string | null>;
  page(pageId: number): Promise<PageRef | null>;
  /** The kind of the document a page belongs to, or null when the page does not exist. */
  pageKind(pageId: number): Promise<string | null>;
  setPageFacts(pageId: number, facts: PageFacts): Promise<void>;
  /** Removes a page (and its document when it was the last one), with its derived rows. */
  removePage(page: PageRef, at: string): Promise<void>;
  /** Points the page at a new stored original; its facts, invoice row and the search words follow. */
  replacePage(page: PageRef, file: NewPage, at: string): Promise<void>;
  /**
   * Moves the page to the claim's last document of `kind` (a new one when there is none), leaving its old
   * document (removed when it was its last page); its facts, invoice row and the search words follow.
   * Answers the document the page is now in.
   */
  reassignPage(page: PageRef, kind: DocumentKind, facts: PageFacts, at: string): Promise<number>;
  /** Swaps the page with its neighbour; false at either end. */
  movePage(page: PageRef, direction: 'up' | 'down', at: string): Promise<boolean>;
  pageFile(
    pageId: number,
  ): Promise<{ sha256: string; mime: string; quality: unknown; originalName: string; upright: Turn } | null>;
  /** Every stored original some page refers to. */
  referencedFiles(): Promise<string[]>;
  pagesUsingFile(sha256: string): Promise<PageUsingFile[]>;
  setConfirmation(documentId: number, check: ConfirmableCheck, confirmed: boolean, at: string): Promise<void>;
  confirmations(documentId: number): Promise<string[]>;
  /** Every confirmation on a claim's documents: document id → check names. */
  claimConfirmations(claimId: number): Promise<Map<number, string[]>>;
  /** Sets (a value) or clears (null) what the person typed for one field of one page (a new page version). */
  setFieldCorrection(
    pageId: number,
    field: string,
    value: FieldValue | null,
    at: string,
    edit?: Edit,
  ): Promise<void>;
  fieldCorrections(pageId: number): Promise<Record<string, FieldValue>>;
  /** Every page's corrections on a claim: page id → field → value. */
  claimFieldCorrections(claimId: number): Promise<Map<number, Record<string, FieldValue>>>;
}

export interface InvoiceOps {
  /** Makes the page's invoice row match its facts (call inside the transaction that wrote the page). */
  indexPage(
    page: { claimId: number; pageId: number; sha256: string; isInvoice: boolean; facts: PageFacts | null },
    at: string,
  ): Promise<void>;
  ofClaim(claimId: number): Promise<StoredInvoice[]>;
  /** Invoices of other claims than `excludeClaimId` with this QR identity. */
  byKey(key: string, excludeClaimId: number): Promise<StoredInvoice[]>;
  /** Invoices of other claims whose photo has exactly these bytes. */
  byFile(sha256: string, excludeClaimId: number): Promise<StoredInvoice[]>;
  /** Photo fingerprints of other claims' invoices (only those without a QR when `withoutKeyOnly`). */
  fingerprints(
    excludeClaimId: number,
    withoutKeyOnly: boolean,
  ): Promise<Array<{ rowId: number; phash: string }>>;
  byRowId(rowId: number): Promise<StoredInvoice | null>;
}

export interface SearchOps {
  /** Rebuilds a claim's search words: its fields and its invoice numbers (the engine's fixed contributors). */
  refresh(claimId: number): Promise<void>;
}

export interface SettingsOps {
  /** The stored JSON text under `key`, or null. */
  read(key: string): Promise<string | null>;
  write(key: string, valueJson: string): Promise<void>;
}

/**
 * A claim's checklist verdict as the board shows it, kept with the claim (SQLite migration 0110, PostgreSQL
 * 0030). What it says and when it still holds is decided above the contract (claim-verdict.ts); the engine
 * stores it and forgets it whenever a row it was made from changes (the claim, its claimant, documents,
 * pages, corrections, confirmations, pledge mark, requested items, its own invoice rows and other claims'
 * rows of the same invoice), whatever code wrote that row.
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

export interface VerdictOps {
  /** The stored verdicts of these claims; a claim without one (never made, or forgotten) is absent. */
  of(claimIds: readonly number[]): Promise<Map<number, StoredVerdict>>;
  /** Stores (or replaces) one claim's verdict. */
  put(verdict: StoredVerdict, at: string): Promise<void>;
}

export interface VersionOps {
  /** A versioned row's version and last change, or null when the row does not exist. */
  stamp(row: VersionedRow, id: number): Promise<EditStamp | null>;
}

/** What every session offers: the engine itself, or a transaction `tx`. */
export interface Session {
  readonly people: PeopleOps;
  readonly claims: ClaimOps;
  readonly claimFacts: ClaimFactsOps;
  readonly documents: DocumentOps;
  readonly invoices: InvoiceOps;
  readonly search: SearchOps;
  readonly settings: SettingsOps;
  readonly versions: VersionOps;
  readonly verdicts: VerdictOps;
  /**
   * Runs `fn` as one transaction (all its writes or none) and answers its value. `immediate` serialises
   * read-then-write sequences with every other immediate transaction of the store, across processes and desks
   * (SQLite: BEGIN IMMEDIATE; PostgreSQL: a transaction-level advisory lock). Inside an open transaction of
   * the same asynchronous context, a call joins it as a savepoint.
   */
  transaction<T>(fn: (tx: Session) => Promise<T>, options?: { immediate?: boolean }): Promise<T>;
}

/** A change another desk (or this one) committed, as the board needs it: which claim or person, no more. */
export interface StoreChange {
  table: 'claims' | 'people' | 'households';
  /** The row's id; null when the engine only knows that something in the table changed (reload it). */
  id: number | null;
  op: 'insert' | 'update' | 'delete';
  /** The writer's desk when the engine knows it. */
  desk: string | null;
}

/** A stored original (content-addressed by sha256). */
export interface StoredOriginal {
  sha256: string;
  size: number;
  /** True when these bytes were already stored (by this desk or another). */
  existed: boolean;
}

/**
 * Where originals live, by sha256: the data folder's files/ for SQLite, the database itself for PostgreSQL
 * (docs/storage.md says why, with figures). A half-written original is never visible to another reader, and
 * the same bytes put twice (at one desk or two) are stored once.
 */
export interface FileStore {
  /** Copies a file of this desk into the store, hashing it on the way. */
  put(sourcePath: string): Promise<StoredOriginal>;
  putBytes(bytes: Uint8Array): Promise<StoredOriginal>;
  /** The original's bytes; a ClaimDeskError `file_missing` when it is not stored. */
  read(sha256: string): Promise<Buffer>;
  has(sha256: string): Promise<boolean>;
  /** Re-hashes the stored bytes. */
  verify(sha256: string): Promise<'ok' | 'missing' | 'mismatch'>;
  /** Removes an original no page refers to any more (after a purge committed). */
  remove(sha256: string): Promise<void>;
}

/** What a snapshot (a backup) holds. */
export interface SnapshotInfo {
  schemaVersion: number;
  hasClaims: boolean;
  claims: number;
}

/** An open store: a session plus the operations on the whole store. */
export interface StorageEngine extends Session {
  readonly kind: 'sqlite' | 'postgres';
  /** Who writes through this engine now; recorded on status history and on every edited row. */
  readonly actor: Actor;
  /** The person signed in changed (a shift change at a shared PC). */
  setActor(actor: Actor): void;
  readonly files: FileStore;
  close(): Promise<void>;
  /** The schema version the store is at (each engine numbers its own migrations). */
  schemaVersion(): Promise<number>;
  /**
   * A consistent copy of every row, taken while others keep writing, as one portable snapshot: the bytes of a
   * self-contained ClaimDesk SQLite store at the latest SQLite schema, whichever engine took it, so a backup
   * opens anywhere (db/snapshot.ts reads one: inspectSnapshot).
   */
  snapshot(): Promise<Uint8Array>;
  /** The engine's own consistency check ('ok' when healthy) and how many references point nowhere. */
  integrity(): Promise<{ integrity: string; foreignKeyProblems: number }>;
  /** A cheap fingerprint of the data: equal fingerprints mean nothing was added, changed or removed. */
  dataChangeMarker(): Promise<string>;
  /** Whether `err` thrown by this engine means the store is damaged (not busy, full, offline or unwritable). */
  isDamage(err: unknown): boolean;
  /**
   * Calls `listener` for every change committed to claims, people and households, by any desk, within about a
   * second (PostgreSQL: LISTEN/NOTIFY; SQLite: this process's commits at once, other processes' through the
   * database's change counter). Answers the function that stops listening.
   */
  onChange(listener: (change: StoreChange) => void): Promise<() => Promise<void>>;
}

// ---------- transitional: the synchronous contract's handle (sync-contract.ts) ----------

declare const storeHandle: unique symbol;

/**
 * An open synchronous store (transitional, until phase 2 of #23 converts the callers). Opaque outside the
 * engine: callers hold it and pass it back to `store` (db/store/index.ts).
 */
export interface Db {
  readonly [storeHandle]: 'claimdesk-store';
}

/** Extra searchable words for one claim (e.g. its invoice numbers), read from the synchronous store. */
export type SearchContributor = (db: Db, claimId: number) => string[];

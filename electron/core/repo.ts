// Repositories over the SQLite schema: households, people, claims, status history, documents. All
// functions are synchronous (better-sqlite3); callers do slow work (hashing, sharp) before calling them.
import type { Db } from './db/open';
import type { DocumentKind, DocumentOrigin } from '../../shared/domain';
import {
  CLAIM_STATUS_LABELS,
  canTransition,
  ClaimStatus,
  type ClaimStatus as ClaimStatusT,
} from '../../shared/lifecycle';
import {
  ClaimInput,
  HouseholdInput,
  PersonInput,
  type Claim,
  type ClaimDocument,
  type ClaimFields,
  type Household,
  type Person,
  type StatusChange,
} from '../../shared/schemas';
import { pageFactsOf, type PageFacts } from '../../shared/page-facts';
import { ClaimDeskError, InvalidInputError, zodToInvalidInput } from './errors';
import { indexInvoicePage } from './invoices/rows';
import { charTokens, ftsPhrase, refreshSearchText } from './db/store/search';

export { refreshSearchText };
export type { SearchContributor } from './db/store/search';

const now = (): string => new Date().toISOString();

// ---------- households and people ----------

interface HouseholdRow {
  id: number;
  name: string;
  notes: string;
  created_at: string;
  updated_at: string;
}

function toHousehold(r: HouseholdRow): Household {
  return { id: r.id, name: r.name, notes: r.notes, createdAt: r.created_at, updatedAt: r.updated_at };
}

export function createHousehold(db: Db, input: unknown): Household {
  const parsed = HouseholdInput.safeParse(input);
  if (!parsed.success) throw zodToInvalidInput(parsed.error);
  const t = now();
  const info = db
    .prepare('INSERT INTO households (name, notes, created_at, updated_at) VALUES (?, ?, ?, ?)')
    .run(parsed.data.name, parsed.data.notes, t, t);
  return getHousehold(db, Number(info.lastInsertRowid));
}

export function getHousehold(db: Db, id: number): Household {
  const row = db.prepare('SELECT * FROM households WHERE id = ?').get(id) as HouseholdRow | undefined;
  if (!row)
    throw new ClaimDeskError('not_found', `找不到户 ${id}`, `household ${id} not found`, {
      field: 'householdId',
    });
  return toHousehold(row);
}

export function listHouseholds(db: Db): Array<Household & { memberCount: number }> {
  const rows = db
    .prepare(
      `SELECT h.*, (SELECT count(*) FROM people p WHERE p.household_id = h.id) AS member_count
       FROM households h ORDER BY h.name COLLATE NOCASE, h.id`,
    )
    .all() as Array<HouseholdRow & { member_count: number }>;
  return rows.map((r) => ({ ...toHousehold(r), memberCount: r.member_count }));
}

interface PersonRow {
  id: number;
  household_id: number;
  name: string;
  id_number: string;
  relation: string;
  insurance_type: string;
  insured_region: string;
  phone: string | null;
  bank_name: string | null;
  bank_number: string | null;
  bank_holder: string | null;
  created_at: string;
  updated_at: string;
}

function toPerson(r: PersonRow): Person {
  return {
    id: r.id,
    householdId: r.household_id,
    name: r.name,
    idNumber: r.id_number,
    relation: r.relation as Person['relation'],
    insuranceType: r.insurance_type as Person['insuranceType'],
    insuredRegion: r.insured_region,
    phone: r.phone,
    bankAccount:
      r.bank_name && r.bank_number && r.bank_holder
        ? { bank: r.bank_name, number: r.bank_number, holder: r.bank_holder }
        : null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function createPerson(db: Db, input: unknown): Person {
  const parsed = PersonInput.safeParse(input);
  if (!parsed.success) throw zodToInvalidInput(parsed.error);
  const p = parsed.data;
  getHousehold(db, p.householdId);
  const dup = db
    .prepare('SELECT id FROM people WHERE household_id = ? AND id_number = ?')
    .get(p.householdId, p.idNumber);
  if (dup) {
    throw new InvalidInputError(
      `这户已经有身份证号为 ${p.idNumber} 的成员`,
      `household already has a person with ID ${p.idNumber}`,
      'idNumber',
    );
  }
  const t = now();
  const info = db
    .prepare(
      `INSERT INTO people (household_id, name, id_number, relation, insurance_type, insured_region, phone,
         bank_name, bank_number, bank_holder, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      p.householdId,
      p.name,
      p.idNumber,
      p.relation,
      p.insuranceType,
      p.insuredRegion,
      p.phone,
      p.bankAccount?.bank ?? null,
      p.bankAccount?.number ?? null,
      p.bankAccount?.holder ?? null,
      t,
      t,
    );
  return getPerson(db, Number(info.lastInsertRowid));
}

export function updatePerson(db: Db, id: number, input: unknown): Person {
  const parsed = PersonInput.safeParse(input);
  if (!parsed.success) throw zodToInvalidInput(parsed.error);
  const p = parsed.data;
  getPerson(db, id);
  db.transaction(() => {
    db.prepare(
      `UPDATE people SET household_id = ?, name = ?, id_number = ?, relation = ?, insurance_type = ?, insured_region = ?,
         phone = ?, bank_name = ?, bank_number = ?, bank_holder = ?, updated_at = ? WHERE id = ?`,
    ).run(
      p.householdId,
      p.name,
      p.idNumber,
      p.relation,
      p.insuranceType,
      p.insuredRegion,
      p.phone,
      p.bankAccount?.bank ?? null,
      p.bankAccount?.number ?? null,
      p.bankAccount?.holder ?? null,
      now(),
      id,
    );
    for (const { id: claimId } of db.prepare('SELECT id FROM claims WHERE claimant_id = ?').all(id) as Array<{
      id: number;
    }>) {
      refreshSearchText(db, claimId);
    }
  })();
  return getPerson(db, id);
}

export function getPerson(db: Db, id: number): Person {
  const row = db.prepare('SELECT * FROM people WHERE id = ?').get(id) as PersonRow | undefined;
  if (!row)
    throw new ClaimDeskError('not_found', `找不到人员 ${id}`, `person ${id} not found`, {
      field: 'personId',
    });
  return toPerson(row);
}

export function listPeople(db: Db, householdId?: number): Person[] {
  const rows = (
    householdId === undefined
      ? db.prepare('SELECT * FROM people ORDER BY household_id, id').all()
      : db.prepare('SELECT * FROM people WHERE household_id = ? ORDER BY id').all(householdId)
  ) as PersonRow[];
  return rows.map(toPerson);
}

// ---------- claims ----------

interface ClaimRow {
  id: number;
  reference: string;
  claimant_id: number;
  applicant_relation: string;
  applicant_person_id: number | null;
  applicant_name: string | null;
  applicant_id_number: string | null;
  care_setting: string;
  hospital: string;
  treatment_region: string;
  visit_date: string | null;
  admission_date: string | null;
  discharge_date: string | null;
  filing_type: string | null;
  filing_date: string | null;
  special_drugs: number;
  total_amount_fen: number | null;
  notes: string;
  status: string;
  created_at: string;
  updated_at: string;
  claimant_name: string;
}

function toClaim(r: ClaimRow): Claim {
  const fields: ClaimFields = {
    claimantId: r.claimant_id,
    applicant:
      r.applicant_relation === 'self'
        ? { relation: 'self' }
        : {
            relation: r.applicant_relation as Exclude<ClaimFields['applicant']['relation'], 'self'>,
            personId: r.applicant_person_id,
            name: r.applicant_name ?? '',
            idNumber: r.applicant_id_number ?? '',
          },
    careSetting: r.care_setting as ClaimFields['careSetting'],
    hospital: r.hospital,
    treatmentRegion: r.treatment_region,
    visitDate: r.visit_date,
    admissionDate: r.admission_date,
    dischargeDate: r.discharge_date,
    crossRegion: r.filing_type
      ? {
          filingType: r.filing_type as NonNullable<ClaimFields['crossRegion']>['filingType'],
          filingDate: r.filing_date,
        }
      : null,
    specialDrugs: r.special_drugs === 1,
    totalAmount: r.total_amount_fen === null ? null : r.total_amount_fen / 100,
    notes: r.notes,
  };
  return {
    id: r.id,
    reference: r.reference,
    status: r.status as ClaimStatusT,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    claimantName: r.claimant_name,
    fields,
  };
}

function parseClaim(input: unknown): ClaimFields {
  const parsed = ClaimInput.safeParse(input);
  if (!parsed.success) throw zodToInvalidInput(parsed.error);
  return parsed.data;
}

function claimColumns(c: ClaimFields): unknown[] {
  const applicant = c.applicant;
  return [
    c.claimantId,
    applicant.relation,
    applicant.relation === 'self' ? null : applicant.personId,
    applicant.relation === 'self' ? null : applicant.name,
    applicant.relation === 'self' ? null : applicant.idNumber,
    c.careSetting,
    c.hospital,
    c.treatmentRegion,
    c.careSetting === 'inpatient' ? null : c.visitDate,
    c.careSetting === 'inpatient' ? c.admissionDate : null,
    c.careSetting === 'inpatient' ? c.dischargeDate : null,
    c.crossRegion?.filingType ?? null,
    c.crossRegion?.filingDate ?? null,
    c.specialDrugs ? 1 : 0,
    c.totalAmount === null ? null : Math.round(c.totalAmount * 100),
    c.notes,
  ];
}

/** Claim references are short, unique and readable over the phone: BX + date + sequence. */
function makeReference(id: number, createdAt: string): string {
  return `BX${createdAt.slice(0, 10).replaceAll('-', '')}-${String(id).padStart(5, '0')}`;
}

export function createClaim(db: Db, input: unknown, options: { createdAt?: string } = {}): Claim {
  const c = parseClaim(input);
  getPerson(db, c.claimantId);
  if (c.applicant.relation !== 'self' && c.applicant.personId !== null) getPerson(db, c.applicant.personId);
  const t = options.createdAt ?? now();
  const id = db.transaction(() => {
    const info = db
      .prepare(
        `INSERT INTO claims (reference, claimant_id, applicant_relation, applicant_person_id, applicant_name, applicant_id_number,
           care_setting, hospital, treatment_region, visit_date, admission_date, discharge_date, filing_type, filing_date,
           special_drugs, total_amount_fen, notes, status, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'draft', ?, ?)`,
      )
      .run(`tmp-${t}-${Math.random()}`, ...claimColumns(c), t, t);
    const newId = Number(info.lastInsertRowid);
    db.prepare('UPDATE claims SET reference = ? WHERE id = ?').run(makeReference(newId, t), newId);
    db.prepare(
      'INSERT INTO claim_status_history (claim_id, from_status, to_status, note, changed_at) VALUES (?, NULL, ?, ?, ?)',
    ).run(newId, 'draft', '新建', t);
    refreshSearchText(db, newId);
    return newId;
  })();
  return getClaim(db, id);
}

export function updateClaim(db: Db, id: number, input: unknown): Claim {
  const c = parseClaim(input);
  const before = getClaim(db, id);
  getPerson(db, c.claimantId);
  db.transaction(() => {
    db.prepare(
      `UPDATE claims SET claimant_id = ?, applicant_relation = ?, applicant_person_id = ?, applicant_name = ?, applicant_id_number = ?,
         care_setting = ?, hospital = ?, treatment_region = ?, visit_date = ?, admission_date = ?, discharge_date = ?,
         filing_type = ?, filing_date = ?, special_drugs = ?, total_amount_fen = ?, notes = ?, updated_at = ? WHERE id = ?`,
    ).run(...claimColumns(c), now(), id);
    // Editing a claim that had passed its checks sends it back to draft: the checks must run again.
    if (before.status === 'ready') recordTransition(db, id, 'ready', 'draft', '修改后需重新检查');
    refreshSearchText(db, id);
  })();
  return getClaim(db, id);
}

const CLAIM_SELECT = `SELECT c.*, p.name AS claimant_name FROM claims c JOIN people p ON p.id = c.claimant_id`;

export function getClaim(db: Db, id: number): Claim {
  const row = db.prepare(`${CLAIM_SELECT} WHERE c.id = ?`).get(id) as ClaimRow | undefined;
  if (!row)
    throw new ClaimDeskError('not_found', `找不到报销单 ${id}`, `claim ${id} not found`, {
      field: 'claimId',
    });
  return toClaim(row);
}

export function findClaimByReference(db: Db, reference: string): Claim | null {
  const row = db.prepare(`${CLAIM_SELECT} WHERE c.reference = ?`).get(reference) as ClaimRow | undefined;
  return row ? toClaim(row) : null;
}

export const CLAIM_SORTS = ['updated', 'created', 'care_end'] as const;
export type ClaimSort = (typeof CLAIM_SORTS)[number];

export interface ClaimListQuery {
  search?: string | undefined;
  status?: ClaimStatusT | undefined;
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

/** Above this many search hits, walking the sort index beats sorting the hits (measured in bench/db.ts). */
const BROAD_SEARCH_HITS = 2_000;
const SORT_INDEX: Record<ClaimSort, string | null> = {
  updated: 'claims_updated',
  created: null,
  care_end: 'claims_care_end',
};

const ORDER_BY: Record<ClaimSort, string> = {
  updated: 'c.updated_at DESC, c.id DESC',
  created: 'c.id DESC',
  // Claims not yet handed in first (only they have a deadline), oldest care first: closest to the deadline.
  care_end: "c.status IN ('draft', 'ready') DESC, c.care_end_date ASC, c.id ASC",
};

/** One page of the claims board, newest first by default. Search is a case-insensitive substring match. */
export function listClaims(db: Db, query: ClaimListQuery = {}): ClaimListPage {
  const pageSize = Math.min(Math.max(query.pageSize ?? 50, 1), 500);
  const page = Math.max(query.page ?? 1, 1);
  const where: string[] = [];
  const params: unknown[] = [];
  if (query.status) {
    const s = ClaimStatus.safeParse(query.status);
    if (!s.success) throw zodToInvalidInput(s.error, 'status');
    where.push('c.status = ?');
    params.push(s.data);
  }
  const search = query.search?.trim().toLowerCase() ?? '';
  let searchSql = '';
  if (search) {
    // 3+ characters: trigram index. Shorter: one token per character, matched as a phrase.
    const trigram = Array.from(search).length >= 3;
    const tokens = trigram ? search : charTokens(search);
    // Punctuation-only input has no searchable characters: it matches nothing rather than everything.
    if (!tokens) return { items: [], total: 0, totalCapped: false, page, pageSize };
    const table = trigram ? 'claims_search_tri' : 'claims_search_chr';
    searchSql = `SELECT rowid FROM ${table} WHERE ${table} MATCH ?`;
    where.push(`c.id IN (${searchSql})`);
    params.push(ftsPhrase(tokens));
  }
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const sort = query.sort ?? 'updated';
  let total: number;
  let broad = false;
  if (!search) {
    total = (db.prepare(`SELECT count(*) AS n FROM claims c ${whereSql}`).get(...params) as { n: number }).n;
  } else {
    const cap = SEARCH_COUNT_CAP + 1;
    const hits = (
      db.prepare(`SELECT count(*) AS n FROM (${searchSql} LIMIT ?)`).get(params[params.length - 1], cap) as {
        n: number;
      }
    ).n;
    total = query.status
      ? (
          db
            .prepare(`SELECT count(*) AS n FROM (SELECT 1 FROM claims c ${whereSql} LIMIT ?)`)
            .get(...params, cap) as { n: number }
        ).n
      : hits;
    broad = hits > BROAD_SEARCH_HITS;
  }
  // A broad search (a common surname, a big hospital) is fastest walking the sort index until the page is
  // full; a narrow one is fastest fetching its few hits and sorting them. SQLite can't know which.
  const from = broad && SORT_INDEX[sort] ? `claims c INDEXED BY ${SORT_INDEX[sort]}` : 'claims c';
  // Page through ids first, then read only the rows shown: deep pages stay cheap.
  const ids = db
    .prepare(`SELECT c.id FROM ${from} ${whereSql} ORDER BY ${ORDER_BY[sort]} LIMIT ? OFFSET ?`)
    .pluck()
    .all(...params, pageSize, (page - 1) * pageSize) as number[];
  const rows = ids.length
    ? (db
        .prepare(`${CLAIM_SELECT} WHERE c.id IN (${ids.map(() => '?').join(',')})`)
        .all(...ids) as ClaimRow[])
    : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return {
    items: ids.map((id) => toClaim(byId.get(id)!)),
    total: search && total > SEARCH_COUNT_CAP ? SEARCH_COUNT_CAP : total,
    totalCapped: search !== '' && total > SEARCH_COUNT_CAP,
    page,
    pageSize,
  };
}

// ---------- life cycle ----------

function recordTransition(db: Db, claimId: number, from: ClaimStatusT, to: ClaimStatusT, note: string): void {
  const t = now();
  db.prepare('UPDATE claims SET status = ?, updated_at = ? WHERE id = ?').run(to, t, claimId);
  db.prepare(
    'INSERT INTO claim_status_history (claim_id, from_status, to_status, note, changed_at) VALUES (?, ?, ?, ?, ?)',
  ).run(claimId, from, to, note, t);
}

/** Moves a claim along its life cycle; anything not in CLAIM_TRANSITIONS is refused and nothing changes. */
export function transitionClaim(db: Db, claimId: number, to: unknown, note = ''): Claim {
  const target = ClaimStatus.safeParse(to);
  if (!target.success) throw zodToInvalidInput(target.error, 'status');
  db.transaction(() => {
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
    recordTransition(db, claimId, claim.status, target.data, note);
  }).immediate();
  return getClaim(db, claimId);
}

export function claimHistory(db: Db, claimId: number): StatusChange[] {
  const rows = db
    .prepare(
      'SELECT from_status, to_status, note, changed_at FROM claim_status_history WHERE claim_id = ? ORDER BY id',
    )
    .all(claimId) as Array<{
    from_status: string | null;
    to_status: string;
    note: string;
    changed_at: string;
  }>;
  return rows.map((r) => ({
    from: r.from_status as ClaimStatusT | null,
    to: r.to_status as ClaimStatusT,
    note: r.note,
    changedAt: r.changed_at,
  }));
}

// ---------- documents ----------

export interface NewPage {
  sha256: string;
  size: number;
  mime: string;
  originalName: string;
  /** What analysePage found (null only for rows made without analysis, e.g. tests of the store). */
  facts: PageFacts | null;
}

function factsJson(facts: PageFacts | null): string | null {
  return facts === null ? null : JSON.stringify(facts);
}

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
  const id = db
    .transaction(() => {
      getClaim(db, claimId);
      const t = now();
      const pos = (
        db
          .prepare('SELECT coalesce(max(position), 0) + 1 AS p FROM documents WHERE claim_id = ?')
          .get(claimId) as { p: number }
      ).p;
      const info = db
        .prepare(
          'INSERT INTO documents (claim_id, kind, position, origin, created_at) VALUES (?, ?, ?, ?, ?)',
        )
        .run(claimId, kind, pos, origin, t);
      const docId = Number(info.lastInsertRowid);
      const insFile = db.prepare(
        'INSERT INTO files (sha256, size, mime, created_at) VALUES (?, ?, ?, ?) ON CONFLICT(sha256) DO NOTHING',
      );
      const insPage = db.prepare(
        'INSERT INTO document_pages (document_id, position, file_sha256, original_name, facts_json) VALUES (?, ?, ?, ?, ?)',
      );
      pages.forEach((p, i) => {
        insFile.run(p.sha256, p.size, p.mime, t);
        const pageId = Number(
          insPage.run(docId, i + 1, p.sha256, p.originalName, factsJson(p.facts)).lastInsertRowid,
        );
        // The claims board's invoice index is written with the page, from the QR its analysis read.
        const row = { claimId, pageId, sha256: p.sha256, facts: p.facts };
        indexInvoicePage(db, { ...row, isInvoice: kind === 'invoice' });
      });
      db.prepare('UPDATE claims SET updated_at = ? WHERE id = ?').run(t, claimId);
      refreshSearchText(db, claimId);
      return docId;
    })
    .immediate();
  return getDocument(db, id);
}

interface PageRow {
  id: number;
  document_id: number;
  position: number;
  file_sha256: string;
  original_name: string;
  facts_json: string | null;
  mime: string;
  size: number;
}

export function getDocument(db: Db, id: number): ClaimDocument {
  const doc = db.prepare('SELECT * FROM documents WHERE id = ?').get(id) as
    | { id: number; claim_id: number; kind: string; position: number; origin: string; created_at: string }
    | undefined;
  if (!doc)
    throw new ClaimDeskError('not_found', `找不到材料 ${id}`, `document ${id} not found`, {
      field: 'documentId',
    });
  const pages = db
    .prepare(
      `SELECT dp.*, f.mime, f.size FROM document_pages dp JOIN files f ON f.sha256 = dp.file_sha256
       WHERE dp.document_id = ? ORDER BY dp.position`,
    )
    .all(id) as PageRow[];
  return {
    id: doc.id,
    claimId: doc.claim_id,
    kind: doc.kind as DocumentKind,
    position: doc.position,
    origin: doc.origin as DocumentOrigin,
    createdAt: doc.created_at,
    pages: pages.map((p) => {
      const stored = p.facts_json === null ? null : (JSON.parse(p.facts_json) as { quality?: unknown });
      return {
        id: p.id,
        position: p.position,
        sha256: p.file_sha256,
        originalName: p.original_name,
        mime: p.mime,
        size: p.size,
        // The report as stored, even from an older analyser whose facts no longer parse: it is still shown.
        quality: stored?.quality ?? null,
        facts: pageFactsOf(stored),
      };
    }),
  };
}

export function listDocuments(db: Db, claimId: number): ClaimDocument[] {
  const ids = db
    .prepare('SELECT id FROM documents WHERE claim_id = ? ORDER BY position, id')
    .all(claimId) as Array<{ id: number }>;
  return ids.map((r) => getDocument(db, r.id));
}

export function removeDocument(db: Db, documentId: number): void {
  db.transaction(() => {
    const doc = getDocument(db, documentId);
    db.prepare('DELETE FROM documents WHERE id = ?').run(documentId);
    db.prepare('UPDATE claims SET updated_at = ? WHERE id = ?').run(now(), doc.claimId);
    refreshSearchText(db, doc.claimId);
  })();
}

export function setPageFacts(db: Db, pageId: number, facts: PageFacts): void {
  db.prepare('UPDATE document_pages SET facts_json = ? WHERE id = ?').run(factsJson(facts), pageId);
}

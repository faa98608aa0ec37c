// Moving a single PC's data folder into the office's shared database (`claimdesk migrate --to URL`, issue #23):
// households, people, claims with their history, requested items and pledge marks, documents, pages with
// their facts, confirmations, typed corrections, the invoice index, and the originals. The folder is read as
// one consistent snapshot (so an old folder is brought to the latest schema first, and is never written); the
// rows go in with new ids from the shared counters, inside ONE transaction: a move that fails midway leaves
// nothing behind. Claim numbers (BX…) stay as they were, so people find their claims by the number they know.
//
// Moving the same folder again changes nothing: a household is recognised by its name and the moment it was
// made, a person by their ID number in it, a claim by its person and the moment it was made; those already
// present are left as they are and only what is new is added. A claim number another claim of the office
// already uses (every folder counts from 1) is replaced by a new one from the shared counter, and reported.
import pg from 'pg';
import { ClaimDeskError } from '../../errors';
import type { Actor, StorageEngine } from '../contract';
import { openSnapshot, SNAPSHOT_TABLES, type SnapshotTable } from '../snapshot';
import { describePgError, makeCx, params, type PgCx } from './cx';
import { IMMEDIATE_LOCK } from './engine';
import { connectionOptions } from './connection';
import { makeReference } from '../rows';
import { refreshSearch } from './search';

type Row = Record<string, unknown>;

/** For each table: the column that ties its rows to a moved claim (how its moved rows are counted). */
const OWNER: Partial<Record<SnapshotTable, { column: string; parent: SnapshotTable }>> = {
  claim_status_history: { column: 'claim_id', parent: 'claims' },
  claim_requested_items: { column: 'claim_id', parent: 'claims' },
  claim_pledge_signatures: { column: 'claim_id', parent: 'claims' },
  documents: { column: 'claim_id', parent: 'claims' },
  document_pages: { column: 'document_id', parent: 'documents' },
  document_confirmations: { column: 'document_id', parent: 'documents' },
  page_field_corrections: { column: 'page_id', parent: 'document_pages' },
  claim_invoices: { column: 'page_id', parent: 'document_pages' },
};

/** Every reference to another moved row, remapped to that row's new id. */
const REFS: Partial<Record<SnapshotTable, Record<string, SnapshotTable>>> = {
  people: { household_id: 'households' },
  claims: { claimant_id: 'people', applicant_person_id: 'people' },
  claim_status_history: { claim_id: 'claims' },
  claim_requested_items: { claim_id: 'claims', history_id: 'claim_status_history' },
  claim_pledge_signatures: { claim_id: 'claims' },
  documents: { claim_id: 'claims' },
  document_pages: { document_id: 'documents' },
  document_confirmations: { document_id: 'documents' },
  page_field_corrections: { page_id: 'document_pages' },
  claim_invoices: { claim_id: 'claims', page_id: 'document_pages' },
};

export interface MoveInReport {
  /** Rows of the folder per table, and how many of them the shared database now holds. */
  tables: Array<{ table: SnapshotTable; inFolder: number; inDatabase: number; added: number }>;
  /** The folder's originals, and how many the shared database holds with the same sha256 (re-hashed). */
  files: { inFolder: number; verified: number; added: number };
  /** Claim numbers as the shared database lists them (moved now or before). */
  references: string[];
  /** Claims moved now whose number another claim of the office already had, and their new number. */
  renumbered: Array<{ from: string; to: string }>;
  /** True when nothing had to be added: the folder was moved before. */
  unchanged: boolean;
}

/**
 * Copies the folder behind `source` (its SQLite engine) into the shared database at `url` (`target`, its
 * PostgreSQL engine: opened, so the schema is current), then checks every count and every original's hash.
 */
export async function moveInto(
  source: StorageEngine,
  target: StorageEngine,
  url: string,
  actor: Actor,
): Promise<MoveInReport> {
  const snap = openSnapshot(await source.snapshot());
  const rows = new Map<SnapshotTable, Row[]>();
  try {
    for (const table of SNAPSHOT_TABLES)
      rows.set(table, snap.prepare(`SELECT * FROM ${table}`).all() as Row[]);
  } finally {
    snap.close();
  }

  // Originals first, each in its own transaction of the file store (stored once, never half-visible): the
  // rows that name them come after, so no row ever points at a missing original.
  const hashes = [...new Set((rows.get('document_pages') ?? []).map((p) => String(p.file_sha256)))];
  let filesAdded = 0;
  for (const sha of hashes) {
    if (await target.files.has(sha)) continue;
    const stored = await target.files.putBytes(await source.files.read(sha));
    if (stored.sha256 !== sha)
      throw new ClaimDeskError(
        'file_missing',
        '数据文件夹里有一份原件已损坏（内容与记录不符），没有迁移任何记录。请先用“检查数据”修复后再迁移',
        `the folder's original ${sha} does not match its hash; nothing was moved`,
      );
    if (!stored.existed) filesAdded += 1;
  }

  const client = new pg.Client(connectionOptions(url));
  try {
    await client.connect();
  } catch (err) {
    throw describePgError(err);
  }
  try {
    const cx = makeCx(
      client,
      false,
      () => actor,
      (fn) => fn(cx),
    );
    await cx.run('BEGIN');
    try {
      await cx.run('SELECT pg_advisory_xact_lock($1)', [IMMEDIATE_LOCK]);
      const result = await copyRows(cx, rows);
      await cx.run('COMMIT');
      const verified = await verify(cx, rows, result.ids, target, hashes);
      return {
        ...verified,
        renumbered: result.renumbered,
        files: { ...verified.files, added: filesAdded },
        tables: verified.tables.map((t) => ({ ...t, added: result.added.get(t.table) ?? 0 })),
        unchanged: filesAdded === 0 && [...result.added.values()].every((n) => n === 0),
      };
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}

type IdMaps = Map<SnapshotTable, Map<number, number>>;

async function copyRows(
  cx: PgCx,
  rows: Map<SnapshotTable, Row[]>,
): Promise<{ ids: IdMaps; added: Map<SnapshotTable, number>; renumbered: MoveInReport['renumbered'] }> {
  const ids: IdMaps = new Map(SNAPSHOT_TABLES.map((t) => [t, new Map<number, number>()]));
  const added = new Map<SnapshotTable, number>();
  const columnsOf = async (table: string) =>
    (
      await cx.q<{ name: string }>(
        `SELECT column_name AS name FROM information_schema.columns
         WHERE table_schema = current_schema() AND table_name = $1 AND is_generated = 'NEVER'`,
        [table],
      )
    ).map((r) => r.name);

  /** Inserts a row with its references remapped and a new id (`id`, or the table's counter); answers it. */
  const insert = async (
    table: SnapshotTable,
    row: Row,
    columns: string[],
    tail = '',
    id?: number,
  ): Promise<number | null> => {
    const refs = REFS[table] ?? {};
    const cols = columns.filter((c) => c !== 'id' && c in row);
    const values: unknown[] = cols.map((c) => {
      const parent = refs[c];
      if (!parent || row[c] === null) return row[c];
      const mapped = ids.get(parent)!.get(Number(row[c]));
      if (mapped === undefined)
        throw new Error(`move-in: ${table}.${c} ${String(row[c])} has no moved ${parent}`);
      return mapped;
    });
    if (id !== undefined) {
      cols.push('id');
      values.push(id);
    }
    const sql = `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${params(cols.length)})${tail}`;
    let newId: number | null = id ?? null;
    let n: number;
    if (columns.includes('id') && id === undefined) {
      newId = (await cx.one<{ id: number }>(`${sql} RETURNING id`, values))!.id;
      n = 1;
    } else n = await cx.run(sql, values);
    added.set(table, (added.get(table) ?? 0) + n);
    return newId;
  };

  // Households: one made at the same moment with the same name is this folder's, moved before.
  const hCols = await columnsOf('households');
  for (const h of rows.get('households')!) {
    const found = await cx.one<{ id: number }>(
      'SELECT id FROM households WHERE name = $1 AND created_at = $2',
      [h.name, h.created_at],
    );
    ids.get('households')!.set(Number(h.id), found?.id ?? (await insert('households', h, hCols))!);
  }
  // People: one ID number per household.
  const pCols = await columnsOf('people');
  for (const p of rows.get('people')!) {
    const household = ids.get('households')!.get(Number(p.household_id))!;
    const found = await cx.one<{ id: number }>(
      'SELECT id FROM people WHERE household_id = $1 AND id_number = $2',
      [household, p.id_number],
    );
    ids.get('people')!.set(Number(p.id), found?.id ?? (await insert('people', p, pCols))!);
  }
  // Claims: one made at the same moment for the same (moved) person is this folder's, moved before (its rows
  // came with it). A new one keeps its number (BX…) unless another claim of the office has it already: then
  // it gets a new number from the shared counter, reported, the way a claim made at a desk gets one.
  const cCols = await columnsOf('claims');
  const fresh = new Set<number>();
  const renumbered: Array<{ from: string; to: string }> = [];
  for (const c of rows.get('claims')!) {
    const claimant = ids.get('people')!.get(Number(c.claimant_id))!;
    const found = await cx.one<{ id: number }>(
      'SELECT id FROM claims WHERE claimant_id = $1 AND created_at = $2',
      [claimant, c.created_at],
    );
    if (found) {
      ids.get('claims')!.set(Number(c.id), found.id);
      continue;
    }
    const next = await cx.one<{ id: number }>(
      `SELECT nextval(pg_get_serial_sequence('claims', 'id'))::int AS id`,
    );
    const taken = await cx.one('SELECT 1 AS x FROM claims WHERE reference = $1', [c.reference]);
    const reference = taken ? makeReference(next!.id, String(c.created_at)) : String(c.reference);
    if (taken) renumbered.push({ from: String(c.reference), to: reference });
    await insert('claims', { ...c, reference }, cCols, '', next!.id);
    ids.get('claims')!.set(Number(c.id), next!.id);
    fresh.add(Number(c.id));
  }

  // The rest belongs to a claim: copied only for claims added now (a claim moved before has its rows).
  const claimOf = new Map<SnapshotTable, (row: Row) => number | null>([
    ['claim_status_history', (r) => Number(r.claim_id)],
    ['claim_requested_items', (r) => Number(r.claim_id)],
    ['claim_pledge_signatures', (r) => Number(r.claim_id)],
    ['documents', (r) => Number(r.claim_id)],
  ]);
  const documentClaim = new Map((rows.get('documents') ?? []).map((d) => [Number(d.id), Number(d.claim_id)]));
  const pageClaim = new Map(
    (rows.get('document_pages') ?? []).map((p) => [
      Number(p.id),
      documentClaim.get(Number(p.document_id)) ?? null,
    ]),
  );
  claimOf.set('document_pages', (r) => documentClaim.get(Number(r.document_id)) ?? null);
  claimOf.set('document_confirmations', (r) => documentClaim.get(Number(r.document_id)) ?? null);
  claimOf.set('page_field_corrections', (r) => pageClaim.get(Number(r.page_id)) ?? null);
  claimOf.set('claim_invoices', (r) => Number(r.claim_id));

  for (const table of SNAPSHOT_TABLES) {
    if (table === 'households' || table === 'people' || table === 'claims') continue;
    const cols = await columnsOf(table);
    if (table === 'files') {
      for (const f of rows.get('files')!) await insert('files', f, cols, ' ON CONFLICT (sha256) DO NOTHING');
      continue;
    }
    if (table === 'settings') {
      // The office's settings stay the office's: a desk's own only fill what is not set yet.
      for (const s of rows.get('settings')!)
        await insert('settings', s, cols, ' ON CONFLICT (key) DO NOTHING');
      continue;
    }
    const owner = claimOf.get(table)!;
    for (const row of rows.get(table)!) {
      const claim = owner(row);
      if (claim === null || !fresh.has(claim)) continue;
      const id = await insert(table, row, cols);
      if (id !== null) ids.get(table)!.set(Number(row.id), id);
    }
  }
  for (const old of fresh) await refreshSearch(cx, ids.get('claims')!.get(old)!);
  return { ids, added, renumbered };
}

/** Counts the moved rows in the shared database and re-hashes every original the folder's pages name. */
async function verify(
  cx: PgCx,
  rows: Map<SnapshotTable, Row[]>,
  ids: IdMaps,
  target: StorageEngine,
  hashes: string[],
): Promise<Omit<MoveInReport, 'unchanged' | 'renumbered'>> {
  const claims = [...ids.get('claims')!.values()];
  const documents = (
    await cx.q<{ id: number }>('SELECT id FROM documents WHERE claim_id = ANY($1)', [claims])
  ).map((r) => r.id);
  const pages = (
    await cx.q<{ id: number }>('SELECT id FROM document_pages WHERE document_id = ANY($1)', [documents])
  ).map((r) => r.id);
  const idsOf: Partial<Record<SnapshotTable, number[]>> = { claims, documents, document_pages: pages };
  const tables: MoveInReport['tables'] = [];
  for (const table of SNAPSHOT_TABLES) {
    const inFolder = rows.get(table)!.length;
    let inDatabase: number;
    const owner = OWNER[table];
    if (owner) {
      const r = await cx.one<{ n: number }>(
        `SELECT count(*)::int AS n FROM ${table} WHERE ${owner.column} = ANY($1)`,
        [idsOf[owner.parent] ?? []],
      );
      inDatabase = r!.n;
    } else if (table === 'files' || table === 'settings') {
      const key = table === 'files' ? 'sha256' : 'key';
      const r = await cx.one<{ n: number }>(
        `SELECT count(*)::int AS n FROM ${table} WHERE ${key} = ANY($1)`,
        [rows.get(table)!.map((x) => x[key])],
      );
      inDatabase = r!.n;
    } else {
      inDatabase = new Set(ids.get(table)!.values()).size;
    }
    tables.push({ table, inFolder, inDatabase, added: 0 });
  }
  let verified = 0;
  for (const sha of hashes) if ((await target.files.verify(sha)) === 'ok') verified += 1;
  const references = (
    await cx.q<{ reference: string }>('SELECT reference FROM claims WHERE id = ANY($1) ORDER BY id', [claims])
  ).map((r) => r.reference);
  return { tables, files: { inFolder: hashes.length, verified, added: 0 }, references };
}

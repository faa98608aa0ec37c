// The page pipeline (electron/core/pages): one sniff, one hash and one decode per imported page, on the
// CLI's path and on the app's (IPC import, stack drop, replace, export), typed facts stored with the page,
// and rows written before migration 0040 carried over into facts. Real files through real sharp into a real
// SQLite file.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/core/api/dispatch';
import { FileGrants } from '../../electron/core/api/grants';
import { createHandlers } from '../../electron/core/api/handlers';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { databasePath } from '../../electron/core/db/open';
import { importDocument } from '../../electron/core/import';
import { checkFile } from '../../electron/core/pages/check';
import { removePage, replacePage } from '../../electron/core/repo';
import { listClaimInvoices } from '../../electron/core/invoices/store';
import { storeAndAnalyse } from '../../electron/core/pages/pipeline';
import { createClaim, getClaim, listClaims, listDocuments } from '../../electron/core/repo';
import { evaluateStoredClaim } from '../../electron/core/claim-evaluation';
import { readWorkMeter, workSince } from '../../electron/core/work-meter';
import { openWorkspace, type Workspace } from '../../electron/core/workspace';
import type { IpcMethod, IpcResponse } from '../../shared/ipc';
import { PageFacts } from '../../shared/page-facts';
import { SAMPLE_OUTPATIENT_CLAIM, seedSampleClaim } from '../helpers/sample-claim';
import { makeTempDir } from '../helpers/tmp';
import { makeInvoicePhoto, vatPayload } from './evaluate-helpers';

/** The work on files alone (the verdicts a step makes are counted apart, in claim-verdict-kept). */
const fileWork = ({ sniffs, hashes, decodes }: { sniffs: number; hashes: number; decodes: number }) => ({
  sniffs,
  hashes,
  decodes,
});

const SAMPLES = resolve(import.meta.dirname, '../../resources/samples');
let tmp: { dir: string; cleanup: () => void };
let ws: Workspace;
let claimId: number;
let claimantId: number;

function newClaim(): number {
  return createClaim(ws.db, { claimantId, ...SAMPLE_OUTPATIENT_CLAIM }).id;
}

function boardIds(search: string): number[] {
  return listClaims(ws.db, { search }).items.map((c) => c.id);
}

beforeAll(async () => {
  tmp = makeTempDir('claimdesk-pipeline-');
  ws = await openWorkspace(join(tmp.dir, 'data'));
  claimantId = seedSampleClaim(ws.db, { person: { phone: undefined }, claim: null }).claimantId;
  claimId = newClaim();
});
afterAll(() => {
  ws.close();
  tmp.cleanup();
});

describe('one analysis per page', () => {
  it('imports photos and a PDF with one sniff, one hash and one decode per page, facts typed and stored', async () => {
    const before = readWorkMeter();
    const doc = await importDocument(ws, {
      claimId,
      kind: 'invoice',
      paths: [
        join(SAMPLES, 'invoice.jpg'),
        join(SAMPLES, 'itemized-bill.jpg'),
        join(SAMPLES, 'e-invoice.pdf'),
      ],
    });
    const work = workSince(before);
    // Three pages: three sniffs and three hashes; two photos decoded once each (a PDF has no pixel decode).
    expect(work).toEqual({ sniffs: 3, hashes: 3, decodes: 2, evaluations: 0 });

    // Read back from the database, not the import's echo.
    const [stored] = listDocuments(ws.db, claimId);
    expect(stored!.pages).toHaveLength(3);
    const facts = stored!.pages.map((p) => PageFacts.parse(p.facts));
    const [photo, , pdf] = facts;
    expect(photo!.fingerprint.sha256).toBe(stored!.pages[0]!.sha256);
    expect(photo!.fingerprint.phash).toMatch(/^[0-9a-f]{16}$/);
    const metrics = photo!.quality!.metrics;
    expect('corners' in metrics && metrics.corners).toHaveLength(4);
    expect('cornersConfidence' in metrics && metrics.cornersConfidence).toBeGreaterThan(0);
    // The sample invoice photo carries a QR code; it was read from the same decode.
    expect(photo!.qr?.payload).toEqual(expect.any(String));
    expect(pdf!.mime).toBe('application/pdf');
    expect(pdf!.quality!.metrics).toMatchObject({ mime: 'application/pdf', pages: expect.any(Number) });
    expect(pdf!.qr).not.toBeNull();
    // The page's quality is the facts' quality report, not a second copy that could drift.
    expect(stored!.pages[0]!.quality).toEqual(photo!.quality);
    expect(doc.pages.map((p) => p.facts)).toEqual(stored!.pages.map((p) => p.facts));
  }, 120_000);
});

describe("one analysis per page on the app's path", () => {
  it('an IPC import, a stack drop, a replace and an export each look at a file once', async () => {
    const out = join(tmp.dir, 'app-bundle.pdf');
    const grants = new FileGrants();
    // The app's handlers with the in-thread analyser (the app's check worker runs the same analysePage in
    // another thread, where this thread's counters cannot see it).
    const handlers = createHandlers(
      { ws },
      {
        shell: 'test',
        version: 'test',
        chooseFiles: async () => [],
        chooseSavePath: async () => out,
        openPath: async () => undefined,
        showInFolder: async () => undefined,
        printPdf: async () => false,
        today: () => '2026-10-20',
      },
      grants,
    );
    const call = async <M extends IpcMethod>(method: M, payload: unknown): Promise<IpcResponse<M>> => {
      const r = await dispatch(handlers, method, payload, { emitProgress: () => undefined });
      if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
      return r.value as IpcResponse<M>;
    };
    const tokens = async (...names: string[]) =>
      (await grants.grant(names.map((n) => join(SAMPLES, n)))).map((g) => g.token);
    const app = newClaim();

    // A drop of two photos and a PDF as one document: each file sniffed, hashed (while it is copied into
    // the store) and decoded once; the PDF has no pixel decode.
    const dropped = await tokens('invoice.jpg', 'itemized-bill.jpg', 'e-invoice.pdf');
    let before = readWorkMeter();
    const doc = await call('importDocument', { claimId: app, kind: 'invoice', files: dropped });
    expect(doc.pages).toHaveLength(3);
    expect(fileWork(workSince(before))).toEqual({ sniffs: 3, hashes: 3, decodes: 2 });

    // A stack dropped on the claim (kinds read from the print): the same one look per file.
    const stack = await tokens('diagnosis.jpg', 'referral.jpg');
    before = readWorkMeter();
    const placed = await call('importStack', { claimId: app, files: stack });
    expect(placed.placed).toHaveLength(2);
    expect(fileWork(workSince(before))).toEqual({ sniffs: 2, hashes: 2, decodes: 2 });

    // Replacing a page: the new file sniffed, hashed and decoded once.
    const [replacement] = await tokens('medical-record.jpg');
    before = readWorkMeter();
    await call('replacePage', { pageId: doc.pages[1]!.id, file: replacement });
    expect(fileWork(workSince(before))).toEqual({ sniffs: 1, hashes: 1, decodes: 1 });

    // The export takes each page's stored type and facts: no sniff, no hash, one decode per photo to draw it.
    const photos = listDocuments(ws.db, app)
      .flatMap((d) => d.pages)
      .filter((p) => p.mime !== 'application/pdf').length;
    expect(photos).toBe(4);
    before = readWorkMeter();
    const exported = await call('exportBundle', { claimId: app, allowIncomplete: true, withImages: false });
    expect(exported?.path).toBe(out);
    expect(fileWork(workSince(before))).toEqual({ sniffs: 0, hashes: 0, decodes: photos });
  }, 240_000);
});

describe('replace and remove keep the invoice index with the page', () => {
  it('replacing an indexed invoice photo leaves only the new invoice, in evaluation and on the board', async () => {
    const photos = join(tmp.dir, 'photos');
    mkdirSync(photos, { recursive: true });
    const oldPhoto = await makeInvoicePhoto(join(photos, 'old.jpg'), {
      payload: vatPayload('31000001', '88.00'),
      layout: 5,
    });
    const newPhoto = await makeInvoicePhoto(join(photos, 'new.jpg'), {
      payload: vatPayload('31000002', '99.00'),
      layout: 6,
    });
    const first = newClaim();
    const doc = await importDocument(ws, { claimId: first, kind: 'invoice', paths: [oldPhoto] });
    // Indexed in the import's own transaction: the board finds the claim by the invoice number at once.
    expect(listClaimInvoices(ws.db, first).map((i) => i.number)).toEqual(['31000001']);
    expect(boardIds('31000001')).toContain(first);

    const before = readWorkMeter();
    const incoming = {
      path: newPhoto,
      mime: 'image/jpeg' as const,
      kind: 'invoice',
      originalName: 'new.jpg',
    };
    replacePage(ws.db, doc.pages[0]!.id, await storeAndAnalyse(ws.dataDir, incoming));
    expect(workSince(before)).toMatchObject({ decodes: 1, hashes: 1 });

    expect(listClaimInvoices(ws.db, first).map((i) => [i.number, i.amount])).toEqual([['31000002', 99]]);
    expect(boardIds('31000001')).not.toContain(first);
    expect(boardIds('31000002')).toContain(first);
    // A second claim with the OLD invoice is not a duplicate of the first any more; one with the new one is.
    const second = newClaim();
    await importDocument(ws, { claimId: second, kind: 'invoice', paths: [oldPhoto] });
    const third = newClaim();
    await importDocument(ws, { claimId: third, kind: 'invoice', paths: [newPhoto] });
    const dupOf = async (id: number) =>
      (await evaluateStoredClaim(ws, id, { today: '2026-10-20' })).problems.filter(
        (p) => p.code === 'duplicate_invoice',
      );
    expect(await dupOf(second)).toEqual([]);
    const firstRef = getClaim(ws.db, first).reference;
    expect((await dupOf(third)).map((p) => p.message).join()).toContain(firstRef);
    expect((await dupOf(first)).map((p) => p.message).join()).toContain('31000002');

    // Removing the page removes its row and its search words in the same transaction.
    removePage(ws.db, doc.pages[0]!.id);
    expect(listClaimInvoices(ws.db, first)).toEqual([]);
    expect(boardIds('31000002')).not.toContain(first);
  }, 120_000);
});

describe('migration 0040', () => {
  it('turns stored quality reports and read invoice QR codes into page facts, dropping quality_json', async () => {
    const dir = join(tmp.dir, 'old');
    const file = databasePath(dir);
    // A store as the previous release left it (schema 30): one checked invoice page whose QR was read and
    // one page never checked. Only the rows the migration reads are written (foreign keys off for that).
    mkdirSync(dir, { recursive: true });
    const db30 = new Database(file);
    for (const m of MIGRATIONS.filter((x) => x.version <= 30)) db30.exec(m.sql);
    db30.pragma('user_version = 30');
    db30.pragma('foreign_keys = OFF');
    const t = '2026-10-01T00:00:00.000Z';
    const sha = 'a'.repeat(64);
    // A real report, as the checker stored it in quality_json.
    const report = await checkFile(join(SAMPLES, 'invoice.jpg'), {
      kind: 'invoice',
      displayName: '发票.jpg',
    });
    const phash = (report.metrics as { phash: string }).phash;
    db30
      .prepare('INSERT INTO files (sha256, size, mime, created_at) VALUES (?, 10, ?, ?)')
      .run(sha, 'image/jpeg', t);
    db30
      .prepare(
        'INSERT INTO document_pages (id, document_id, position, file_sha256, original_name, quality_json) VALUES (7, 3, 1, ?, ?, ?)',
      )
      .run(sha, '发票.jpg', JSON.stringify(report));
    db30
      .prepare(
        'INSERT INTO document_pages (id, document_id, position, file_sha256, original_name, quality_json) VALUES (8, 3, 2, ?, ?, NULL)',
      )
      .run(sha, '未检查.jpg');
    db30
      .prepare(
        `INSERT INTO claim_invoices (claim_id, page_id, file_sha256, format, invoice_key, payload, invoice_code,
           invoice_number, amount_fen, issue_date, phash, created_at)
         VALUES (5, 7, ?, 'vat', 'vat:1234:00000001', '01,04,1234,00000001,120.50,20261001,,', '1234', '00000001', 12050, '2026-10-01', 'ffffffffffffffff', ?)`,
      )
      .run(sha, t);

    // Migration 0040 itself, on those rows (foreign keys still off: the later migrations rebuild tables and
    // would refuse the orphan rows this test writes instead of a whole household).
    const db = db30;
    db.exec(MIGRATIONS.find((m) => m.version === 40)!.sql);
    try {
      const cols = (db.prepare('PRAGMA table_info(document_pages)').all() as Array<{ name: string }>).map(
        (c) => c.name,
      );
      expect(cols).toContain('facts_json');
      expect(cols).not.toContain('quality_json');
      const rows = db.prepare('SELECT id, facts_json FROM document_pages ORDER BY id').all() as Array<{
        id: number;
        facts_json: string;
      }>;
      const checked = PageFacts.parse(JSON.parse(rows[0]!.facts_json));
      expect(checked.quality).toEqual(report);
      expect(checked.fingerprint).toEqual({ sha256: sha, phash });
      expect(checked.qr?.invoice).toMatchObject({
        format: 'vat',
        key: 'vat:1234:00000001',
        number: '00000001',
        amount: 120.5,
        issueDate: '2026-10-01',
      });
      const unchecked = PageFacts.parse(JSON.parse(rows[1]!.facts_json));
      expect(unchecked.quality).toBeNull();
      expect(unchecked.qr).toBeNull();
      // The invoice index now compares by the page's own hash.
      expect(db.prepare('SELECT phash FROM claim_invoices').pluck().get()).toBe(phash);
    } finally {
      db.close();
    }
  });
});

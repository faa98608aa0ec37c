// One reading per page and papers that sort themselves: `claimdesk read` and import read a page through the
// same analysePage (one decode of a photo; the invoice QR merged into the fields the same way), and a stack
// dropped without kinds lands under the kinds printed on its papers; moving a page keeps its derived rows
// (facts, invoice index) consistent. Real sample papers, real OCR models, a real SQLite file.
import sharp from 'sharp';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { store } from '../../electron/core/db/store';
import { importDroppedFiles } from '../../electron/core/import-files';
import { importStack, reassignPage } from '../../electron/core/import-stack';
import { readPaper } from '../../electron/core/pages/reader';
import { createClaim, listDocuments } from '../../electron/core/repo';
import { readWorkMeter, workSince } from '../../electron/core/work-meter';
import { openWorkspace, type Workspace } from '../../electron/core/workspace';
import { PageFacts } from '../../shared/page-facts';
import { stackSummary } from '../../shared/stack';
import { SAMPLE_OUTPATIENT_CLAIM, seedSampleClaim } from '../helpers/sample-claim';
import { makeTempDir } from '../helpers/tmp';

const SAMPLES = resolve(import.meta.dirname, '../../resources/samples');
let tmp: { dir: string; cleanup: () => void };
let ws: Workspace;
let claimantId: number;

const newClaim = (): number => createClaim(ws.db, { claimantId, ...SAMPLE_OUTPATIENT_CLAIM }).id;
const sample = (name: string) => ({ path: join(SAMPLES, name), name });
// The claims board's invoice index, read through the storage contract.
let claimOfTest = 0;
const invoiceRows = (pageId: number): number =>
  store.invoices.ofClaim(ws.db, claimOfTest).filter((i) => i.pageId === pageId).length;

beforeAll(async () => {
  tmp = makeTempDir('claimdesk-stack-');
  ws = await openWorkspace(join(tmp.dir, 'data'));
  claimantId = seedSampleClaim(ws.db, { person: { phone: undefined }, claim: null }).claimantId;
});
afterAll(() => {
  ws.close();
  tmp.cleanup();
});

describe('one reading per page', () => {
  it('reads a photo with one decode', async () => {
    const before = readWorkMeter();
    const r = await readPaper(join(SAMPLES, 'invoice.jpg'));
    expect(workSince(before).decodes).toBe(1);
    expect(r.kind).toBe('invoice');
    expect(r.fields['patientName']?.value).toBe('王秀英');
  }, 120_000);

  it('merges the invoice QR into the fields on import exactly as `read` does', async () => {
    const claimId = newClaim();
    const pdf = join(SAMPLES, 'e-invoice.pdf');
    const { document } = await importDroppedFiles(ws, {
      claimId,
      kind: 'invoice',
      files: [{ path: pdf, name: '电子票据.pdf' }],
    });
    const [stored] = listDocuments(ws.db, claimId).filter((d) => d.id === document.id);
    const facts = PageFacts.parse(stored!.pages[0]!.facts);
    // The QR names the invoice: its code and number come from it (source qr), in the printed field's box.
    expect(facts.qr?.invoice?.number).toEqual(expect.any(String));
    expect(facts.fields?.['invoiceNumber']).toMatchObject({ value: facts.qr!.invoice!.number, source: 'qr' });
    expect(facts.fields?.['invoiceCode']?.source).toBe('qr');
    expect(facts.fields?.['invoiceCode']?.region).toBeDefined();
    // `claimdesk read` of the same file gives the same fields: one function merges them.
    expect((await readPaper(pdf, { kind: 'invoice' })).fields).toEqual(facts.fields);
  }, 120_000);
});

describe('a dropped stack sorts itself', () => {
  it('places each paper under its printed kind, asks about a blank one, and moves a page consistently', async () => {
    const claimId = newClaim();
    claimOfTest = claimId;
    const blank = join(tmp.dir, '空白.jpg');
    await sharp({ create: { width: 1600, height: 1200, channels: 3, background: '#eeeae0' } })
      .jpeg()
      .toFile(blank);
    const files = [
      sample('invoice.jpg'),
      sample('itemized-bill.jpg'),
      sample('diagnosis.jpg'),
      { path: blank, name: '空白.jpg' },
    ];
    const progress: string[] = [];
    const { placed, rejected } = await importStack(ws, {
      claimId,
      files,
      onProgress: (done, total) => progress.push(`${done}/${total}`),
    });
    expect(rejected).toEqual([]);
    expect(progress).toEqual(['1/4', '2/4', '3/4', '4/4']);
    expect(placed.map((p) => [p.name, p.kind])).toEqual([
      ['invoice.jpg', 'invoice'],
      ['itemized-bill.jpg', 'itemized_bill'],
      ['diagnosis.jpg', 'diagnosis_certificate'],
      ['空白.jpg', null],
    ]);
    expect(stackSummary(placed).zh).toBe('1 张发票、1 张费用清单、1 张诊断证明、1 张无法识别 — 请选择');

    // Read back from the database: one document per kind, the blank page under 其他材料.
    const kinds = () =>
      listDocuments(ws.db, claimId).map((d) => [d.kind, d.pages.map((p) => p.originalName)]);
    expect(kinds()).toEqual([
      ['invoice', ['invoice.jpg']],
      ['itemized_bill', ['itemized-bill.jpg']],
      ['diagnosis_certificate', ['diagnosis.jpg']],
      ['other', ['空白.jpg']],
    ]);
    const invoicePage = placed[0]!.pageId;
    // The invoice was checked and read as an invoice: QR read, index row written, invoice fields.
    expect(invoiceRows(invoicePage)).toBe(1);
    const invFacts = PageFacts.parse(listDocuments(ws.db, claimId)[0]!.pages[0]!.facts);
    expect(invFacts.readKind?.kind).toBe('invoice');
    expect(invFacts.quality?.kind).toBe('invoice');

    // The person moves the invoice under 费用清单: it joins that document, its own document goes, its
    // invoice index row goes with it, and its facts are the bill's fields now.
    const bills = await reassignPage(ws, { pageId: invoicePage, kind: 'itemized_bill' });
    expect(bills.kind).toBe('itemized_bill');
    expect(bills.pages.map((p) => [p.originalName, p.position])).toEqual([
      ['itemized-bill.jpg', 1],
      ['invoice.jpg', 2],
    ]);
    expect(invoiceRows(invoicePage)).toBe(0);
    expect(kinds().map(([k]) => k)).toEqual(['itemized_bill', 'diagnosis_certificate', 'other']);
    const moved = PageFacts.parse(bills.pages[1]!.facts);
    expect(moved.qr).toBeNull();
    expect(Object.keys(moved.fields ?? {})).not.toContain('invoiceNumber');

    // And back: a new invoice document, the index row again (read from the page's QR).
    const back = await reassignPage(ws, { pageId: invoicePage, kind: 'invoice' });
    expect(back.kind).toBe('invoice');
    expect(invoiceRows(invoicePage)).toBe(1);
    expect(listDocuments(ws.db, claimId).find((d) => d.kind === 'itemized_bill')!.pages).toHaveLength(1);

    // The blank page is given a kind by the person; the 其他材料 document is gone.
    await reassignPage(ws, { pageId: placed[3]!.pageId, kind: 'insurance_card' });
    expect(kinds().map(([k]) => k)).not.toContain('other');
    await expect(reassignPage(ws, { pageId: invoicePage, kind: 'no_such_kind' })).rejects.toThrow(/kind/);
  }, 400_000);
});

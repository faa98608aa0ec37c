// Duplicate invoices across stored claims, on a real data folder: QR codes decoded from generated photos
// with @zxing/library, perceptual hashes from sharp, rows in SQLite (migration 0020), and the claims board
// finding a claim by invoice number.
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDocument } from '../../electron/core/import';
import { decodeQrCode } from '../../electron/core/invoices/qr';
import { indexClaimInvoices } from '../../electron/core/import';
import { listClaimInvoices } from '../../electron/core/invoices/store';
import { createClaim, listClaims } from '../../electron/core/repo';
import { evaluateStoredClaim, evaluateStoredClaimThrough } from '../../electron/core/claim-evaluation';
import { openStorage } from '../../electron/core/db/engines';
import { evaluateManifest } from '../../electron/core/manifest/evaluate';
import { openWorkspace, type Workspace } from '../../electron/core/workspace';
import { sampleManifest, seedSampleClaim } from '../helpers/sample-claim';
import { makeTempDir } from '../helpers/tmp';
import { makeInvoicePhoto, resaveCopy, vatPayload } from './evaluate-helpers';

let tmp: { dir: string; cleanup: () => void };
let ws: Workspace;
let photos: string;
let claimantId: number;

function newClaim(hospital: string): { id: number; reference: string } {
  const c = createClaim(ws.db, {
    claimantId,
    careSetting: 'outpatient',
    hospital,
    treatmentRegion: '江苏省南京市',
    visitDate: '2026-10-01',
  });
  return { id: c.id, reference: c.reference };
}

async function addInvoices(claimId: number, files: string[]): Promise<void> {
  await importDocument(ws, { claimId, kind: 'invoice', paths: files });
  await indexClaimInvoices(ws, claimId);
}

beforeAll(async () => {
  tmp = makeTempDir();
  ws = await openWorkspace(join(tmp.dir, 'data'));
  photos = join(tmp.dir, 'photos');
  mkdirSync(photos);
  claimantId = seedSampleClaim(ws.db, { person: { phone: undefined }, claim: null }).claimantId;
});
afterAll(() => {
  ws.close();
  tmp.cleanup();
});

describe('invoice QR codes', () => {
  it('decodes the QR of a generated invoice photo, also from a smaller re-saved copy', async () => {
    const payload = vatPayload('00000001', '100.00');
    const photo = await makeInvoicePhoto(join(photos, 'qr.jpg'), { payload });
    expect(await decodeQrCode(photo)).toBe(payload);
    expect(await decodeQrCode(await resaveCopy(photo, join(photos, 'qr-copy.jpg')))).toBe(payload);
    expect(await decodeQrCode(await makeInvoicePhoto(join(photos, 'plain.jpg'), { layout: 9 }))).toBeNull();
  });
});

describe('duplicate invoices across two stored claims', () => {
  it('the same invoice (by QR payload) in a second claim is an error naming the first claim', async () => {
    const first = newClaim('南京市第一医院');
    await addInvoices(first.id, [
      await makeInvoicePhoto(join(photos, 'a1.jpg'), {
        payload: vatPayload('10000001', '120.50'),
        layout: 2,
      }),
    ]);
    const stored = listClaimInvoices(ws.db, first.id);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      format: 'vat',
      number: '10000001',
      amount: 120.5,
      key: 'vat:044031900111:10000001',
    });

    // A different photo of the same paper: other framing/layout noise, same QR.
    const second = newClaim('南京市第二医院');
    await addInvoices(second.id, [
      await makeInvoicePhoto(join(photos, 'a2.jpg'), {
        payload: vatPayload('10000001', '120.50'),
        layout: 3,
      }),
    ]);
    const report = await evaluateStoredClaim(ws, second.id, { today: '2026-11-22' });
    const dup = report.problems.filter((p) => p.code === 'duplicate_invoice');
    expect(dup).toEqual([expect.objectContaining({ severity: 'error', field: 'documents[0].files[0]' })]);
    expect(dup[0]!.message).toContain(first.reference);
    expect(dup[0]!.message).toContain('10000001');
    // …and the first claim now sees the second.
    const back = await evaluateStoredClaim(ws, first.id, { today: '2026-11-22' });
    expect(back.problems.find((p) => p.code === 'duplicate_invoice')?.message).toContain(second.reference);
  });

  it('a re-saved copy of a receipt photo without QR is caught by its image hash (warning)', async () => {
    const first = newClaim('鼓楼医院');
    const original = await makeInvoicePhoto(join(photos, 'b1.jpg'), { layout: 40 });
    await addInvoices(first.id, [original]);
    const second = newClaim('鼓楼医院');
    await addInvoices(second.id, [await resaveCopy(original, join(photos, 'b2.jpg'))]);
    const dup = (await evaluateStoredClaim(ws, second.id, { today: '2026-11-22' })).problems.filter(
      (p) => p.code === 'duplicate_invoice',
    );
    expect(dup).toEqual([expect.objectContaining({ severity: 'warning' })]);
    expect(dup[0]!.message).toContain(first.reference);
  });

  it('a different receipt photo without QR is not taken for a duplicate', async () => {
    const c = newClaim('另一家医院');
    await addInvoices(c.id, [await makeInvoicePhoto(join(photos, 'b3.jpg'), { layout: 41 })]);
    const r = await evaluateStoredClaim(ws, c.id, { today: '2026-11-22' });
    expect(r.problems.filter((p) => p.code === 'duplicate_invoice')).toEqual([]);
  });

  it('two different invoices on the same hospital template are not duplicates', async () => {
    const first = newClaim('同一模板医院');
    await addInvoices(first.id, [
      await makeInvoicePhoto(join(photos, 'c1.jpg'), {
        payload: vatPayload('20000001', '50.00'),
        layout: 77,
      }),
    ]);
    const second = newClaim('同一模板医院');
    await addInvoices(second.id, [
      await makeInvoicePhoto(join(photos, 'c2.jpg'), {
        payload: vatPayload('20000002', '50.00'),
        layout: 77,
      }),
    ]);
    const r = await evaluateStoredClaim(ws, second.id, { today: '2026-11-22' });
    expect(r.problems.filter((p) => p.code === 'duplicate_invoice')).toEqual([]);
  });

  it('an e-invoice PDF in one claim and a photo of its printout in another are the same invoice', async () => {
    const payload = '01,32,,24312000000123456789,88.00,20261001,,';
    const doc = await PDFDocument.create();
    const page = doc.addPage([600, 400]);
    const qr = await doc.embedPng(await QRCode.toBuffer(payload, { margin: 0, width: 120 }));
    page.drawImage(qr, { x: 30, y: 260, width: 100, height: 100 });
    const pdf = join(photos, 'e-invoice.pdf');
    writeFileSync(pdf, await doc.save());
    const first = newClaim('电子发票医院');
    await addInvoices(first.id, [pdf]);
    expect(listClaimInvoices(ws.db, first.id)[0]).toMatchObject({
      format: 'digital',
      number: '24312000000123456789',
      phash: null,
    });
    const second = newClaim('电子发票医院');
    await addInvoices(second.id, [
      await makeInvoicePhoto(join(photos, 'printout.jpg'), { payload, layout: 12 }),
    ]);
    const dup = (await evaluateStoredClaim(ws, second.id, { today: '2026-11-22' })).problems.filter(
      (p) => p.code === 'duplicate_invoice',
    );
    expect(dup).toEqual([expect.objectContaining({ severity: 'error' })]);
    expect(dup[0]!.message).toContain(first.reference);
    expect(dup[0]!.message).toContain('发票号码 24312000000123456789');
  });

  it('the claims board finds a claim by its invoice number', async () => {
    const c = newClaim('搜索医院');
    await addInvoices(c.id, [
      await makeInvoicePhoto(join(photos, 'd1.jpg'), { payload: vatPayload('31415926', '9.90'), layout: 5 }),
    ]);
    const hits = listClaims(ws.db, { search: '31415926' });
    expect(hits.items.map((x) => x.reference)).toEqual([c.reference]);
  });

  it('the claims board finds a claim by the number of its 财政电子票据 (医疗收费电子票据)', async () => {
    const c = newClaim('财政票据医院');
    await addInvoices(c.id, [
      await makeInvoicePhoto(join(photos, 'f1.jpg'), {
        payload: 'CZ-EI-32,1.1.0,32060126,0004731295,3f9a0c,20261001,66.80',
        layout: 2,
      }),
    ]);
    const [row] = listClaimInvoices(ws.db, c.id);
    expect(row).toMatchObject({ format: 'fiscal', number: '0004731295', amount: 66.8 });
    expect(listClaims(ws.db, { search: '0004731295' }).items.map((x) => x.reference)).toEqual([c.reference]);
  });

  it('a manifest evaluated against the data folder finds the stored invoice, and a repeat inside itself', async () => {
    const first = newClaim('清单对比医院');
    const photo = await makeInvoicePhoto(join(photos, 'e1.jpg'), {
      payload: vatPayload('40000001', '300.00'),
      layout: 6,
    });
    await addInvoices(first.id, [photo]);
    const dir = join(tmp.dir, 'manifest');
    mkdirSync(dir);
    copyFileSync(photo, join(dir, 'invoice.jpg'));
    copyFileSync(photo, join(dir, 'invoice-again.jpg'));
    writeFileSync(
      join(dir, 'claim.json'),
      JSON.stringify(
        sampleManifest({
          claimant: { phone: undefined },
          applicant: undefined,
          claim: { careSetting: 'outpatient', hospital: '清单对比医院', totalAmount: 300 },
          documents: [{ kind: 'invoice', files: ['invoice.jpg', 'invoice-again.jpg'] }],
        }),
      ),
    );
    const { report } = await evaluateManifest(join(dir, 'claim.json'), {
      today: '2026-11-22',
      workspace: ws,
    });
    const dup = report.problems.filter((p) => p.code === 'duplicate_invoice');
    expect(dup.map((p) => p.field)).toEqual([
      'documents[0].files[0]',
      'documents[0].files[1]',
      'documents[0].files[1]',
    ]);
    expect(dup[0]!.message).toContain(first.reference);
    expect(dup[2]!.message).toContain('与本单第 1 份发票');
    expect(dup[2]!.message).not.toContain('documents[');
    // The repeated page is left out of the amount check instead of doubling the total.
    expect(report.problems.map((p) => p.code)).not.toContain('amount_mismatch');
  });
});

describe('the verdict through the storage contract', () => {
  it('is the Workspace verdict of every claim above: duplicates by QR, by file and by photo alike', async () => {
    const engine = await openStorage({ dataDir: join(tmp.dir, 'data') }, { desk: 'test', person: null });
    try {
      const { items } = listClaims(ws.db, { pageSize: 100 });
      // The claims above hold every kind of duplicate; a verdict that lost one would differ here.
      expect(items.length).toBeGreaterThanOrEqual(6);
      let duplicates = 0;
      for (const c of items) {
        const through = await evaluateStoredClaimThrough(engine, c.id, { today: '2026-10-08' });
        expect(through).toEqual(await evaluateStoredClaim(ws, c.id, { today: '2026-10-08' }));
        duplicates += through.problems.filter((p) => p.code.includes('duplicate')).length;
      }
      expect(duplicates).toBeGreaterThan(0);
    } finally {
      await engine.close();
    }
  });
});

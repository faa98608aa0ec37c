// The person's field corrections through the channel handlers on a real data folder (real SQLite file,
// real sharp, real QR reading, the real rule engine): a typed value is stored, wins over the invoice's QR
// reading and over a field read into the page's facts (OCR), survives closing and reopening the workspace,
// can be cleared, and a bad value is refused with nothing stored. Removing the document removes them.
import { sqliteOf } from '../../electron/core/db/sqlite';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useIpcSession } from '../helpers/ipc-session';
import { importDocument } from '../../electron/core/import';
import { openWorkspace } from '../../electron/core/workspace';
import { makeInvoicePhoto, vatPayload } from '../integration/evaluate-helpers';

const session = useIpcSession('claimdesk-fields-', {
  chooseSavePath: async (name) => join(session.dir, name),
  today: () => '2026-10-20',
});
const { state, call, ok } = session;

describe('stored field corrections', () => {
  it('win over the QR reading, survive a restart, clear, and go with their document', async () => {
    const h = await ok('createHousehold', { name: '张家' });
    const p = await ok('createPerson', {
      householdId: h.id,
      name: '张三',
      idNumber: '11010519491231002X',
      relation: 'self',
      insuranceType: 'employee',
      insuredRegion: '江苏省南京市',
    });
    const claim = await ok('createClaim', {
      claimantId: p.id,
      careSetting: 'outpatient',
      hospital: '南京市第一医院',
      treatmentRegion: '江苏省南京市',
      visitDate: '2026-10-01',
      totalAmount: 100,
    });
    // A real invoice photo whose QR code says 100.00 yuan, issued 2026-10-01.
    const photo = await makeInvoicePhoto(join(session.dir, 'invoice.jpg'), {
      payload: vatPayload('00000001', '100.00'),
    });
    const doc = await importDocument(state.ws, { claimId: claim.id, kind: 'invoice', paths: [photo] });
    const pageId = doc.pages[0]!.id;
    const problems = async () =>
      (await ok('evaluateClaim', { id: claim.id })).problems
        .filter((x) => x.field?.includes('.fields.') || x.code.startsWith('amount'))
        .map((x) => `${x.code}:${x.severity}`);

    // The QR amount matches the claim: nothing to say.
    expect(await problems()).toEqual([]);

    // The person reads 90 on the paper: their value wins over the QR's 100.
    expect(await ok('setDocumentField', { pageId, field: 'totalAmount', value: 90 })).toEqual({
      pageId,
      fields: { totalAmount: 90 },
    });
    await ok('setDocumentField', { pageId, field: 'patientName', value: ' 王秀英 ' });
    expect(await problems()).toEqual(['name_mismatch:error', 'amount_mismatch:error']);

    // Kept in the database file: a fresh connection to the same folder evaluates the same.
    state.ws.close();
    state.ws = await openWorkspace(join(session.dir, 'data'));
    expect(await problems()).toEqual(['name_mismatch:error', 'amount_mismatch:error']);
    const report = await ok('evaluateClaim', { id: claim.id });
    const name = report.problems.find((x) => x.code === 'name_mismatch')!;
    expect(name.message).toContain('“王秀英”');
    expect(name.marks).toEqual([{ document: 0, page: 0, field: 'patientName' }]);

    // Cleared (null): the reading counts again.
    expect(await ok('setDocumentField', { pageId, field: 'totalAmount', value: null })).toEqual({
      pageId,
      fields: { patientName: '王秀英' },
    });
    expect(await problems()).toEqual(['name_mismatch:error']);

    // Bad values are refused, naming the problem in Chinese; nothing is stored.
    const badDate = await call('setDocumentField', { pageId, field: 'issueDate', value: '2026-02-30' });
    expect(badDate.ok).toBe(false);
    if (!badDate.ok) {
      expect(badDate.error.code).toBe('invalid_input');
      expect(badDate.error.message).toContain('YYYY-MM-DD');
    }
    // An invoice has no diagnosis (it has a visitDate since issue 21: 就诊日期 on outpatient e-invoices).
    const badName = await call('setDocumentField', { pageId, field: 'diagnosis', value: '肺炎' });
    expect(badName.ok).toBe(false);
    if (!badName.ok) expect(badName.error.message).toContain('没有“diagnosis”这一项');
    const badShape = await call('setDocumentField', { pageId, field: 'totalAmount', value: { yuan: 1 } });
    expect(badShape.ok).toBe(false);
    const noPage = await call('setDocumentField', { pageId: 99999, field: 'patientName', value: '张三' });
    expect(noPage.ok).toBe(false);
    if (!noPage.ok) expect(noPage.error.code).toBe('not_found');
    expect(await ok('setDocumentField', { pageId, field: 'patientName', value: '王秀英' })).toEqual({
      pageId,
      fields: { patientName: '王秀英' },
    });

    // A reading stored in the page's facts (where the OCR reader puts its fields) counts until the person
    // corrects it; their value wins.
    await ok('setDocumentField', { pageId, field: 'patientName', value: null });
    const facts = JSON.parse(
      (
        sqliteOf(state.ws.db).prepare('SELECT facts_json FROM document_pages WHERE id = ?').get(pageId) as {
          facts_json: string;
        }
      ).facts_json,
    ) as Record<string, unknown>;
    facts.fields = {
      patientName: {
        value: '王秀英',
        confidence: 0.97,
        source: 'ocr',
        region: { x: 0.6, y: 0.2, w: 0.1, h: 0.03 },
      },
    };
    sqliteOf(state.ws.db)
      .prepare('UPDATE document_pages SET facts_json = ? WHERE id = ?')
      .run(JSON.stringify(facts), pageId);
    const ocrReport = await ok('evaluateClaim', { id: claim.id });
    expect(ocrReport.problems.find((x) => x.code === 'name_mismatch')?.marks).toEqual([
      { document: 0, page: 0, field: 'patientName', region: { x: 0.6, y: 0.2, w: 0.1, h: 0.03 } },
    ]);
    await ok('setDocumentField', { pageId, field: 'patientName', value: '张三' });
    expect(await problems()).toEqual([]);

    await ok('removeDocument', { documentId: doc.id });
    const left = sqliteOf(state.ws.db).prepare('SELECT count(*) AS n FROM page_field_corrections').get() as {
      n: number;
    };
    expect(left.n).toBe(0);
  });
});

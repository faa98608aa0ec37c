// The person's confirmation of the 急诊 mark, through the channel handlers on a real data folder (real SQLite
// file, real sharp, the real quality checker, OCR and rule engine): confirming settles the requirement,
// unconfirming puts it back, and removing the document removes its confirmation.
import { sqliteOf } from '../../electron/core/db/sqlite';
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useIpcSession } from '../helpers/ipc-session';
import { openWorkspace } from '../../electron/core/workspace';

const session = useIpcSession('claimdesk-confirm-', {
  chooseSavePath: async (name) => join(session.dir, name),
  today: () => '2026-10-20',
});
const { state, grants, call, ok } = session;

// The sample certificate passes the photo checks and carries a seal, but shows no 急诊 words for OCR to find:
// what is left is exactly the check a person settles by looking at the paper.
const SAMPLES = resolve(import.meta.dirname, '../../resources/samples');

describe('the 急诊 confirmation', () => {
  it('settles the emergency check when confirmed, and not once unconfirmed or the document is gone', async () => {
    const h = await ok('createHousehold', { name: '张家' });
    const p = await ok('createPerson', {
      householdId: h.id,
      // The sample papers are 王秀英's, for a stay of 2026-09-01…09-10: imported papers are read now, and a
      // different name or a date outside the stay would be a problem of its own.
      name: '王秀英',
      idNumber: '11010519491231002X',
      relation: 'self',
      insuranceType: 'employee',
      insuredRegion: '江苏省南京市',
    });
    const claim = await ok('createClaim', {
      claimantId: p.id,
      careSetting: 'inpatient',
      hospital: '上海市第一人民医院',
      treatmentRegion: '上海市',
      admissionDate: '2026-09-01',
      dischargeDate: '2026-09-10',
      crossRegion: { filingType: 'emergency', filingDate: '2026-09-02' },
    });
    const photo = join(SAMPLES, 'diagnosis.jpg');
    const [grant] = await grants.grant([photo], ['诊断证明.jpg']);
    const doc = await ok('importDocument', {
      claimId: claim.id,
      kind: 'diagnosis_certificate',
      files: [grant!.token],
    });

    const requirementOf = async () => {
      const report = await ok('evaluateClaim', { id: claim.id });
      const req = report.requirements.find((r) => r.kinds.includes('diagnosis_certificate'));
      return { report, req: req! };
    };

    const before = await requirementOf();
    expect(before.req.status).toBe('needs_attention');
    expect(before.req.reason).toContain('急诊');
    // The editor is told this requirement takes a confirmation, with the checkbox's words.
    expect(before.report.confirmable).toEqual([
      expect.objectContaining({
        requirementId: before.req.id,
        check: 'emergency_mark',
        label: '我已核对：诊断证明上写有“急诊”字样',
      }),
    ]);

    const confirmed = await ok('confirmDocument', {
      documentId: doc.id,
      check: 'emergency_mark',
      confirmed: true,
    });
    expect(confirmed).toEqual({ documentId: doc.id, confirmed: ['emergency_mark'] });
    // Confirming twice is harmless.
    await ok('confirmDocument', { documentId: doc.id, check: 'emergency_mark', confirmed: true });
    expect((await ok('getClaim', { id: claim.id })).confirmations).toEqual([
      { documentId: doc.id, check: 'emergency_mark' },
    ]);
    expect((await requirementOf()).req.status).toBe('satisfied');

    // Kept in the database: a fresh connection to the same folder sees it.
    state.ws.close();
    state.ws = await openWorkspace(join(session.dir, 'data'));
    expect((await requirementOf()).req.status).toBe('satisfied');

    // The bundle's cover reads the same evaluation: no 诊断证明 left to deal with once confirmed.
    const coverOf = async () => {
      const out = await ok('exportBundle', { claimId: claim.id, withImages: false, allowIncomplete: true });
      return execFileSync('pdftotext', ['-l', '1', out!.path, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    };
    expect(await coverOf()).not.toMatch(/诊断证明[^，。；]*需要处理/);

    await ok('confirmDocument', { documentId: doc.id, check: 'emergency_mark', confirmed: false });
    expect(await coverOf()).toMatch(/诊断证明[^，。；]*需要处理/);
    expect((await ok('getClaim', { id: claim.id })).confirmations).toEqual([]);
    expect((await requirementOf()).req.status).toBe('needs_attention');

    await ok('confirmDocument', { documentId: doc.id, check: 'emergency_mark', confirmed: true });
    await ok('removeDocument', { documentId: doc.id });
    const left = sqliteOf(state.ws.db).prepare('SELECT count(*) AS n FROM document_confirmations').get() as {
      n: number;
    };
    expect(left.n).toBe(0);
  }, 60_000);

  it('refuses an unknown check or document with a named error', async () => {
    const bad = await call('confirmDocument', { documentId: 1, check: 'seal', confirmed: true });
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    const missing = await call('confirmDocument', {
      documentId: 99999,
      check: 'emergency_mark',
      confirmed: true,
    });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found', field: 'documentId' } });
  });

  it('offers no confirmation on a claim that is not an emergency', async () => {
    const people = await ok('listPeople', {});
    const claim = await ok('createClaim', {
      claimantId: people[0]!.id,
      careSetting: 'outpatient',
      hospital: '南京市鼓楼医院',
      treatmentRegion: '江苏省南京市',
      visitDate: '2026-10-03',
      crossRegion: null,
    });
    expect((await ok('evaluateClaim', { id: claim.id })).confirmable).toEqual([]);
  });
});

describe('the 诚信承诺书 signed mark', () => {
  it('the pledge is a reminder; marked signed (stored in SQLite) it says so, and unmarked again', async () => {
    const h = await ok('createHousehold', { name: '王家' });
    const p = await ok('createPerson', {
      householdId: h.id,
      name: '王秀英',
      idNumber: '11010519491231002X',
      relation: 'self',
      insuranceType: 'resident',
      insuredRegion: '北京市朝阳区',
    });
    const claim = await ok('createClaim', {
      claimantId: p.id,
      careSetting: 'outpatient',
      hospital: '北京市海淀医院',
      treatmentRegion: '北京市海淀区',
      visitDate: '2026-10-01',
    });
    const pledge = async () => {
      const report = await ok('evaluateClaim', { id: claim.id });
      // Ticked online (003): never a requirement, never 需处理.
      expect(report.requirements.map((r) => r.id)).not.toContain('integrity-pledge');
      return report.reminders!.find((r) => r.id === 'integrity-pledge')!;
    };
    expect(await pledge()).toEqual(expect.objectContaining({ done: false }));
    expect((await ok('getClaim', { id: claim.id })).pledgeSigned).toBe(false);
    // Two districts of one city: not 异地, so no question about a missing filing type.
    const report = await ok('evaluateClaim', { id: claim.id });
    expect(report.problems.map((x) => x.code)).not.toContain('cross_region_unstated');

    expect(await ok('markPledgeSigned', { id: claim.id, signed: true })).toEqual({
      id: claim.id,
      signed: true,
    });
    expect(await pledge()).toEqual(expect.objectContaining({ done: true, doneText: '承诺书页已签名' }));
    const row = sqliteOf(state.ws.db)
      .prepare('SELECT signed_at FROM claim_pledge_signatures WHERE claim_id = ?')
      .get(claim.id);
    expect(row).toEqual({ signed_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) });
    expect((await ok('getClaim', { id: claim.id })).pledgeSigned).toBe(true);

    await ok('markPledgeSigned', { id: claim.id, signed: false });
    expect((await pledge()).done).toBe(false);
    const missing = await call('markPledgeSigned', { id: 999_999, signed: true });
    expect(missing.ok).toBe(false);
  });
});

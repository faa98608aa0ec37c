// The board's kept verdicts (claim-verdict.ts, migration 0100) through the app's own channels on a real data
// folder: a page whose verdicts are kept costs no evaluation; every way a claim's facts can change forgets
// its kept verdict (the claim, its claimant, papers, pages, page facts, typed fields, confirmations, the
// pledge mark, the office's requests, another claim's copy of the same invoice, a purge), and so does the
// next day; the board then shows the verdict a fresh evaluation gives.
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useIpcSession } from '../helpers/ipc-session';
import { evaluateClaimVerdict, heldVerdicts, summariseVerdict } from '../../electron/core/claim-verdict';
import { purgeDeletedClaims } from '../../electron/core/claim-trash';
import { store } from '../../electron/core/db/store';
import { listDocuments, setPageFacts } from '../../electron/core/repo';
import { readWorkMeter, workSince } from '../../electron/core/work-meter';
import type { PageFacts } from '../../shared/page-facts';

const SAMPLES = resolve(import.meta.dirname, '../../resources/samples');
let day = '2026-10-01';
const session = useIpcSession('claimdesk-verdicts-', { today: () => day });
const { state, grants, ok } = session;

let person = 0;
async function claim(hospital = '上海市第一人民医院'): Promise<number> {
  if (!person) {
    const h = await ok('createHousehold', { name: '核对家' });
    person = (
      await ok('createPerson', {
        householdId: h.id,
        name: '周九',
        idNumber: '11010519491231002X',
        relation: 'self',
        insuranceType: 'employee',
        insuredRegion: '江苏省南京市',
      })
    ).id;
  }
  return (
    await ok('createClaim', {
      claimantId: person,
      careSetting: 'outpatient',
      hospital,
      treatmentRegion: '江苏省南京市',
      visitDate: '2026-09-10',
      crossRegion: null,
    })
  ).id;
}
async function token(sample: string): Promise<string> {
  const [g] = await grants.grant([join(SAMPLES, sample)]);
  return g!.token;
}
async function attach(claimId: number, kind: string, ...samples: string[]) {
  const files = [];
  for (const s of samples) files.push(await token(s));
  return ok('importDocument', { claimId, kind, files });
}

const held = (id: number): boolean => heldVerdicts(state.ws, [id], day).has(id);

/** The board's checklist cell for a claim, and how many claims were evaluated to answer the request. */
async function boardCell(id: number) {
  const { reference } = (await ok('getClaim', { id })).claim;
  const before = readWorkMeter();
  const page = await ok('listClaims', { search: reference });
  const item = page.items.find((c) => c.id === id);
  if (!item) throw new Error(`claim ${id} is not on the board`);
  return { checklist: item.checklist, evaluations: workSince(before).evaluations };
}

/** What a fresh evaluation says, in the board's words. */
function freshCell(id: number) {
  const v = summariseVerdict(evaluateClaimVerdict(state.ws, id, day));
  return { missing: v.missing + v.attention + v.pendingSignature, ready: v.ready };
}

/** The claim's verdict is kept; `change` forgets it; the board then shows a fresh evaluation's and keeps it. */
async function expectForgotten(id: number, change: () => Promise<unknown> | unknown): Promise<void> {
  await boardCell(id);
  expect(held(id), 'kept before the change').toBe(true);
  await change();
  expect(held(id), 'forgotten by the change').toBe(false);
  const { checklist, evaluations } = await boardCell(id);
  expect(evaluations).toBeGreaterThanOrEqual(1);
  expect(checklist).toEqual(freshCell(id));
  expect(held(id), 'kept again').toBe(true);
}

describe('a page of kept verdicts costs no evaluation', () => {
  it('60 claims: the first look evaluates each once, the next looks none', async () => {
    for (let i = 0; i < 60; i++) await claim(`第${i}医院`);
    const first = readWorkMeter();
    const p1 = await ok('listClaims', { pageSize: 50 });
    expect(workSince(first).evaluations).toBe(50);
    const again = readWorkMeter();
    const p1b = await ok('listClaims', { pageSize: 50 });
    expect(workSince(again).evaluations).toBe(0);
    expect(p1b.items.map((c) => c.checklist)).toEqual(p1.items.map((c) => c.checklist));
    for (const c of p1b.items) expect(c.checklist).toEqual(freshCell(c.id));
    const turn = readWorkMeter();
    await ok('listClaims', { pageSize: 50, page: 2 });
    expect(workSince(turn).evaluations).toBe(10);
    const back = readWorkMeter();
    await ok('listClaims', { pageSize: 50, page: 2 });
    await ok('listClaims', { pageSize: 50, page: 1 });
    expect(workSince(back).evaluations).toBe(0);
  });
});

describe('every change to what a verdict reads forgets it', () => {
  let a = 0;
  let invoiceDoc = 0;
  let invoicePage = 0;

  it('the claim itself: its fields, archive and restore, delete and undo', async () => {
    a = await claim('仁济医院');
    await expectForgotten(a, () =>
      ok('updateClaim', {
        id: a,
        claim: {
          claimantId: person,
          careSetting: 'outpatient',
          hospital: '仁济医院',
          treatmentRegion: '上海市',
          visitDate: '2026-09-12',
          crossRegion: null,
        },
      }),
    );
    await boardCell(a);
    await ok('archiveClaims', { ids: [a], archived: true });
    expect(held(a)).toBe(false);
    await ok('archiveClaims', { ids: [a], archived: false });
    await boardCell(a);
    await ok('deleteClaims', { ids: [a] });
    expect(held(a)).toBe(false);
    await boardCell(a).catch(() => undefined); // not on the board while deleted: nothing kept
    await ok('undeleteClaims', { ids: [a] });
    expect(held(a)).toBe(false);
    expect((await boardCell(a)).checklist).toEqual(freshCell(a));
  });

  it('its claimant', async () => {
    const p = (await ok('getClaim', { id: a })).claimant;
    await expectForgotten(a, () => ok('updatePerson', { id: p.id, person: { ...p, phone: '13800138000' } }));
  });

  // Each import reads its papers (OCR): minutes on a loaded machine.
  it(
    'a paper added, its pages moved, replaced and removed, the paper removed',
    { timeout: 300_000 },
    async () => {
      await expectForgotten(a, async () => {
        const doc = await attach(a, 'invoice', 'invoice.jpg', 'itemized-bill.jpg');
        invoiceDoc = doc.id;
        invoicePage = doc.pages[0]!.id;
      });
      await expectForgotten(a, () => ok('movePage', { pageId: invoicePage, direction: 'down' }));
      const bill = listDocuments(state.ws.db, a)
        .find((d) => d.id === invoiceDoc)!
        .pages.find((p) => p.id !== invoicePage)!;
      await expectForgotten(a, async () =>
        ok('replacePage', { pageId: bill.id, file: await token('medical-record.jpg') }),
      );
      await expectForgotten(a, () => ok('removePage', { pageId: bill.id }));
      const extra = await attach(a, 'discharge_summary', 'discharge-summary.jpg');
      await expectForgotten(a, () => ok('removeDocument', { documentId: extra.id }));
    },
  );

  it('a page moved to another kind of paper, and a page’s facts', { timeout: 120_000 }, async () => {
    const doc = await attach(a, 'medical_record', 'diagnosis.jpg');
    await expectForgotten(a, () =>
      ok('reassignPage', { pageId: doc.pages[0]!.id, kind: 'diagnosis_certificate' }),
    );
    const page = listDocuments(state.ws.db, a).find((d) => d.id === invoiceDoc)!.pages[0]!;
    await expectForgotten(a, () =>
      setPageFacts(state.ws.db, page.id, { ...(page.facts as PageFacts), text: '急诊' }),
    );
  });

  it('a typed field, set and cleared; a confirmation, set and cleared; the pledge mark', async () => {
    await expectForgotten(a, () =>
      ok('setDocumentField', { pageId: invoicePage, field: 'totalAmount', value: 123.45 }),
    );
    await expectForgotten(a, () =>
      ok('setDocumentField', { pageId: invoicePage, field: 'totalAmount', value: null }),
    );
    const cert = listDocuments(state.ws.db, a).find((d) => d.kind === 'diagnosis_certificate')!;
    await expectForgotten(a, () =>
      ok('confirmDocument', { documentId: cert.id, check: 'emergency_mark', confirmed: true }),
    );
    await expectForgotten(a, () =>
      ok('confirmDocument', { documentId: cert.id, check: 'emergency_mark', confirmed: false }),
    );
    await expectForgotten(a, () => ok('markPledgeSigned', { id: a, signed: true }));
    await expectForgotten(a, () => ok('markPledgeSigned', { id: a, signed: false }));
  });

  it('what the office asked for, recorded and ticked', async () => {
    await expectForgotten(a, () =>
      store.claimFacts.recordChangeFacts(
        state.ws.db,
        a,
        '2026-09-20',
        ['医院收费票据原件'],
        '2026-09-20T08:00:00Z',
      ),
    );
    const [item] = (await ok('getClaim', { id: a })).requestedItems;
    await expectForgotten(a, () => ok('setRequestedItemDone', { itemId: item!.id, done: true }));
  });

  it(
    'another claim taking, then giving up, the same invoice (the same file)',
    { timeout: 120_000 },
    async () => {
      const b = await claim('仁济医院');
      let bDoc = 0;
      await expectForgotten(a, async () => {
        bDoc = (await attach(b, 'invoice', 'invoice.jpg')).id;
      });
      // The duplicate is on both claims now, so A's fresh verdict has it.
      expect(
        evaluateClaimVerdict(state.ws, a, day).problems.some((p) => p.code === 'duplicate_invoice'),
      ).toBe(true);
      await expectForgotten(a, () => ok('removeDocument', { documentId: bDoc }));
    },
  );

  it('another claim taking a photo of the same invoice (same QR identity, or within 4 bits of its fingerprint)', async () => {
    const mine = listDocuments(state.ws.db, a).find((d) => d.id === invoiceDoc)!.pages[0]!;
    const facts = mine.facts as PageFacts;
    // Another stored file (so neither the file nor, below, the QR code is the same).
    const other = listDocuments(state.ws.db, a).find((d) => d.kind === 'diagnosis_certificate')!.pages[0]!;
    const c = await claim('仁济医院');
    const addInvoice = (f: PageFacts) =>
      store.engine.transaction(state.ws.db, () =>
        store.documents.insert(
          state.ws.db,
          c,
          'invoice',
          'imported',
          [{ sha256: other.sha256, size: 1, mime: 'image/jpeg', originalName: 'x.jpg', facts: f }],
          new Date().toISOString(),
        ),
      );
    // The sample invoice carries a QR code: the same code on another file is the same invoice.
    expect(facts.qr?.invoice?.key).toBeTruthy();
    {
      let doc = 0;
      await expectForgotten(a, () => {
        doc = addInvoice({
          ...facts,
          fingerprint: { ...facts.fingerprint, sha256: other.sha256, phash: null },
        });
      });
      await expectForgotten(a, () => ok('removeDocument', { documentId: doc }));
    }
    const phash = facts.fingerprint.phash!;
    expect(phash).toMatch(/^[0-9a-f]{16}$/);
    // One bit flipped in four hex digits spread over the fingerprint: 4 bits away, the duplicate threshold.
    const flip = (h: string, at: number[]) =>
      [...h].map((d, i) => (at.includes(i) ? (parseInt(d, 16) ^ 1).toString(16) : d)).join('');
    const near = flip(phash, [0, 4, 8, 13]);
    await expectForgotten(a, () => {
      addInvoice({
        ...facts,
        qr: { payload: null, invoice: null },
        fingerprint: { ...facts.fingerprint, sha256: other.sha256, phash: near },
      });
    });
    expect(evaluateClaimVerdict(state.ws, a, day).problems.some((p) => p.code === 'duplicate_invoice')).toBe(
      true,
    );
    // A photo nothing like it (every digit different) leaves the kept verdict alone.
    await boardCell(a);
    const far = [...phash].map((d) => (parseInt(d, 16) ^ 8).toString(16)).join('');
    addInvoice({
      ...facts,
      qr: { payload: null, invoice: null },
      fingerprint: { ...facts.fingerprint, sha256: other.sha256, phash: far },
    });
    expect(held(a)).toBe(true);
    // The other claim deleted and purged: its invoice rows go, and A's verdict with them.
    await ok('deleteClaims', { ids: [c] });
    await expectForgotten(a, () =>
      purgeDeletedClaims(state.ws.db, session.dir, new Date(Date.now() + 60_000)),
    );
  });
});

describe('a kept verdict holds for its day only', () => {
  it('the next day the board evaluates again, and a passed deadline shows', async () => {
    const id = await claim('华山医院');
    const today = await boardCell(id);
    expect(today.checklist).toEqual(freshCell(id));
    day = '2027-12-01';
    try {
      expect(held(id)).toBe(false);
      const later = await boardCell(id);
      expect(later.evaluations).toBeGreaterThanOrEqual(1);
      expect(later.checklist).toEqual(freshCell(id));
      // The submission deadline has passed by then: an error the first day did not have.
      const v = summariseVerdict(evaluateClaimVerdict(state.ws, id, day));
      expect(v.errors).toBeGreaterThan(
        summariseVerdict(evaluateClaimVerdict(state.ws, id, '2026-10-01')).errors,
      );
      expect(held(id)).toBe(true);
    } finally {
      day = '2026-10-01';
    }
  });
});

describe('verdicts made ahead of the board (the desktop app warms them)', () => {
  let warmDay = '2026-10-01';
  const warm = useIpcSession('claimdesk-verdicts-warm-', { today: () => warmDay, warmVerdicts: true });

  it('a new day: the warmer makes every open claim’s verdict, so no page evaluates any', async () => {
    const h = await warm.ok('createHousehold', { name: '早到家' });
    const p = await warm.ok('createPerson', {
      householdId: h.id,
      name: '郑一',
      idNumber: '11010519491231002X',
      relation: 'self',
      insuranceType: 'employee',
      insuredRegion: '江苏省南京市',
    });
    for (let i = 0; i < 120; i++)
      await warm.ok('createClaim', {
        claimantId: p.id,
        careSetting: 'outpatient',
        hospital: `第${i}医院`,
        treatmentRegion: '江苏省南京市',
        visitDate: '2026-09-10',
        crossRegion: null,
      });
    warmDay = '2026-10-02';
    // The first request of the day kicks a pass; it evaluates only its own page.
    const first = readWorkMeter();
    await warm.ok('listClaims', { pageSize: 50 });
    expect(workSince(first).evaluations).toBe(50);
    await warm.state.verdictWarmer!.idle();
    expect(workSince(first).evaluations).toBe(120);
    const turns = readWorkMeter();
    for (const page of [2, 3, 1]) await warm.ok('listClaims', { pageSize: 50, page });
    expect(workSince(turns).evaluations).toBe(0);
  });
});

// One contract suite, both engines (issue 23): every case below runs on the SQLite engine (a real data folder)
// and on the PostgreSQL engine (a real server: the one .ci/run started, or one this file starts with Debian's
// binaries; skipped, saying so, only when no server binaries exist). No mocks: the same calls must give the
// same answers, the board search included, case for case.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StorageEngine, StoreChange } from '../../electron/core/db/contract';
import { inspectSnapshot, openSnapshot } from '../../electron/core/db/snapshot';
import { StaleWriteError } from '../../electron/core/db/stale';
import {
  claimFields,
  invoiceFacts,
  makeStore,
  personFields,
  sha,
  type EngineKind,
  type TestStore,
} from '../helpers/engines';
import { pgTestServer } from '../helpers/pg-server';

const server = await pgTestServer();
afterAll(() => server?.stop());

const AT = '2026-10-01T08:00:00.000Z';
const later = (minutes: number) => new Date(Date.parse(AT) + minutes * 60_000).toISOString();

describe.each<EngineKind>(['sqlite', 'postgres'])('storage contract on %s', (kind) => {
  const skip = kind === 'postgres' && !server;
  let store: TestStore;
  let e: StorageEngine;
  beforeAll(async () => {
    if (skip) return;
    store = await makeStore(kind, server);
    e = await store.open();
  });
  afterAll(async () => {
    if (!skip) await store.cleanup();
  });

  async function person(name = '张三'): Promise<number> {
    const h = await e.people.insertHousehold({ name: `${name}家`, notes: '' }, AT);
    return e.people.insertPerson(personFields(h, { name }), AT);
  }

  it.skipIf(skip)('households and people: stored, listed (ASCII case folded), versioned', async () => {
    const ids: number[] = [];
    for (const name of ['b户', 'A户', 'a户', '李家'])
      ids.push(await e.people.insertHousehold({ name, notes: '' }, AT));
    const listed = (await e.people.listHouseholds()).filter((h) => ids.includes(h.id)).map((h) => h.name);
    expect(listed).toEqual(['A户', 'a户', 'b户', '李家']);
    const p = await e.people.insertPerson(personFields(ids[3]!, { name: '李四' }), AT);
    const got = await e.people.person(p);
    expect(got).toMatchObject({
      name: '李四',
      householdId: ids[3],
      stamp: { version: 1, desk: 'desk-a', person: '王会计' },
    });
    expect(await e.people.personIdByIdNumber(ids[3]!, got!.idNumber)).toBe(p);
    await e.people.updatePerson(
      p,
      personFields(ids[3]!, { name: '李四四', idNumber: got!.idNumber }),
      later(1),
      {
        expectedVersion: 1,
      },
    );
    expect((await e.people.person(p))?.stamp.version).toBe(2);
    await expect(
      e.people.updatePerson(p, personFields(ids[3]!, { name: '旧的', idNumber: got!.idNumber }), later(2), {
        expectedVersion: 1,
      }),
    ).rejects.toBeInstanceOf(StaleWriteError);
    expect((await e.people.person(p))?.name).toBe('李四四');
    await e.people.renameHousehold(ids[0]!, 'B户', later(3), { expectedVersion: 1 });
    expect((await e.people.household(ids[0]!))?.stamp).toMatchObject({ version: 2, at: later(3) });
    expect(await e.people.claimCountOfPerson(p)).toBe(0);
    await e.people.deletePerson(p);
    expect(await e.people.person(p)).toBeNull();
  });

  it.skipIf(skip)(
    'a claim: reference, history with desk and person, versions, stale edits refused with who/when',
    async () => {
      const claimant = await person();
      const id = await e.claims.insert(claimFields(claimant), AT);
      const c = await e.claims.claim(id);
      expect(c?.reference).toMatch(new RegExp(`^BX20261001-0*${id}$`));
      expect(c?.stamp).toEqual({ version: 1, at: AT, desk: 'desk-a', person: '王会计' });
      expect(await e.claims.byReference(c!.reference)).toMatchObject({ id, claimantName: '张三' });
      await e.claims.update(id, claimFields(claimant, { hospital: '华山医院' }), later(1), {
        expectedVersion: 1,
      });
      await e.claims.recordTransition(id, 'draft', 'ready', '检查通过', later(2), { expectedVersion: 2 });
      const stale = await e.claims
        .update(id, claimFields(claimant, { hospital: '旧医院' }), later(3), { expectedVersion: 2 })
        .catch((err: unknown) => err);
      expect(stale).toBeInstanceOf(StaleWriteError);
      expect((stale as StaleWriteError).current).toEqual({
        version: 3,
        at: later(2),
        desk: 'desk-a',
        person: '王会计',
      });
      expect((stale as StaleWriteError).zh).toMatch(/已在 2026-10-01 16:02 被desk-a 电脑上的 王会计修改/);
      const now = await e.claims.claim(id);
      expect(now).toMatchObject({ status: 'ready', fields: { hospital: '华山医院' }, stamp: { version: 3 } });
      expect((await e.claims.history(id)).map((h) => [h.from, h.to, h.note])).toEqual([
        [null, 'draft', '新建'],
        ['draft', 'ready', '检查通过'],
      ]);
      expect((await e.claimFacts.historyWithFacts(id)).map((h) => [h.desk, h.person])).toEqual([
        ['desk-a', '王会计'],
        ['desk-a', '王会计'],
      ]);
      expect(await e.versions.stamp('claim', id)).toMatchObject({ version: 3 });
      expect(await e.versions.stamp('claim', 999_999)).toBeNull();
      expect(await e.claims.idsOfClaimant(claimant)).toEqual([id]);
      await e.claims.setPledgeSigned(id, true, AT);
      expect(await e.claims.isPledgeSigned(id)).toBe(true);
      await e.claims.setPledgeSigned(id, false, AT);
      expect(await e.claims.isPledgeSigned(id)).toBe(false);
    },
  );

  it.skipIf(skip)('board search: the FTS5 semantics, case for case', async () => {
    // The cases of tests/integration/db-repo.test.ts, plus the edges of both halves of the search.
    const h = await e.people.insertHousehold({ name: '搜索户', notes: '' }, AT);
    const wang = await e.people.insertPerson(personFields(h, { name: '王五' }), AT);
    const other = await e.people.insertPerson(personFields(h, { name: 'René Müller' }), AT);
    const ids: number[] = [];
    for (let i = 0; i < 30; i++)
      ids.push(
        await e.claims.insert(
          claimFields(i % 3 === 0 ? wang : other, {
            hospital: i % 2 ? '仁济医院' : '华山医院',
            treatmentRegion: '上海市',
          }),
          later(i),
        ),
      );
    const total = async (search: string) => (await e.claims.list({ search })).total;
    expect(await total('王五')).toBe(10);
    expect(await total('仁济')).toBe(15);
    expect(await total('仁济医院')).toBe(15);
    expect(await total('王')).toBe(10);
    expect(await total('济华')).toBe(0);
    expect(await total('"*')).toBe(0);
    expect(await total('or "')).toBe(0);
    // 1–2 characters: letters and digits in a row, across spaces and punctuation, Latin accents folded.
    expect(await total('市王')).toBe(10); // …上海市 王五…: the run goes across the space between two words
    expect(await total('é')).toBe(20);
    expect(await total('e')).toBe(20);
    expect(await total('RE')).toBe(20);
    expect(await total('王,')).toBe(10);
    // 3+ characters: a substring of the lower-cased words, spaces and punctuation as typed, no accent folding.
    expect(await total('rené')).toBe(20);
    expect(await total('rene')).toBe(0);
    expect(await total('RENÉ MÜ')).toBe(20);
    expect(await total('%%%')).toBe(0);
    expect(await total('___')).toBe(0);
    expect(await total('上海市 仁济')).toBe(0);
    const ref = (await e.claims.claim(ids[4]!))!.reference;
    expect((await e.claims.list({ search: ref.toLowerCase() })).items.map((c) => c.reference)).toEqual([ref]);
    expect(await total(ref.slice(2, 4))).toBeGreaterThanOrEqual(30);
  });

  it.skipIf(skip)('board list: paging, status filter, sorts, archive and trash', async () => {
    const claimant = await person('排序');
    const ids: number[] = [];
    for (let i = 0; i < 7; i++)
      ids.push(
        await e.claims.insert(
          claimFields(claimant, {
            hospital: '排序医院',
            careSetting: i === 6 ? 'outpatient' : 'inpatient',
            visitDate: i === 6 ? null : null,
            admissionDate: i === 6 ? null : `2026-0${i + 1}-01`,
            dischargeDate: i === 6 ? null : `2026-0${(i % 3) + 1}-05`,
          }),
          later(100 + i),
        ),
      );
    const page = await e.claims.list({ search: '排序医院', pageSize: 3, page: 2 });
    expect(page).toMatchObject({ total: 7, totalCapped: false, page: 2, pageSize: 3 });
    expect(page.items.map((c) => c.id)).toEqual([ids[3], ids[2], ids[1]]);
    await e.claims.recordTransition(ids[0]!, 'draft', 'ready', '', later(200));
    expect((await e.claims.list({ search: '排序医院', status: 'ready' })).items.map((c) => c.id)).toEqual([
      ids[0],
    ]);
    const byCare = await e.claims.list({ search: '排序医院', sort: 'care_end' });
    // Not handed in first; no care end (NULL) before any date, as SQLite sorts; then oldest care, then id.
    expect(byCare.items.map((c) => c.id)).toEqual([ids[6], ids[0], ids[3], ids[1], ids[4], ids[2], ids[5]]);
    expect((await e.claims.list({ search: '排序医院', sort: 'created' })).items[0]!.id).toBe(ids[6]);
    expect(await e.claimFacts.setArchived([ids[1]!, ids[2]!], later(300))).toBe(2);
    expect(await e.claimFacts.setArchived([ids[1]!], later(300))).toBe(0);
    expect(await e.claimFacts.setDeleted([ids[3]!], later(300))).toBe(1);
    expect((await e.claims.list({ search: '排序医院' })).total).toBe(4);
    expect(
      (await e.claims.list({ search: '排序医院', archived: true })).items.map((c) => c.id).sort(),
    ).toEqual([ids[1], ids[2]].sort());
    expect(await e.claimFacts.setDeleted([ids[3]!], null)).toBe(1);
    expect((await e.claims.list({ search: '排序医院' })).total).toBe(5);
  });

  it.skipIf(skip)(
    'documents and pages: facts, invoice index, field corrections (versioned), moves, removal',
    async () => {
      const claimant = await person('材料');
      const claimId = await e.claims.insert(claimFields(claimant), AT);
      const other = await e.claims.insert(claimFields(claimant), AT);
      const pages = [1, 2, 3].map((n) => ({
        sha256: sha(n),
        size: 100 * n,
        mime: 'image/jpeg',
        originalName: `p${n}.jpg`,
        facts: invoiceFacts(sha(n), n === 3 ? null : `0000${n}7`),
      }));
      const docId = await e.documents.insert(claimId, 'invoice', 'imported', pages, later(1));
      const doc = await e.documents.document(docId);
      expect(
        doc?.pages.map((p) => [p.position, p.originalName, p.size, p.facts?.qr?.invoice?.number ?? null]),
      ).toEqual([
        [1, 'p1.jpg', 100, '000017'],
        [2, 'p2.jpg', 200, '000027'],
        [3, 'p3.jpg', 300, null],
      ]);
      expect((await e.invoices.ofClaim(claimId)).map((i) => [i.format, i.number, i.amount])).toEqual([
        ['vat', '000017', 100],
        ['vat', '000027', 100],
        ['none', null, null],
      ]);
      expect((await e.claims.list({ search: '000027' })).items.map((c) => c.id)).toEqual([claimId]);
      await e.documents.insert(other, 'invoice', 'imported', [pages[0]!], later(2));
      expect((await e.invoices.byKey('vat:3100:000017', claimId)).map((i) => i.claimId)).toEqual([other]);
      expect((await e.invoices.byFile(sha(1), other)).map((i) => i.claimId)).toEqual([claimId]);
      const fps = await e.invoices.fingerprints(claimId, true);
      expect(fps).toEqual([]);
      expect((await e.invoices.fingerprints(claimId, false)).length).toBe(1);
      expect(
        (await e.invoices.byRowId((await e.invoices.fingerprints(claimId, false))[0]!.rowId))?.claimId,
      ).toBe(other);
      expect(await e.documents.counts([claimId, other, 999_999])).toEqual(
        new Map([
          [claimId, 1],
          [other, 1],
        ]),
      );
      expect(await e.documents.kindHoldingFile(claimId, sha(2))).toBe('invoice');
      expect(await e.documents.kindHoldingFile(other, sha(2))).toBeNull();
      const [p1, p2, p3] = doc!.pages;
      const ref2 = (await e.documents.page(p2!.id))!;
      expect(ref2).toEqual({ id: p2!.id, documentId: docId, position: 2, claimId });
      expect(await e.documents.pageKind(p2!.id)).toBe('invoice');
      expect(await e.documents.pageFile(p1!.id)).toEqual({
        sha256: sha(1),
        mime: 'image/jpeg',
        quality: null,
        originalName: 'p1.jpg',
        upright: 0,
      });
      // Typed fields: a new page version each; a stale one refused and nothing written.
      expect((await e.versions.stamp('page', p2!.id))?.version).toBe(1);
      await e.documents.setFieldCorrection(p2!.id, 'totalAmount', 99.5, later(3), { expectedVersion: 1 });
      await expect(
        e.documents.setFieldCorrection(p2!.id, 'totalAmount', 1, later(4), { expectedVersion: 1 }),
      ).rejects.toBeInstanceOf(StaleWriteError);
      await e.documents.setFieldCorrection(p2!.id, 'patientName', '张三', later(5));
      expect(await e.documents.fieldCorrections(p2!.id)).toEqual({ patientName: '张三', totalAmount: 99.5 });
      expect(await e.documents.claimFieldCorrections(claimId)).toEqual(
        new Map([[p2!.id, { patientName: '张三', totalAmount: 99.5 }]]),
      );
      await e.documents.setConfirmation(docId, 'emergency_mark', true, later(6));
      expect(await e.documents.confirmations(docId)).toEqual(['emergency_mark']);
      expect(await e.documents.claimConfirmations(claimId)).toEqual(new Map([[docId, ['emergency_mark']]]));
      // Moving, reassigning and removing pages renumber what is left.
      expect(await e.documents.movePage(ref2, 'up', later(7))).toBe(true);
      expect((await e.documents.document(docId))!.pages.map((p) => p.id)).toEqual([p2!.id, p1!.id, p3!.id]);
      expect(await e.documents.movePage((await e.documents.page(p2!.id))!, 'up', later(8))).toBe(false);
      const moved = await e.documents.reassignPage(
        (await e.documents.page(p3!.id))!,
        'itemized_bill',
        invoiceFacts(sha(3), null),
        later(9),
      );
      expect(moved).not.toBe(docId);
      expect((await e.documents.idsOfClaim(claimId)).length).toBe(2);
      expect((await e.invoices.ofClaim(claimId)).length).toBe(2);
      await e.documents.replacePage(
        (await e.documents.page(p1!.id))!,
        { ...pages[0]!, sha256: sha(9), originalName: 'new.jpg', facts: invoiceFacts(sha(9), '000097') },
        later(10),
      );
      expect((await e.invoices.ofClaim(claimId)).map((i) => i.number).sort()).toEqual(['000027', '000097']);
      expect((await e.documents.pagesUsingFile(sha(9))).map((p) => p.originalName)).toEqual(['new.jpg']);
      expect(new Set(await e.documents.referencedFiles())).toEqual(new Set([sha(1), sha(2), sha(3), sha(9)]));
      await e.documents.removePage((await e.documents.page(p3!.id))!, later(11));
      expect((await e.documents.idsOfClaim(claimId)).length).toBe(1);
      await e.documents.remove(docId, later(12));
      expect(await e.documents.document(docId)).toBeNull();
      expect(await e.invoices.ofClaim(claimId)).toEqual([]);
      expect(await e.documents.fieldCorrections(p2!.id)).toEqual({});
    },
  );

  it.skipIf(skip)('status facts, requested items (versioned) and the purge of deleted claims', async () => {
    const claimant = await person('补充');
    const id = await e.claims.insert(claimFields(claimant), AT);
    await e.claims.recordTransition(id, 'draft', 'submitted', '', later(1));
    await e.claims.recordTransition(id, 'submitted', 'more_info_requested', '要补材料', later(2));
    await e.claimFacts.recordChangeFacts(id, '2026-09-30', ['住院病历', '费用清单'], later(2));
    const history = await e.claimFacts.historyWithFacts(id);
    expect(history.at(-1)).toMatchObject({
      to: 'more_info_requested',
      happenedOn: '2026-09-30',
      note: '要补材料',
    });
    expect((await e.claimFacts.latestChanges([id])).map((r) => [r.claimId, r.happenedOn])).toEqual([
      [id, '2026-09-30'],
    ]);
    const items = await e.claimFacts.requestedItems(id);
    expect(items.map((i) => i.text)).toEqual(['住院病历', '费用清单']);
    await e.claimFacts.setRequestedItemDone(items[0]!.id, later(3), { expectedVersion: 1 });
    await expect(
      e.claimFacts.setRequestedItemDone(items[0]!.id, null, { expectedVersion: 1 }),
    ).rejects.toBeInstanceOf(StaleWriteError);
    expect((await e.claimFacts.requestedItem(items[0]!.id))?.doneAt).toBe(later(3));
    expect(await e.claimFacts.exists(id)).toBe(true);
    await e.documents.insert(
      id,
      'invoice',
      'imported',
      [{ sha256: sha(77), size: 1, mime: 'image/jpeg', originalName: 'x.jpg', facts: null }],
      AT,
    );
    await e.claimFacts.setDeleted([id], later(4));
    expect(await e.claimFacts.purgeDeleted(later(3))).toEqual({ claims: 0, unusedFiles: [] });
    expect(await e.claimFacts.purgeDeleted(later(5))).toEqual({ claims: 1, unusedFiles: [sha(77)] });
    expect(await e.claimFacts.exists(id)).toBe(false);
  });

  it.skipIf(skip)(
    'kept verdicts: stored, and forgotten when a row they were made from changes, by any write',
    async () => {
      const claimant = await person('判定');
      const bystander = await person('旁人');
      const a = await e.claims.insert(claimFields(claimant), AT);
      const b = await e.claims.insert(claimFields(bystander), AT);
      const keep = async (...ids: number[]) => {
        for (const id of ids)
          await e.verdicts.put(
            { claimId: id, evaluatedOn: '2026-10-01', basis: 'v1', summaryJson: `{"claim":${id}}` },
            AT,
          );
      };
      const held = async () => [...(await e.verdicts.of([a, b, 999_999])).keys()].sort((x, y) => x - y);
      await keep(a, b);
      expect(await e.verdicts.of([a])).toEqual(
        new Map([[a, { claimId: a, evaluatedOn: '2026-10-01', basis: 'v1', summaryJson: `{"claim":${a}}` }]]),
      );
      await keep(a); // replaced, not doubled
      expect(await held()).toEqual([a, b]);
      // Each write below touches only claim a's rows: a's verdict goes, b's stays.
      const onlyA = async (write: () => Promise<unknown>) => {
        await keep(a);
        await write();
        expect(await held()).toEqual([b]);
      };
      await onlyA(() => e.claims.update(a, claimFields(claimant, { hospital: '华山医院' }), later(1)));
      const p = (await e.people.person(claimant))!;
      await onlyA(() => e.people.updatePerson(claimant, { ...p, name: '判定二' }, later(2)));
      let docId = 0;
      await onlyA(async () => {
        docId = await e.documents.insert(
          a,
          'invoice',
          'imported',
          [
            {
              sha256: sha(71),
              size: 10,
              mime: 'image/jpeg',
              originalName: 'a.jpg',
              facts: invoiceFacts(sha(71), '0000717'),
            },
          ],
          later(3),
        );
      });
      const pageId = (await e.documents.document(docId))!.pages[0]!.id;
      await onlyA(() => e.documents.setPageFacts(pageId, invoiceFacts(sha(71), '0000718')));
      await onlyA(() => e.documents.setFieldCorrection(pageId, 'totalAmount', 12.5, later(4)));
      await onlyA(() => e.documents.setConfirmation(docId, 'emergency_mark', true, later(5)));
      await onlyA(() => e.claims.setPledgeSigned(a, true, later(6)));
      await onlyA(() => e.claimFacts.recordChangeFacts(a, '2026-09-30', ['住院病历'], later(7)));
      // Another claim taking the same invoice (same file, same number) forgets both.
      await keep(a, b);
      await e.documents.insert(
        b,
        'invoice',
        'imported',
        [
          {
            sha256: sha(71),
            size: 10,
            mime: 'image/jpeg',
            originalName: 'b.jpg',
            facts: invoiceFacts(sha(71), '0000718'),
          },
        ],
        later(8),
      );
      expect(await held()).toEqual([]);
      // a's paper removed: its invoice row goes, so b (which held the same invoice) is forgotten too.
      await keep(a, b);
      await e.documents.remove(docId, later(9));
      expect(await held()).toEqual([]);
      await keep(b);
      // Marked deleted (an update of the claim row): forgotten.
      await keep(a);
      await e.claimFacts.setDeleted([a], later(10));
      expect(await held()).toEqual([b]);
    },
  );

  it.skipIf(skip)('settings', async () => {
    expect(await e.settings.read('ui')).toBeNull();
    await e.settings.write('ui', '{"a":1}');
    await e.settings.write('ui', '{"a":2}');
    expect(await e.settings.read('ui')).toBe('{"a":2}');
  });

  it.skipIf(skip)(
    'transactions: all or nothing; nested calls (through tx or the engine) join as savepoints',
    async () => {
      const before = (await e.people.listHouseholds()).length;
      await expect(
        e.transaction(async (tx) => {
          await tx.people.insertHousehold({ name: '甲', notes: '' }, AT);
          // The engine itself, from inside the callback, joins rather than waiting behind the transaction.
          await e.people.insertHousehold({ name: '乙', notes: '' }, AT);
          throw new Error('refused after two writes');
        }),
      ).rejects.toThrow('refused after two writes');
      expect((await e.people.listHouseholds()).length).toBe(before);
      const kept = await e.transaction(
        async (tx) => {
          const a = await tx.people.insertHousehold({ name: '丙', notes: '' }, AT);
          await tx
            .transaction(async (inner) => {
              await inner.people.insertHousehold({ name: '丁', notes: '' }, AT);
              throw new Error('inner refused');
            })
            .catch(() => undefined);
          // A failed statement inside is undone to its savepoint; the transaction goes on.
          await tx.claims.insert(claimFields(999_999), AT).catch(() => undefined);
          return a;
        },
        { immediate: true },
      );
      const names = (await e.people.listHouseholds()).map((h) => h.name);
      expect(names).toContain('丙');
      expect(names).not.toContain('丁');
      expect((await e.people.household(kept))?.name).toBe('丙');
    },
  );

  it.skipIf(skip)('while a transaction is open, other callers wait and then see it whole', async () => {
    const other = await store.open('desk-b', null);
    let inside = 0;
    const tx = e.transaction(
      async (t) => {
        await t.people.insertHousehold({ name: '等待户1', notes: '' }, AT);
        await new Promise((r) => setTimeout(r, 150));
        inside = (await t.people.listHouseholds()).filter((h) => h.name.startsWith('等待户')).length;
        await t.people.insertHousehold({ name: '等待户2', notes: '' }, AT);
      },
      { immediate: true },
    );
    await new Promise((r) => setTimeout(r, 30));
    // Another desk reads meanwhile: none of the open transaction's rows, then (after it) both.
    const during = (await other.people.listHouseholds()).filter((h) => h.name.startsWith('等待户')).length;
    await tx;
    const after = (await other.people.listHouseholds()).filter((h) => h.name.startsWith('等待户')).length;
    expect([inside, during, after]).toEqual([1, 0, 2]);
  });

  it.skipIf(skip)(
    'two desks edit one claim: the later save is refused with who and when, nothing lost',
    async () => {
      const deskB = await store.open('desk-b', '李护士');
      const claimant = await person('并发');
      const id = await e.claims.insert(claimFields(claimant), AT);
      const seenByA = await e.claims.claim(id);
      const seenByB = await deskB.claims.claim(id);
      await deskB.claims.update(id, claimFields(claimant, { notes: 'B 写的' }), later(5), {
        expectedVersion: seenByB!.stamp.version,
      });
      const err = await e.claims
        .update(id, claimFields(claimant, { notes: 'A 写的' }), later(6), {
          expectedVersion: seenByA!.stamp.version,
        })
        .catch((x: unknown) => x);
      expect(err).toBeInstanceOf(StaleWriteError);
      expect((err as StaleWriteError).current).toMatchObject({
        desk: 'desk-b',
        person: '李护士',
        at: later(5),
        version: 2,
      });
      expect((await e.claims.claim(id))?.fields.notes).toBe('B 写的');
      // Reload and reapply: accepted on the version now shown.
      await e.claims.update(id, claimFields(claimant, { notes: 'A 写的' }), later(7), { expectedVersion: 2 });
      expect((await deskB.claims.claim(id))?.stamp).toMatchObject({ version: 3, desk: 'desk-a' });
    },
  );

  it.skipIf(skip)('another desk’s change reaches a listener within 2 s', async () => {
    const deskB = await store.open('desk-b', null);
    const seen: StoreChange[] = [];
    const stop = await e.onChange((c) => seen.push(c));
    const claimant = await person('通知');
    const t0 = Date.now();
    const id = await deskB.claims.insert(claimFields(claimant), AT);
    while (
      Date.now() - t0 < 2000 &&
      !seen.some((c) => c.table === 'claims' && (c.id === id || c.id === null))
    )
      await new Promise((r) => setTimeout(r, 20));
    expect(Date.now() - t0).toBeLessThan(2000);
    if (kind === 'postgres')
      expect(seen).toContainEqual({ table: 'claims', id, op: 'insert', desk: 'desk-b' });
    // This desk's own commits are told at once, with the row.
    seen.length = 0;
    await e.claims.touch(id, later(1));
    const t1 = Date.now();
    while (Date.now() - t1 < 2000 && seen.length === 0) await new Promise((r) => setTimeout(r, 20));
    expect(seen).toContainEqual({ table: 'claims', id, op: 'update', desk: 'desk-a' });
    await stop();
  });

  it.skipIf(skip)('a snapshot is a self-contained SQLite store with every row', async () => {
    const bytes = await e.snapshot();
    const info = inspectSnapshot(bytes);
    const listed = await e.claims.list({ pageSize: 1 });
    expect(info.hasClaims).toBe(true);
    expect(info.claims).toBeGreaterThanOrEqual(listed.total);
    expect(Buffer.from(bytes.subarray(0, 16)).toString('latin1')).toBe('SQLite format 3\0');
    expect([bytes[18], bytes[19]]).toEqual([1, 1]);
    const snap = openSnapshot(bytes);
    try {
      const first = listed.items[0]!;
      expect(snap.prepare('SELECT reference FROM claims WHERE id = ?').pluck().get(first.id)).toBe(
        first.reference,
      );
      expect(snap.pragma('integrity_check', { simple: true })).toBe('ok');
      // The search words came along: the snapshot's own board finds the claim.
      expect(
        snap
          .prepare('SELECT count(*) FROM claims_search_tri WHERE claims_search_tri MATCH ?')
          .pluck()
          .get(`"${first.reference.toLowerCase()}"`),
      ).toBe(1);
    } finally {
      snap.close();
    }
    expect(await e.integrity()).toEqual({ integrity: 'ok', foreignKeyProblems: 0 });
    const marker = await e.dataChangeMarker();
    expect(await e.dataChangeMarker()).toBe(marker);
    await e.settings.write('x', '1');
    await e.people.insertHousehold({ name: '标记', notes: '' }, AT);
    expect(await e.dataChangeMarker()).not.toBe(marker);
  });

  it.skipIf(skip)('originals: stored once by content, read back whole, verified, removed', async () => {
    const bytes = new Uint8Array(2_500_000).map((_, i) => (i * 31) % 251);
    const a = await e.files.putBytes(bytes);
    expect(a.existed).toBe(false);
    expect(a.size).toBe(bytes.length);
    const deskB = await store.open('desk-b', null);
    // The SQLite engine's originals live in the data folder: another desk of the same folder sees them too.
    expect((await deskB.files.putBytes(bytes)).existed).toBe(true);
    expect(Buffer.compare(await deskB.files.read(a.sha256), Buffer.from(bytes))).toBe(0);
    expect(await e.files.has(a.sha256)).toBe(true);
    expect(await e.files.verify(a.sha256)).toBe('ok');
    expect(await e.files.verify(sha(12345))).toBe('missing');
    await expect(e.files.read(sha(12345))).rejects.toMatchObject({ code: 'file_missing' });
    await e.files.remove(a.sha256);
    expect(await e.files.has(a.sha256)).toBe(false);
  });

  it.skipIf(skip)(
    'the same photo put at two desks at once is stored once, and never seen half-written',
    async () => {
      const deskB = await store.open('desk-b', null);
      const bytes = new Uint8Array(12_000_000).map((_, i) => (i * 7 + 3) % 256);
      const { createHash } = await import('node:crypto');
      const digest = createHash('sha256').update(bytes).digest('hex');
      let partial = false;
      let watching = true;
      const watch = (async () => {
        const c = await store.open('desk-c', null);
        while (watching) {
          if (await c.files.has(digest)) {
            const got = await c.files.read(digest);
            if (got.length !== bytes.length) partial = true;
          }
          await new Promise((r) => setTimeout(r, 5));
        }
      })();
      const [x, y] = await Promise.all([e.files.putBytes(bytes), deskB.files.putBytes(bytes)]);
      watching = false;
      await watch;
      expect(partial).toBe(false);
      // PostgreSQL: the primary key makes the second desk wait for the first and find its bytes. The data folder
      // (SQLite) may tell both writers "new" when they rename at the same moment, but it keeps one file.
      if (kind === 'postgres') expect([x.existed, y.existed].sort()).toEqual([false, true]);
      else expect([x.existed, y.existed]).toContain(false);
      expect(Buffer.compare(await e.files.read(digest), Buffer.from(bytes))).toBe(0);
    },
  );
});

// Status changes with their facts, through the handlers on a real data folder (real SQLite file, migrations
// up to 0080): the day (not in the future, not before the claim was made), the note, 补充材料's list becoming
// checklist items the one verdict counts until ticked, 未通过's reason, and the bulk move claim by claim.
import { describe, expect, it } from 'vitest';
import { useIpcSession } from '../helpers/ipc-session';
import { sqliteOf } from '../../electron/core/db/sqlite';
import { isReadyToSubmit } from '../../shared/evaluation';

const TODAY = '2026-10-01';
const session = useIpcSession('claimdesk-status-', { today: () => TODAY });
const { state, call, ok } = session;

let person = 0;
/** A claim made on 2026-09-15 (set in the file, as if created then), put in `status` directly. */
async function claimIn(status: string): Promise<number> {
  if (!person) {
    const h = await ok('createHousehold', { name: '状态家' });
    person = (
      await ok('createPerson', {
        householdId: h.id,
        name: '孙丽',
        idNumber: '11010519491231002X',
        relation: 'self',
        insuranceType: 'employee',
        insuredRegion: '江苏省南京市',
      })
    ).id;
  }
  const c = await ok('createClaim', {
    claimantId: person,
    careSetting: 'outpatient',
    hospital: '鼓楼医院',
    treatmentRegion: '江苏省南京市',
    visitDate: '2026-09-10',
    crossRegion: null,
  });
  sqliteOf(state.ws.db)
    .prepare("UPDATE claims SET status = ?, created_at = '2026-09-15T02:00:00.000Z' WHERE id = ?")
    .run(status, c.id);
  return c.id;
}

describe('a status change carries a day and a note', () => {
  it('records the day given, and refuses a day in the future or before the claim was made, changing nothing', async () => {
    const id = await claimIn('submitted');
    const before = await ok('getClaim', { id });
    for (const [date, words] of [
      ['2026-10-02', '不能晚于今天'],
      ['2026-09-14', '不能早于这张报销单的建立日期（2026年9月15日）'],
      ['2026-02-30', '不是有效日期'],
    ] as const) {
      const r = await call('transitionClaim', { id, to: 'under_review', date });
      expect(r, date).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'date' } });
      if (!r.ok) expect(r.error.message).toContain(words);
    }
    const unchanged = await ok('getClaim', { id });
    expect(unchanged.claim.status).toBe('submitted');
    expect(unchanged.history).toEqual(before.history);

    await ok('transitionClaim', { id, to: 'under_review', date: '2026-09-20', note: '窗口收件，编号 A12' });
    const after = await ok('getClaim', { id });
    expect(after.history.at(-1)).toMatchObject({
      from: 'submitted',
      to: 'under_review',
      happenedOn: '2026-09-20',
      note: '窗口收件，编号 A12',
    });
    // Without a date the day is today (the test's today).
    await ok('transitionClaim', { id, to: 'paying' });
    expect((await ok('getClaim', { id })).history.at(-1)!.happenedOn).toBe(TODAY);
  });

  it('未通过 needs a reason', async () => {
    const id = await claimIn('under_review');
    expect(await call('transitionClaim', { id, to: 'rejected', note: '  ' })).toMatchObject({
      ok: false,
      error: { field: 'note' },
    });
    await ok('transitionClaim', { id, to: 'rejected', note: '超过报销期限' });
    expect((await ok('getClaim', { id })).history.at(-1)).toMatchObject({
      to: 'rejected',
      note: '超过报销期限',
    });
  });
});

describe('补充材料: what was asked for becomes checklist items', () => {
  it('needs at least one line; each line is an item the verdict counts until ticked', async () => {
    const id = await claimIn('under_review');
    expect(
      await call('transitionClaim', { id, to: 'more_info_requested', requested: ['', '  '] }),
    ).toMatchObject({ ok: false, error: { field: 'requested' } });
    await ok('transitionClaim', {
      id,
      to: 'more_info_requested',
      requested: ['费用明细清单原件', ' 出院小结盖章页 ', '费用明细清单原件'],
    });
    const detail = await ok('getClaim', { id });
    expect(detail.requestedItems.map((i) => [i.text, i.doneAt])).toEqual([
      ['费用明细清单原件', null],
      ['出院小结盖章页', null],
    ]);
    const report = await ok('evaluateClaim', { id });
    const asked = report.requirements.filter((r) => r.id.startsWith('requested-'));
    expect(asked.map((r) => [r.title, r.status])).toEqual([
      ['补充：费用明细清单原件', 'missing'],
      ['补充：出院小结盖章页', 'missing'],
    ]);
    expect(report.complete).toBe(false);

    for (const item of detail.requestedItems)
      await ok('setRequestedItemDone', { itemId: item.id, done: true });
    const after = await ok('evaluateClaim', { id });
    expect(after.requirements.filter((r) => r.id.startsWith('requested-'))).toEqual([]);
    // Unticking brings it back.
    await ok('setRequestedItemDone', { itemId: detail.requestedItems[0]!.id, done: false });
    const again = await ok('evaluateClaim', { id });
    expect(again.requirements.filter((r) => r.id.startsWith('requested-'))).toHaveLength(1);
    expect(isReadyToSubmit(again)).toBe(false);
  });
});

describe('bulk status change', () => {
  it('moves each claim that may move, reports each that may not, with the same day and note', async () => {
    const a = await claimIn('submitted');
    const b = await claimIn('submitted');
    const c = await claimIn('draft');
    const r = await ok('transitionClaims', {
      ids: [a, b, c],
      to: 'under_review',
      date: '2026-09-30',
      note: '批量',
    });
    expect(r.items.map((i) => [i.claimId, i.moved])).toEqual([
      [a, true],
      [b, true],
      [c, false],
    ]);
    expect(r.items[2]!.reason).toContain('不能直接改为“审核中”：要先改为“材料齐全”，再改为“已提交”');
    // The choice offers only what the life cycle allows these three now, with how many may.
    expect((await ok('claimMoves', { ids: [a, b, c] })).moves).toEqual([
      { to: 'ready', count: 1 },
      { to: 'more_info_requested', count: 2 },
      { to: 'paying', count: 2 },
      { to: 'rejected', count: 2 },
    ]);
    for (const id of [a, b])
      expect((await ok('getClaim', { id })).history.at(-1)).toMatchObject({
        happenedOn: '2026-09-30',
        note: '批量',
      });
    expect((await ok('getClaim', { id: c })).claim.status).toBe('draft');
  });
});

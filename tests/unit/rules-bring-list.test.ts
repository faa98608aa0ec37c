// The "what to bring" list: the same requirements the engine asks for, the pack's words, "where from" only
// where the pack cites a seed for it, the deadline counted from the care end date when there is one.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bringListOf, factsOfDraft } from '../../electron/core/rules/bring-list';
import { evaluateClaim } from '../../electron/core/rules/engine';
import { loadRulePack } from '../../electron/core/rules/pack';
import type { Person } from '../../shared/schemas';

const PACK = loadRulePack();
const SEEDS = join(import.meta.dirname, '..', 'fixtures', 'rules', 'seeds');
const person: Person = {
  id: 1,
  householdId: 1,
  name: '王秀英',
  idNumber: '11010519491231002X',
  relation: 'self',
  insuranceType: 'employee',
  insuredRegion: '江苏省南京市',
  phone: null,
  bankAccount: null,
  createdAt: '2026-09-01T00:00:00Z',
  updatedAt: '2026-09-01T00:00:00Z',
} as unknown as Person;

describe('bringListOf', () => {
  const draft = {
    claimantId: 1,
    careSetting: 'inpatient' as const,
    crossRegion: { filingType: 'referral' as const },
    applicantRelation: 'self' as const,
    specialDrugs: false,
    careEndDate: '2026-09-10',
  };

  it('lists what the engine requires for the scenario, in its order', () => {
    const facts = factsOfDraft(draft, person);
    const list = bringListOf(PACK, facts, '2026-10-01', null);
    const engine = evaluateClaim(facts, [], { today: '2026-10-01', pack: PACK });
    expect(list.items.map((i) => i.id)).toEqual(engine.requirements.map((r) => r.id));
    expect(list.items.map((i) => i.id)).toContain('referral-certificate');
    const local = bringListOf(
      PACK,
      factsOfDraft({ ...draft, crossRegion: null }, person),
      '2026-10-01',
      null,
    );
    expect(local.items.map((i) => i.id)).not.toContain('referral-certificate');
  });

  it('says where a paper comes from only with a seed phrase behind it', () => {
    const list = bringListOf(PACK, factsOfDraft(draft, person), '2026-10-01', null);
    for (const item of list.items) {
      const rule = PACK.requirements.find((r) => r.id === item.id)!;
      if (!item.from) continue;
      expect(rule.fromSources?.length, item.id).toBeGreaterThan(0);
      for (const s of rule.fromSources!)
        expect(readFileSync(join(SEEDS, s.seed), 'utf8'), s.phrase).toContain(s.phrase);
    }
    expect(list.items.find((i) => i.id === 'referral-certificate')!.from).toContain('参保地');
    expect(list.items.find((i) => i.id === 'itemized-bill')!.from).toBeNull();
  });

  it('counts the deadline from the care end date, and gives only the rule without one', () => {
    const list = bringListOf(PACK, factsOfDraft(draft, person), '2026-10-01', null);
    expect(list.deadline).toMatchObject({ date: '2027-03-10', daysLeft: 160 });
    expect(list.deadline.rule).toBe('出院后 6个月内交齐');
    const noDate = bringListOf(
      PACK,
      factsOfDraft({ ...draft, careEndDate: null }, person),
      '2026-10-01',
      null,
    );
    expect(noDate.deadline).toMatchObject({ date: null, daysLeft: null });
  });

  it('marks a paper settled by a fact (the account number filled in)', () => {
    const withBank = {
      ...person,
      bankAccount: { bank: '中国银行', number: '6217000000000000000', holder: '王秀英' },
    } as Person;
    const list = bringListOf(PACK, factsOfDraft(draft, withBank), '2026-10-01', null);
    expect(list.items.find((i) => i.id === 'bank-account')!.settled).toContain('银行账号');
    const without = bringListOf(PACK, factsOfDraft(draft, person), '2026-10-01', null);
    expect(without.items.find((i) => i.id === 'bank-account')!.settled).toBeNull();
  });

  it('a relative’s list carries the 亲情账户 binding steps, and no relative papers (issue 25)', () => {
    const list = bringListOf(
      PACK,
      factsOfDraft({ ...draft, applicantRelation: 'child' }, person),
      '2026-10-01',
      null,
    );
    expect(list.items.map((i) => i.id).join()).not.toMatch(/relationship|applicant-id|authorization/);
    const binding = list.reminders!.find((r) => r.id === 'relative-account')!;
    expect(binding.steps.map((st) => st.text).join()).toContain('我的家庭成员');
    expect(binding.steps.at(-1)!.text).toContain('为他人备案');
    expect(list.reminders!.map((r) => r.id)).toContain('integrity-pledge');
  });
});

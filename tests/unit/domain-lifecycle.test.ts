import { describe, expect, it } from 'vitest';
import { CLAIM_STATUSES, CLAIM_TRANSITIONS, canTransition, stepsTo } from '../../shared/lifecycle';

describe('claim life cycle', () => {
  it.each([
    ['draft', 'ready'],
    ['ready', 'submitted'],
    ['ready', 'draft'],
    ['submitted', 'under_review'],
    ['under_review', 'more_info_requested'],
    ['more_info_requested', 'submitted'],
    ['under_review', 'paying'],
    ['paying', 'paid'],
    ['under_review', 'rejected'],
    ['rejected', 'draft'],
    ['paid', 'draft'],
  ] as const)('allows %s → %s', (from, to) => {
    expect(canTransition(from, to)).toBe(true);
  });

  it.each([
    ['draft', 'submitted'],
    ['draft', 'paid'],
    ['submitted', 'paid'],
    ['paid', 'submitted'],
    ['paying', 'rejected'],
    ['under_review', 'draft'],
  ] as const)('refuses %s → %s', (from, to) => {
    expect(canTransition(from, to)).toBe(false);
  });

  it('every status can be reached from draft, and paid only reopens as a draft', () => {
    const seen = new Set<string>(['draft']);
    const queue = ['draft'] as Array<(typeof CLAIM_STATUSES)[number]>;
    while (queue.length) {
      for (const next of CLAIM_TRANSITIONS[queue.shift()!]) {
        if (seen.has(next)) continue;
        seen.add(next);
        queue.push(next);
      }
    }
    expect([...seen].sort()).toEqual([...CLAIM_STATUSES].sort());
    expect(CLAIM_TRANSITIONS.paid).toEqual(['draft']);
  });
});

describe('stepsTo', () => {
  it('gives the shortest way through the life cycle, the target last', () => {
    expect(stepsTo('draft', 'ready')).toEqual(['ready']);
    expect(stepsTo('draft', 'under_review')).toEqual(['ready', 'submitted', 'under_review']);
    expect(stepsTo('paid', 'submitted')).toEqual(['draft', 'ready', 'submitted']);
    expect(stepsTo('paying', 'paying')).toEqual([]);
  });
});

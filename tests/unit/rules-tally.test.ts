// The one tally of what is left to do (issue 26, point 2): missing items, items to fix and problems about the
// claim itself counted apart, the pledge to sign counted in none, an error about a listed paper counted once.
import { describe, expect, it } from 'vitest';
import type { Problem, RequirementResult } from '../../shared/evaluation';
import { tallyChecklist } from '../../electron/core/rules/tally';

const item = (
  id: string,
  kind: string,
  status: RequirementResult['status'],
  extra = {},
): RequirementResult => ({
  id,
  kinds: [kind],
  status,
  reason: '',
  source: '',
  ...extra,
});

describe('tallyChecklist', () => {
  const requirements = [
    item('id-card', 'id_card', 'missing', { title: '身份证' }),
    item('bank', 'bank_account', 'missing'),
    item('invoice', 'invoice', 'needs_attention', { title: '发票原件', documents: [0] }),
    item('pledge', 'integrity_pledge', 'needs_attention', { pending: 'signature', title: '诚信承诺书' }),
    item('bill', 'itemized_bill', 'satisfied', { documents: [1] }),
  ];
  const problems: Problem[] = [
    // About the invoice, which is listed: already its item's 需处理, not a second count.
    { code: 'document_quality', severity: 'error', message: '模糊', field: 'documents[0].files[0]' },
    // About the claim itself.
    { code: 'deadline_passed', severity: 'error', message: '已过期', field: 'claim.visitDate' },
    // About a paper no item lists (其他材料).
    { code: 'document_quality', severity: 'error', message: '反光', field: 'documents[2].files[0]' },
    { code: 'deadline_near', severity: 'warning', message: '快到期' },
  ];

  it('counts missing, to fix and problems apart, and never the pledge to sign', () => {
    const t = tallyChecklist({ complete: false, requirements, problems });
    expect(t.ready).toBe(false);
    expect(t.missing.map((w) => w.zh)).toEqual(['身份证', '银行卡']);
    expect(t.attention.map((w) => w.zh)).toEqual(['发票原件']);
    expect(t.toSign.map((w) => w.zh)).toEqual(['诚信承诺书']);
    expect(t.problems).toBe(2);
    expect(t.short).toEqual({
      zh: '缺 2 项，1 项需处理，2 个问题',
      en: '2 missing, 1 need attention, 2 problem(s)',
    });
    expect(t.words.zh).toBe('缺少 身份证、银行卡；发票原件 需要处理；另有 2 个问题要先解决');
    expect(t.words.en).toContain('Missing: ');
  });

  it('says ready when complete with only warnings and the pledge to sign', () => {
    const done = requirements.map((r) => (r.pending ? r : { ...r, status: 'satisfied' as const }));
    const t = tallyChecklist({ complete: true, requirements: done, problems: [problems[3]!] });
    expect(t).toMatchObject({ ready: true, missing: [], attention: [], problems: 0 });
    expect(t.short.zh).toBe('可以提交');
  });
});

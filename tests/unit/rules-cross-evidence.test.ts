// Severity follows evidence (issue 21): a cross-document problem blocks a claim only when the field it rests
// on is surely read — by the reading's confidence (characters × how surely the value belongs to its label ×
// its type), not the characters' alone — and otherwise warns, showing both values. Fields here come from the
// real field finder on laid-out boxes (no OCR), then go through the real cross-document checks.
import { describe, expect, it } from 'vitest';
import type { DocumentKind } from '../../shared/domain';
import { crossDocumentProblems, type CrossClaim } from '../../electron/core/rules/cross-document';
import { extractFields } from '../../electron/core/ocr/fields';
import { box, pageOf } from '../helpers/ocr-boxes';

const CLAIM: CrossClaim = {
  name: '张三',
  idNumber: '11010519491231002X',
  careSetting: 'inpatient',
  admissionDate: '2026-09-01',
  dischargeDate: '2026-09-10',
  hospital: '洛阳市中心医院',
  totalAmount: null,
};

function problems(kind: DocumentKind, boxes: Parameters<typeof pageOf>[0], claim: Partial<CrossClaim> = {}) {
  const fields = extractFields(pageOf(boxes), kind);
  return crossDocumentProblems({ ...CLAIM, ...claim }, [
    { index: 0, kind, pages: [{ field: 'documents[0].files[0]', name: 'invoice.jpg', fields }] },
  ]);
}

describe('severity follows evidence', () => {
  it('gives no name problem for a real 洛阳 invoice whose name cell is blank (was an error: 西药费)', () => {
    const found = problems('invoice', [
      box('患者姓名', 100, 100, 120),
      box('住院号', 500, 100, 90),
      box('项目名称', 100, 160, 120),
      box('西药费', 100, 210, 90),
      box('1,234.00', 500, 210, 120),
    ]);
    expect(found.filter((p) => p.code === 'name_mismatch')).toEqual([]);
  });

  it('blocks on a name surely read right after its label, showing both names', () => {
    const [p] = problems('invoice', [box('交款人：王秀英', 100, 100, 250)]);
    expect(p).toMatchObject({ code: 'name_mismatch', severity: 'error' });
    expect(p!.message).toContain('王秀英');
    expect(p!.message).toContain('张三');
  });

  it('only warns, with both names, when the name is unusual for a name or its characters are doubtful', () => {
    const unusual = problems('invoice', [box('交款人：阿不都热合曼', 100, 100, 300)]);
    expect(unusual[0]).toMatchObject({ code: 'name_mismatch', severity: 'warning' });
    expect(unusual[0]!.message).toContain('阿不都热合曼');
    expect(unusual[0]!.message).toContain('张三');
    const doubtful = box('交款人：王秀英', 100, 100, 250);
    doubtful.charConf = doubtful.charConf.map((c, i) => (i === 5 ? 0.55 : c));
    expect(problems('invoice', [doubtful])[0]).toMatchObject({ code: 'name_mismatch', severity: 'warning' });
  });

  it('only warns when the figure disagrees with the 大写 on the same paper', () => {
    const found = problems('invoice', [
      box('金额合计（大写）叁佰伍拾叁圆整', 100, 500, 500),
      box('（小写）259-00', 1000, 500, 250),
    ]);
    const words = found.find((p) => p.code === 'amount_words_mismatch');
    expect(words?.severity).toBe('warning');
    expect(words!.message).toContain('259.00');
  });

  it('blocks on a claimed total that differs from an invoice whose figure agrees with its words', () => {
    const found = problems(
      'invoice',
      [
        box('金额合计（大写）壹万叁仟柒佰玖拾伍元陆角陆分', 100, 500, 700),
        box('（小写）13,795.66', 1000, 500, 250),
      ],
      { totalAmount: 13795 },
    );
    expect(found.find((p) => p.code === 'amount_mismatch')).toMatchObject({ severity: 'error' });
    expect(found.find((p) => p.code === 'amount_words_mismatch')).toBeUndefined();
  });

  it('only warns on a date the paper itself contradicts (an issue date after its 打印时间), showing it', () => {
    const receipt = (printedAt: string) =>
      problems('invoice', [
        box('收款人（签章）：', 700, 800, 220),
        box('2026-08-28', 1000, 800, 200),
        box(`打印时间：${printedAt} 18:41`, 400, 850, 330),
      ]);
    // The stay began on 09-01: a receipt dated 08-28 belongs to another visit (a date after the stay is only
    // ever a warning, issue 25, so the before side is the one that can block).
    expect(receipt('2026-08-29').find((p) => p.code === 'date_outside_care')?.severity).toBe('error');
    const doubted = receipt('2026-08-20').find((p) => p.code === 'date_outside_care');
    expect(doubted?.severity).toBe('warning');
    expect(doubted!.message).toContain('2026年8月28日');
  });
});

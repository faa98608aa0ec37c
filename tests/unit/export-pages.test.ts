// Text layout and the wording of ClaimDesk's own pages: wrapping that never overflows, the pledge filled
// from the claim, masked identifiers, and the cover's one-line verdict.
import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EvaluationReport } from '../../shared/evaluation';
import { embedCjkFonts, type BundleFonts } from '../../electron/core/export/font';
import { wrapText } from '../../electron/core/export/layout';
import { fillPledge, loadPledgeTemplate } from '../../electron/core/export/sheets/pledge';
import { fitWidth } from '../../electron/core/export/sheets/running-header';
import { summarizeVerdict } from '../../electron/core/export/sheets/verdict';
import { maskIdNumber } from '../../shared/validators';
import type { BundleInput } from '../../electron/core/export/types';

let fonts: BundleFonts;
beforeAll(async () => {
  fonts = await embedCjkFonts(await PDFDocument.create());
});

function input(
  overrides: Partial<BundleInput> = {},
  evaluation: Partial<EvaluationReport> = {},
): BundleInput {
  return {
    claim: {
      claimant: {
        name: '张三',
        idNumber: '11010519491231002X',
        insuranceType: 'employee',
        insuredRegion: '江苏省南京市',
        phone: '13800138000',
        bankAccount: { bank: '中国银行', number: '6217001234567890122', holder: '张三' },
      },
      applicant: { relation: 'self' },
      careSetting: 'inpatient',
      hospital: '上海市第一人民医院',
      treatmentRegion: '上海市',
      admissionDate: '2026-09-01',
      dischargeDate: '2026-09-10',
    },
    documents: [],
    evaluation: { complete: true, requirements: [], problems: [], ...evaluation },
    today: '2026-11-20',
    ...overrides,
  };
}

describe('wrapText', () => {
  it('never produces a line wider than the limit and loses no characters', () => {
    const text =
      '已提供。需要提供本人银行卡或银行账号（户名须与参保人一致）6217001234567890122，用于打款 ClaimDesk export';
    const lines = wrapText(text, fonts.regular, 10, 120);
    expect(lines.length).toBeGreaterThan(2);
    // Only a hanging punctuation mark (禁则) may reach past the limit, by its own width.
    for (const l of lines) expect(fonts.regular.widthOfTextAtSize(l, 10)).toBeLessThanOrEqual(120 + 10.001);
    for (const l of lines.filter((x) => fonts.regular.widthOfTextAtSize(x, 10) > 120.001))
      expect(l).toMatch(/[，。、；：）]$/);
    expect(lines.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
  });

  it('keeps a Latin word or a number whole when it fits on a line', () => {
    const lines = wrapText('费用合计 12345.67 元 ClaimDesk', fonts.regular, 10, 70);
    expect(lines.some((l) => l.includes('12345.67'))).toBe(true);
    expect(lines.some((l) => l.includes('ClaimDesk'))).toBe(true);
  });

  it('never starts a line with a comma or a closing bracket', () => {
    const text = '报销款打到参保人本人的银行卡，需提供银行卡或银行账号信息（户名须一致），打款前会核对。';
    for (const width of [60, 80, 100, 120, 140]) {
      const lines = wrapText(text, fonts.regular, 10, width);
      for (const l of lines.slice(1)) expect(l, `width ${width}`).not.toMatch(/^[，。、；：）]/);
      expect(lines.join('')).toBe(text);
    }
  });

  it('keeps explicit line breaks', () => {
    expect(wrapText('材料 1\n材料 2', fonts.regular, 10, 500)).toEqual(['材料 1', '材料 2']);
  });
});

describe('fitWidth', () => {
  it('keeps short text and shortens long text with an ellipsis to the width', () => {
    expect(fitWidth('张三 · 上海市第一人民医院', fonts.regular, 9, 400)).toBe('张三 · 上海市第一人民医院');
    const long = '张三 · 中国人民解放军总医院第一医学中心（北京市海淀区复兴路28号）心血管内科住院部';
    const short = fitWidth(long, fonts.regular, 9, 150);
    expect(short.endsWith('…')).toBe(true);
    expect(long.startsWith(short.slice(0, -1))).toBe(true);
    expect(fonts.regular.widthOfTextAtSize(short, 9)).toBeLessThanOrEqual(150.5);
  });
});

describe('integrity pledge', () => {
  it('fills every placeholder for the insured person applying themselves', () => {
    const { title, paragraphs } = fillPledge(loadPledgeTemplate(), input());
    expect(title).toBe('诚信承诺书');
    const body = paragraphs.join('\n');
    expect(body).not.toMatch(/\{\{|\}\}/);
    expect(body).toContain('本人张三');
    expect(body).toContain('系参保人本人');
    expect(body).toContain('上海市第一人民医院');
    expect(body).toContain('尾号0122');
    expect(body).not.toContain('6217001234567890122');
    expect(body).toContain('2026-09-01 至 2026-09-10');
  });

  it('names the relative who applies for the insured person', () => {
    const base = input();
    base.claim.applicant = { relation: 'child', name: '张小明', idNumber: '110105198001010016' };
    const body = fillPledge(loadPledgeTemplate(), base).paragraphs.join('\n');
    expect(body).toContain('本人张小明');
    expect(body).toContain('系参保人张三的子女');
  });
});

describe('masking and verdict', () => {
  it('masks the middle of an ID number', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
  });

  it('says complete only when nothing is missing and no error remains', () => {
    expect(summarizeVerdict(input()).level).toBe('ok');
    const missing = summarizeVerdict(
      input(
        {},
        {
          complete: false,
          requirements: [
            {
              id: 'referral-certificate',
              kinds: ['referral_certificate'],
              status: 'missing',
              reason: '需要转诊证明',
              source: '001',
              title: '转诊转院证明',
            },
          ],
        },
      ),
    );
    expect(missing.level).toBe('fail');
    expect(missing.line).toContain('缺少 转诊转院证明');
    const warned = summarizeVerdict(
      input({}, { problems: [{ code: 'deadline_near', severity: 'warning', message: '快到期了' }] }),
    );
    expect(warned.level).toBe('warn');
    expect(warned.line).toContain('1 条提示');
  });

  it('counts a failed photo once even though it is also a document_quality problem', () => {
    const v = summarizeVerdict(
      input(
        {
          documents: [
            {
              kind: 'medical_record',
              files: [
                {
                  path: '/x.jpg',
                  quality: { file: 'x.jpg', verdict: 'fail', findings: [], metrics: {}, elapsedMs: 1 },
                },
              ],
            },
          ],
        },
        { complete: true, problems: [{ code: 'document_quality', severity: 'error', message: '反光' }] },
      ),
    );
    expect(v.line).toBe('尚不能提交：病历资料的照片未通过检查，需重拍');
  });
});

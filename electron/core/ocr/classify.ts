// Which paper a page is, from what is printed on it. A paper announces itself in its title (诊断证明书,
// 出院记录, …收费票据), so words in the top rows and in the largest print count most; the same words in
// the body (a discharge summary mentions 诊断, an invoice lists 明细) count little.
import type { DocumentKind } from '../../../shared/domain';
import type { Page } from './layout';

interface Rule {
  kind: DocumentKind;
  /** Title words: decisive in a title row. */
  title: RegExp;
  /** Body words: supporting evidence anywhere. */
  body?: RegExp;
}

const RULES: Rule[] = [
  {
    kind: 'itemized_bill',
    title: /费用(?:明细|汇总)?清单|明细清单|费用明细|一日清单/,
    body: /单价|数量|项目名称/,
  },
  {
    kind: 'invoice',
    // 医疗住院费票据, 医疗门诊收费票据: a provincial receipt's title also when the seal over it hid 收.
    title:
      /收费(?:电子)?票据|电子票据|(?:专用|普通|电子)?发票|票据\(电子\)|票据（电子）|医疗.{0,6}费.?票据|(?:住院|门诊)(?:收)?费票据/,
    // The national template's labels: a real invoice prints many of them even when its title is unreadable.
    body: /票据代码|票据号码|发票代码|校验码|交款人|收款单位|收款人|开票日期|金额合计|大写|小写|业务流水号|医保统筹|统筹基金|个人现金支付|个人账户支付|个人自付|个人自费/,
  },
  { kind: 'diagnosis_certificate', title: /诊\s*断\s*证\s*明|病情证明|疾病证明/, body: /诊断|医师签名/ },
  { kind: 'discharge_summary', title: /出院(?:记录|小结)/, body: /入院日期|出院日期|出院诊断|诊疗经过/ },
  { kind: 'referral_certificate', title: /转诊|转院/, body: /转出|转入|转往/ },
  { kind: 'id_card', title: /公民身份号码|居民身份证/, body: /民族|住址|出生/ },
  { kind: 'bank_account', title: /银行卡|借记卡|储蓄卡|银联|开户(?:银)?行/, body: /卡号|账号|户名/ },
  { kind: 'insurance_card', title: /社会保障卡|医保电子凭证|医疗保障卡/, body: /社会保障号码|医保/ },
];

export interface Classification {
  kind: DocumentKind;
  confidence: number;
}

export function classifyPage(page: Page): Classification {
  if (!page.segs.length) return { kind: 'other', confidence: 0 };
  const heights = page.segs.map((s) => s.h).sort((a, b) => a - b);
  const typical = heights[Math.floor(heights.length / 2)]!;
  const scores = new Map<DocumentKind, number>();
  for (const seg of page.segs) {
    const t = seg.text.replace(/\s/g, '');
    // A title: one of the first rows, or print clearly larger than the body's. Title words elsewhere count
    // as a body word: an invoice's payment line names 银行卡, its 其他信息 a 社会保障卡号, and two real
    // e-invoices were called bank_account and insurance_card when those counted like a title.
    const inTitle = seg.row < 3 || seg.h > typical * 1.4;
    for (const rule of RULES) {
      let add = 0;
      if (rule.title.test(t)) add += inTitle ? 6 : 0.5;
      if (rule.body?.test(t)) add += 0.5;
      if (add) scores.set(rule.kind, (scores.get(rule.kind) ?? 0) + add);
    }
  }
  const ranked = [...scores.entries()].sort((a, b) => b[1] - a[1]);
  const [best, second] = ranked;
  if (!best || best[1] < 1.5) return { kind: 'other', confidence: 0.5 };
  const margin = best[1] / (best[1] + (second?.[1] ?? 0));
  return { kind: best[0], confidence: Math.round(Math.min(0.99, 0.5 + 0.5 * margin) * 100) / 100 };
}

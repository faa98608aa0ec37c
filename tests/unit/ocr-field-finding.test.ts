// Field finding on laid-out text boxes (no OCR here: boxes are placed as the detector returns them), one
// test per rule added for papers laid out unlike the first corpus (OCR corpus B, scripts/make-ocr-corpus-b.ts):
// spaced labels, label cells whose values sit in the cell below, overlapping detection boxes, No. numbers,
// a plain 日期, a seal-hidden 个人现金支付 label, numbered diagnoses read without the space between them.
import { describe, expect, it } from 'vitest';
import type { OcrSegment } from '../../electron/core/ocr/engine';
import { classifyPage } from '../../electron/core/ocr/classify';
import { extractFields, isFormLabel, parseAmount, parseDiagnosis } from '../../electron/core/ocr/fields';
import { layoutPage } from '../../electron/core/ocr/layout';
import { box, fieldsOf } from '../helpers/ocr-boxes';

describe('labels', () => {
  it('finds a label whose characters are spaced and followed by a full-width colon', () => {
    expect(fieldsOf('diagnosis_certificate', [box('姓　名：王小明', 100, 100, 300)]).patientName).toBe(
      '王小明',
    );
  });

  it('ends a name where the next label begins, even with its characters spaced (性 别, 科 室)', () => {
    // Seen on the confirmation corpus (seed 9500, 012): 病人姓名:李平怡性 别:女 was read as 李平怡性.
    expect(
      fieldsOf('itemized_bill', [box('病人姓名:李平怡性 别:女 科 室:肾内科', 100, 100, 600)]).patientName,
    ).toBe('李平怡');
    expect(fieldsOf('itemized_bill', [box('姓名：王小明科 室：骨科', 100, 100, 400)]).patientName).toBe(
      '王小明',
    );
  });

  it('tells a label cell from a value: 性别 right of 姓名 is not the name', () => {
    expect(isFormLabel('性别')).toBe(true);
    expect(isFormLabel('性 别：')).toBe(true);
    expect(isFormLabel('金额（元）')).toBe(true);
    expect(isFormLabel('常金宏')).toBe(false);
    expect(isFormLabel('2025年9月24日')).toBe(false);
  });

  it('reads a grid whose values sit in the cell under their labels, a wider value centred under its label', () => {
    const f = fieldsOf('invoice', [
      box('患者姓名', 150, 300, 120),
      box('性别', 450, 300, 60),
      box('住院时间', 800, 300, 120),
      box('结算日期', 1300, 300, 120),
      box('常金宏', 165, 360, 90),
      box('女', 465, 360, 30),
      box('2025年9月20日至2025年9月24日', 640, 360, 440),
      box('2025年9月24日', 1265, 360, 190),
    ]);
    expect(f).toMatchObject({
      patientName: '常金宏',
      careStart: '2025-09-20',
      careEnd: '2025-09-24',
      issueDate: '2025-09-24',
    });
  });

  it('takes the value from a box that overlaps the label box (a stray copy of its first digit in the label)', () => {
    // Seed 5002's 费用清单 of the first corpus: "住院日期：2" and "2026年3月21日至2026年3月28日" overlap.
    const f = fieldsOf('itemized_bill', [
      box('住院日期：2', 231, 330, 102, 26),
      box('2026年3月21日至2026年3月28日', 318, 329, 278, 29),
    ]);
    expect(f).toMatchObject({ careStart: '2026-03-21', careEnd: '2026-03-28' });
  });
});

describe('invoice wording of paper receipts', () => {
  it('reads the number printed after No. when there is no 票据号码 label', () => {
    expect(fieldsOf('invoice', [box('No.30830634', 1500, 100, 200)]).invoiceNumber).toBe('30830634');
    expect(fieldsOf('invoice', [box('NO 0012345678', 1500, 100, 220)]).invoiceNumber).toBe('0012345678');
  });

  it('reads a plain 日期 as the invoice date, but not the 日期 of 就诊日期 or 住院日期', () => {
    expect(
      fieldsOf('invoice', [
        box('住院时间：2025年5月26日至2025年5月29日（3天）日期：2025年5月30日', 100, 100, 900),
      ]).issueDate,
    ).toBe('2025-05-30');
    expect(fieldsOf('invoice', [box('就诊日期：2025-05-29', 100, 100, 300)]).issueDate).toBeUndefined();
    expect(fieldsOf('invoice', [box('住院日期：2025-05-29', 100, 100, 300)]).issueDate).toBeUndefined();
  });

  it('reads 个人现金支付 whose first characters a seal hid, and never takes a 基金支付 for it', () => {
    expect(
      fieldsOf('invoice', [box('个人账户支付：139.80', 100, 100, 300), box('金支付：466.52', 420, 100, 200)])
        .personalPaid,
    ).toBe(466.52);
    expect(fieldsOf('invoice', [box('统筹基金支付：805.18', 100, 100, 300)]).personalPaid).toBeUndefined();
  });

  it('reads amounts written with ¥, ￥, thousands commas or 元', () => {
    expect(parseAmount('¥1,411.50')?.value).toBe(1411.5);
    expect(parseAmount('2920.20元')?.value).toBe(2920.2);
    expect(fieldsOf('invoice', [box('总金额：￥2,920.20', 100, 100, 300)]).totalAmount).toBe(2920.2);
  });
});

describe('diagnosis', () => {
  it.each([
    ['1.老年性白内障2.肺部感染', '老年性白内障'],
    ['慢性肾脏病5期2.左股骨颈骨折', '慢性肾脏病5期'],
    ['2型糖尿病；高血压病3级', '2型糖尿病'],
    ['高血压病3级', '高血压病3级'],
    ['1、急性阑尾炎 2、高血压', '急性阑尾炎'],
  ])('takes the first diagnosis of %s', (text, first) => {
    expect(parseDiagnosis(text)?.value).toBe(first);
  });
});

describe('wording of real papers not in either corpus', () => {
  it('reads a stay printed 自…起至…止 and 入院日期 / 出院日期 on a paper 住院 receipt', () => {
    expect(
      fieldsOf('itemized_bill', [box('住院起止日期：自2026年9月1日起至2026年9月10日止', 100, 100, 700)]),
    ).toMatchObject({ careStart: '2026-09-01', careEnd: '2026-09-10' });
    expect(
      fieldsOf('invoice', [
        box('入院日期：2026.09.01', 100, 100, 300),
        box('出院日期：2026.09.10', 600, 100, 300),
      ]),
    ).toMatchObject({ careStart: '2026-09-01', careEnd: '2026-09-10' });
  });

  it('takes 患者：name, never the start of a sentence beginning with 患者', () => {
    expect(fieldsOf('itemized_bill', [box('患者：钱玉兰', 100, 100, 200)]).patientName).toBe('钱玉兰');
    expect(
      fieldsOf('discharge_summary', [box('患者因反复咳嗽三天入院', 100, 100, 400)]).patientName,
    ).toBeUndefined();
  });

  it('classifies a 医疗收费电子票据 and a 费用汇总清单 by their titles', () => {
    const page = (title: string): ReturnType<typeof layoutPage> =>
      layoutPage([box(title, 600, 60, 800, 50), box('其他内容', 100, 300, 200)], 2400, 1800);
    expect(classifyPage(page('浙江省医疗收费电子票据')).kind).toBe('invoice');
    expect(classifyPage(page('住院费用汇总清单')).kind).toBe('itemized_bill');
    expect(classifyPage(page('病情证明书')).kind).toBe('diagnosis_certificate');
  });
});

describe('confidence of a value', () => {
  it('is capped by its weakest character: one doubtful character makes the whole name 请核对', () => {
    const sure = box('姓名：王秀英', 100, 100, 300);
    const doubtful = box('姓名：王秀英', 100, 100, 300);
    // 秀 at 0.55: the mean over the three name characters is 0.84+, the weakest caps it at 0.775.
    doubtful.charConf = doubtful.charConf.map((c, i) => (i === 4 ? 0.55 : c));
    const conf = (b: OcrSegment) =>
      extractFields(layoutPage([b], 2400, 1800), 'diagnosis_certificate').patientName?.confidence ?? 0;
    expect(conf(sure)).toBeGreaterThanOrEqual(0.95);
    expect(conf(doubtful)).toBeLessThan(0.8);
    expect(conf(doubtful)).toBeGreaterThan(0.7);
  });
});

describe('amount in words', () => {
  it('takes 参 inside an amount as 叁 (the form 叁 was made from, the usual misreading of a faint 叁)', () => {
    expect(
      fieldsOf('invoice', [box('总金额：（大写）壹仟伍佰伍拾参元整 （小写）￥1553.00', 100, 100, 900)])
        .totalAmountInWords,
    ).toBe('壹仟伍佰伍拾叁元整');
  });
});

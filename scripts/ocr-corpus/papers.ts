// Claim papers for the OCR corpus, each with the truth of what is printed on it: 医疗收费票据 in a paper
// (门诊, landscape, values after their labels) and an electronic printout layout (财政电子票据 with QR,
// 门诊 or 住院, values in cells below their labels), 费用清单, 诊断证明书, 出院记录, 转诊证明 and the
// front of an ID card. Names, hospitals, dates and amounts are random; three CJK faces (Noto Sans, Noto
// Serif, WenQuanYi Zen Hei when installed) and varied label wording, date forms and positions keep the
// reader from being fitted to one layout.
import QRCode from 'qrcode';
import sharp from 'sharp';
import { rng, type RenderedDoc } from '../quality-corpus/documents';
import type { FieldValue } from '../../shared/fields';

export type PaperKind =
  | 'invoice'
  | 'itemized_bill'
  | 'diagnosis_certificate'
  | 'discharge_summary'
  | 'referral_certificate'
  | 'id_card';
export const PAPER_KINDS: readonly PaperKind[] = [
  'invoice',
  'itemized_bill',
  'diagnosis_certificate',
  'discharge_summary',
  'referral_certificate',
  'id_card',
];

export interface Paper {
  kind: PaperKind;
  layout: string;
  font: string;
  doc: RenderedDoc;
  /** Every field printed on the paper, as the reader must return it. */
  truth: Record<string, FieldValue>;
  /** The QR payload printed, if any. */
  qr?: string;
}

const PX_PER_MM = 200 / 25.4;
const mm = (v: number): number => v * PX_PER_MM;

const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
];
const GIVEN = [
  ...'秀英桂兰建国志强伟芳娜敏静丽强磊军洋勇艳杰娟涛明超霞平刚玉华红梅鹏飞辉丹婷雪琳淑珍德荣海波文斌晓东红霞春燕国庆建华永刚凤英',
];
const CITIES = [
  '上海市',
  '南京市',
  '杭州市',
  '苏州市',
  '合肥市',
  '武汉市',
  '成都市',
  '西安市',
  '郑州市',
  '长沙市',
  '济南市',
  '福州市',
];
const HOSP_TAILS = [
  '第一人民医院',
  '第二人民医院',
  '第三人民医院',
  '中医医院',
  '中心医院',
  '妇幼保健院',
  '人民医院',
  '肿瘤医院',
];
const UNIV = [
  '苏州大学附属第一医院',
  '南京医科大学第二附属医院',
  '浙江大学医学院附属邵逸夫医院',
  '四川大学华西医院',
  '中南大学湘雅医院',
];
const DIAGNOSES = [
  '冠状动脉粥样硬化性心脏病',
  '2型糖尿病',
  '社区获得性肺炎',
  '急性阑尾炎',
  '高血压病3级',
  '腰椎间盘突出症',
  '慢性阻塞性肺疾病急性加重',
  '胆囊结石伴慢性胆囊炎',
  '脑梗死',
  '右桡骨远端骨折',
  '急性胃肠炎',
  '乳腺恶性肿瘤',
];
const ITEMS = [
  ['西药费', '头孢克肟分散片'],
  ['中成药费', '复方丹参滴丸'],
  ['检查费', '彩色多普勒超声检查'],
  ['化验费', '血常规'],
  ['化验费', '肝功能十二项'],
  ['治疗费', '静脉输液'],
  ['床位费', '普通病房床位费'],
  ['护理费', '一级护理'],
  ['材料费', '一次性使用输液器'],
  ['检查费', 'CT平扫（胸部）'],
  ['诊查费', '副主任医师诊查费'],
  ['手术费', '清创缝合术'],
];

const FONTS = ['Noto Sans CJK SC', 'Noto Serif CJK SC', 'WenQuanYi Zen Hei'];

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
}

const pick = <T>(rand: () => number, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

function personName(rand: () => number): string {
  const n = rand() < 0.75 ? 2 : 1;
  let s = pick(rand, SURNAMES);
  for (let i = 0; i < n; i++) s += pick(rand, GIVEN);
  return s;
}

function hospitalName(rand: () => number): string {
  return rand() < 0.25 ? pick(rand, UNIV) : pick(rand, CITIES) + pick(rand, HOSP_TAILS);
}

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function randomDate(rand: () => number): Date {
  return new Date(Date.UTC(2025, 0, 1) + Math.floor(rand() * 600) * 86_400_000);
}

function addDays(d: Date, n: number): Date {
  return new Date(d.getTime() + n * 86_400_000);
}

/** A date as a given paper prints it. */
function printDate(d: Date, style: number): string {
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + 1;
  const day = d.getUTCDate();
  const p = (v: number): string => String(v).padStart(2, '0');
  if (style === 0) return `${y}-${p(m)}-${p(day)}`;
  if (style === 1) return `${y}年${m}月${day}日`;
  if (style === 2) return `${y}${p(m)}${p(day)}`;
  return `${y}年${p(m)}月${p(day)}日`;
}

const DIGITS = '零壹贰叁肆伍陆柒捌玖';
/** 人民币大写 as cashiers print it: 壹仟贰佰叁拾肆元伍角陆分 / …元整. */
export function amountInWords(yuan: number): string {
  const fen = Math.round(yuan * 100);
  const int = Math.floor(fen / 100);
  const jiao = Math.floor(fen / 10) % 10;
  const f = fen % 10;
  const units = ['', '拾', '佰', '仟'];
  const big = ['', '万', '亿'];
  let s = '';
  if (int === 0) s = '零';
  else {
    const groups: number[] = [];
    for (let v = int; v > 0; v = Math.floor(v / 10000)) groups.push(v % 10000);
    let zero = false;
    for (let g = groups.length - 1; g >= 0; g--) {
      const grp = groups[g]!;
      if (grp === 0) {
        zero = true;
        continue;
      }
      if (zero || (s && grp < 1000)) s += '零';
      zero = false;
      let inner = '';
      let innerZero = false;
      for (let k = 3; k >= 0; k--) {
        const dgt = Math.floor(grp / 10 ** k) % 10;
        if (dgt === 0) {
          if (inner) innerZero = true;
          continue;
        }
        if (innerZero) inner += '零';
        innerZero = false;
        inner += DIGITS[dgt]! + units[k]!;
      }
      s += inner + big[g]!;
    }
  }
  s += '元';
  if (jiao === 0 && f === 0) return `${s}整`;
  if (jiao > 0) s += `${DIGITS[jiao]!}角`;
  else if (int > 0) s += '零';
  if (f > 0) s += `${DIGITS[f]!}分`;
  return s;
}

/** An 18-character 公民身份号码 with a valid ISO 7064 check character. */
export function idNumber(rand: () => number, birth: Date): string {
  const area = String(110101 + Math.floor(rand() * 540000)).slice(0, 6);
  const b = isoDate(birth).replace(/-/g, '');
  const seq = String(Math.floor(rand() * 1000)).padStart(3, '0');
  const body = area + b + seq;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((acc, c, i) => acc + Number(c) * w[i]!, 0);
  return body + '10X98765432'[sum % 11]!;
}

interface Svg {
  svg: string;
  wMm: number;
  hMm: number;
  truth: Record<string, FieldValue>;
  layout: string;
  qr?: string;
}

function frame(wMm: number, hMm: number, font: string, body: string, paper = 'rgb(252,251,247)'): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${mm(wMm)}" height="${mm(hMm)}">
  <rect width="100%" height="100%" fill="${paper}"/>
  <g font-family="'${font}','Noto Sans CJK SC',sans-serif" fill="rgb(30,30,38)">${body}</g></svg>`;
}

function text(x: number, y: number, size: number, s: string, extra = ''): string {
  return `<text x="${mm(x)}" y="${mm(y)}" font-size="${mm(size)}"${extra ? ` ${extra}` : ''}>${esc(s)}</text>`;
}

function invoiceItems(rand: () => number, n: number): { rows: [string, string, number][]; total: number } {
  const rows: [string, string, number][] = [];
  let totalFen = 0;
  for (const [cat, item] of [...ITEMS].sort(() => rand() - 0.5).slice(0, n)) {
    const fen = 500 + Math.floor(rand() * 120000);
    totalFen += fen;
    rows.push([cat!, item!, fen / 100]);
  }
  return { rows, total: totalFen / 100 };
}

/** Paper 门诊 invoice: landscape, every value after its label on the same line. */
function invoicePaper(rand: () => number, font: string): Svg {
  const hospital = hospitalName(rand);
  const name = personName(rand);
  const date = randomDate(rand);
  const code = String(Math.floor(rand() * 9e7) + 1e7);
  const number = String(Math.floor(rand() * 9e9) + 1e9);
  const { rows, total } = invoiceItems(rand, 4 + Math.floor(rand() * 5));
  const fund = Math.round(total * (0.4 + rand() * 0.3) * 100) / 100;
  const personal = Math.round((total - fund) * 100) / 100;
  const dateStyle = Math.floor(rand() * 3);
  const province = pick(rand, ['江苏省', '浙江省', '上海市', '湖北省', '四川省', '河南省']);
  const payer = pick(rand, ['交款人', '姓名', '患者姓名']);
  // Assigned where it is printed, so the random sequence (and every photo) stays as it was.
  let insurance: string;
  const body = [
    text(
      105,
      14,
      6,
      `${province}医疗门诊收费票据`,
      'text-anchor="middle" fill="rgb(150,40,40)" font-weight="bold"',
    ),
    text(12, 25, 3.3, `票据代码：${code}`),
    text(80, 25, 3.3, `票据号码：${number}`),
    text(150, 25, 3.3, `开票日期：${printDate(date, dateStyle)}`),
    text(12, 32, 3.3, `${payer}：${name}`),
    text(70, 32, 3.3, `性别：${rand() < 0.5 ? '男' : '女'}`),
    text(105, 32, 3.3, `医保类型：${(insurance = pick(rand, ['职工基本医疗保险', '城乡居民基本医疗保险']))}`),
    `<rect x="${mm(10)}" y="${mm(38)}" width="${mm(190)}" height="${mm(66)}" fill="none" stroke="rgb(150,60,60)" stroke-width="${mm(0.35)}"/>`,
    text(14, 44, 3.4, '项目名称', 'font-weight="bold"'),
    text(70, 44, 3.4, '明细', 'font-weight="bold"'),
    text(150, 44, 3.4, '金额（元）', 'text-anchor="end" font-weight="bold"'),
    ...rows.map(([cat, item, amt], i) =>
      [
        text(14, 52 + i * 5.6, 3.3, cat),
        text(70, 52 + i * 5.6, 3.3, item),
        text(150, 52 + i * 5.6, 3.3, amt.toFixed(2), 'text-anchor="end"'),
      ].join(''),
    ),
    text(14, 110, 3.5, `合计（大写）：${amountInWords(total)}`),
    text(135, 110, 3.5, `（小写）￥${total.toFixed(2)}`),
    text(12, 117, 3.1, `医保统筹基金支付：${fund.toFixed(2)}`),
    text(80, 117, 3.1, `个人现金支付：${personal.toFixed(2)}`),
    text(12, 123, 3.1, `收款单位（章）：${hospital}`),
    text(140, 123, 3.1, `收款人：${personName(rand)}`),
  ].join('\n');
  return {
    svg: frame(210, 127, font, body, 'rgb(250,247,238)'),
    wMm: 210,
    hMm: 127,
    layout: 'invoice-paper',
    truth: {
      patientName: name,
      hospital,
      issueDate: isoDate(date),
      totalAmount: total,
      totalAmountInWords: amountInWords(total),
      invoiceCode: code,
      invoiceNumber: number,
      careSetting: 'outpatient',
      fundPaid: fund,
      personalPaid: personal,
      insuranceType: insurance,
    },
  };
}

/** 财政电子票据 printout: QR top left, codes top right, values in cells below their labels. */
async function invoiceElectronic(rand: () => number, font: string): Promise<Svg> {
  const inpatient = rand() < 0.5;
  const hospital = hospitalName(rand);
  const name = personName(rand);
  const start = randomDate(rand);
  const end = addDays(start, 2 + Math.floor(rand() * 14));
  const date = inpatient ? end : start;
  const region = pick(rand, ['32', '33', '31', '42', '51', '41']);
  const code = `${region}${String(Math.floor(rand() * 1e6)).padStart(6, '0')}`;
  const number = String(Math.floor(rand() * 1e10)).padStart(10, '0');
  const check = Array.from({ length: 6 }, () => pick(rand, [...'0123456789abcdef'])).join('');
  const { rows, total } = invoiceItems(rand, 3 + Math.floor(rand() * 6));
  const fund = Math.round(total * (0.3 + rand() * 0.5) * 100) / 100;
  const personal = Math.round((total - fund) * 100) / 100;
  const dateStyle = rand() < 0.5 ? 0 : 3;
  const compact = isoDate(date).replace(/-/g, '');
  const qr = `CZ-EI-${region},1.1.0,${code},${number},${check},${compact},${total.toFixed(2)}`;
  const qrSvg = await QRCode.toString(qr, { type: 'svg', margin: 0, errorCorrectionLevel: 'M' });
  const qrInner = qrSvg
    .replace(/^[\s\S]*?<svg[^>]*viewBox="0 0 (\d+) \d+"[^>]*>/, (_m, n: string) => `<!--${n}-->`)
    .replace('</svg>', '');
  const modules = Number(/<!--(\d+)-->/.exec(qrInner)?.[1] ?? 25);
  const qrSize = 24;
  const setting = inpatient ? '住院' : '门诊';
  // Assigned where it is printed, so the random sequence (and every photo) stays as it was.
  let insurance: string;
  const cell = (x: number, y: number, w: number, label: string, value: string): string =>
    `<rect x="${mm(x)}" y="${mm(y)}" width="${mm(w)}" height="${mm(14)}" fill="none" stroke="rgb(120,120,120)" stroke-width="${mm(0.25)}"/>` +
    text(x + 2, y + 5, 3, label, 'fill="rgb(90,90,90)"') +
    text(x + 2, y + 11.5, 3.4, value);
  const body = [
    `<g transform="translate(${mm(12)},${mm(10)}) scale(${mm(qrSize) / modules})">${qrInner}</g>`,
    text(
      105,
      20,
      5.6,
      `${pick(rand, ['江苏省', '浙江省', '湖北省', '四川省', '河南省', '上海市'])}医疗${setting}收费票据（电子）`,
      'text-anchor="middle" font-weight="bold"',
    ),
    text(142, 30, 3, `票据代码：${code}`),
    text(142, 35, 3, `票据号码：${number}`),
    text(142, 40, 3, `校验码：${check}`),
    text(142, 45, 3, `开票日期：${printDate(date, dateStyle)}`),
    cell(12, 50, 60, '交款人', name),
    cell(
      72,
      50,
      62,
      inpatient ? '住院时间' : '就诊日期',
      inpatient ? `${isoDate(start)}至${isoDate(end)}` : isoDate(start),
    ),
    cell(134, 50, 64, '医保类型', (insurance = pick(rand, ['职工基本医疗保险', '城乡居民医保']))),
    `<rect x="${mm(12)}" y="${mm(66)}" width="${mm(186)}" height="${mm(8 + rows.length * 6)}" fill="none" stroke="rgb(120,120,120)" stroke-width="${mm(0.25)}"/>`,
    text(15, 71, 3.2, '项目名称', 'font-weight="bold"'),
    text(110, 71, 3.2, '数量', 'font-weight="bold"'),
    text(190, 71, 3.2, '金额（元）', 'text-anchor="end" font-weight="bold"'),
    ...rows.map(([, item, amt], i) =>
      [
        text(15, 78 + i * 6, 3.2, item),
        text(110, 78 + i * 6, 3.2, String(1 + Math.floor(rand() * 4))),
        text(190, 78 + i * 6, 3.2, amt.toFixed(2), 'text-anchor="end"'),
      ].join(''),
    ),
  ];
  let y = 66 + 8 + rows.length * 6 + 8;
  body.push(
    text(15, y, 3.4, `合计（大写）${amountInWords(total)}`),
    text(135, y, 3.4, `（小写）${total.toFixed(2)}`),
  );
  y += 8;
  body.push(
    text(15, y, 3.1, `医保统筹基金支付：${fund.toFixed(2)}`),
    text(90, y, 3.1, `个人现金支付：${personal.toFixed(2)}`),
  );
  y += 8;
  body.push(
    text(15, y, 3.1, `收款单位（章）：${hospital}`),
    text(140, y, 3.1, `复核人：${personName(rand)}`),
  );
  const hMm = y + 8;
  const truth: Record<string, FieldValue> = {
    patientName: name,
    hospital,
    issueDate: isoDate(date),
    totalAmount: total,
    totalAmountInWords: amountInWords(total),
    invoiceCode: code,
    invoiceNumber: number,
    checkCode: check,
    careSetting: inpatient ? 'inpatient' : 'outpatient',
    fundPaid: fund,
    personalPaid: personal,
    insuranceType: insurance,
  };
  if (inpatient) {
    truth.careStart = isoDate(start);
    truth.careEnd = isoDate(end);
  } else truth.visitDate = isoDate(start);
  return {
    svg: frame(210, hMm, font, body.join('\n'), 'rgb(255,255,255)'),
    wMm: 210,
    hMm,
    layout: `invoice-electronic-${inpatient ? 'inpatient' : 'outpatient'}`,
    truth,
    qr,
  };
}

function itemizedBill(rand: () => number, font: string): Svg {
  const hospital = hospitalName(rand);
  const name = personName(rand);
  const start = randomDate(rand);
  const end = addDays(start, 2 + Math.floor(rand() * 20));
  const n = 18 + Math.floor(rand() * 16);
  let totalFen = 0;
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const [cat, item] = pick(rand, ITEMS);
    const qty = 1 + Math.floor(rand() * 5);
    const price = 100 + Math.floor(rand() * 30000);
    totalFen += qty * price;
    const y = 56 + i * 6.2;
    lines.push(
      text(15, y, 3, cat!),
      text(42, y, 3, item!),
      text(128, y, 3, String(qty), 'text-anchor="end"'),
      text(158, y, 3, (price / 100).toFixed(2), 'text-anchor="end"'),
      text(192, y, 3, ((qty * price) / 100).toFixed(2), 'text-anchor="end"'),
    );
  }
  const total = totalFen / 100;
  const title = pick(rand, ['住院费用清单', '住院费用明细清单', '费用明细清单']);
  const dateStyle = Math.floor(rand() * 2);
  const y = 56 + n * 6.2 + 6;
  const body = [
    text(105, 18, 6, hospital, 'text-anchor="middle" font-weight="bold"'),
    text(105, 28, 5.5, title, 'text-anchor="middle" font-weight="bold"'),
    text(15, 38, 3.3, `姓名：${name}`),
    text(70, 38, 3.3, `住院号：ZY${String(Math.floor(rand() * 1e8)).padStart(8, '0')}`),
    text(135, 38, 3.3, `科室：${pick(rand, ['心内科', '呼吸内科', '普外科', '骨科', '神经内科'])}`),
    text(15, 45, 3.3, `住院日期：${printDate(start, dateStyle)}至${printDate(end, dateStyle)}`),
    text(15, 51, 3.1, '类别', 'font-weight="bold"'),
    text(42, 51, 3.1, '项目名称', 'font-weight="bold"'),
    text(128, 51, 3.1, '数量', 'text-anchor="end" font-weight="bold"'),
    text(158, 51, 3.1, '单价', 'text-anchor="end" font-weight="bold"'),
    text(192, 51, 3.1, '金额', 'text-anchor="end" font-weight="bold"'),
    ...lines,
    text(15, y, 3.5, `合计金额：${total.toFixed(2)}元`, 'font-weight="bold"'),
  ].join('\n');
  return {
    svg: frame(210, Math.max(297, y + 15), font, body),
    wMm: 210,
    hMm: Math.max(297, y + 15),
    layout: 'itemized-bill',
    truth: {
      patientName: name,
      hospital,
      totalAmount: total,
      careStart: isoDate(start),
      careEnd: isoDate(end),
    },
  };
}

function letterhead(hospital: string, title: string): string[] {
  return [
    text(105, 26, 6.5, hospital, 'text-anchor="middle" font-weight="bold"'),
    text(105, 40, 7, title, 'text-anchor="middle" font-weight="bold"'),
    `<line x1="${mm(20)}" y1="${mm(46)}" x2="${mm(190)}" y2="${mm(46)}" stroke="rgb(20,20,25)" stroke-width="${mm(0.5)}"/>`,
  ];
}

function diagnosisCertificate(rand: () => number, font: string): Svg {
  const hospital = hospitalName(rand);
  const name = personName(rand);
  const visit = randomDate(rand);
  const emergency = rand() < 0.4;
  const diagnosis = pick(rand, DIAGNOSES);
  const dateStyle = Math.floor(rand() * 4);
  const body = [
    ...letterhead(hospital, pick(rand, ['诊断证明书', '疾病诊断证明书', '诊 断 证 明 书'])),
    text(22, 60, 4, `姓名：${name}`),
    text(80, 60, 4, `性别：${rand() < 0.5 ? '男' : '女'}`),
    text(125, 60, 4, `年龄：${20 + Math.floor(rand() * 70)}岁`),
    text(22, 70, 4, `科别：${emergency ? '急诊科' : pick(rand, ['心内科', '呼吸内科', '普外科', '骨科'])}`),
    text(90, 70, 4, `就诊日期：${printDate(visit, dateStyle)}`),
    text(22, 86, 4, `诊断：${diagnosis}`),
    text(22, 98, 4, '处理意见：建议休息两周，门诊随诊。'),
    text(110, 200, 4, '医师签名：'),
    text(110, 212, 4, `日期：${printDate(addDays(visit, Math.floor(rand() * 3)), dateStyle)}`),
  ];
  if (emergency && rand() < 0.5) {
    body.push(
      `<rect x="${mm(160)}" y="${mm(52)}" width="${mm(22)}" height="${mm(11)}" fill="none" stroke="rgb(200,30,35)" stroke-width="${mm(0.6)}"/>`,
      text(171, 60, 6, '急诊', 'text-anchor="middle" fill="rgb(200,30,35)" font-weight="bold"'),
    );
  }
  const truth: Record<string, FieldValue> = {
    patientName: name,
    hospital,
    visitDate: isoDate(visit),
    diagnosis,
  };
  if (emergency) truth.emergency = true;
  return { svg: frame(210, 297, font, body.join('\n')), wMm: 210, hMm: 297, layout: 'diagnosis', truth };
}

function dischargeSummary(rand: () => number, font: string): Svg {
  const hospital = hospitalName(rand);
  const name = personName(rand);
  const start = randomDate(rand);
  const end = addDays(start, 3 + Math.floor(rand() * 20));
  const diagnosis = pick(rand, DIAGNOSES);
  const dateStyle = Math.floor(rand() * 2);
  const body = [
    ...letterhead(hospital, pick(rand, ['出院记录', '出院小结'])),
    text(22, 58, 3.8, `姓名：${name}`),
    text(75, 58, 3.8, `性别：${rand() < 0.5 ? '男' : '女'}`),
    text(115, 58, 3.8, `住院号：${String(Math.floor(rand() * 1e7)).padStart(7, '0')}`),
    text(22, 67, 3.8, `入院日期：${printDate(start, dateStyle)}`),
    text(110, 67, 3.8, `出院日期：${printDate(end, dateStyle)}`),
    text(22, 79, 3.8, `入院诊断：${pick(rand, DIAGNOSES)}`),
    text(22, 88, 3.8, `出院诊断：${diagnosis}`),
    text(22, 100, 3.8, '诊疗经过：入院后完善相关检查，予对症支持治疗，病情好转。'),
    text(22, 109, 3.8, '出院医嘱：规律服药，两周后门诊复查，不适随诊。'),
    text(120, 200, 3.8, '医师签名：'),
  ];
  return {
    svg: frame(210, 297, font, body.join('\n')),
    wMm: 210,
    hMm: 297,
    layout: 'discharge',
    truth: { patientName: name, hospital, careStart: isoDate(start), careEnd: isoDate(end), diagnosis },
  };
}

function referralCertificate(rand: () => number, font: string): Svg {
  const from = hospitalName(rand);
  let to = hospitalName(rand);
  while (to === from) to = hospitalName(rand);
  const name = personName(rand);
  const date = randomDate(rand);
  const dateStyle = Math.floor(rand() * 4);
  const body = [
    text(
      105,
      26,
      6.5,
      pick(rand, ['转诊（转院）证明', '异地就医转诊证明', '转院证明']),
      'text-anchor="middle" font-weight="bold"',
    ),
    `<line x1="${mm(20)}" y1="${mm(33)}" x2="${mm(190)}" y2="${mm(33)}" stroke="rgb(20,20,25)" stroke-width="${mm(0.5)}"/>`,
    text(22, 48, 4, `患者姓名：${name}`),
    text(100, 48, 4, `性别：${rand() < 0.5 ? '男' : '女'}`),
    text(22, 60, 4, `转出医院：${from}`),
    text(22, 72, 4, `转入医院：${to}`),
    text(22, 84, 4, `诊断：${pick(rand, DIAGNOSES)}`),
    text(22, 96, 4, '转诊原因：病情需要，本院诊疗条件有限。'),
    text(110, 150, 4, `转诊日期：${printDate(date, dateStyle)}`),
  ];
  return {
    svg: frame(210, 297, font, body.join('\n')),
    wMm: 210,
    hMm: 297,
    layout: 'referral',
    truth: { patientName: name, fromHospital: from, toHospital: to, issueDate: isoDate(date) },
  };
}

function idCard(rand: () => number, font: string): Svg {
  const name = personName(rand);
  const birth = new Date(Date.UTC(1940, 0, 1) + Math.floor(rand() * 60 * 365) * 86_400_000);
  const id = idNumber(rand, birth);
  const body = [
    `<rect x="0" y="0" width="${mm(85.6)}" height="${mm(54)}" rx="${mm(3)}" fill="rgb(226,236,240)"/>`,
    text(6, 10, 2.6, '姓名', 'fill="rgb(60,110,150)"'),
    text(17, 10, 3.4, name),
    text(6, 17, 2.6, '性别', 'fill="rgb(60,110,150)"'),
    text(17, 17, 2.9, rand() < 0.5 ? '男' : '女'),
    text(28, 17, 2.6, '民族', 'fill="rgb(60,110,150)"'),
    text(38, 17, 2.9, '汉'),
    text(6, 24, 2.6, '出生', 'fill="rgb(60,110,150)"'),
    text(17, 24, 2.9, `${birth.getUTCFullYear()}年${birth.getUTCMonth() + 1}月${birth.getUTCDate()}日`),
    text(6, 31, 2.6, '住址', 'fill="rgb(60,110,150)"'),
    text(
      17,
      31,
      2.9,
      `${pick(rand, CITIES)}${pick(rand, ['人民路', '解放路', '建设路', '中山路'])}${1 + Math.floor(rand() * 300)}号`,
    ),
    text(6, 46, 2.6, '公民身份号码', 'fill="rgb(60,110,150)"'),
    text(27, 46, 3.4, id, 'letter-spacing="0.6"'),
    `<rect x="${mm(58)}" y="${mm(6)}" width="${mm(22)}" height="${mm(28)}" fill="rgb(200,205,210)"/>`,
  ].join('\n');
  return {
    svg: frame(85.6, 54, font, body, 'rgb(240,240,236)'),
    wMm: 85.6,
    hMm: 54,
    layout: 'id-card',
    truth: { name, idNumber: id },
  };
}

export async function makePaper(kind: PaperKind, seed: number, variant = 0): Promise<Paper> {
  const rand = rng(seed);
  const font = FONTS[seed % FONTS.length]!;
  const s: Svg =
    kind === 'invoice'
      ? variant % 2 === 0
        ? invoicePaper(rand, font)
        : await invoiceElectronic(rand, font)
      : kind === 'itemized_bill'
        ? itemizedBill(rand, font)
        : kind === 'diagnosis_certificate'
          ? diagnosisCertificate(rand, font)
          : kind === 'discharge_summary'
            ? dischargeSummary(rand, font)
            : kind === 'referral_certificate'
              ? referralCertificate(rand, font)
              : idCard(rand, font);
  // ID cards are small: render them finer so the photo still resolves them like a close-up shot.
  const density = kind === 'id_card' ? 400 : 72;
  const { data, info } = await sharp(Buffer.from(s.svg), { density })
    .resize(kind === 'id_card' ? Math.round(s.wMm * PX_PER_MM * 2) : null)
    .flatten({ background: '#ffffff' })
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return {
    kind,
    layout: s.layout,
    font,
    truth: s.truth,
    qr: s.qr,
    doc: { rgb: data, width: info.width, height: info.height, widthMm: s.wMm, heightMm: s.hMm },
  };
}

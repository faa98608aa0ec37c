// OCR corpus B: claim papers made apart from scripts/ocr-corpus (which draws SVG through librsvg). Here the
// papers are HTML/CSS laid out by Chromium, in other faces (Noto Serif CJK SC, WenQuanYi Micro Hei, AR PL
// UMing / UKai when fonts-arphic-* is installed) and in the layouts and wording real papers use:
// - the national 医疗收费电子票据 template (QR top-left, 票据代码/票据号码/校验码/开票日期 in a header block,
//   交款人统一社会信用代码 + 交款人, 项目名称/数量/金额 table in two halves, 金额合计（大写）/（小写）,
//   医保统筹基金支付/个人账户支付/个人现金支付 in the 备注 block, 收款单位（章）), 门诊 or 住院;
// - a provincial paper 住院/门诊收费票据 (No. number, 住院号, 住院时间 2026年9月1日至2026年9月10日, 预交金),
//   values after their labels or in a grid whose values sit in the cell under the label;
// - an A4 费用清单 with a long item table and its totals at the end (住院日期 as a range or two dates);
// - an A5 诊断证明书 (姓名 性别 年龄 科别 on one row, 诊断：…, 建议：…, 医师签名, 日期);
// - 出院记录 (入院日期/出院日期 with a time, 入院诊断/出院诊断 after the label or on the lines below);
// - 转诊转院审批表 (a ruled grid, values in the cell right of the label);
// - the front of a 居民身份证.
// Label synonyms (姓名/患者姓名/交款人, 合计/金额合计/总金额, 开票日期/日期 …), date forms, full-width or no
// colons, spaced label characters (姓 名) vary per paper. The truth is the generator's own values.
import QRCode from 'qrcode';
import { rng } from '../quality-corpus/documents';
import { sealArcText } from '../quality-corpus-b/documents';
import type { FieldValue } from '../../shared/fields';

export type KindB =
  | 'invoice'
  | 'itemized_bill'
  | 'diagnosis_certificate'
  | 'discharge_summary'
  | 'referral_certificate'
  | 'id_card';
export const KINDS_B: readonly KindB[] = [
  'invoice',
  'itemized_bill',
  'diagnosis_certificate',
  'discharge_summary',
  'referral_certificate',
  'id_card',
];

export interface PaperB {
  kind: KindB;
  layout: string;
  face: string;
  html: string;
  wMm: number;
  hMm: number;
  /** Type size of the body text, mm (for the camera's defocus, stated against the text height). */
  bodyMm: number;
  truth: Record<string, FieldValue>;
}

/** Faces, each with fallbacks (a face that is not installed falls back, and the report says which). */
export const FACES_B = [
  "'Noto Serif CJK SC'",
  "'WenQuanYi Micro Hei'",
  "'AR PL UMing CN', 'Noto Serif CJK SC'",
  "'AR PL UKai CN', 'WenQuanYi Micro Hei'",
] as const;

const SURNAMES = [
  ...'赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜谢邹喻柏窦章苏潘葛范彭鲁韦马苗方俞任袁柳鲍史唐薛雷贺倪汤殷罗毕郝安常乐于傅齐康伍余顾孟黄穆萧尹姚邵汪毛狄米贝明',
];
const GIVEN = [
  ...'子涵浩然梓轩欣怡雨桐俊杰佳琪志明淑芬美玲建军桂芳秀兰德胜春生玉珍金凤长林宏伟丽萍海燕振华国平翠英',
];
const HOSPITALS = [
  '复旦大学附属中山医院',
  '北京协和医院',
  '首都医科大学附属北京朝阳医院',
  '上海交通大学医学院附属瑞金医院',
  '广州市妇女儿童医疗中心',
  '武汉大学人民医院',
  '无锡市人民医院',
  '宁波市第二医院',
  '厦门大学附属第一医院',
  '青岛市市立医院',
  '昆明医科大学第一附属医院',
  '绍兴市中医院',
  '常州市第一人民医院',
  '温州医科大学附属第二医院',
  '天津市胸科医院',
  '杭州市西湖区北山街道社区卫生服务中心',
  '扬州市江都区仙女镇卫生院',
  '大连市中心医院',
];
const PROVINCES = ['江苏省', '浙江省', '山东省', '湖北省', '广东省', '福建省', '四川省', '辽宁省'];
const DIAGNOSES = [
  '社区获得性肺炎',
  '腰椎间盘突出症',
  '急性阑尾炎',
  '胆囊结石伴慢性胆囊炎',
  '慢性阻塞性肺疾病急性加重',
  '左股骨颈骨折',
  '急性脑梗死',
  '高血压病3级',
  '急性支气管炎',
  '不稳定型心绞痛',
  '2型糖尿病',
  '慢性肾脏病5期',
  '急性胃肠炎',
  '甲状腺结节',
  '老年性白内障',
  '右侧腹股沟斜疝',
  '带状疱疹',
  '肺部感染',
];
const DEPARTMENTS = ['心内科', '呼吸内科', '普外科', '骨科', '神经内科', '消化内科', '眼科', '肾内科'];
const ITEMS: Array<[string, string, number]> = [
  ['西药费', '阿莫西林胶囊', 18.6],
  ['中成药费', '复方丹参滴丸', 32.5],
  ['检查费', '彩色多普勒超声', 160],
  ['化验费', '血常规五分类', 25],
  ['化验费', '肝功能全套', 98],
  ['治疗费', '静脉输液', 12],
  ['床位费', '普通病房床位', 40],
  ['护理费', '一级护理', 30],
  ['材料费', '一次性输液器', 6.8],
  ['检查费', '心电图检查', 30],
  ['手术费', '腹腔镜下阑尾切除术', 1580],
  ['放射费', '胸部CT平扫', 240],
  ['诊查费', '普通门诊诊查费', 10],
  ['麻醉费', '全身麻醉', 620],
];

type R = () => number;
const pick = <T>(r: R, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const int = (r: R, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
const digits = (r: R, n: number): string => Array.from({ length: n }, () => int(r, 0, 9)).join('');

function personName(r: R): string {
  return pick(r, SURNAMES) + pick(r, GIVEN) + (r() < 0.6 ? pick(r, GIVEN) : '');
}

interface Day {
  y: number;
  m: number;
  d: number;
}
function addDays(a: Day, n: number): Day {
  const t = new Date(Date.UTC(a.y, a.m - 1, a.d + n));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}
const iso = (a: Day): string => `${a.y}-${pad(a.m)}-${pad(a.d)}`;
function randomDay(r: R): Day {
  return addDays({ y: 2025, m: 1, d: 1 }, int(r, 0, 640));
}
/** A date as papers print it; `form` chosen per paper so one paper is consistent. */
function dateText(a: Day, form: number): string {
  switch (form % 6) {
    case 0:
      return iso(a);
    case 1:
      return `${a.y}年${a.m}月${a.d}日`;
    case 2:
      return `${a.y}年${pad(a.m)}月${pad(a.d)}日`;
    case 3:
      return `${a.y}/${pad(a.m)}/${pad(a.d)}`;
    case 4:
      return `${a.y} 年 ${a.m} 月 ${a.d} 日`;
    default:
      return `${a.y}.${pad(a.m)}.${pad(a.d)}`;
  }
}

/** 人民币大写 of an amount in fen, written out here (not with the app's parser) the way invoices print it. */
export function amountWords(fen: number): string {
  const D = '零壹贰叁肆伍陆柒捌玖';
  const yuan = Math.floor(fen / 100);
  const jiao = Math.floor(fen / 10) % 10;
  const fenD = fen % 10;
  let out = '';
  if (yuan > 0) {
    const groups: number[] = [];
    for (let v = yuan; v > 0; v = Math.floor(v / 10000)) groups.push(v % 10000);
    const GU = ['', '万', '亿'];
    const U = ['', '拾', '佰', '仟'];
    let zero = false;
    for (let g = groups.length - 1; g >= 0; g--) {
      const v = groups[g]!;
      if (v === 0) {
        zero = out.length > 0;
        continue;
      }
      if (out && v < 1000) zero = true;
      for (let p = 3; p >= 0; p--) {
        const d = Math.floor(v / 10 ** p) % 10;
        if (d === 0) {
          if (out) zero = true;
          continue;
        }
        if (zero) out += '零';
        zero = false;
        out += D[d]! + U[p]!;
      }
      out += GU[g]!;
    }
    out += '元';
  }
  if (jiao === 0 && fenD === 0) return `${out}整`;
  if (jiao > 0) out += `${D[jiao]!}角`;
  else if (yuan > 0) out += '零';
  if (fenD > 0) out += `${D[fenD]!}分`;
  return out;
}

const money = (fen: number): string => (fen / 100).toFixed(2);
function moneyText(fen: number, r: R): string {
  const v = money(fen);
  const withComma = v.replace(/\B(?=(\d{3})+\.)/, ',');
  return pick(r, [`¥${v}`, `￥${withComma}`, `${v}元`, v, `${withComma}`]);
}

/** A label as printed: sometimes its characters spaced (姓 名), with a full-width, half-width or no colon. */
function labeler(r: R): (s: string, colon?: boolean) => string {
  const spaced = r() < 0.4;
  const colon = pick(r, ['：', '：', ':', '']);
  return (s: string, withColon = true) =>
    (spaced && s.length === 2 ? `${s[0]!}\u3000${s[1]!}` : s) + (withColon ? colon || '：' : '');
}

function validId(r: R, birth: Day): string {
  const area = pick(r, ['320102', '330106', '370202', '420106', '440104', '350203', '510107', '210204']);
  const head = `${area}${birth.y}${pad(birth.m)}${pad(birth.d)}${digits(r, 3)}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...head].reduce((a, c, i) => a + Number(c) * w[i]!, 0);
  return head + '10X98765432'[sum % 11]!;
}

function doc(wMm: number, hMm: number, face: string, bodyMm: number, body: string, tint = '#fdfdfb'): string {
  return `<!doctype html><html><head><meta charset="utf-8"><style>
@page { margin: 0 }
html, body { margin: 0; padding: 0; }
body { width: ${wMm}mm; height: ${hMm}mm; background: ${tint}; position: relative; overflow: hidden; color: #1d1d1d;
  font-family: ${face}, serif; font-size: ${bodyMm}mm; line-height: 1.55; }
.a { position: absolute; }
table { border-collapse: collapse; }
td, th { padding: 0.6mm 1.2mm; vertical-align: top; font-weight: normal; }
.g td, .g th { border: 0.25mm solid #444; }
.c { text-align: center; }
.r { text-align: right; }
b { font-weight: bold; }
</style></head><body>${body}</body></html>`;
}

function seal(cx: number, cy: number, r: number, text: string, label: string): string {
  const arc = sealArcText(text, {
    rx: r,
    ry: r,
    fromDeg: -160,
    spanDeg: 140,
    inset: 0.75,
    fontSize: r * 0.2,
    turnDigits: 1,
  });
  return `<svg class="a" style="left:${cx - r - 1}mm;top:${cy - r - 1}mm;width:${2 * r + 2}mm;height:${2 * r + 2}mm;opacity:0.78" viewBox="${-r - 1} ${-r - 1} ${2 * r + 2} ${2 * r + 2}">
<g fill="#cc2229" stroke="#cc2229" font-family="'WenQuanYi Zen Hei', sans-serif"><circle r="${r}" fill="none" stroke-width="0.9"/>${arc}
<text y="${(r * 0.5).toFixed(2)}" text-anchor="middle" stroke="none" font-size="${(r * 0.17).toFixed(2)}">${label}</text></g></svg>`;
}

function itemsFor(r: R, n: number, inpatient: boolean): Array<[string, string, number, number]> {
  const out: Array<[string, string, number, number]> = [];
  for (let i = 0; i < n; i++) {
    const [cat, name, price] = pick(r, ITEMS);
    const qty = cat === '床位费' || cat === '护理费' ? (inpatient ? int(r, 3, 12) : 1) : int(r, 1, 4);
    out.push([cat, name, qty, Math.round(price * 100 * qty)]);
  }
  return out;
}

/** Splits a total in fen into fund / account / cash shares. */
function split(r: R, total: number): { fund: number; account: number; cash: number } {
  const fund = Math.round(total * (0.4 + r() * 0.35));
  const account = Math.round((total - fund) * r() * 0.5);
  return { fund, account, cash: total - fund - account };
}

async function eInvoice(r: R, face: string, variant: number): Promise<PaperB> {
  const inpatient = variant % 2 === 1;
  const L = labeler(r);
  const name = personName(r);
  const hospital = pick(r, HOSPITALS);
  const province = pick(r, PROVINCES);
  const day = randomDay(r);
  const stay = inpatient ? int(r, 3, 14) : 0;
  const start = addDays(day, -stay);
  const form = int(r, 0, 5);
  const code = `${pick(r, ['32', '33', '37', '42', '44'])}${pad(int(r, 1, 99))}${pad(int(r, 1, 26))}${pad(int(r, 1, 99))}`;
  const number = `00${digits(r, 8)}`;
  const check = digits(r, 6).replace(/^(\d{2})/, (m) => (r() < 0.5 ? m : 'a' + m[1]!));
  const items = itemsFor(r, int(r, 4, 8), inpatient);
  const total = items.reduce((a, i) => a + i[3], 0);
  const { fund, account, cash } = split(r, total);
  const title = `${province}医疗${inpatient ? '住院' : '门诊'}收费票据（电子）`;
  const qr = await QRCode.toString(
    `https://pjcy.${['js', 'zj', 'sd'][variant % 3]!}czt.gov.cn/check?pjdm=${code}&pjhm=${number}&jym=${check}&je=${money(total)}&kprq=${iso(day).replace(/-/g, '')}`,
    { type: 'svg', margin: 0, errorCorrectionLevel: 'M' },
  );
  const half = Math.ceil(items.length / 2);
  const rows = Array.from({ length: half }, (_, i) => {
    const cell = (it?: [string, string, number, number]): string =>
      it
        ? `<td>${it[0]}</td><td class="c">${it[2]}</td><td class="r">${money(it[3])}</td><td></td>`
        : '<td></td><td></td><td></td><td></td>';
    return `<tr>${cell(items[i])}${cell(items[i + half])}</tr>`;
  }).join('');
  const wordsLabel = pick(r, ['金额合计（大写）', '金额合计(大写)', '合计人民币（大写）']);
  const remark = inpatient
    ? `住院号：${digits(r, 8)}\u3000${L('住院时间')}${dateText(start, form)}${pick(r, ['至', ' 至 ', '-', '—'])}${dateText(day, form)}\u3000预交金额：${money(Math.round((total * 1.2) / 10000) * 10000)}<br>`
    : `门诊号：${digits(r, 10)}\u3000就诊日期：${dateText(day, form)}<br>`;
  const body = `
<div class="a" style="left:8mm;top:7mm;width:24mm;height:24mm">${qr.replace('<svg', '<svg width="100%" height="100%"')}</div>
<div class="a c" style="left:40mm;width:120mm;top:9mm;font-size:5.2mm;color:#7a1b1b;letter-spacing:0.3mm">${title}</div>
<table class="a" style="left:150mm;top:17mm;font-size:0.95em">
<tr><td>票据代码：${code}</td></tr><tr><td>票据号码：${number}</td></tr><tr><td>校验码：${check}</td></tr><tr><td>${L('开票日期')}${dateText(day, form)}</td></tr></table>
<div class="a" style="left:10mm;top:40mm">交款人统一社会信用代码：${validId(r, addDays(day, -int(r, 8000, 30000)))}\u3000\u3000交款人：${name}</div>
<table class="a g" style="left:10mm;top:47mm;width:190mm;font-size:0.92em">
<tr class="c"><th>项目名称</th><th>数量</th><th>金额（元）</th><th>备注</th><th>项目名称</th><th>数量</th><th>金额（元）</th><th>备注</th></tr>${rows}
<tr><td colspan="5">${wordsLabel}${amountWords(total)}</td><td colspan="3">（小写）${moneyText(total, r)}</td></tr>
<tr><td colspan="8" style="line-height:1.7">备注：${remark}医保类型：${pick(r, ['职工基本医疗保险', '城乡居民基本医疗保险'])}\u3000医保统筹基金支付：${money(fund)}\u3000其他支付：0.00<br>个人账户支付：${money(account)}\u3000个人现金支付：${money(cash)}\u3000个人自付：${money(account + cash)}</td></tr></table>
<div class="a" style="left:10mm;top:126mm">收款单位（章）：${hospital}\u3000\u3000复核人：${personName(r)}\u3000\u3000收款人：${personName(r)}</div>
${seal(46, 118, 14, hospital, '财务专用章')}`;
  const truth: Record<string, FieldValue> = {
    patientName: name,
    hospital,
    issueDate: iso(day),
    totalAmount: total / 100,
    totalAmountInWords: amountWords(total),
    invoiceCode: code,
    invoiceNumber: number,
    checkCode: check,
    careSetting: inpatient ? 'inpatient' : 'outpatient',
    fundPaid: fund / 100,
    personalPaid: cash / 100,
  };
  if (inpatient) {
    truth.careStart = iso(start);
    truth.careEnd = iso(day);
  }
  return {
    kind: 'invoice',
    layout: `e-invoice-${inpatient ? 'inpatient' : 'outpatient'}`,
    face,
    html: doc(210, 140, face, 3, body),
    wMm: 210,
    hMm: 140,
    bodyMm: 3,
    truth,
  };
}

function paperInvoice(r: R, face: string, variant: number): PaperB {
  const inpatient = variant % 3 !== 2;
  const grid = variant % 2 === 1;
  const L = labeler(r);
  const name = personName(r);
  const hospital = pick(r, HOSPITALS);
  const province = pick(r, PROVINCES);
  const day = randomDay(r);
  const stay = int(r, 2, 12);
  const start = addDays(day, -stay);
  const form = int(r, 0, 5);
  const code = `${pick(r, ['32', '33', '37', '42'])}${digits(r, 6)}`;
  const number = digits(r, 8);
  const items = itemsFor(r, 8, inpatient);
  const total = items.reduce((a, i) => a + i[3], 0);
  const { fund, account, cash } = split(r, total);
  const kindWord = inpatient ? '住院' : '门诊';
  const title = pick(r, [`${province}医疗${kindWord}收费票据`, `${province}医疗机构${kindWord}收费票据`]);
  const dateLabel = pick(r, ['开票日期', '收费日期', '结算日期', '日期']);
  const nameLabel = pick(r, ['姓名', '患者姓名', '交款人']);
  const totalLabel = pick(r, ['合计', '金额合计', '总金额']);
  const numberText = r() < 0.5 ? `No.${number}` : `票据号码：${number}`;
  // Category totals in a two-by-four block, as provincial paper receipts print them.
  const cats = new Map<string, number>();
  for (const it of items) cats.set(it[0], (cats.get(it[0]) ?? 0) + it[3]);
  const catCells = [...cats.entries()].map(([c, v]) => `<td>${c}</td><td class="r">${money(v)}</td>`);
  const catRows: string[] = [];
  for (let i = 0; i < catCells.length; i += 3) catRows.push(`<tr>${catCells.slice(i, i + 3).join('')}</tr>`);
  const stayText = `${dateText(start, form === 0 ? 1 : form)}${pick(r, ['至', '至', '—', '～'])}${dateText(day, form === 0 ? 1 : form)}`;
  let head: string;
  if (grid) {
    // Labels in one row of cells, their values in the row below.
    const labels = [
      L(nameLabel, false),
      '性别',
      inpatient ? '住院号' : '门诊号',
      inpatient ? L('住院时间', false) : '科室',
      L(dateLabel, false),
    ];
    const values = [
      name,
      pick(r, ['男', '女']),
      digits(r, 8),
      inpatient ? stayText : pick(r, DEPARTMENTS),
      dateText(day, form),
    ];
    head = `<table class="a g c" style="left:10mm;top:24mm;width:180mm"><tr>${labels.map((l) => `<td>${l}</td>`).join('')}</tr><tr>${values.map((v) => `<td>${v}</td>`).join('')}</tr></table>`;
  } else {
    head = `<div class="a" style="left:10mm;top:24mm;line-height:1.8">${L(nameLabel)}${name}\u3000\u3000性别：${pick(r, ['男', '女'])}\u3000\u3000${inpatient ? '住院号' : '门诊号'}：${digits(r, 8)}<br>${inpatient ? `${L('住院时间')}${stayText}\u3000（${stay}天）\u3000` : ''}${L(dateLabel)}${dateText(day, form)}</div>`;
  }
  const prepaid = Math.round((total * 1.3) / 10000) * 10000;
  const body = `
<div class="a c" style="left:0;right:0;top:6mm;font-size:5mm;letter-spacing:0.5mm"><b>${title}</b></div>
<div class="a" style="left:10mm;top:15mm;font-size:0.9em">票据代码：${code}</div>
<div class="a" style="left:145mm;top:15mm;color:#b01818;font-size:1.1em">${numberText}</div>
${head}
<table class="a g" style="left:10mm;top:${grid ? 42 : 40}mm;width:180mm">${catRows.join('')}</table>
<div class="a" style="left:10mm;top:70mm">${L(totalLabel)}（大写）${amountWords(total)}\u3000\u3000（小写）${moneyText(total, r)}</div>
<div class="a" style="left:10mm;top:77mm">${inpatient ? `预交金：${money(prepaid)}\u3000补交：0.00\u3000退款：${money(prepaid - cash)}\u3000` : ''}医保统筹支付：${money(fund)}\u3000个人账户支付：${money(account)}\u3000个人现金支付：${money(cash)}</div>
<div class="a" style="left:10mm;top:90mm">收款单位（盖章）：${hospital}\u3000\u3000收款人：${personName(r)}</div>
${seal(150, 88, 13, hospital, '收费专用章')}`;
  const truth: Record<string, FieldValue> = {
    patientName: name,
    hospital,
    issueDate: iso(day),
    totalAmount: total / 100,
    totalAmountInWords: amountWords(total),
    invoiceCode: code,
    invoiceNumber: number,
    careSetting: inpatient ? 'inpatient' : 'outpatient',
    fundPaid: fund / 100,
    personalPaid: cash / 100,
  };
  if (inpatient) {
    truth.careStart = iso(start);
    truth.careEnd = iso(day);
  }
  return {
    kind: 'invoice',
    layout: `paper-${kindWord === '住院' ? 'inpatient' : 'outpatient'}-${grid ? 'grid' : 'inline'}`,
    face,
    html: doc(200, 102, face, 3.2, body, '#fbf8ef'),
    wMm: 200,
    hMm: 102,
    bodyMm: 3.2,
    truth,
  };
}

function bill(r: R, face: string, variant: number): PaperB {
  const L = labeler(r);
  const name = personName(r);
  const hospital = pick(r, HOSPITALS);
  const end = randomDay(r);
  const start = addDays(end, -int(r, 3, 20));
  const form = int(r, 0, 5);
  const items = itemsFor(r, int(r, 24, 34), true);
  const total = items.reduce((a, i) => a + i[3], 0);
  const nameLabel = pick(r, ['姓名', '患者姓名', '病人姓名']);
  const totalLabel = pick(r, ['合计', '合计金额', '总金额', '费用合计']);
  const separate = variant % 3 === 2;
  const stay = separate
    ? `${L('入院日期')}${dateText(start, form)}\u3000${L('出院日期')}${dateText(end, form)}`
    : `${L(pick(r, ['住院日期', '住院时间']))}${dateText(start, form)}${pick(r, [' 至 ', '至', '—', ' - '])}${dateText(end, form)}`;
  const titleOneLine = variant % 2 === 0;
  const rows = items
    .map(
      ([c, n, q, f], i) =>
        `<tr><td class="c">${i + 1}</td><td>${digits(r, 9)}</td><td>${n}</td><td>${c}</td><td class="c">${q}</td><td class="r">${money(Math.round(f / q))}</td><td class="r">${money(f)}</td><td class="c">${pick(r, ['甲', '乙', '丙'])}</td></tr>`,
    )
    .join('');
  const body = `
${titleOneLine ? `<div class="a c" style="left:0;right:0;top:9mm;font-size:5.5mm"><b>${hospital}住院费用清单</b></div>` : `<div class="a c" style="left:0;right:0;top:8mm;font-size:5.5mm"><b>${hospital}</b></div><div class="a c" style="left:0;right:0;top:16mm;font-size:4.6mm;letter-spacing:1mm">住院患者费用明细清单</div>`}
<div class="a" style="left:12mm;top:25mm;line-height:1.8">${L(nameLabel)}${name}\u3000${L('性别')}${pick(r, ['男', '女'])}\u3000${L('科室')}${pick(r, DEPARTMENTS)}\u3000住院号：${digits(r, 9)}<br>${stay}</div>
<table class="a" style="left:12mm;top:40mm;width:186mm;font-size:0.92em;border-top:0.4mm solid #222;border-bottom:0.4mm solid #222">
<tr style="border-bottom:0.25mm solid #222"><th>序号</th><th>项目编码</th><th>项目名称</th><th>类别</th><th>数量</th><th>单价</th><th>金额</th><th>甲乙类</th></tr>${rows}</table>
<div class="a" style="left:12mm;bottom:22mm">${L(totalLabel)}${moneyText(total, r)}\u3000\u3000打印日期：${dateText(addDays(end, 1), form)}</div>
<div class="a" style="left:12mm;bottom:12mm;font-size:0.85em;color:#555">本清单仅供参考，以医院收费票据为准。\u3000第 1 页 / 共 1 页</div>`;
  return {
    kind: 'itemized_bill',
    layout: separate ? 'bill-two-dates' : 'bill-range',
    face,
    html: doc(210, 297, face, 2.9, body),
    wMm: 210,
    hMm: 297,
    bodyMm: 2.9,
    truth: {
      patientName: name,
      hospital,
      totalAmount: total / 100,
      careStart: iso(start),
      careEnd: iso(end),
    },
  };
}

function certificate(r: R, face: string, variant: number): PaperB {
  const L = labeler(r);
  const name = personName(r);
  const hospital = pick(r, HOSPITALS);
  const day = randomDay(r);
  const form = int(r, 0, 5);
  const emergencyDept = variant % 3 === 1;
  const dept = emergencyDept ? '急诊科' : pick(r, DEPARTMENTS);
  const diag = [pick(r, DIAGNOSES), pick(r, DIAGNOSES)];
  const numbered = r() < 0.5;
  const withVisit = variant % 2 === 0;
  const diagText = numbered ? `1.${diag[0]!}\u30002.${diag[1]!}` : `${diag[0]!}；${diag[1]!}`;
  const body = `
<div class="a c" style="left:0;right:0;top:12mm;font-size:5.6mm"><b>${hospital}</b></div>
<div class="a c" style="left:0;right:0;top:22mm;font-size:5.4mm;letter-spacing:${pick(r, ['0', '1.5mm', '3mm'])}"><b>诊断证明书</b></div>
<div class="a" style="left:12mm;right:12mm;top:38mm;line-height:2.1">
${L('姓名')}${name}\u3000${L('性别')}${pick(r, ['男', '女'])}\u3000${L('年龄')}${int(r, 18, 92)}岁\u3000${L('科别')}${dept}<br>
${withVisit ? `${L(pick(r, ['就诊日期', '门诊日期']))}${dateText(day, form)}\u3000门诊号：${digits(r, 10)}<br>` : `门诊号：${digits(r, 10)}<br>`}
${L('诊断')}${diagText}<br>
${L('建议')}${pick(r, ['注意休息，门诊随访。', '建议休息一周，按时服药，定期复查。', '住院治疗。', '避免劳累，两周后复诊。'])}</div>
<div class="a" style="left:78mm;top:150mm;line-height:2.2">医师签名：${personName(r)}<br>${L('日期')}${dateText(day, form)}</div>
${seal(60, 160, 16, hospital, '诊断证明专用章')}`;
  const truth: Record<string, FieldValue> = { patientName: name, hospital, diagnosis: diag[0]! };
  if (withVisit) truth.visitDate = iso(day);
  if (emergencyDept) truth.emergency = true;
  return {
    kind: 'diagnosis_certificate',
    layout: `certificate-a5${withVisit ? '-visit' : ''}`,
    face,
    html: doc(148, 210, face, 3.6, body),
    wMm: 148,
    hMm: 210,
    bodyMm: 3.6,
    truth,
  };
}

function discharge(r: R, face: string, variant: number): PaperB {
  const L = labeler(r);
  const name = personName(r);
  const hospital = pick(r, HOSPITALS);
  const end = randomDay(r);
  const start = addDays(end, -int(r, 3, 25));
  const form = int(r, 0, 5);
  const inDiag = pick(r, DIAGNOSES);
  const outDiag = [pick(r, DIAGNOSES), pick(r, DIAGNOSES)];
  const below = variant % 2 === 1;
  const time = (): string => (r() < 0.5 ? ` ${pad(int(r, 7, 20))}:${pad(int(r, 0, 59))}` : '');
  const inLabel = pick(r, ['入院日期', '入院时间']);
  const outLabel = pick(r, ['出院日期', '出院时间']);
  const outDiagHtml = below
    ? `<b>出院诊断：</b><br>\u30001. ${outDiag[0]!}<br>\u30002. ${outDiag[1]!}<br>`
    : `${L('出院诊断')}1.${outDiag[0]!}\u30002.${outDiag[1]!}<br>`;
  const body = `
<div class="a c" style="left:0;right:0;top:10mm;font-size:5.6mm"><b>${hospital}</b></div>
<div class="a c" style="left:0;right:0;top:20mm;font-size:5.2mm;letter-spacing:2mm"><b>出院记录</b></div>
<div class="a" style="left:14mm;right:14mm;top:34mm;line-height:2">
${L('姓名')}${name}\u3000${L('性别')}${pick(r, ['男', '女'])}\u3000${L('年龄')}${int(r, 20, 90)}岁\u3000科室：${pick(r, DEPARTMENTS)}\u3000床号：${int(r, 1, 60)}\u3000住院号：${digits(r, 8)}<br>
${L(inLabel)}${dateText(start, form)}${time()}\u3000\u3000${L(outLabel)}${dateText(end, form)}${time()}\u3000\u3000住院天数：${Math.round((Date.UTC(end.y, end.m - 1, end.d) - Date.UTC(start.y, start.m - 1, start.d)) / 86400000)}天<br>
${L('入院诊断')}${inDiag}<br>
${outDiagHtml}
<b>入院情况：</b>患者因“反复咳嗽、咳痰伴气促${int(r, 2, 10)}天”入院，查体：神志清，精神可，双肺呼吸音粗。<br>
<b>诊疗经过：</b>入院后完善相关检查，予抗感染、化痰、平喘及对症支持治疗，病情好转。<br>
<b>出院情况：</b>一般情况可，生命体征平稳。<br>
<b>出院医嘱：</b>1. 按时服药；2. 低盐低脂饮食；3. 两周后门诊复查，不适随诊。</div>
<div class="a" style="left:120mm;top:255mm">医师签名：${personName(r)}</div>`;
  return {
    kind: 'discharge_summary',
    layout: below ? 'discharge-list-below' : 'discharge-inline',
    face,
    html: doc(210, 297, face, 3.3, body),
    wMm: 210,
    hMm: 297,
    bodyMm: 3.3,
    truth: { patientName: name, hospital, careStart: iso(start), careEnd: iso(end), diagnosis: outDiag[0]! },
  };
}

function referral(r: R, face: string, variant: number): PaperB {
  const name = personName(r);
  const from = pick(r, HOSPITALS);
  let to = pick(r, HOSPITALS);
  while (to === from) to = pick(r, HOSPITALS);
  const day = randomDay(r);
  const form = int(r, 0, 5);
  const city = pick(r, ['南京市', '杭州市', '济南市', '武汉市', '福州市']);
  const fromLabel = pick(r, ['转出医院', '转出医疗机构']);
  const toLabel = pick(r, ['转入医院', '转往医院', '拟转入医疗机构']);
  const dateLabel = pick(r, ['申请日期', '填表日期', '转诊日期']);
  const title = variant % 2 === 0 ? `${city}基本医疗保险转诊转院审批表` : '参保人员异地转诊转院申请表';
  const body = `
<div class="a c" style="left:0;right:0;top:14mm;font-size:5.4mm"><b>${title}</b></div>
<div class="a" style="left:14mm;top:26mm">编号：${digits(r, 10)}</div>
<table class="a g" style="left:14mm;top:33mm;width:182mm;line-height:1.9">
<tr><td class="c" style="width:30mm">姓\u3000名</td><td>${name}</td><td class="c">性别</td><td>${pick(r, ['男', '女'])}</td><td class="c">年龄</td><td>${int(r, 20, 90)}</td></tr>
<tr><td class="c">社会保障号码</td><td colspan="5">${validId(r, addDays(day, -int(r, 8000, 30000)))}</td></tr>
<tr><td class="c">${fromLabel}</td><td colspan="5">${from}</td></tr>
<tr><td class="c">${toLabel}</td><td colspan="5">${to}</td></tr>
<tr><td class="c">临床诊断</td><td colspan="5">${pick(r, DIAGNOSES)}</td></tr>
<tr><td class="c" style="height:26mm">转诊理由</td><td colspan="5">病情复杂，本院诊疗条件有限，建议转上级医院进一步诊治。</td></tr>
<tr><td class="c" style="height:26mm">转出医院意见</td><td colspan="5">同意转诊。<br><span style="padding-left:90mm">（盖章）\u3000年\u3000月\u3000日</span></td></tr>
<tr><td class="c" style="height:26mm">医保经办机构意见</td><td colspan="5"><br><span style="padding-left:90mm">（盖章）\u3000年\u3000月\u3000日</span></td></tr>
</table>
<div class="a" style="left:14mm;top:200mm">${dateLabel}：${dateText(day, form)}\u3000\u3000经办人：${personName(r)}</div>`;
  return {
    kind: 'referral_certificate',
    layout: variant % 2 === 0 ? 'referral-city' : 'referral-remote',
    face,
    html: doc(210, 297, face, 3.4, body),
    wMm: 210,
    hMm: 297,
    bodyMm: 3.4,
    truth: { patientName: name, fromHospital: from, toHospital: to, issueDate: iso(day) },
  };
}

function idCard(r: R, face: string): PaperB {
  const name = personName(r);
  const birth = addDays({ y: 1935, m: 1, d: 1 }, int(r, 0, 25000));
  const id = validId(r, birth);
  const lab = 'color:#2b5a86;letter-spacing:0.9mm';
  const body = `
<div class="a" style="left:0;top:0;width:85.6mm;height:54mm;background:radial-gradient(circle at 70% 40%,#f1f5ee,#dfe9ef 70%,#e9e3d6)"></div>
<div class="a" style="left:5mm;top:5mm;line-height:2.05;font-size:2.7mm">
<span style="${lab}">姓名</span>\u2002<b style="font-size:3.3mm">${name}</b><br>
<span style="${lab}">性别</span>\u2002${pick(r, ['男', '女'])}\u3000\u3000<span style="${lab}">民族</span>\u2002${pick(r, ['汉', '回', '满', '壮'])}<br>
<span style="${lab}">出生</span>\u2002${birth.y}\u2002年\u2002${birth.m}\u2002月\u2002${birth.d}\u2002日<br>
<span style="${lab}">住址</span>\u2002${pick(r, ['江苏省无锡市梁溪区', '浙江省宁波市海曙区', '山东省青岛市市南区', '湖北省武汉市洪山区'])}${pick(r, ['解放路', '人民路', '中山路'])}${int(r, 1, 300)}号</div>
<div class="a" style="left:60mm;top:7mm;width:21mm;height:26mm;background:#cfd8de;border-radius:1.5mm"></div>
<div class="a" style="left:5mm;top:43mm;font-size:2.7mm"><span style="${lab}">公民身份号码</span>\u2003<span style="font-family:'DejaVu Sans Mono', monospace;font-size:3.4mm;letter-spacing:0.5mm">${id}</span></div>`;
  return {
    kind: 'id_card',
    layout: 'id-front',
    face,
    html: doc(85.6, 54, face, 2.7, body, '#e6ecef'),
    wMm: 85.6,
    hMm: 54,
    bodyMm: 2.7,
    truth: { name, idNumber: id },
  };
}

/** Paper number `variant` of `kind`, random from `seed`; invoices alternate electronic and paper. */
export async function makePaperB(kind: KindB, seed: number, variant: number): Promise<PaperB> {
  const r = rng(seed);
  const face = FACES_B[(variant + KINDS_B.indexOf(kind)) % FACES_B.length]!;
  switch (kind) {
    case 'invoice':
      return variant % 2 === 0 ? eInvoice(r, face, variant / 2) : paperInvoice(r, face, (variant - 1) / 2);
    case 'itemized_bill':
      return bill(r, face, variant);
    case 'diagnosis_certificate':
      return certificate(r, face, variant);
    case 'discharge_summary':
      return discharge(r, face, variant);
    case 'referral_certificate':
      return referral(r, face, variant);
    case 'id_card':
      return idCard(r, face);
  }
}

// OCR corpus C: claim papers made apart from corpora A (SVG drawn by librsvg) and B (HTML laid out by
// Chromium). Here every paper is drawn stroke by stroke on a Skia canvas (@napi-rs/canvas), in faces neither
// of them uses (AR PL SungtiL GB and KaitiM GB, LXGW WenKai and WenKai Mono: Debian fonts-arphic-gbsn00lp,
// -gkai00mp, fonts-lxgw-wenkai), with its own names, hospitals, fee items and amount-in-words writer, in
// the layouts of real papers that A and B do not have:
// - the national 医疗收费票据（电子） printout of several provinces: header block, a three-column item table,
//   金额合计（大写）… （小写）… on one line, the 其他信息 block (业务流水号, 门诊号/住院号, 就诊日期 or 住院时间
//   printed 2021-03-01~2021-03-06, 20210318|20210506 or 2021-01-07-2021-01-22, 医保类型, the six payments),
//   收款单位（章） under a red (or, printed black and white, grey) e-seal; 交款人 blank or masked on half;
// - provincial pin-feed paper receipts on tinted guilloche paper: the form printed in colour, the values by a
//   dot-matrix printer out of register, 姓名 masked by a white box or left blank, 合计(大写) and the ¥
//   figure on one line, the date printed into the form's 年 月 日 cells beside 收款人, 打印时间 beside it;
// - a grid receipt (住院费票据) whose 姓名 and 住院号 cells are blank and whose 日期 stands in the header;
// - 出院记录 with a blank 姓名, admission and discharge times in every printed form (10时12分, 8点00分, a
//   clock time, or year and month only: then no date is printed), ICD codes before the diagnoses;
// - 出院诊断证明书 with a blank 姓名 and the label 诊 断 spaced.
// A truth of null is a label printed with its cell blank: the reader must give nothing there.
import { createCanvas, GlobalFonts, type SKRSContext2D } from '@napi-rs/canvas';
import { existsSync } from 'node:fs';
import type { FieldValue } from '../../shared/fields';
import { seededRandom } from '../seeded-random';

export type KindC = 'invoice' | 'discharge_summary' | 'diagnosis_certificate';
export const KINDS_C: readonly KindC[] = ['invoice', 'discharge_summary', 'diagnosis_certificate'];

export interface PaperC {
  kind: KindC;
  layout: string;
  face: string;
  /** The paper drawn at 200 dpi, RGBA. */
  width: number;
  height: number;
  rgba: Buffer;
  truth: Record<string, FieldValue | null>;
}

/** The corpus's random sequence (mulberry32, seeded per paper: the same corpus on every machine). */
export const prng = seededRandom;
const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const int = (r: () => number, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));

const FONT_FILES: Record<string, string> = {
  'AR PL SungtiL GB': '/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf',
  'AR PL KaitiM GB': '/usr/share/fonts/truetype/arphic-gkai00mp/gkai00mp.ttf',
  'LXGW WenKai': '/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf',
  'LXGW WenKai Mono': '/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKaiMono-Regular.ttf',
};
/** Faces present on this machine (a machine without the Debian packages falls back to Noto Serif CJK). */
function faces(): { form: string[]; value: string[] } {
  for (const [family, file] of Object.entries(FONT_FILES))
    if (existsSync(file) && !GlobalFonts.has(family)) GlobalFonts.registerFromPath(file, family);
  const have = Object.keys(FONT_FILES).filter((f) => GlobalFonts.has(f));
  const form = have.filter((f) => !f.endsWith('Mono'));
  const value = have.filter((f) => f.endsWith('Mono') || f.includes('Sungti'));
  return {
    form: form.length ? form : ['Noto Serif CJK SC'],
    value: value.length ? value : ['Noto Serif CJK SC'],
  };
}

// Our own lists (none taken from corpora A or B).
const FAMILY = [
  ...'赵钱孙李周吴郑冯陈褚卫蒋沈韩朱秦尤许何吕施孔曹严华金魏陶姜戚谢邹喻柏窦章苏潘葛范彭鲁韦马苗方俞任袁柳鲍史唐薛雷贺倪汤殷罗毕郝邬安常乐于傅齐康伍余顾孟黄穆萧尹',
];
const GIVEN = [
  ...'子涵雨欣浩然梓轩思远诗琪一诺晨曦俊杰佳怡志明淑华桂芳丽娟秀梅建军红梅春生德胜振华宝珍玉兰凤霞永福国平海燕文静',
];
const DOUBLE_FAMILY = ['欧阳', '司马', '上官', '诸葛', '东方'];
const PROVINCES: Array<{ name: string; code: string; city: string[] }> = [
  { name: '福建省', code: '35', city: ['福州市', '厦门市', '泉州市'] },
  { name: '贵州省', code: '52', city: ['贵阳市', '遵义市', '安顺市'] },
  { name: '河南省', code: '41', city: ['郑州市', '洛阳市', '新乡市'] },
  { name: '山东省', code: '37', city: ['济南市', '青岛市', '威海市'] },
  { name: '江西省', code: '36', city: ['南昌市', '赣州市', '九江市'] },
  { name: '湖北省', code: '42', city: ['武汉市', '宜昌市', '襄阳市'] },
  { name: '广西壮族自治区', code: '45', city: ['南宁市', '柳州市', '桂林市'] },
  { name: '黑龙江省', code: '23', city: ['哈尔滨市', '齐齐哈尔市', '牡丹江市'] },
];
const HOSPITAL_FORMS = [
  (p: string, c: string) =>
    `${c}第${pick(prng(c.length + p.length), ['一', '二', '三', '四', '五'])}人民医院`,
  (p: string) => `${p}肿瘤医院`,
  (p: string) => `${p}人民医院`,
  (_p: string, c: string) => `${c}中心医院`,
  (p: string) => `${p.replace(/省|壮族自治区/, '')}医科大学第一附属医院`,
  (_p: string, c: string) => `${c}妇幼保健院`,
  (p: string) => `${p}中医院`,
  (_p: string, c: string) => `${c}第二人民医院`,
];
const FEES = [
  '西药费',
  '中成药费',
  '中草药费',
  '中药饮片',
  '检查费',
  '化验费',
  '治疗费',
  '手术费',
  '床位费',
  '护理费',
  '诊察费',
  '卫生材料费',
  '挂号费',
  '一般诊疗费',
  '放射费',
  'CT检查费',
  '彩超',
  '输血费',
  '其他住院收费',
];
const DIAGNOSES = [
  '2型糖尿病',
  '原发性高血压',
  '社区获得性肺炎',
  '急性阑尾炎',
  '右肺腺癌',
  '左乳癌',
  '慢性阻塞性肺疾病',
  '冠状动脉粥样硬化性心脏病',
  '脑梗死',
  '股骨颈骨折',
  '食管癌术后化疗后',
  '慢性肾脏病5期',
  '胆囊结石伴慢性胆囊炎',
  '子宫平滑肌瘤',
];
const ICD = [
  'E11.900',
  'I10.x00',
  'J18.900',
  'K35.800',
  'C34.900',
  'C50.801',
  'J44.900',
  'I25.103',
  'I63.900',
  'S72.000',
  'C15.900',
  'N18.500',
  'K80.100',
  'D25.900',
];
const INSURANCE = [
  '自费',
  '省内异地医保',
  '职工基本医疗保险',
  '城乡居民',
  '普通住院',
  '省异地医保',
  '企业基本医保住院',
];

function personName(r: () => number): string {
  if (r() < 0.08) return pick(r, DOUBLE_FAMILY) + pick(r, GIVEN) + (r() < 0.5 ? pick(r, GIVEN) : '');
  return pick(r, FAMILY) + pick(r, GIVEN) + (r() < 0.7 ? pick(r, GIVEN) : '');
}

const DIGIT_WORDS = '零壹贰叁肆伍陆柒捌玖';
/** 人民币大写 of an amount in fen, written our own way (not the product's parser, not A's or B's writer). */
export function yuanInWords(fen: number, yuanChar = '元'): string {
  const yuan = Math.floor(fen / 100);
  const jiao = Math.floor(fen / 10) % 10;
  const fenD = fen % 10;
  const four = (n: number): string => {
    const units = ['仟', '佰', '拾', ''];
    const ds = String(n).padStart(4, '0');
    let out = '';
    let zero = false;
    for (let i = 0; i < 4; i++) {
      const d = Number(ds[i]);
      if (d === 0) zero = out !== '';
      else {
        if (zero) out += '零';
        out += DIGIT_WORDS[d]! + units[i]!;
        zero = false;
      }
    }
    return out;
  };
  let words = '';
  if (yuan > 0) {
    const wan = Math.floor(yuan / 10000);
    const rest = yuan % 10000;
    if (wan > 0) words += four(wan) + '万';
    if (rest > 0) words += (wan > 0 && rest < 1000 ? '零' : '') + four(rest);
    words += yuanChar;
  }
  if (jiao === 0 && fenD === 0) return words + '整';
  if (jiao > 0) words += DIGIT_WORDS[jiao]! + '角';
  else if (yuan > 0) words += '零';
  if (fenD > 0) words += DIGIT_WORDS[fenD]! + '分';
  else words += '整';
  return words;
}

const money = (fen: number, commas: boolean): string => {
  const s = (fen / 100).toFixed(2);
  return commas ? s.replace(/\B(?=(\d{3})+\.)/g, ',') : s;
};
const iso = (d: Date): string => d.toISOString().slice(0, 10);
const pad = (n: number): string => String(n).padStart(2, '0');
function randomDate(r: () => number): Date {
  return new Date(Date.UTC(int(r, 2019, 2025), int(r, 0, 11), int(r, 1, 28)));
}
const addDays = (d: Date, n: number): Date => new Date(d.getTime() + n * 86400000);

/** A drawing surface at 200 dpi with the helpers every layout uses. */
class Sheet {
  readonly ctx: SKRSContext2D;
  readonly canvas;
  constructor(
    readonly wMm: number,
    readonly hMm: number,
    paper: string,
  ) {
    this.canvas = createCanvas(Math.round(this.px(wMm)), Math.round(this.px(hMm)));
    this.ctx = this.canvas.getContext('2d');
    this.ctx.fillStyle = paper;
    this.ctx.fillRect(0, 0, this.canvas.width, this.canvas.height);
  }
  px(mm: number): number {
    return (mm * 200) / 25.4;
  }
  text(
    s: string,
    xMm: number,
    yMm: number,
    sizeMm: number,
    face: string,
    color = '#111',
    align: 'left' | 'center' | 'right' = 'left',
  ): number {
    const c = this.ctx;
    c.font = `${this.px(sizeMm)}px "${face}"`;
    c.fillStyle = color;
    c.textAlign = align;
    c.textBaseline = 'alphabetic';
    c.fillText(s, this.px(xMm), this.px(yMm));
    return c.measureText(s).width / this.px(1);
  }
  /** Text spaced out to a width (标题 on forms, 姓 名). */
  spaced(
    s: string,
    xMm: number,
    yMm: number,
    sizeMm: number,
    face: string,
    gapMm: number,
    color = '#111',
  ): void {
    let x = xMm;
    for (const ch of s) x += this.text(ch, x, yMm, sizeMm, face, color) + gapMm;
  }
  line(x0: number, y0: number, x1: number, y1: number, color = '#222', wMm = 0.25): void {
    const c = this.ctx;
    c.strokeStyle = color;
    c.lineWidth = this.px(wMm);
    c.beginPath();
    c.moveTo(this.px(x0), this.px(y0));
    c.lineTo(this.px(x1), this.px(y1));
    c.stroke();
  }
  rect(x: number, y: number, w: number, h: number, color = '#222', wMm = 0.3): void {
    const c = this.ctx;
    c.strokeStyle = color;
    c.lineWidth = this.px(wMm);
    c.strokeRect(this.px(x), this.px(y), this.px(w), this.px(h));
  }
  fill(x: number, y: number, w: number, h: number, color: string): void {
    this.ctx.fillStyle = color;
    this.ctx.fillRect(this.px(x), this.px(y), this.px(w), this.px(h));
  }
  /**
   * Text as a 24-pin printer prints it: the glyphs (spread a little, as ribbon ink does) sampled on a dot grid
   * of 0.2 mm, a dot wherever the glyph touches its cell, each a round blot, a little faint where the ribbon
   * is worn.
   */
  dots(
    s: string,
    xMm: number,
    yMm: number,
    sizeMm: number,
    face: string,
    r: () => number,
    color = 'rgba(20,20,40,0.92)',
  ): void {
    const w = Math.ceil(this.px(sizeMm * (s.length + 1)));
    const h = Math.ceil(this.px(sizeMm * 1.4));
    const tmp = createCanvas(w, h);
    const t = tmp.getContext('2d');
    t.fillStyle = '#000';
    t.strokeStyle = '#000';
    t.lineWidth = this.px(0.12);
    t.font = `${this.px(sizeMm)}px "${face}"`;
    t.textBaseline = 'alphabetic';
    t.fillText(s, 0, this.px(sizeMm * 1.1));
    t.strokeText(s, 0, this.px(sizeMm * 1.1));
    const img = t.getImageData(0, 0, w, h).data;
    const pitch = this.px(0.2);
    const rad = pitch * 0.62;
    const ox = this.px(xMm);
    const oy = this.px(yMm) - this.px(sizeMm * 1.1);
    const c = this.ctx;
    const worn = 0.75 + r() * 0.25;
    c.fillStyle = color;
    for (let y = 0; y < h; y += pitch)
      for (let x = 0; x < w; x += pitch) {
        let on = 0;
        for (let yy = Math.floor(y); yy < Math.min(h, y + pitch); yy++)
          for (let xx = Math.floor(x); xx < Math.min(w, x + pitch); xx++)
            on = Math.max(on, img[(yy * w + xx) * 4 + 3]!);
        if (on < 100) continue;
        c.globalAlpha = worn * (0.8 + 0.2 * r());
        c.beginPath();
        c.arc(ox + x + pitch / 2, oy + y + pitch / 2, rad, 0, Math.PI * 2);
        c.fill();
      }
    c.globalAlpha = 1;
  }
  /** A round red seal: double ring, a star or a number, words along the top, a line of words across. */
  seal(
    cxMm: number,
    cyMm: number,
    rMm: number,
    top: string,
    bottom: string,
    face: string,
    color: string,
    r: () => number,
  ): void {
    const c = this.ctx;
    const cx = this.px(cxMm);
    const cy = this.px(cyMm);
    const rad = this.px(rMm);
    c.save();
    c.translate(cx, cy);
    c.rotate((r() - 0.5) * 0.6);
    c.globalAlpha = 0.72 + r() * 0.2;
    c.strokeStyle = color;
    c.fillStyle = color;
    c.lineWidth = this.px(0.9);
    c.beginPath();
    c.ellipse(0, 0, rad, rad * (0.7 + r() * 0.3), 0, 0, Math.PI * 2);
    c.stroke();
    c.font = `${this.px(rMm * 0.32)}px "${face}"`;
    c.textAlign = 'center';
    const chars = [...top];
    const span = Math.PI * 1.25;
    chars.forEach((ch, i) => {
      const a = -Math.PI / 2 - span / 2 + (span * (i + 0.5)) / chars.length;
      c.save();
      c.rotate(a + Math.PI / 2);
      c.fillText(ch, 0, -rad * 0.66);
      c.restore();
    });
    c.font = `${this.px(rMm * 0.5)}px "${face}"`;
    c.fillText('★', 0, this.px(rMm * 0.15));
    c.font = `${this.px(rMm * 0.24)}px "${face}"`;
    c.fillText(bottom, 0, rad * 0.62);
    c.restore();
  }
  /** The fine wavy lines of security paper. */
  guilloche(color: string, r: () => number): void {
    const c = this.ctx;
    c.strokeStyle = color;
    c.lineWidth = 1;
    const f = 0.004 + r() * 0.004;
    for (let k = 0; k < this.canvas.height; k += 9) {
      c.beginPath();
      for (let x = 0; x <= this.canvas.width; x += 8) {
        const y = k + 6 * Math.sin(x * f + k * 0.05) + 3 * Math.sin(x * f * 3.1);
        if (x === 0) c.moveTo(x, y);
        else c.lineTo(x, y);
      }
      c.stroke();
    }
  }
  /** Pin-feed margins: a row of round holes down each side. */
  pinHoles(): void {
    for (let y = 6; y < this.hMm - 3; y += 12.7)
      for (const x of [4.5, this.wMm - 4.5]) {
        this.ctx.fillStyle = '#f2f2f2';
        this.ctx.beginPath();
        this.ctx.arc(this.px(x), this.px(y), this.px(2), 0, Math.PI * 2);
        this.ctx.fill();
        this.ctx.strokeStyle = '#bbb';
        this.ctx.stroke();
      }
  }
  /** A square block pattern where a QR code is printed (not decodable: the data set's images blur theirs). */
  qrBlock(xMm: number, yMm: number, sMm: number, r: () => number): void {
    const n = 25;
    const cell = sMm / n;
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++)
        if (r() < 0.48 || ((i < 7 || i > n - 8) && (j < 7 || j > n - 8) && (i % 6 === 0 || j % 6 === 0)))
          this.fill(xMm + j * cell, yMm + i * cell, cell, cell, '#111');
  }
  /** The finished paper: its pixels and the truth of what was printed. */
  paper(kind: KindC, layout: string, face: string, truth: Record<string, FieldValue | null>): PaperC {
    const { width, height } = this.canvas;
    const rgba = Buffer.from(this.ctx.getImageData(0, 0, width, height).data.buffer);
    return { kind, layout, face, width, height, rgba, truth };
  }
}

interface Money {
  total: number;
  items: Array<[string, number]>;
  fund: number;
  account: number;
  cash: number;
  coPay: number;
  selfPay: number;
}
function amounts(r: () => number, inpatient: boolean): Money {
  const n = inpatient ? int(r, 5, 11) : int(r, 1, 4);
  const names = [...FEES].sort(() => r() - 0.5).slice(0, n);
  const items: Array<[string, number]> = names.map((f) => [
    f,
    inpatient ? int(r, 2000, 6000000) : r() < 0.2 ? int(r, 50, 999) : int(r, 200, 90000),
  ]);
  const total = items.reduce((s, [, v]) => s + v, 0);
  const fund = r() < 0.3 ? 0 : Math.floor(total * (0.3 + r() * 0.5));
  const account = r() < 0.5 ? 0 : Math.min(total - fund, int(r, 0, 300000));
  const cash = total - fund - account;
  const selfPay = r() < 0.5 ? 0 : Math.min(cash, int(r, 0, 400000));
  const coPay = r() < 0.5 ? 0 : cash - selfPay;
  return { total, items, fund, account, cash, coPay, selfPay };
}
const yuan = (fen: number): number => Math.round(fen) / 100;

/** The national 医疗收费票据（电子） printout. */
function eInvoice(seed: number, variant: number): PaperC {
  const r = prng(seed);
  const f = faces();
  const face = pick(
    r,
    f.form.filter((x) => !x.endsWith('Mono')),
  );
  const prov = pick(r, PROVINCES);
  const city = pick(r, prov.city);
  const hospital = pick(r, HOSPITAL_FORMS)(prov.name, city);
  const inpatient = variant % 2 === 1;
  const colour = r() < 0.75;
  const ink = colour ? pick(r, ['#8a4a1c', '#a0522d', '#b03a2e']) : '#333';
  const s = new Sheet(241, 140, '#ffffff');
  const m = amounts(r, inpatient);
  const issued = randomDate(r);
  const admitted = addDays(issued, -int(r, 2, 40));
  const discharged = addDays(issued, -int(r, 0, 1));
  const code = `${prov.code}06${inpatient ? '02' : '01'}${pick(r, ['20', '21', '22', '23', '24'])}`;
  const number = String(int(r, 1, 9999999)).padStart(10, '0');
  const check = [...Array(6)].map(() => pick(r, [...'0123456789abcdef'])).join('');
  const truth: Record<string, FieldValue | null> = {};
  const title = `${prov.name}医疗${inpatient ? '住院' : '门诊'}收费票据（电子）`;
  s.text(title, 120.5, 16, 6.2, face, ink, 'center');
  s.qrBlock(208, 7, 22, r);
  const hf = 3.2;
  /** A label in the form's colour and its value in black after it. */
  const lv = (label: string, value: string, x: number, y: number, size = hf): void => {
    const w = s.text(label, x, y, size, face, ink);
    if (value) s.text(value, x + w, y, size, face, '#151515');
  };
  const payerBlank = r() < 0.6;
  const name = personName(r);
  const credit = r() < 0.4 ? null : `${prov.code}${int(r, 1000, 9999)}${int(r, 19500000, 20051231)}`;
  lv('票据代码：', `${code}`, 12, 30, hf);
  lv('交款人统一社会信用代码：', `${credit ?? ''}`, 12, 35.5, hf);
  lv('交款人：', `${payerBlank ? '' : name}`, 12, 41, hf);
  if (payerBlank && r() < 0.5) s.fill(27, 37.5, 22, 4.8, '#fff');
  lv('票据号码：', `${number}`, 150, 30, hf);
  lv('校验码：', `${check}`, 150, 35.5, hf);
  const dateForm =
    r() < 0.8
      ? iso(issued)
      : `${issued.getUTCFullYear()}年${pad(issued.getUTCMonth() + 1)}月${pad(issued.getUTCDate())}日`;
  lv('开票日期：', `${dateForm}`, 150, 41, hf);
  truth.patientName = payerBlank ? null : name;
  truth.payerCreditCode = credit;
  truth.invoiceCode = code;
  truth.invoiceNumber = number;
  truth.checkCode = check;
  truth.issueDate = iso(issued);
  // The item table.
  s.rect(10, 44, 221, 76, ink, 0.35);
  const cols = [12, 85, 158];
  for (const x of cols) {
    s.text('项目名称', x + 6, 49, 3, face, ink);
    s.text('金额（元）', x + 34, 49, 3, face, ink);
    s.text('备注', x + 58, 49, 3, face, ink);
  }
  s.line(10, 51, 231, 51, ink, 0.2);
  m.items.forEach(([fee, v], i) => {
    const x = cols[i % 3]!;
    const y = 56 + Math.floor(i / 3) * 4.6;
    s.text(fee, x, y, 2.9, face, '#111');
    s.text(money(v, true), x + 50, y, 2.9, face, '#111', 'right');
  });
  const commas = r() < 0.7;
  const words = yuanInWords(m.total);
  s.line(10, 85, 231, 85, ink, 0.2);
  s.text(`金额合计（大写）${words}`, 12, 90, 3.2, face, ink);
  s.text(`（小写）${money(m.total, commas)}`, 150, 90, 3.2, face, ink);
  truth.totalAmount = yuan(m.total);
  truth.totalAmountInWords = words;
  s.line(10, 92, 231, 92, ink, 0.2);
  // 其他信息.
  const serial = r() < 0.3 ? null : String(int(r, 100, 99999999999));
  const visitNo = r() < 0.3 ? null : String(int(r, 1000, 999999999));
  const ins = r() < 0.2 ? null : pick(r, INSURANCE);
  const o = 2.7;
  lv('业务流水号：', `${serial ?? ''}`, 18, 96.5, o);
  s.text(`${inpatient ? '住院号' : '门诊号'}：${visitNo ?? ''}`, 110, 96.5, o, face, ink);
  if (inpatient) {
    const a = iso(admitted);
    const b = iso(discharged);
    const compact = (x: string) => x.replace(/-/g, '');
    const stay = pick(r, [`${a}~${b}`, `${compact(a)}|${compact(b)}`, `${a}-${b}`, `${a}至${b}`]);
    lv('住院时间：', `${stay}`, 18, 101, o);
    truth.careStart = a;
    truth.careEnd = b;
  } else {
    lv('就诊日期：', `${iso(issued)}`, 180, 96.5, o);
    truth.visitDate = iso(issued);
  }
  lv('医疗机构类型：', `${pick(r, ['综合医院', '专科医院', '三级甲等综合医院'])}`, 18, 105.5, o);
  lv('医保类型：', `${ins ?? ''}`, 95, 105.5, o);
  s.text('医保编号：', 150, 105.5, o, face, ink);
  lv('性别：', `${pick(r, ['男', '女'])}`, 200, 105.5, o);
  const pay = (v: number): string => (r() < 0.5 && v === 0 ? '0' : money(v, false));
  lv('医保统筹基金支付：', `${pay(m.fund)}`, 18, 110, o);
  s.text('其他支付：0', 95, 110, o, face, ink);
  lv('个人账户支付：', `${pay(m.account)}`, 140, 110, o);
  lv('个人现金支付：', `${pay(m.cash)}`, 190, 110, o);
  lv('个人自付：', `${pay(m.coPay)}`, 18, 114.5, o);
  lv('个人自费：', `${pay(m.selfPay)}`, 95, 114.5, o);
  [...'其他信息'].forEach((ch, i) => s.text(ch, 12.5, 98 + i * 4.6, 3, face, ink));
  Object.assign(truth, {
    careSetting: inpatient ? 'inpatient' : 'outpatient',
    serialNumber: serial,
    visitNumber: visitNo,
    insuranceType: ins,
    fundPaid: yuan(m.fund),
    accountPaid: yuan(m.account),
    personalPaid: yuan(m.cash),
    coPay: yuan(m.coPay),
    selfPay: yuan(m.selfPay),
  });
  lv('收款单位（章）：', `${hospital}`, 12, 127, 3.2);
  s.text('复核人：', 130, 127, 3.2, face, ink);
  lv('收款人：', `${personName(r)}`, 185, 127, 3.2);
  truth.hospital = hospital;
  // The e-seal: red in colour; grey when the printout is black and white. Placed beside the name, as the
  // printed seal sits, mostly over the label's end.
  s.seal(
    52 + r() * 14,
    124,
    10,
    hospital.slice(0, 12),
    '收费专用章（电子）',
    face,
    colour ? '#d0282e' : '#777',
    r,
  );
  s.seal(120.5, 13, 9, '财政票据监制章', prov.name, face, colour ? '#d0282e' : '#888', r);
  return s.paper('invoice', `e-${inpatient ? 'inpatient' : 'outpatient'}`, face, truth);
}

/** A provincial pin-feed paper receipt: form in colour on tinted paper, values by a dot-matrix printer. */
function pinFeedReceipt(seed: number, variant: number): PaperC {
  const r = prng(seed);
  const f = faces();
  const face = pick(r, f.form);
  const valueFace = pick(r, f.value);
  const prov = pick(r, PROVINCES);
  const city = pick(r, prov.city);
  const hospital = pick(r, HOSPITAL_FORMS)(prov.name, city);
  const inpatient = variant % 2 === 1;
  const paper = pick(r, ['#fbf3cf', '#eef6df', '#fdf6e6', '#f4f1e0']);
  const ink = pick(r, ['#b8452f', '#9c5b2a', '#3050a0']);
  const s = new Sheet(241, 127, paper);
  s.guilloche(pick(r, ['rgba(200,170,90,0.25)', 'rgba(150,190,120,0.25)']), r);
  s.pinHoles();
  const m = amounts(r, inpatient);
  const issued = randomDate(r);
  // Out of register: every value this far off the form's cells.
  const dx = (r() - 0.5) * 6;
  const dy = (r() - 0.3) * 2.2;
  const v = (t: string, x: number, y: number, size = 3.4): void =>
    s.dots(t, x + dx, y + dy, size, valueFace, r);
  const truth: Record<string, FieldValue | null> = {};
  s.text(`${prov.name}医疗${inpatient ? '住院' : '门诊'}收费票据`, 120.5, 15, 6, face, ink, 'center');
  s.line(70, 17, 171, 17, ink, 0.4);
  const number = String(int(r, 10000000, 99999999));
  s.text('№', 178, 17, 4, face, '#c0392b');
  s.text(number, 184, 17, 5, 'LXGW WenKai Mono', '#c0392b');
  truth.invoiceNumber = number;
  // The hospital printed under the title by the printer.
  v(hospital, 95, 23, 3.6);
  s.text('业务流水号：', 14, 30, 2.8, face, ink);
  const serial = String(int(r, 100000, 9999999));
  v(serial, 38, 30);
  s.text('医疗机构类型：', 95, 30, 2.8, face, ink);
  s.rect(12, 33, 217, 80, ink, 0.35);
  s.text('姓名：', 15, 38, 2.8, face, ink);
  const name = personName(r);
  const mode = pick(r, ['masked', 'blank', 'printed']);
  if (mode === 'printed') v(name, 28, 38);
  if (mode === 'masked') {
    v(name, 28, 38);
    s.fill(26 + dx, 33.5 + dy, 24, 6, '#fff');
  }
  truth.patientName = mode === 'printed' ? name : null;
  s.text('性别：', 62, 38, 2.8, face, ink);
  s.text('医保类型：', 90, 38, 2.8, face, ink);
  s.text('社会保障号码：', 150, 38, 2.8, face, ink);
  s.line(12, 40, 229, 40, ink, 0.2);
  s.text('项目/规格', 15, 44, 2.6, face, ink);
  s.text('数量    金额    个人支付金额', 70, 44, 2.6, face, ink);
  s.text('项目/规格', 125, 44, 2.6, face, ink);
  s.text('数量    金额    个人支付金额', 178, 44, 2.6, face, ink);
  s.line(12, 46, 229, 46, ink, 0.2);
  m.items.slice(0, 9).forEach(([fee, val], i) => {
    v(`${fee}:${money(val, false)}`, 20 + (i % 3) * 68, 54 + Math.floor(i / 3) * 7);
  });
  const shown = m.items.slice(0, 9).reduce((a, [, x]) => a + x, 0);
  s.line(12, 92, 229, 92, ink, 0.2);
  s.text('合计(大写)', 15, 98, 2.8, face, ink);
  const words = yuanInWords(shown);
  v(words, 38, 98, 3.8);
  s.line(150, 92, 150, 101, ink, 0.2);
  s.text('¥', 153, 98, 3, face, ink);
  const figure = money(shown, false);
  v(figure, 165, 98, 3.8);
  truth.totalAmount = yuan(shown);
  truth.totalAmountInWords = words;
  s.line(12, 101, 229, 101, ink, 0.2);
  const fund = Math.floor(shown * (r() < 0.4 ? 0 : 0.5));
  s.text('医保统筹支付：', 15, 107, 2.8, face, ink);
  v(fund === 0 ? '0' : money(fund, false), 40, 107);
  s.text('个人账户支付：', 70, 107, 2.8, face, ink);
  s.text('其他医保支付：', 120, 107, 2.8, face, ink);
  s.text('个人支付金额：', 170, 107, 2.8, face, ink);
  v(money(shown - fund, false), 194, 107);
  truth.fundPaid = yuan(fund);
  truth.careSetting = inpatient ? 'inpatient' : 'outpatient';
  // The last line: 收款单位（章）, 收款人（签章）, the date in the form's 年 月 日 cells, 打印时间 beside them.
  s.text('收款单位（章）：', 15, 120, 2.8, face, ink);
  s.text('收款人（签章）：', 95, 120, 2.8, face, ink);
  v(String(int(r, 1000, 9999)), 122, 120);
  const y = issued.getUTCFullYear();
  const mo = pad(issued.getUTCMonth() + 1);
  const d = pad(issued.getUTCDate());
  s.text('年', 165, 121, 2.4, face, 'rgba(200,80,70,0.55)');
  s.text('月', 177, 121, 2.4, face, 'rgba(200,80,70,0.55)');
  s.text('日', 189, 121, 2.4, face, 'rgba(200,80,70,0.55)');
  v(`${y}  ${mo}  ${d}  ${pad(int(r, 7, 18))}:${pad(int(r, 0, 59))}`, 152, 120);
  truth.issueDate = iso(issued);
  if (r() < 0.6) {
    const printed = addDays(issued, int(r, 1, 15));
    s.text('打印时间：', 40, 125.5, 2.6, face, ink);
    v(`${iso(printed)} ${pad(int(r, 8, 18))}:${pad(int(r, 0, 59))}`, 56, 125.5, 3);
  }
  s.seal(40 + r() * 20, 112, 10, hospital.slice(0, 12), '门诊收款专用章', face, '#d23a30', r);
  s.seal(120.5, 12, 8, '财政部监制', prov.name.slice(0, 2), face, '#d23a30', r);
  return s.paper('invoice', `pinfeed-${inpatient ? 'inpatient' : 'outpatient'}`, face, truth);
}

/** A grid 住院费票据: labels in cells, 姓名 and 住院号 blank, the date in the header, 大写 and figure on a line. */
function gridReceipt(seed: number): PaperC {
  const r = prng(seed);
  const f = faces();
  const face = pick(r, f.form);
  const valueFace = pick(r, f.value);
  const prov = pick(r, PROVINCES);
  const hospital = pick(r, HOSPITAL_FORMS)(prov.name, pick(r, prov.city));
  const ink = pick(r, ['#3a55a8', '#2d4f8f']);
  const s = new Sheet(210, 127, '#fdfdfb');
  s.pinHoles();
  const m = amounts(r, true);
  const issued = randomDate(r);
  const truth: Record<string, FieldValue | null> = {};
  s.spaced(`${prov.name}医疗住院费票据`, 45, 14, 6, face, 0.8, ink);
  s.text('病案号：', 16, 25, 3, face, ink);
  const dateForm = pick(r, ['cn', 'dot']);
  const ds =
    dateForm === 'cn'
      ? `${issued.getUTCFullYear()}年 ${pad(issued.getUTCMonth() + 1)} 月 ${pad(issued.getUTCDate())}日`
      : `${issued.getUTCFullYear()}.${pad(issued.getUTCMonth() + 1)}.${pad(issued.getUTCDate())} ${pad(int(r, 7, 18))}:${pad(int(r, 0, 59))}`;
  s.text('日期：', 92, 25, 3, face, ink);
  s.text(ds, 104, 24, 3.3, valueFace, '#111');
  truth.issueDate = iso(issued);
  const number = String(int(r, 1000000000, 2999999999));
  s.text('No', 160, 25, 3, face, ink);
  s.text(number, 168, 25, 4.2, 'LXGW WenKai Mono', '#c0392b');
  truth.invoiceNumber = number;
  // The header grid.
  const gx = [14, 34, 104, 120, 150, 170, 196];
  s.rect(14, 27, 182, 16, ink, 0.35);
  s.line(14, 35, 196, 35, ink, 0.2);
  for (const x of gx.slice(1, -1)) s.line(x, 27, x, 43, ink, 0.2);
  s.text('保险编号', 15, 32.5, 3, face, ink);
  s.text('住 院 号', 15, 40.5, 3, face, ink);
  s.spaced('姓名', 106, 32.5, 3, face, 3, ink);
  s.spaced('科别', 106, 40.5, 3, face, 3, ink);
  s.text('人员类别', 151, 32.5, 3, face, ink);
  s.text('医保类别', 151, 40.5, 3, face, ink);
  const ins = pick(r, ['城乡居民', '城镇职工', '新农合']);
  s.text(ins, 172, 40.5, 3.2, valueFace, '#111');
  truth.patientName = null;
  truth.visitNumber = null;
  truth.insuranceType = ins;
  // Fee categories in a grid: name and amount pairs.
  s.rect(14, 43, 182, 40, ink, 0.35);
  m.items.slice(0, 16).forEach(([fee, val], i) => {
    const x = 16 + (i % 4) * 45;
    const y = 49 + Math.floor(i / 4) * 6;
    s.text(fee, x, y, 2.8, face, ink);
    s.text(money(val, false), x + 40, y, 2.8, valueFace, '#111', 'right');
  });
  const total = m.items.slice(0, 16).reduce((a, [, x]) => a + x, 0);
  s.rect(14, 83, 182, 8, ink, 0.35);
  s.text('合计金额（大写）：', 16, 88.5, 3, face, ink);
  const words = yuanInWords(total);
  s.text(`¥${words}`, 50, 88.5, 3.3, valueFace, '#111');
  s.text(`¥${money(total, false)}`, 165, 88.5, 3.3, valueFace, '#111');
  truth.totalAmount = yuan(total);
  truth.totalAmountInWords = words;
  const fund = Math.floor(total * 0.4);
  const acct = int(r, 0, 50000);
  s.text('统筹合计', 28, 97, 3, face, ink);
  s.text(money(fund, false), 62, 97, 3, valueFace, '#111', 'right');
  s.text('其中：个人帐户', 18, 102, 3, face, ink);
  s.text(money(acct, false), 62, 102, 3, valueFace, '#111', 'right');
  s.text(`个人支付：${money(total - fund, false)}`, 70, 100, 3, valueFace, '#111');
  truth.accountPaid = yuan(acct);
  truth.careSetting = 'inpatient';
  s.text('收款单位(盖章)：', 18, 115, 3, face, ink);
  s.text('收款人：', 64, 115, 3, face, ink);
  s.text('患者签字：', 100, 115, 3, face, ink);
  s.text('微机专用 手填无效 丢失不补', 140, 115, 3, face, ink);
  s.text(hospital, 22, 121, 3.3, valueFace, '#111');
  truth.hospital = hospital;
  s.seal(130, 88, 12, `${prov.name.slice(0, 2)}${hospital.slice(2, 8)}`, '现金收讫', face, '#d23a30', r);
  s.seal(105, 11, 8, '财政监制', prov.name.slice(0, 2), face, '#d04040', r);
  return s.paper('invoice', 'grid-inpatient', face, truth);
}

/** An A4 hospital paper: its sequence, face, hospital, the blank sheet and an empty truth. */
function a4Page(seed: number): {
  r: () => number;
  face: string;
  hospital: string;
  s: Sheet;
  truth: Record<string, FieldValue | null>;
} {
  const r = prng(seed);
  const face = pick(
    r,
    faces().form.filter((x) => !x.endsWith('Mono')),
  );
  const prov = pick(r, PROVINCES);
  const hospital = pick(r, HOSPITAL_FORMS)(prov.name, pick(r, prov.city));
  return { r, face, hospital, s: new Sheet(210, 297, '#ffffff'), truth: {} };
}

/** 出院记录: letterhead, a header with a blank 姓名, admission and discharge times in a printed form. */
function dischargeSummary(seed: number): PaperC {
  const { r, face, hospital, s, truth } = a4Page(seed);
  s.text(hospital, 105, 22, 6, face, '#111', 'center');
  s.spaced('出院记录', 80, 33, 7, face, 3);
  s.line(15, 40, 195, 40, '#222', 0.4);
  const name = personName(r);
  const named = r() < 0.35;
  s.text(`姓名：${named ? name : ''}`, 18, 47, 3.6, face);
  truth.patientName = named ? name : null;
  s.text(`性别：${pick(r, ['男', '女'])}`, 72, 47, 3.6, face);
  s.text(`年龄：${int(r, 18, 90)}岁`, 112, 47, 3.6, face);
  s.text('职业：', 155, 47, 3.6, face);
  const admitted = randomDate(r);
  const discharged = addDays(admitted, int(r, 2, 30));
  const form = pick(r, ['hm', 'dian', 'clock', 'month']);
  const write = (d: Date): string => {
    const Y = d.getUTCFullYear();
    const M = d.getUTCMonth() + 1;
    const D = d.getUTCDate();
    if (form === 'hm') return `${Y}年${pad(M)}月${pad(D)}日${pad(int(r, 7, 20))}时${pad(int(r, 0, 59))}分`;
    if (form === 'dian') return `${Y}年${M}月${D}日 ${int(r, 7, 20)}点${pad(int(r, 0, 59))}分`;
    if (form === 'clock') return `${Y}-${pad(M)}-${pad(D)} ${pad(int(r, 7, 20))}:${pad(int(r, 0, 59))}`;
    return `${Y}年${M}月`;
  };
  s.text('入院时间：', 18, 56, 3.6, face);
  s.text(write(admitted), 42, 56, 3.6, face);
  s.text('出院时间：', 18, 64, 3.6, face);
  s.text(write(discharged), 42, 64, 3.6, face);
  truth.careStart = form === 'month' ? null : iso(admitted);
  truth.careEnd = form === 'month' ? null : iso(discharged);
  s.line(15, 69, 195, 69, '#222', 0.4);
  const k = int(r, 0, DIAGNOSES.length - 1);
  const withIcd = r() < 0.4;
  const dx = (i: number): string => (withIcd ? `(${ICD[i]})${DIAGNOSES[i]}` : DIAGNOSES[i]!);
  const other = (k + 3) % DIAGNOSES.length;
  const body = [
    `入院情况：患者因${pick(r, ['反复咳嗽', '腹痛', '胸闷气短', '发现肿物'])}${int(r, 2, 20)}天入院。查体：神志清，精神可。`,
    `入院诊断：${dx(k)}`,
    `诊疗经过：入院后完善相关检查，予以对症治疗，病情好转。`,
    `出院诊断：${withIcd ? '' : '1、'}${dx(k)}${withIcd ? '；' : ' 2、'}${dx(other)}`,
    `出院医嘱：注意休息，按时服药，${int(r, 1, 4)}周后门诊复查。`,
  ];
  body.forEach((line, i) => s.text(line, 18, 80 + i * 9, 3.5, face));
  truth.hospital = hospital;
  truth.diagnosis = DIAGNOSES[k]!;
  s.text('主治医师签字：', 120, 250, 3.5, face);
  s.text('第1页', 105, 285, 3.2, face, '#111', 'center');
  return s.paper('discharge_summary', `discharge-${form}`, face, truth);
}

/** 出院诊断证明书: blank 姓名, 诊 断 spaced, a seal, no full date on half of them. */
function certificate(seed: number): PaperC {
  const { r, face, hospital, s, truth } = a4Page(seed);
  s.text(hospital, 105, 24, 6.2, face, '#111', 'center');
  s.text(pick(r, ['出院诊断证明书', '诊断证明书']), 105, 40, 6, face, '#111', 'center');
  const name = personName(r);
  const named = r() < 0.4;
  s.text(`姓名：${named ? name : ''}`, 18, 52, 3.6, face);
  s.text(`性别：${pick(r, ['男', '女'])}`, 58, 52, 3.6, face);
  s.text(`年龄：${int(r, 18, 90)}岁`, 90, 52, 3.6, face);
  s.text('科别：', 128, 52, 3.6, face);
  s.line(15, 55, 195, 55, '#222', 0.3);
  truth.patientName = named ? name : null;
  const k = int(r, 0, DIAGNOSES.length - 1);
  s.spaced('诊断：', 18, 72, 3.8, face, 5);
  s.text(`${DIAGNOSES[k]}    ${DIAGNOSES[(k + 5) % DIAGNOSES.length]}`, 42, 72, 3.8, face);
  truth.diagnosis = DIAGNOSES[k]!;
  truth.hospital = hospital;
  const visit = randomDate(r);
  if (r() < 0.5) {
    s.text(`就诊日期：${iso(visit)}`, 18, 90, 3.6, face);
    truth.visitDate = iso(visit);
  } else {
    s.text(`入院日期：  自  ${visit.getUTCFullYear()}年${visit.getUTCMonth() + 1}月  起`, 18, 90, 3.6, face);
  }
  s.text('建议：注意休息，定期复查。', 18, 110, 3.6, face);
  s.text('医师签名：', 120, 200, 3.6, face);
  s.seal(150, 190, 15, hospital.slice(0, 12), '医疗专用章', face, '#d43a36', r);
  return s.paper('diagnosis_certificate', 'certificate', face, truth);
}

/** The corpus's papers in order: invoices three times over (the three receipt layouts in turn), then each kind. */
export function corpusCPlan(perKind: number): Array<{ n: number; kind: KindC; variant: number }> {
  const plan: Array<{ n: number; kind: KindC; variant: number }> = [];
  let n = 0;
  for (const kind of KINDS_C) {
    const count = kind === 'invoice' ? perKind * 3 : perKind;
    for (let variant = 0; variant < count; variant++, n++) plan.push({ n, kind, variant });
  }
  return plan;
}

export function makePaperC(kind: KindC, seed: number, variant: number): PaperC {
  if (kind === 'discharge_summary') return dischargeSummary(seed);
  if (kind === 'diagnosis_certificate') return certificate(seed);
  const layout = variant % 3;
  if (layout === 0) return eInvoice(seed, Math.floor(variant / 3));
  if (layout === 1) return pinFeedReceipt(seed, Math.floor(variant / 3));
  return gridReceipt(seed);
}

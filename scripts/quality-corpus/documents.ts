// Realistic Chinese claim documents rendered as SVG with the system CJK font (fonts-noto-cjk) by sharp:
// an outpatient invoice (landscape, red seal), an itemized bill (dense A4 table, small print) and a diagnosis
// certificate (A4 prose, signature line, optional hospital seal). 200 dpi, so "photographing" them
// resamples real glyph shapes, not placeholders.
import sharp from 'sharp';

export type DocType = 'invoice' | 'itemized_bill' | 'diagnosis_certificate';
export const DOC_TYPES: readonly DocType[] = ['invoice', 'itemized_bill', 'diagnosis_certificate'];

/** Pixels per millimetre of the rendered document (≈ 200 dpi). */
const PX_PER_MM = 200 / 25.4;
const FONT = "font-family=\"'Noto Sans CJK SC','Noto Sans SC','Noto Serif CJK SC',sans-serif\"";

/** Variations of a document: a faded seal impression, or a red letterhead and red pen without any seal. */
export interface DocVariant {
  sealOpacity?: number;
  redLetterhead?: boolean;
  /** A red rectangular box with 急诊 in it, top right (a stamp many hospitals use; not the official seal). */
  emergencyBox?: boolean;
}

export interface RenderedDoc {
  rgb: Buffer;
  width: number;
  height: number;
  /** Physical size in mm. */
  widthMm: number;
  heightMm: number;
}

/** Deterministic pseudo-random numbers, so the corpus is the same on every machine. */
export function rng(seed: number): () => number {
  // Scramble the seed first: xorshift started from small neighbouring seeds gives correlated sequences.
  let s = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) >>> 0 || 1;
  s = Math.imul(s ^ (s >>> 13), 0xc2b2ae35) >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

const ITEMS = [
  ['西药费', '头孢克肟分散片', '盒'],
  ['中成药费', '复方丹参滴丸', '瓶'],
  ['检查费', '彩色多普勒超声检查', '次'],
  ['化验费', '血常规（五分类）', '项'],
  ['化验费', '肝功能十二项', '项'],
  ['治疗费', '静脉输液（第一组）', '组'],
  ['床位费', '普通病房床位费', '日'],
  ['护理费', '一级护理', '日'],
  ['材料费', '一次性使用输液器', '套'],
  ['检查费', 'CT 平扫（胸部）', '次'],
  ['西药费', '阿莫西林胶囊', '盒'],
  ['诊查费', '副主任医师诊查费', '次'],
  ['手术费', '清创缝合术', '次'],
  ['化验费', '尿常规', '项'],
  ['西药费', '氯化钠注射液 0.9%', '袋'],
];

const NAMES = ['张三', '李秀英', '王建国', '陈桂兰', '刘洋', '赵志强'];
const HOSPITALS = ['上海市第一人民医院', '南京市鼓楼医院', '杭州市第三人民医院', '苏州大学附属第一医院'];

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
}

function sealSvg(
  cx: number,
  cy: number,
  r: number,
  hospital: string,
  label: string,
  rand: () => number,
  opacity = 0.85,
): string {
  const ink = `rgb(${200 + Math.floor(rand() * 30)},${25 + Math.floor(rand() * 25)},${30 + Math.floor(rand() * 25)})`;
  const rot = (rand() - 0.5) * 40;
  const tr = r * 0.78;
  const star = Array.from({ length: 10 }, (_, i) => {
    const a = (Math.PI / 5) * i - Math.PI / 2;
    const rr = i % 2 === 0 ? r * 0.22 : r * 0.09;
    return `${cx + rr * Math.cos(a)},${cy + rr * Math.sin(a)}`;
  }).join(' ');
  // Characters placed one by one along the upper arc (librsvg does not lay out textPath).
  const chars = [...hospital];
  const span = Math.min(220, chars.length * 24);
  const arcText = chars
    .map((c, i) => {
      const deg = -90 - span / 2 + (span * (i + 0.5)) / chars.length;
      const a = (deg * Math.PI) / 180;
      const x = cx + tr * Math.cos(a);
      const y = cy + tr * Math.sin(a);
      return `<text x="${x}" y="${y}" transform="rotate(${deg + 90} ${x} ${y})" text-anchor="middle" dominant-baseline="middle">${esc(c)}</text>`;
    })
    .join('');
  return `<g opacity="${opacity}" transform="rotate(${rot} ${cx} ${cy})">
  <circle cx="${cx}" cy="${cy}" r="${r}" fill="none" stroke="${ink}" stroke-width="${r * 0.07}"/>
  <g ${FONT} font-size="${r * 0.24}" fill="${ink}" font-weight="bold">${arcText}</g>
  <polygon points="${star}" fill="${ink}"/>
  <text ${FONT} x="${cx}" y="${cy + r * 0.55}" font-size="${r * 0.17}" fill="${ink}" text-anchor="middle" font-weight="bold">${esc(label)}</text>
</g>`;
}

function invoiceSvg(rand: () => number, seal: boolean): { svg: string; wMm: number; hMm: number } {
  const wMm = 210;
  const hMm = 127;
  const W = wMm * PX_PER_MM;
  const H = hMm * PX_PER_MM;
  const mm = (v: number): number => v * PX_PER_MM;
  const hospital = HOSPITALS[Math.floor(rand() * HOSPITALS.length)]!;
  const name = NAMES[Math.floor(rand() * NAMES.length)]!;
  const rows: string[] = [];
  let total = 0;
  const chosen = [...ITEMS].sort(() => rand() - 0.5).slice(0, 8);
  chosen.forEach(([cat, item], i) => {
    const amount = Math.round(rand() * 80000) / 100;
    total += amount;
    const y = mm(51.5 + i * 6);
    rows.push(
      `<text x="${mm(14)}" y="${y}" font-size="${mm(3.4)}">${esc(cat!)}</text><text x="${mm(46)}" y="${y}" font-size="${mm(3.4)}">${esc(item!)}</text><text x="${mm(150)}" y="${y}" font-size="${mm(3.4)}" text-anchor="end">${amount.toFixed(2)}</text>`,
    );
  });
  const no = String(Math.floor(rand() * 1e10)).padStart(10, '0');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}">
  <rect width="100%" height="100%" fill="rgb(250,248,240)"/>
  <g ${FONT} fill="rgb(35,35,45)">
    <text x="${W / 2}" y="${mm(14)}" font-size="${mm(6)}" text-anchor="middle" fill="rgb(150,40,40)" font-weight="bold">${esc(hospital.slice(0, 3))}医疗门诊收费票据（电子）</text>
    <text x="${mm(12)}" y="${mm(25)}" font-size="${mm(3.2)}">票据代码：31060125\u3000票据号码：${no}\u3000交款人统一社会信用代码：</text>
    <text x="${mm(12)}" y="${mm(32)}" font-size="${mm(3.2)}">交款人：${esc(name)}\u3000\u3000性别：男\u3000\u3000医保类型：职工基本医疗保险\u3000\u3000开票日期：2026-09-1${Math.floor(rand() * 9)}</text>
    <rect x="${mm(10)}" y="${mm(38)}" width="${mm(190)}" height="${mm(70)}" fill="none" stroke="rgb(150,60,60)" stroke-width="${mm(0.35)}"/>
    <line x1="${mm(10)}" y1="${mm(46)}" x2="${mm(200)}" y2="${mm(46)}" stroke="rgb(150,60,60)" stroke-width="${mm(0.25)}"/>
    <line x1="${mm(10)}" y1="${mm(100)}" x2="${mm(200)}" y2="${mm(100)}" stroke="rgb(150,60,60)" stroke-width="${mm(0.25)}"/>
    <text x="${mm(14)}" y="${mm(43.5)}" font-size="${mm(3.4)}" font-weight="bold">项目名称</text><text x="${mm(46)}" y="${mm(43.5)}" font-size="${mm(3.4)}" font-weight="bold">明细</text><text x="${mm(150)}" y="${mm(43.5)}" font-size="${mm(3.4)}" text-anchor="end" font-weight="bold">金额（元）</text>
    ${rows.join('\n    ')}
    <text x="${mm(14)}" y="${mm(105.5)}" font-size="${mm(3.6)}">合计（大写）：人民币\u3000\u3000\u3000\u3000\u3000\u3000（小写）￥${total.toFixed(2)}</text>
    <text x="${mm(12)}" y="${mm(116)}" font-size="${mm(3)}">医保统筹基金支付：${(total * 0.6).toFixed(2)}\u3000个人账户支付：${(total * 0.1).toFixed(2)}\u3000个人现金支付：${(total * 0.3).toFixed(2)}</text>
    <text x="${mm(12)}" y="${mm(122)}" font-size="${mm(3)}">收款单位（章）：${esc(hospital)}\u3000\u3000复核人：刘敏\u3000\u3000收款人：0${Math.floor(rand() * 90 + 10)}</text>
  </g>
  ${seal ? sealSvg(mm(168), mm(98), mm(17), hospital, '财务专用章', rand) : ''}
</svg>`;
  return { svg, wMm, hMm };
}

function itemizedBillSvg(rand: () => number): { svg: string; wMm: number; hMm: number } {
  const wMm = 210;
  const hMm = 297;
  const W = wMm * PX_PER_MM;
  const H = hMm * PX_PER_MM;
  const mm = (v: number): number => v * PX_PER_MM;
  const hospital = HOSPITALS[Math.floor(rand() * HOSPITALS.length)]!;
  const name = NAMES[Math.floor(rand() * NAMES.length)]!;
  const lines: string[] = [];
  const cols = [15, 42, 100, 125, 145, 170];
  for (let i = 0; i < 42; i++) {
    const [cat, item, unit] = ITEMS[Math.floor(rand() * ITEMS.length)]!;
    const qty = 1 + Math.floor(rand() * 6);
    const price = Math.round(rand() * 30000) / 100;
    const y = mm(52 + i * 5.2);
    lines.push(
      `<text x="${mm(cols[0]!)}" y="${y}">${esc(cat!)}</text><text x="${mm(cols[1]!)}" y="${y}">${esc(item!)}</text><text x="${mm(cols[2]!)}" y="${y}">${esc(unit!)}</text><text x="${mm(cols[3]! + 10)}" y="${y}" text-anchor="end">${qty}</text><text x="${mm(cols[4]! + 18)}" y="${y}" text-anchor="end">${price.toFixed(2)}</text><text x="${mm(cols[5]! + 22)}" y="${y}" text-anchor="end">${(qty * price).toFixed(2)}</text>`,
    );
    lines.push(
      `<line x1="${mm(12)}" y1="${y + mm(1.6)}" x2="${mm(198)}" y2="${y + mm(1.6)}" stroke="rgb(120,120,120)" stroke-width="${mm(0.15)}"/>`,
    );
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}">
  <rect width="100%" height="100%" fill="rgb(252,252,250)"/>
  <g ${FONT} fill="rgb(25,25,30)" font-size="${mm(2.9)}">
    <text x="${W / 2}" y="${mm(20)}" font-size="${mm(6)}" text-anchor="middle" font-weight="bold">${esc(hospital)}住院费用明细清单</text>
    <text x="${mm(14)}" y="${mm(32)}" font-size="${mm(3.3)}">姓名：${esc(name)}\u3000住院号：ZY2026${String(Math.floor(rand() * 1e6)).padStart(6, '0')}\u3000科室：心内科\u3000入院日期：2026-09-01\u3000出院日期：2026-09-10</text>
    <text x="${mm(15)}" y="${mm(44)}" font-weight="bold">类别</text><text x="${mm(42)}" y="${mm(44)}" font-weight="bold">项目名称</text><text x="${mm(100)}" y="${mm(44)}" font-weight="bold">单位</text><text x="${mm(135)}" y="${mm(44)}" text-anchor="end" font-weight="bold">数量</text><text x="${mm(163)}" y="${mm(44)}" text-anchor="end" font-weight="bold">单价</text><text x="${mm(192)}" y="${mm(44)}" text-anchor="end" font-weight="bold">金额</text>
    <line x1="${mm(12)}" y1="${mm(46.5)}" x2="${mm(198)}" y2="${mm(46.5)}" stroke="rgb(30,30,30)" stroke-width="${mm(0.3)}"/>
    ${lines.join('\n    ')}
    <text x="${mm(14)}" y="${mm(280)}" font-size="${mm(3.3)}">本页小计：共 42 项\u3000\u3000打印时间：2026-09-10 16:32\u3000\u3000第 1 页 / 共 3 页</text>
  </g>
</svg>`;
  return { svg, wMm, hMm };
}

function diagnosisSvg(
  rand: () => number,
  seal: boolean,
  variant: DocVariant = {},
): { svg: string; wMm: number; hMm: number } {
  const wMm = 210;
  const hMm = 297;
  const W = wMm * PX_PER_MM;
  const H = hMm * PX_PER_MM;
  const mm = (v: number): number => v * PX_PER_MM;
  const hospital = HOSPITALS[Math.floor(rand() * HOSPITALS.length)]!;
  const name = NAMES[Math.floor(rand() * NAMES.length)]!;
  const prose = [
    '患者因“反复胸闷、气短一周，加重两天”入院。入院后完善相关检查，',
    '心电图示窦性心律，ST 段压低；心脏彩超示左室舒张功能减退。',
    '经抗血小板、调脂、扩冠等治疗后症状好转，现病情稳定，准予出院。',
    '出院诊断：1. 冠状动脉粥样硬化性心脏病\u30002. 不稳定型心绞痛',
    '\u3000\u3000\u3000\u3000\u30003. 高血压病 2 级（很高危）',
    '医嘱建议：低盐低脂饮食，规律服药，出院后两周心内科门诊复诊，',
    '如有胸痛加重、呼吸困难等不适随时就诊。建议休息两周。',
  ];
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}">
  <rect width="100%" height="100%" fill="rgb(253,252,248)"/>
  <g ${FONT} fill="rgb(20,20,25)">
    <text x="${W / 2}" y="${mm(28)}" font-size="${mm(7)}" text-anchor="middle" font-weight="bold"${variant.redLetterhead ? ' fill="rgb(200,30,35)"' : ''}>${esc(hospital)}</text>
    ${variant.redLetterhead ? `<line x1="${mm(20)}" y1="${mm(52)}" x2="${mm(190)}" y2="${mm(52)}" stroke="rgb(200,30,35)" stroke-width="${mm(0.8)}"/><text x="${mm(160)}" y="${mm(230)}" font-size="${mm(5)}" fill="rgb(200,30,35)">已复核</text>` : ''}
    ${variant.emergencyBox ? `<rect x="${mm(160)}" y="${mm(56)}" width="${mm(28)}" height="${mm(14)}" fill="none" stroke="rgb(205,35,40)" stroke-width="${mm(0.9)}"/><text x="${mm(174)}" y="${mm(66.5)}" font-size="${mm(8)}" fill="rgb(205,35,40)" text-anchor="middle" font-weight="bold">急诊</text>` : ''}
    <text x="${W / 2}" y="${mm(42)}" font-size="${mm(8)}" text-anchor="middle" font-weight="bold">诊 断 证 明 书</text>
    <line x1="${mm(20)}" y1="${mm(50)}" x2="${mm(190)}" y2="${mm(50)}" stroke="rgb(20,20,25)" stroke-width="${mm(0.5)}"/>
    <text x="${mm(22)}" y="${mm(62)}" font-size="${mm(4)}">姓名：${esc(name)}\u3000\u3000性别：女\u3000\u3000年龄：67 岁\u3000\u3000科别：心内科</text>
    <text x="${mm(22)}" y="${mm(72)}" font-size="${mm(4)}">门诊/住院号：ZY2026${String(Math.floor(rand() * 1e6)).padStart(6, '0')}\u3000\u3000就诊日期：2026 年 9 月 1 日</text>
    ${prose.map((l, i) => `<text x="${mm(22)}" y="${mm(90 + i * 9)}" font-size="${mm(4)}">${esc(l)}</text>`).join('\n    ')}
    <text x="${mm(110)}" y="${mm(200)}" font-size="${mm(4)}">医师签名：</text>
    <path d="M ${mm(135)} ${mm(199)} q ${mm(6)} ${mm(-8)} ${mm(10)} 0 t ${mm(10)} 0 t ${mm(12)} ${mm(-2)}" stroke="rgb(20,30,90)" stroke-width="${mm(0.6)}" fill="none"/>
    <text x="${mm(110)}" y="${mm(214)}" font-size="${mm(4)}">日期：2026 年 9 月 10 日</text>
    <text x="${mm(22)}" y="${mm(270)}" font-size="${mm(3)}" fill="rgb(90,90,90)">本证明仅供医疗保险报销使用，涂改无效。</text>
  </g>
  ${seal ? sealSvg(mm(150), mm(205), mm(20), hospital, '诊断证明专用章', rand, variant.sealOpacity) : ''}
</svg>`;
  return { svg, wMm, hMm };
}

export async function renderDocument(
  type: DocType,
  options: { seed: number; seal: boolean; variant?: DocVariant },
): Promise<RenderedDoc> {
  const rand = rng(options.seed);
  const { svg, wMm, hMm } =
    type === 'invoice'
      ? invoiceSvg(rand, options.seal)
      : type === 'itemized_bill'
        ? itemizedBillSvg(rand)
        : diagnosisSvg(rand, options.seal, options.variant);
  const { data, info } = await sharp(Buffer.from(svg))
    .flatten({ background: '#ffffff' })
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { rgb: data, width: info.width, height: info.height, widthMm: wMm, heightMm: hMm };
}

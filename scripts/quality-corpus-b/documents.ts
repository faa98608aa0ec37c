// The second calibration set's documents, made differently from scripts/quality-corpus: HTML/CSS laid out
// and rasterised by Chromium (Playwright, /usr/bin/chromium) with other CJK faces (Noto Serif CJK SC,
// WenQuanYi Zen Hei / Micro Hei from fonts-wqy-*), other paper sizes and layouts: a 200×110 mm paper receipt
// with an oval 收费专用章, an 85.6×54 mm ID card, an A5 diagnosis certificate (round seal, or none, or a red
// rectangular 急诊 box, or a red title), a long itemized bill (210×400 mm) and an e-invoice printout with
// the printed electronic seal. Seals come in several styles (round with star, oval, double ring, faint).
import { chromium, type Browser } from 'playwright';

export type DocB = 'receipt' | 'id_card' | 'certificate_a5' | 'long_bill' | 'e_invoice';
export const DOCS_B: readonly DocB[] = ['receipt', 'id_card', 'certificate_a5', 'long_bill', 'e_invoice'];

/** Kind the checker is told (decides whether a seal is needed). */
export const KIND_B: Record<DocB, string> = {
  receipt: 'invoice',
  id_card: 'id_card',
  certificate_a5: 'diagnosis_certificate',
  long_bill: 'itemized_bill',
  e_invoice: 'invoice',
};

/** Paper size (mm) and the type size (mm) of the smallest body text as laid out below. */
export const SIZE_B: Record<DocB, { wMm: number; hMm: number; bodyMm: number }> = {
  receipt: { wMm: 200, hMm: 110, bodyMm: 3.2 },
  id_card: { wMm: 85.6, hMm: 54, bodyMm: 2.6 },
  certificate_a5: { wMm: 148, hMm: 210, bodyMm: 3.5 },
  long_bill: { wMm: 210, hMm: 400, bodyMm: 2.8 },
  e_invoice: { wMm: 210, hMm: 140, bodyMm: 3 },
};

export type SealStyle = 'round' | 'oval' | 'double' | 'faint' | 'none';
export interface DocBOptions {
  seal: SealStyle;
  /** Red rectangular 急诊 box (certificate), red title, red rules: red ink that is not a seal. */
  emergencyBox?: boolean;
  redTitle?: boolean;
  /** Paper tint: white, off-white or recycled grey. */
  paper?: 'white' | 'cream' | 'grey';
}

export interface RenderedB {
  rgb: Buffer;
  width: number;
  height: number;
  widthMm: number;
  heightMm: number;
}

const PX_PER_MM = 8; // ≈ 203 dpi
const SERIF = "'Noto Serif CJK SC', 'WenQuanYi Zen Hei', serif";
const HEI = "'WenQuanYi Micro Hei', 'WenQuanYi Zen Hei', sans-serif";

/** Where a seal's name runs along its upper rim (SVG units of the seal, centred on 0,0). */
export interface SealArc {
  rx: number;
  ry: number;
  /** Angle of the arc's start and its length, degrees (0 = right, −90 = top). */
  fromDeg: number;
  spanDeg: number;
  /** The characters' centres sit at this share of the radii. */
  inset: number;
  fontSize: number;
  /** Decimals of each character's turn in the SVG; unset, the number as it comes. */
  turnDigits?: number;
}

/**
 * A seal's name set along its upper rim, one SVG <text> a character turned to face out (as a 公章 is cut).
 * Shared by both set-B generators (this one and scripts/ocr-corpus-b/papers.ts).
 */
export function sealArcText(text: string, arc: SealArc): string {
  const chars = [...text];
  return chars
    .map((c, i) => {
      const deg = arc.fromDeg + (arc.spanDeg * (i + 0.5)) / chars.length;
      const a = (deg * Math.PI) / 180;
      const x = (arc.rx * arc.inset * Math.cos(a)).toFixed(2);
      const y = (arc.ry * arc.inset * Math.sin(a)).toFixed(2);
      const turn = arc.turnDigits === undefined ? `${deg + 90}` : (deg + 90).toFixed(arc.turnDigits);
      return `<text x="${x}" y="${y}" transform="rotate(${turn} ${x} ${y})" text-anchor="middle" dominant-baseline="middle" font-size="${arc.fontSize.toFixed(2)}">${c}</text>`;
    })
    .join('');
}

function sealHtml(style: SealStyle, cx: number, cy: number, text: string, label: string): string {
  if (style === 'none') return '';
  const oval = style === 'oval';
  const rx = oval ? 22 : 20;
  const ry = oval ? 15 : 20;
  const opacity = style === 'faint' ? 0.45 : 0.85;
  const arc = sealArcText(text, { rx, ry, fromDeg: -150, spanDeg: 120, inset: 0.74, fontSize: ry * 0.22 });
  const star = Array.from({ length: 10 }, (_, i) => {
    const a = (Math.PI / 5) * i - Math.PI / 2;
    const r = i % 2 === 0 ? ry * 0.2 : ry * 0.08;
    return `${(r * Math.cos(a)).toFixed(2)},${(r * Math.sin(a)).toFixed(2)}`;
  }).join(' ');
  const inner =
    style === 'double' ? `<ellipse rx="${rx * 0.86}" ry="${ry * 0.86}" fill="none" stroke-width="0.4"/>` : '';
  return `<svg style="position:absolute;left:${cx - rx - 1}mm;top:${cy - ry - 1}mm;width:${2 * rx + 2}mm;height:${2 * ry + 2}mm;opacity:${opacity}" viewBox="${-rx - 1} ${-ry - 1} ${2 * rx + 2} ${2 * ry + 2}">
  <g transform="rotate(-12)" fill="#d2232a" stroke="#d2232a" font-family="${HEI}" font-weight="bold">
    <ellipse rx="${rx}" ry="${ry}" fill="none" stroke-width="${oval ? 1.0 : 1.3}"/>${inner}
    <g stroke="none">${arc}</g>
    ${oval ? '' : `<polygon points="${star}" stroke="none"/>`}
    <text y="${(ry * 0.55).toFixed(2)}" text-anchor="middle" stroke="none" font-size="${(ry * 0.18).toFixed(2)}">${label}</text>
  </g>
</svg>`;
}

function page(wMm: number, hMm: number, paper: string, body: string): string {
  const bg = paper === 'cream' ? '#f7f2e4' : paper === 'grey' ? '#e9e9e6' : '#fdfdfd';
  return `<!doctype html><html><head><meta charset="utf-8"><style>
  @page { margin: 0 }
  html, body { margin: 0; padding: 0; }
  body { width: ${wMm}mm; height: ${hMm}mm; background: ${bg}; position: relative; overflow: hidden; color: #222; }
  .abs { position: absolute; }
  table { border-collapse: collapse; }
  td, th { padding: 0.3mm 1mm; }
</style></head><body>${body}</body></html>`;
}

const ITEMS = [
  ['西药费', '盐酸左氧氟沙星片', '盒', '23.50'],
  ['检查费', '胸部正侧位片', '次', '96.00'],
  ['化验费', '血生化全套', '项', '210.00'],
  ['治疗费', '雾化吸入', '次', '18.00'],
  ['中药费', '中药饮片（七剂）', '剂', '186.40'],
  ['材料费', '医用棉签', '包', '3.20'],
  ['床位费', '三人间床位', '日', '45.00'],
  ['护理费', '二级护理', '日', '22.00'],
  ['化验费', 'C 反应蛋白测定', '项', '30.00'],
  ['西药费', '布洛芬缓释胶囊', '盒', '15.80'],
];

function html(doc: DocB, o: DocBOptions): string {
  const { wMm, hMm, bodyMm } = SIZE_B[doc];
  const paper = o.paper ?? 'white';
  const red = '#d2232a';
  switch (doc) {
    case 'receipt': {
      const rows = ITEMS.slice(0, 6)
        .map(
          ([c, n, u, p]) =>
            `<tr><td>${c}</td><td>${n}</td><td>${u}</td><td style="text-align:right">${p}</td></tr>`,
        )
        .join('');
      return page(
        wMm,
        hMm,
        paper,
        `<div class="abs" style="left:0;right:0;top:6mm;text-align:center;font:bold 5.5mm ${SERIF}">江苏省医疗门诊收费票据</div>
<div class="abs" style="left:10mm;top:16mm;font:${bodyMm}mm ${SERIF}">业务流水号：2026091800317\u3000\u3000医疗机构类型：综合医院\u3000\u3000姓名：周美华</div>
<table class="abs" style="left:10mm;top:23mm;width:180mm;font:${bodyMm}mm ${SERIF};border:0.3mm solid #555">
<tr style="border-bottom:0.3mm solid #555"><th>项目</th><th>名称</th><th>单位</th><th>金额（元）</th></tr>${rows}</table>
<div class="abs" style="left:10mm;top:78mm;font:${bodyMm}mm ${SERIF}">合计（大写）：伍佰叁拾叁元玖角\u3000（小写）533.90</div>
<div class="abs" style="left:10mm;top:86mm;font:${bodyMm}mm ${SERIF}">医保统筹支付：320.34\u3000个人账户支付：53.39\u3000个人现金支付：160.17</div>
<div class="abs" style="left:10mm;top:96mm;font:${bodyMm}mm ${SERIF}">收款单位（章）：南通市第二人民医院\u3000\u3000收款人：徐丽</div>
${sealHtml(o.seal, 150, 84, '南通市第二人民医院', '收费专用章')}`,
      );
    }
    case 'id_card':
      return page(
        wMm,
        hMm,
        'cream',
        `<div class="abs" style="left:0;top:0;width:${wMm}mm;height:${hMm}mm;background:linear-gradient(135deg,#e8f0f3,#f6efe3)"></div>
<div class="abs" style="left:5mm;top:6mm;font:${bodyMm}mm ${HEI};line-height:5.6mm;color:#1c3a5c">
姓名\u3000<b style="color:#111">王丽娟</b><br>性别\u3000<span style="color:#111">女</span>\u3000民族\u3000<span style="color:#111">汉</span><br>
出生\u3000<span style="color:#111">1958 年 3 月 14 日</span><br>住址\u3000<span style="color:#111">江苏省南京市鼓楼区中山北路<br>\u3000\u3000\u3000二八三号六幢一单元</span></div>
<div class="abs" style="left:58mm;top:8mm;width:22mm;height:28mm;background:#c9d3da;border-radius:2mm"></div>
<div class="abs" style="left:5mm;top:44mm;font:${bodyMm * 1.2}mm ${HEI};letter-spacing:0.4mm;color:#1c3a5c">公民身份号码\u3000<span style="color:#111">320106195803142427</span></div>`,
      );
    case 'certificate_a5': {
      const title = o.redTitle ? `color:${red}` : '';
      return page(
        wMm,
        hMm,
        paper,
        `<div class="abs" style="left:0;right:0;top:10mm;text-align:center;font:bold 6mm ${SERIF};${title}">南京市鼓楼医院</div>
<div class="abs" style="left:0;right:0;top:19mm;text-align:center;font:bold 5mm ${SERIF};letter-spacing:2mm">诊断证明书</div>
${o.emergencyBox ? `<div class="abs" style="left:112mm;top:26mm;width:22mm;height:10mm;border:0.8mm solid ${red};color:${red};font:bold 6mm ${HEI};text-align:center;line-height:10mm">急诊</div>` : ''}
<div class="abs" style="left:12mm;right:12mm;top:40mm;font:${bodyMm}mm/${bodyMm * 1.9}mm ${SERIF}">
姓名：孙建华\u3000性别：男\u3000年龄：72 岁\u3000门诊号：MZ20260917042<br>
主诉：突发右侧肢体无力三小时。<br>
诊断：1. 急性脑梗死\u30002. 高血压病 3 级（极高危）\u30003. 2 型糖尿病<br>
处理意见：收住神经内科，予溶栓、抗血小板聚集、降压、控制血糖等治疗，建议全休两周，定期复查头颅 MRI，门诊随访。<br>
特此证明。</div>
<div class="abs" style="left:80mm;top:150mm;font:${bodyMm}mm ${SERIF}">医师：陈志远<br><br>日期：2026 年 9 月 17 日</div>
<div class="abs" style="left:12mm;top:196mm;font:${bodyMm * 0.85}mm ${SERIF};color:#666">注：本证明需加盖医院公章方有效。</div>
${sealHtml(o.seal, 105, 160, '南京市鼓楼医院', '诊断证明专用章')}`,
      );
    }
    case 'long_bill': {
      const rows = Array.from({ length: 58 }, (_, i) => {
        const [c, n, u, p] = ITEMS[(i * 7) % ITEMS.length]!;
        const q = 1 + (i % 4);
        return `<tr style="border-bottom:0.15mm solid #999"><td>${i + 1}</td><td>${c}</td><td>${n}</td><td>${u}</td><td style="text-align:right">${q}</td><td style="text-align:right">${p}</td><td style="text-align:right">${(q * Number(p)).toFixed(2)}</td></tr>`;
      }).join('');
      return page(
        wMm,
        hMm,
        paper,
        `<div class="abs" style="left:0;right:0;top:8mm;text-align:center;font:bold 5mm ${HEI}">住院患者费用明细清单</div>
<div class="abs" style="left:10mm;top:17mm;font:${bodyMm}mm ${HEI}">患者：钱玉兰\u3000住院号：2026083312\u3000科室：呼吸内科\u3000入院：2026-08-30\u3000出院：2026-09-12</div>
<table class="abs" style="left:10mm;top:24mm;width:190mm;font:${bodyMm}mm/${bodyMm * 1.55}mm ${HEI}">
<tr style="border-bottom:0.3mm solid #333"><th>序号</th><th>类别</th><th>项目</th><th>单位</th><th>数量</th><th>单价</th><th>金额</th></tr>${rows}</table>
<div class="abs" style="left:10mm;top:385mm;font:${bodyMm}mm ${HEI}">合计：共 58 项\u3000打印人：系统\u3000第 1 页 共 1 页</div>`,
      );
    }
    case 'e_invoice': {
      const rows = ITEMS.slice(3, 9)
        .map(
          ([c, n, u, p]) =>
            `<tr><td>${c}</td><td>${n}</td><td>${u}</td><td>1</td><td style="text-align:right">${p}</td></tr>`,
        )
        .join('');
      return page(
        wMm,
        hMm,
        'white',
        `<div class="abs" style="left:0;right:0;top:7mm;text-align:center;font:bold 5mm ${HEI};color:#8b1d1d">浙江省医疗收费电子票据</div>
<div class="abs" style="left:10mm;top:16mm;font:${bodyMm}mm ${HEI}">票据代码：33060126\u3000票据号码：0081234567\u3000校验码：8f3c2a\u3000开票日期：2026-09-18</div>
<table class="abs" style="left:10mm;top:24mm;width:190mm;font:${bodyMm}mm/${bodyMm * 1.7}mm ${HEI};border:0.3mm solid #8b1d1d">
<tr style="border-bottom:0.3mm solid #8b1d1d"><th>项目名称</th><th>规格</th><th>单位</th><th>数量</th><th>金额</th></tr>${rows}</table>
<div class="abs" style="left:10mm;top:90mm;font:${bodyMm}mm ${HEI}">合计：￥532.40\u3000医保统筹：310.00\u3000个人自付：222.40</div>
<div class="abs" style="left:10mm;top:125mm;font:${bodyMm}mm ${HEI}">收款单位（章）：杭州市第一人民医院\u3000复核人：方敏\u3000收款人：0127</div>
${sealHtml(o.seal, 160, 110, '杭州市第一人民医院', '财务专用章')}`,
      );
    }
  }
}

let browser: Browser | null = null;

export async function closeBrowser(): Promise<void> {
  await browser?.close();
  browser = null;
}

/** Renders the document with Chromium at ~203 dpi; returns raw RGB. */
export async function renderB(doc: DocB, o: DocBOptions): Promise<RenderedB> {
  const { wMm, hMm } = SIZE_B[doc];
  return renderHtml(html(doc, o), wMm, hMm);
}

/** Lays out and rasterises an HTML page of wMm × hMm with Chromium at ~203 dpi (also OCR corpus B's). */
export async function renderHtml(source: string, wMm: number, hMm: number): Promise<RenderedB> {
  browser ??= await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  // CSS px are 96 per inch: the page is wMm / 25.4 * 96 CSS px; the scale factor brings it to 8 px/mm.
  const cssW = Math.ceil((wMm / 25.4) * 96);
  const cssH = Math.ceil((hMm / 25.4) * 96);
  const scale = (PX_PER_MM * 25.4) / 96;
  const ctx = await browser.newContext({ viewport: { width: cssW, height: cssH }, deviceScaleFactor: scale });
  const p = await ctx.newPage();
  await p.setContent(source, { waitUntil: 'load' });
  await p.evaluate('document.fonts.ready');
  // Chromium's captureScreenshot can fail once on a loaded machine (Protocol error, nothing drawn yet): the same
  // page is taken again once, so the set's pixels never depend on the load.
  const png = await p
    .screenshot({ type: 'png', fullPage: false })
    .catch(() => p.waitForTimeout(500).then(() => p.screenshot({ type: 'png', fullPage: false })));
  await ctx.close();
  const sharp = (await import('sharp')).default;
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { rgb: data, width: info.width, height: info.height, widthMm: wMm, heightMm: hMm };
}

// The third calibration set's papers ("set C", issue 21), made apart from sets A (SVG through librsvg, Noto
// Sans CJK) and B (HTML through Chromium, Noto Serif / WenQuanYi): drawn with Skia (@napi-rs/canvas) in the
// AR PL UMing / UKai faces and DejaVu Sans Mono figures, with ink laid down subtractively (multiply), the
// way printing and stamping work. They are the papers issue 21 names: the national 医疗收费票据 paper form
// (rules and titles printed red, blue or orange on white, yellow, green or pink paper under a guilloche,
// the printed 财政部监制 oval over the title, pin-feed perforated margins punched through), an e-invoice
// printed in colour or in black and white on A4, and a plain discharge summary / diagnosis certificate.
// Stamps: round or oval hospital seals over the red rules, turned any way (upside down too), faint pink,
// two or three on one paper; the e-seal printed grey on a black-and-white printout is print, not a stamp.
// White masking boxes and blank cells. Every page comes with what was drawn where (mm), so the cases are
// labelled from the construction, never from the checker.
import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';

export type PaperTint = 'white' | 'yellow' | 'green' | 'pink';
export type RuleInk = 'red' | 'blue' | 'orange' | 'brown' | 'black' | 'salmon';
export type DocC = 'paper_invoice' | 'e_invoice_colour' | 'e_invoice_bw' | 'discharge' | 'certificate';

export interface StampC {
  shape: 'round' | 'oval';
  /** Centre on the page, mm. */
  x: number;
  y: number;
  /** Turn in degrees (180 = upside down). */
  turn: number;
  /** Ink strength 0..1: 1 a full impression, ~0.3 a faint pink one. */
  strength: number;
  /** Diameter (round) or width (oval), mm. */
  size: number;
}

export interface DocOptions {
  doc: DocC;
  seed: number;
  tint?: PaperTint;
  rules?: RuleInk;
  /** Pin-feed strips with punched holes on both sides (paper form). */
  pinFeed?: boolean;
  /** Fresh stamps on the paper. */
  stamps?: StampC[];
  /** White masking rectangles over some printed values (as anonymised papers have). */
  masks?: number;
  /** Printed 财政部监制 oval over the title (forms and e-invoices have it). */
  supervisionSeal?: boolean;
}

export interface PageC {
  width: number;
  height: number;
  /** RGBA, 8 bits; alpha 0 where the paper is punched through (pin-feed holes). */
  rgba: Uint8ClampedArray;
  pxPerMm: number;
  wMm: number;
  hMm: number;
  /** Height of the smallest body text's hanzi ink, mm (measured on the face as drawn). */
  bodyGlyphMm: number;
  /** Box around all print, mm (x0, y0, x1, y1). */
  printBox: [number, number, number, number];
  /** Where a glare patch would hide text: boxes of printed body text, mm. */
  textBoxes: [number, number, number, number][];
  /** Print present per 2-mm block of the page (row-major, `printGridW` blocks a row): where text and rules are. */
  printGrid: Uint8Array;
  printGridW: number;
  freshStamps: StampC[];
  paperRgb: [number, number, number];
}

const TINT: Record<PaperTint, [number, number, number]> = {
  white: [246, 245, 240],
  yellow: [250, 240, 196],
  green: [226, 240, 222],
  pink: [248, 228, 228],
};
/** Printing inks as the colour they leave on white paper (multiplied into the paper). */
const INK: Record<RuleInk, string> = {
  red: 'rgb(214, 48, 44)',
  blue: 'rgb(40, 70, 170)',
  orange: 'rgb(226, 110, 40)',
  brown: 'rgb(150, 70, 30)',
  black: 'rgb(30, 30, 30)',
  salmon: 'rgb(228, 110, 90)',
};
const STAMP_RED: [number, number, number] = [222, 34, 40];
const PRINT = 'AR PL UMing CN';
const TITLE = 'AR PL UMing CN';
const SEAL_FACE = 'AR PL UKai CN';
const FIGURES = 'DejaVu Sans Mono';

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

const HOSPITALS = ['市第一人民医院', '省肿瘤医院', '中医院', '市中心医院', '医科大学附属医院', '县人民医院'];
const ITEMS = [
  '西药费',
  '检查费',
  '化验费',
  '治疗费',
  '床位费',
  '诊察费',
  '护理费',
  '卫生材料费',
  '中成药费',
];
const PROVINCES = ['湖南省', '山东省', '广西', '河南省', '贵州省', '福建省'];

/** Renders one paper at `pxPerMm`. */
export function renderDoc(o: DocOptions, pxPerMm: number): PageC {
  const rand = rng(o.seed * 7919 + 13);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const isForm = o.doc === 'paper_invoice';
  const isE = o.doc === 'e_invoice_colour' || o.doc === 'e_invoice_bw';
  const strip = isForm && o.pinFeed ? 13 : 0;
  const wMm = isForm ? 210 + 2 * strip : 210;
  const hMm = isForm ? 127 : 297;
  const W = Math.round(wMm * pxPerMm);
  const H = Math.round(hMm * pxPerMm);
  const canvas = createCanvas(W, H);
  const g = canvas.getContext('2d');
  const mm = (v: number): number => v * pxPerMm;
  const tint = TINT[o.tint ?? 'white'];
  g.fillStyle = `rgb(${tint.join(',')})`;
  g.fillRect(0, 0, W, H);
  g.globalCompositeOperation = 'multiply';
  const textBoxes: [number, number, number, number][] = [];
  let printBox: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  const grow = (x0: number, y0: number, x1: number, y1: number): void => {
    printBox = [
      Math.min(printBox[0], x0),
      Math.min(printBox[1], y0),
      Math.max(printBox[2], x1),
      Math.max(printBox[3], y1),
    ];
  };
  const text = (s: string, x: number, y: number, sizeMm: number, colour: string, face = PRINT): number => {
    g.font = `${mm(sizeMm)}px "${face}"`;
    g.fillStyle = colour;
    g.fillText(s, mm(x), mm(y));
    const w = g.measureText(s).width / pxPerMm;
    grow(x, y - sizeMm, x + w, y + 0.2 * sizeMm);
    return w;
  };
  const line = (x0: number, y0: number, x1: number, y1: number, colour: string, widthMm = 0.3): void => {
    g.strokeStyle = colour;
    g.lineWidth = mm(widthMm);
    g.beginPath();
    g.moveTo(mm(x0), mm(y0));
    g.lineTo(mm(x1), mm(y1));
    g.stroke();
    grow(Math.min(x0, x1), Math.min(y0, y1), Math.max(x0, x1), Math.max(y0, y1));
  };
  const rect = (x: number, y: number, w: number, h: number, colour: string, widthMm = 0.3): void => {
    line(x, y, x + w, y, colour, widthMm);
    line(x + w, y, x + w, y + h, colour, widthMm);
    line(x + w, y + h, x, y + h, colour, widthMm);
    line(x, y + h, x, y, colour, widthMm);
  };

  // Smallest body text, mm of type size; its hanzi ink height is measured on the face below.
  let bodyMm: number;
  if (isForm) {
    const ink = INK[o.rules ?? 'red'];
    const x0 = strip + 8;
    const x1 = wMm - strip - 8;
    // Guilloche: fine wavy lines in a pale tint of the paper's colour, over the whole form.
    if (o.tint && o.tint !== 'white') {
      g.lineWidth = mm(0.12);
      g.strokeStyle =
        o.tint === 'yellow'
          ? 'rgb(238,214,120)'
          : o.tint === 'green'
            ? 'rgb(196,222,190)'
            : 'rgb(236,196,200)';
      for (let k = 0; k < 70; k++) {
        g.beginPath();
        for (let x = strip; x <= wMm - strip; x += 1.5) {
          const y = k * 1.9 + 1.6 * Math.sin(x / 7 + k * 0.5) + 0.8 * Math.sin(x / 2.3 + k);
          if (x === strip) g.moveTo(mm(x), mm(y));
          else g.lineTo(mm(x), mm(y));
        }
        g.stroke();
      }
      // The emblem in the middle, a pale ring.
      g.strokeStyle = o.tint === 'yellow' ? 'rgb(240,206,90)' : 'rgb(200,216,190)';
      g.lineWidth = mm(1.2);
      g.beginPath();
      g.arc(mm(wMm / 2), mm(64), mm(17), 0, 2 * Math.PI);
      g.stroke();
    }
    const province = pick(PROVINCES);
    const title = `${province}医疗${rand() < 0.5 ? '门诊' : '住院'}收费票据`;
    g.font = `bold ${mm(7)}px "${TITLE}"`;
    const tw = g.measureText(title).width / pxPerMm;
    text(title, wMm / 2 - tw / 2, 16, 7, ink, TITLE);
    line(wMm / 2 - tw / 2, 18, wMm / 2 + tw / 2, 18, ink, 0.5);
    text('No', x1 - 48, 16, 4, ink);
    text(String(10000000 + Math.floor(rand() * 89999999)), x1 - 40, 16, 5, 'rgb(200,40,40)', FIGURES);
    bodyMm = 3.0;
    text('业务流水号：', x0, 26, bodyMm, ink);
    text(String(1000000 + Math.floor(rand() * 8999999)), x0 + 20, 26, 3.4, 'rgb(25,25,25)', FIGURES);
    text('医疗机构类型：', x0 + 70, 26, bodyMm, ink);
    // The table, in the form's ink.
    const ty = 30;
    const th = 78;
    rect(x0, ty, x1 - x0, th, ink, 0.4);
    const rows = [ty + 7, ty + 14, ty + 56, ty + 64, ty + 71];
    for (const r of rows) line(x0, r, x1, r, ink, 0.25);
    line((x0 + x1) / 2, ty + 7, (x0 + x1) / 2, ty + 14, ink, 0.25);
    text('姓名', x0 + 2, ty + 5, bodyMm, ink);
    text('性别', x0 + 50, ty + 5, bodyMm, ink);
    text('医保类型', x0 + 80, ty + 5, bodyMm, ink);
    text('社会保障号码', x0 + 125, ty + 5, bodyMm, ink);
    text('项目/规格   数量   金额', x0 + 2, ty + 12, bodyMm, ink);
    text('项目/规格   数量   金额', (x0 + x1) / 2 + 2, ty + 12, bodyMm, ink);
    // Printed values: dot-matrix-like black print.
    const n = 4 + Math.floor(rand() * 5);
    for (let i = 0; i < n; i++) {
      const col = i % 2;
      const row = Math.floor(i / 2);
      const x = x0 + 6 + col * ((x1 - x0) / 2);
      const y = ty + 22 + row * 8;
      const item = ITEMS[(i + o.seed) % ITEMS.length]!;
      const w = text(`${item}:`, x, y, 4, 'rgb(28,28,28)');
      text((10 + rand() * 2000).toFixed(2), x + w + 1, y, 4, 'rgb(28,28,28)', FIGURES);
      textBoxes.push([x, y - 4, x + 60, y + 1]);
    }
    text('合计(大写)', x0 + 2, ty + 61.5, bodyMm, ink);
    text('贰仟贰佰零贰元陆角柒分', x0 + 28, ty + 62, 4, 'rgb(28,28,28)');
    text('¥', x0 + 130, ty + 61.5, 3.4, ink);
    text((100 + rand() * 5000).toFixed(2), x0 + 136, ty + 62, 4, 'rgb(28,28,28)', FIGURES);
    text('医保统筹支付：', x0 + 2, ty + 69, bodyMm, ink);
    text('个人账户支付：', x0 + 60, ty + 69, bodyMm, ink);
    text('个人支付金额：', x0 + 120, ty + 69, bodyMm, ink);
    text('0.00', x0 + 24, ty + 69.5, 3.4, 'rgb(28,28,28)', FIGURES);
    text('收款单位（章）：', x0 + 2, ty + th + 6, bodyMm, ink);
    text('收款人（签章）：', x0 + 90, ty + th + 6, bodyMm, ink);
    text(
      `2020 年 ${1 + Math.floor(rand() * 12)} 月 ${1 + Math.floor(rand() * 28)} 日`,
      x1 - 40,
      ty + th + 6,
      3.4,
      'rgb(28,28,28)',
    );
    textBoxes.push([x0, ty + 58, x1, ty + 72]);
    // Side notes printed up the margins, as the forms have (第一联 收据联).
    for (const [k, ch] of ['第', '一', '联', '收', '据'].entries()) text(ch, x1 + 2, 40 + k * 6, 3, ink);
    if (o.pinFeed) {
      // Tear-off lines of the strips: perforation guides, not print (the print box leaves them out).
      g.strokeStyle = 'rgb(180,180,180)';
      g.lineWidth = mm(0.15);
      for (const x of [strip, wMm - strip])
        for (let y = 0; y < hMm; y += 2) {
          g.beginPath();
          g.moveTo(mm(x), mm(y));
          g.lineTo(mm(x), mm(y + 1));
          g.stroke();
        }
    }
  } else if (isE) {
    // An e-invoice as its PDF prints on A4: the invoice in the upper half, the rest of the sheet blank.
    const bw = o.doc === 'e_invoice_bw';
    const ink = bw ? INK.black : INK[o.rules ?? 'salmon'];
    const x0 = 14;
    const x1 = 196;
    const province = pick(PROVINCES);
    const title = `${province}医疗住院收费票据（电子）`;
    g.font = `${mm(6.5)}px "${TITLE}"`;
    const tw = g.measureText(title).width / pxPerMm;
    text(title, 105 - tw / 2, 24, 6.5, ink, TITLE);
    bodyMm = 2.8;
    const black = 'rgb(25,25,25)';
    text('票据代码：', x0, 36, bodyMm, ink);
    text('520602', x0 + 16, 36, 3, black, FIGURES);
    text('交款人统一社会信用代码：', x0, 41, bodyMm, ink);
    text('交款人：', x0, 46, bodyMm, ink);
    text('票据号码：', 140, 36, bodyMm, ink);
    text(String(10000000 + Math.floor(rand() * 8999999)), 156, 36, 3, black, FIGURES);
    text('开票日期：', 140, 46, bodyMm, ink);
    text('2021-02-11', 156, 46, 3, black, FIGURES);
    // QR code block (a dense square of modules).
    for (let i = 0; i < 21; i++)
      for (let j = 0; j < 21; j++)
        if (rand() < 0.5 || (i < 7 && j < 7) || (i < 7 && j > 13) || (i > 13 && j < 7)) {
          g.fillStyle = black;
          g.fillRect(mm(176 + j * 0.9), mm(28 + i * 0.9), mm(0.9), mm(0.9));
        }
    const ty = 50;
    rect(x0, ty, x1 - x0, 100, ink, 0.35);
    for (const r of [ty + 7, ty + 62, ty + 70]) line(x0, r, x1, r, ink, 0.25);
    for (const [k, h] of ['项目名称', '金额（元）', '备注', '项目名称', '金额（元）', '备注'].entries())
      text(h, x0 + 6 + k * 30, ty + 5, 3.2, ink);
    const n = 3 + Math.floor(rand() * 6);
    for (let i = 0; i < n; i++) {
      const x = x0 + 2 + (i % 2) * 90;
      const y = ty + 13 + Math.floor(i / 2) * 5;
      text(ITEMS[(i + o.seed) % ITEMS.length]!, x, y, bodyMm, black);
      text((10 + rand() * 9000).toFixed(2), x + 30, y, bodyMm, black, FIGURES);
      textBoxes.push([x, y - 3, x + 60, y + 1]);
    }
    text('金额合计（大写）', x0 + 2, ty + 67, 3.2, ink);
    text('贰万肆仟壹佰捌拾玖元陆角伍分', x0 + 30, ty + 67, 3.2, black);
    text('（小写）24,189.65', 130, ty + 67, 3.2, black);
    const others = [
      '业务流水号：',
      '住院号：',
      '医保类型：',
      '医保统筹基金支付：',
      '个人账户支付：',
      '个人现金支付：',
      '个人自付：',
      '个人自费：',
    ];
    for (const [k, s] of others.entries()) {
      const x = x0 + 8 + (k % 3) * 60;
      const y = ty + 76 + Math.floor(k / 3) * 6;
      const w = text(s, x, y, bodyMm, ink);
      text((rand() * 9000).toFixed(2), x + w, y, bodyMm, black, FIGURES);
      textBoxes.push([x, y - 3, x + 55, y + 1]);
    }
    text('收款单位（章）：', x0, ty + 106, 3, ink);
    text(`某${pick(HOSPITALS)}`, x0 + 24, ty + 106, 3, black);
    text('复核人：', 110, ty + 106, 3, ink);
    text('收款人：', 160, ty + 106, 3, ink);
  } else {
    // Discharge summary / diagnosis certificate: a hospital's A4 page of prose.
    const hospital = `某${pick(HOSPITALS)}`;
    const black = 'rgb(20,20,20)';
    g.font = `bold ${mm(6)}px "${TITLE}"`;
    let tw = g.measureText(hospital).width / pxPerMm;
    text(hospital, 105 - tw / 2, 22, 6, black, TITLE);
    const title = o.doc === 'certificate' ? '诊断证明书' : '出院记录';
    g.font = `${mm(7)}px "${TITLE}"`;
    tw = g.measureText(title).width / pxPerMm;
    text(title, 105 - tw / 2, 33, 7, black, TITLE);
    line(20, 38, 190, 38, black, 0.35);
    bodyMm = 3.6;
    const sentences = [
      '入院情况：患者因咳嗽、发热三天入院，体温三十八度五，神志清楚，精神一般。',
      '入院诊断：社区获得性肺炎。诊疗经过：入院后完善相关检查，给予抗感染治疗。',
      '出院情况：患者一般情况好，生命体征平稳，无发热，咳嗽明显减轻，饮食睡眠可。',
      '出院诊断：社区获得性肺炎。出院医嘱：注意休息，避免受凉，按时服药，定期复查。',
      '如有不适，及时就诊。两周后门诊复查血常规、胸部影像，随诊观察病情变化情况。',
    ];
    let y = 48;
    const lines = o.doc === 'certificate' ? 8 : 16;
    for (let i = 0; i < lines; i++) {
      const s = sentences[(i + o.seed) % sentences.length]!;
      text(s, 20, y, bodyMm, black);
      textBoxes.push([20, y - bodyMm, 190, y + 1]);
      y += bodyMm * 2;
    }
    text('医师签字：', 120, y + 14, bodyMm, black);
    text(
      `2021 年 ${1 + Math.floor(rand() * 12)} 月 ${1 + Math.floor(rand() * 28)} 日`,
      120,
      y + 22,
      bodyMm,
      black,
    );
    text('第 1 页', 98, 285, 3.2, black);
  }

  const seals: StampC[] = [];
  if (o.supervisionSeal) {
    // The 财政部监制 oval, printed over the title in the form's (or the printout's) ink.
    const colour: [number, number, number] = o.doc === 'e_invoice_bw' ? [70, 70, 70] : [214, 48, 44];
    const cy = isForm ? 14 : 22;
    drawSeal(
      g,
      pxPerMm,
      { shape: 'oval', x: wMm / 2, y: cy, turn: 0, strength: 1, size: 30 },
      colour,
      ['财政部监制', '票据监制章'],
      0,
      rand,
      true,
    );
  }
  if (isE) {
    // The e-seal the PDF carries, printed where the 收款单位 line is: red in colour, grey in black and white.
    const colour: [number, number, number] = o.doc === 'e_invoice_bw' ? [80, 80, 80] : [214, 48, 44];
    drawSeal(
      g,
      pxPerMm,
      { shape: 'round', x: 48, y: 150, turn: 0, strength: 1, size: 36 },
      colour,
      [`某${pick(HOSPITALS)}`, '收费专用章(电子)'],
      1,
      rand,
      true,
    );
  }
  for (const s of o.stamps ?? []) {
    drawSeal(
      g,
      pxPerMm,
      s,
      STAMP_RED,
      [`某${pick(HOSPITALS)}`, s.shape === 'round' ? '收费专用章' : '住院收费专用章'],
      1,
      rand,
      false,
    );
    seals.push(s);
  }
  // White masking boxes over printed values (opaque: correction tape / an anonymiser's rectangle).
  g.globalCompositeOperation = 'source-over';
  for (let i = 0; i < (o.masks ?? 0) && textBoxes.length; i++) {
    const b = textBoxes[Math.floor(rand() * textBoxes.length)]!;
    const x = b[0] + 12 + rand() * 20;
    g.fillStyle = 'rgb(255,255,255)';
    g.fillRect(mm(x), mm(b[1] - 0.5), mm(14 + rand() * 18), mm(b[3] - b[1] + 1));
  }
  // Punched holes of the pin-feed strips: 4 mm holes every 12.7 mm (half an inch).
  g.setTransform(1, 0, 0, 1, 0, 0);
  const img = g.getImageData(0, 0, W, H);
  if (isForm && o.pinFeed) {
    const r = mm(2);
    for (const cx of [strip / 2, wMm - strip / 2])
      for (let cy = 6; cy < hMm; cy += 12.7) {
        const px = mm(cx);
        const py = mm(cy);
        for (let y = Math.floor(py - r); y <= Math.ceil(py + r); y++)
          for (let x = Math.floor(px - r); x <= Math.ceil(px + r); x++) {
            if (x < 0 || y < 0 || x >= W || y >= H) continue;
            const d = Math.hypot(x - px, y - py);
            if (d <= r) img.data[(y * W + x) * 4 + 3] = Math.round(255 * Math.min(1, Math.max(0, d - r + 1)));
          }
      }
  }
  // Where the print is, per 2-mm block: any pixel at under 60 % of the paper's luminance (ink, not paper or a
  // pale guilloche). The glare label asks how much of a reflection's clipped core lies over print.
  const G2 = Math.max(1, Math.round(2 * pxPerMm));
  const gw = Math.ceil(W / G2);
  const gh = Math.ceil(H / G2);
  const printGrid = new Uint8Array(gw * gh);
  const paperLum = 0.3 * tint[0] + 0.6 * tint[1] + 0.1 * tint[2];
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      const i = (y * W + x) * 4;
      if (img.data[i + 3]! < 128) continue;
      const l = 0.3 * img.data[i]! + 0.6 * img.data[i + 1]! + 0.1 * img.data[i + 2]!;
      if (l < 0.6 * paperLum) printGrid[Math.floor(y / G2) * gw + Math.floor(x / G2)] = 1;
    }
  // Glyph height of the body text's hanzi, as the face draws it.
  g.font = `${mm(bodyMm)}px "${PRINT}"`;
  const m = g.measureText('票据费用');
  const bodyGlyphMm = (m.actualBoundingBoxAscent + m.actualBoundingBoxDescent) / pxPerMm;
  return {
    width: W,
    height: H,
    rgba: img.data,
    pxPerMm,
    wMm,
    hMm,
    bodyGlyphMm,
    printBox,
    textBoxes,
    printGrid,
    printGridW: gw,
    freshStamps: seals,
    paperRgb: tint,
  };
}

/**
 * A seal: a ring (1-1.3 mm), the name along the upper arc, a star or a line of text in the middle, the use
 * along the bottom. A fresh stamp's ink lies unevenly: its strength varies in patches and a faint one leaves
 * gaps; a printed one (e-seal, 监制章) is even.
 */
function drawSeal(
  g: SKRSContext2D,
  pxPerMm: number,
  s: StampC,
  rgb: [number, number, number],
  words: [string, string],
  star: number,
  rand: () => number,
  printed: boolean,
): void {
  const mm = (v: number): number => v * pxPerMm;
  const w = s.size;
  const h = s.shape === 'round' ? s.size : s.size * 0.68;
  const side = Math.ceil(mm(Math.max(w, h) + 4));
  const c = createCanvas(side, side);
  const k = c.getContext('2d');
  k.translate(side / 2, side / 2);
  const col = `rgb(${rgb.join(',')})`;
  k.strokeStyle = col;
  k.fillStyle = col;
  k.lineWidth = mm(s.shape === 'round' ? 1.2 : 1.0);
  k.beginPath();
  k.ellipse(0, 0, mm(w / 2 - 0.7), mm(h / 2 - 0.7), 0, 0, 2 * Math.PI);
  k.stroke();
  // Name along the upper arc.
  const name = words[0];
  const fs = mm(Math.min(w, h) * 0.15);
  k.font = `${fs}px "${SEAL_FACE}"`;
  const span = Math.PI * 1.15;
  for (let i = 0; i < name.length; i++) {
    const a = -Math.PI / 2 - span / 2 + (span * (i + 0.5)) / name.length;
    k.save();
    k.translate(
      Math.cos(a) * mm(w / 2 - 2.2 - fs / pxPerMm / 2),
      Math.sin(a) * mm(h / 2 - 2.2 - fs / pxPerMm / 2),
    );
    k.rotate(a + Math.PI / 2);
    k.fillText(name[i]!, -fs / 2, fs / 2);
    k.restore();
  }
  if (star && s.shape === 'round') {
    const R = mm(w * 0.13);
    k.beginPath();
    for (let i = 0; i < 10; i++) {
      const a = -Math.PI / 2 + (i * Math.PI) / 5;
      const r = i % 2 ? R * 0.4 : R;
      if (i) k.lineTo(Math.cos(a) * r, Math.sin(a) * r);
      else k.moveTo(Math.cos(a) * r, Math.sin(a) * r);
    }
    k.closePath();
    k.fill();
  }
  const use = words[1];
  const us = mm(Math.min(w, h) * 0.12);
  k.font = `${us}px "${SEAL_FACE}"`;
  const uw = k.measureText(use).width;
  k.fillText(use, -uw / 2, mm(h * 0.3));
  // Skia's putImageData follows the transform (the standard's does not): work in plain pixels from here.
  k.setTransform(1, 0, 0, 1, 0, 0);
  const data = k.getImageData(0, 0, side, side);
  // Uneven impression: strength in soft patches (a rubber stamp inked by hand), gaps where faint.
  const cells = 9;
  const patch = Array.from({ length: cells * cells }, () => rand());
  for (let y = 0; y < side; y++)
    for (let x = 0; x < side; x++) {
      const i = (y * side + x) * 4 + 3;
      if (!data.data[i]) continue;
      let a = s.strength;
      if (!printed) {
        const p =
          patch[
            Math.min(cells - 1, Math.floor((y / side) * cells)) * cells +
              Math.min(cells - 1, Math.floor((x / side) * cells))
          ]!;
        a *= 0.75 + 0.35 * p;
        if (s.strength < 0.5 && p < 0.2) a *= 0.4;
      }
      data.data[i] = Math.round(data.data[i]! * Math.min(1, a));
    }
  k.putImageData(data, 0, 0);
  g.save();
  g.globalCompositeOperation = 'multiply';
  g.translate(mm(s.x), mm(s.y));
  g.rotate((s.turn * Math.PI) / 180);
  g.drawImage(c, -side / 2, -side / 2);
  g.restore();
}

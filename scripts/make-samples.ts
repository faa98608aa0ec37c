// Makes the demo's sample documents (resources/samples/): realistic Chinese claim paperwork for an
// inpatient 异地转诊 claim, rendered as SVG (librsvg + Noto Sans CJK via fontconfig), then "photographed":
// put on a desk at an angle, lit unevenly, slightly soft, JPEG-compressed like a phone would. One photo has
// deliberate glare so the demo shows a finding. All data is fake and every paper is marked 样本/SAMPLE.
// Run: npx tsx scripts/make-samples.ts   (needs fonts-noto-cjk; output is committed, so users never run it)
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument, rgb } from 'pdf-lib';
import QRCode from 'qrcode';
import sharp from 'sharp';
import { embedCjkFonts } from '../electron/core/export/font';
import { homographyFromPoints, type Pt } from '../electron/core/export/warp';

const OUT = join(import.meta.dirname, '..', 'resources', 'samples');
const W = 1240; // A4 at 150 dpi
const H = 1754;
const FONT = "'Noto Sans CJK SC', 'Noto Sans SC', sans-serif";

// ----------------------------------------------------------------- fake claim facts (shared with manifest)
const P = {
  name: '王秀英',
  id: '11010519491231002X', // GB 11643's own example number
  insured: '北京市',
  hospital: '上海市第一人民医院',
  referrer: '北京市朝阳区第二医院',
  admission: '2026-09-01',
  discharge: '2026-09-10',
  filingDate: '2026-08-30',
  total: 12345.67,
  /** The paper inpatient invoice; the e-invoice (discharge medicine, 500.00) makes up the total. */
  paperInvoice: 11845.67,
  eInvoice: 500,
  invoiceCode: '031002600111',
  invoiceNo: '20260910',
  bank: '中国银行',
  card: '6217001234567890122', // passes the Luhn check like a real debit card
  phone: '13800138000',
};
const VAT_QR = `01,10,${P.invoiceCode},${P.invoiceNo},${P.paperInvoice.toFixed(2)},20260910,58231094671230458812,`;
const E_INVOICE_QR = `01,10,031002600112,20260911,${P.eInvoice.toFixed(2)},20260910,70915528340016723945,`;

// ----------------------------------------------------------------- SVG helpers
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
function text(
  x: number,
  y: number,
  s: string,
  size = 24,
  opts: { weight?: number; anchor?: string; fill?: string } = {},
): string {
  return `<text x="${x}" y="${y}" font-family="${FONT}" font-size="${size}" font-weight="${opts.weight ?? 400}" text-anchor="${opts.anchor ?? 'start'}" fill="${opts.fill ?? '#1d1d1f'}">${esc(s)}</text>`;
}
const line = (x1: number, y1: number, x2: number, y2: number, w = 2, c = '#333') =>
  `<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" stroke="${c}" stroke-width="${w}"/>`;

function qr(x: number, y: number, size: number, payload: string): string {
  const m = QRCode.create(payload, { errorCorrectionLevel: 'M' }).modules;
  const cell = size / (m.size + 8);
  let d = '';
  for (let r = 0; r < m.size; r++)
    for (let c = 0; c < m.size; c++)
      if (m.get(r, c)) d += `M${x + (c + 4) * cell},${y + (r + 4) * cell}h${cell}v${cell}h${-cell}z`;
  return `<rect x="${x}" y="${y}" width="${size}" height="${size}" fill="#fff"/><path d="${d}" fill="#000"/>`;
}

/** A round red official seal: ring, star, the organisation's name around the top, purpose below. */
function seal(cx: number, cy: number, r: number, org: string, purpose: string): string {
  const chars = [...org];
  const span = Math.PI * 1.25;
  let s = `<g opacity="0.82"><circle cx="${cx}" cy="${cy}" r="${r}" fill="none" stroke="#d21f1f" stroke-width="${r * 0.07}"/>`;
  chars.forEach((ch, i) => {
    const a = -Math.PI / 2 - span / 2 + (span * (i + 0.5)) / chars.length;
    const x = cx + Math.cos(a) * r * 0.72;
    const y = cy + Math.sin(a) * r * 0.72;
    s += `<text x="${x}" y="${y}" font-family="${FONT}" font-size="${r * 0.24}" font-weight="700" fill="#d21f1f" text-anchor="middle" dominant-baseline="central" transform="rotate(${(a * 180) / Math.PI + 90} ${x} ${y})">${esc(ch)}</text>`;
  });
  const star = Array.from({ length: 10 }, (_v, i) => {
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    const rr = i % 2 ? r * 0.13 : r * 0.32;
    return `${cx + Math.cos(a) * rr},${cy + Math.sin(a) * rr}`;
  }).join(' ');
  s += `<polygon points="${star}" fill="#d21f1f"/>`;
  s += `<text x="${cx}" y="${cy + r * 0.55}" font-family="${FONT}" font-size="${r * 0.2}" font-weight="700" fill="#d21f1f" text-anchor="middle">${esc(purpose)}</text></g>`;
  return s;
}

/** A hand signature: a few blue-ink strokes (reviewers look for *a* signature, not a legible one). */
function signature(x: number, y: number, seed: number): string {
  let d = `M${x},${y}`;
  for (let i = 1; i <= 9; i++) {
    const dx = 16 + ((seed * 7 + i * 13) % 11);
    const dy = ((seed * 5 + i * 17) % 31) - 15;
    d += ` q${dx / 2},${dy * 1.6} ${dx},${dy / 3}`;
  }
  return `<path d="${d}" fill="none" stroke="#1b3a8c" stroke-width="3.2" stroke-linecap="round"/>`;
}

function sampleMark(w: number, h: number): string {
  return `<text x="${w - 30}" y="${h - 30}" font-family="${FONT}" font-size="30" font-weight="700" fill="#c0392b" fill-opacity="0.55" text-anchor="end">样本 SAMPLE · 虚构数据</text>`;
}

function page(body: string, w = W, h = H): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}"><rect width="${w}" height="${h}" fill="#fbfaf6"/>${body}${sampleMark(w, h)}</svg>`;
}

function table(x: number, y: number, cols: number[], rows: string[][], rowH = 44, size = 22): string {
  let s = '';
  const width = cols.reduce((a, b) => a + b, 0);
  rows.forEach((row, r) => {
    let cx = x;
    row.forEach((cell, c) => {
      s += text(cx + 8, y + r * rowH + rowH * 0.68, cell, size, { weight: r === 0 ? 700 : 400 });
      cx += cols[c]!;
    });
    s += line(x, y + (r + 1) * rowH, x + width, y + (r + 1) * rowH, r === 0 ? 2 : 1, '#555');
  });
  s += `<rect x="${x}" y="${y}" width="${width}" height="${rows.length * rowH}" fill="none" stroke="#333" stroke-width="2"/>`;
  let cx = x;
  for (const c of cols.slice(0, -1)) {
    cx += c;
    s += line(cx, y, cx, y + rows.length * rowH, 1, '#555');
  }
  return s;
}

function header(title: string, sub: string): string {
  return (
    text(W / 2, 150, P.hospital, 34, { anchor: 'middle', weight: 700 }) +
    text(W / 2, 215, title, 44, { anchor: 'middle', weight: 700 }) +
    text(W / 2, 262, sub, 22, { anchor: 'middle', fill: '#555' })
  );
}

function fields(y: number, pairs: Array<[string, string]>, perRow = 2): string {
  let s = '';
  pairs.forEach(([k, v], i) => {
    const col = i % perRow;
    const row = Math.floor(i / perRow);
    s += text(100 + col * (1040 / perRow), y + row * 50, `${k}：${v}`, 24);
  });
  return s;
}

// ----------------------------------------------------------------- the documents
const docs: Record<string, string> = {
  invoice: page(
    text(W / 2, 140, '上海市医疗住院收费票据（电子）', 40, { anchor: 'middle', weight: 700 }) +
      text(W / 2, 190, '财政部监制', 22, { anchor: 'middle', fill: '#555' }) +
      qr(960, 90, 200, VAT_QR) +
      fields(330, [
        ['票据代码', P.invoiceCode],
        ['票据号码', P.invoiceNo],
        ['交款人', P.name],
        ['开票日期', '2026-09-10'],
        ['住院号', 'ZY2026090117'],
        ['医保类型', '职工基本医疗保险（异地）'],
        ['住院时间', `${P.admission} 至 ${P.discharge}`],
        ['住院天数', '9 天'],
      ]) +
      table(
        100,
        560,
        [360, 340, 340],
        [
          ['项目', '金额（元）', '备注'],
          ['床位费', '720.00', ''],
          ['检查费', '2,316.00', ''],
          ['化验费', '1,482.50', ''],
          ['治疗费', '1,905.00', ''],
          ['手术费', '3,200.00', ''],
          ['西药费', '1,622.17', ''],
          ['材料费', '600.00', ''],
        ],
      ) +
      text(100, 980, '合计（大写）：壹万壹仟捌佰肆拾伍元陆角柒分', 26, { weight: 700 }) +
      text(100, 1030, `合计（小写）：¥${P.paperInvoice.toFixed(2)}`, 26, { weight: 700 }) +
      fields(1110, [
        ['医保统筹支付', '0.00'],
        ['个人账户支付', '0.00'],
        ['个人现金支付', P.paperInvoice.toFixed(2)],
        ['收款单位', P.hospital],
      ]) +
      text(100, 1300, '收款人：李敏\u3000\u3000复核人：赵强', 24) +
      seal(930, 1330, 120, P.hospital, '财务专用章'),
  ),
  'itemized-bill': page(
    header('住院费用明细清单', `住院号 ZY2026090117 · 患者 ${P.name} · ${P.admission} 至 ${P.discharge}`) +
      table(
        70,
        310,
        [330, 150, 110, 160, 150, 200],
        [
          ['项目名称', '规格', '数量', '单价', '金额', '医保类别'],
          ['普通病房床位费', '日', '9', '80.00', '720.00', '甲类'],
          ['胸部CT平扫', '次', '2', '380.00', '760.00', '甲类'],
          ['腹部彩色超声', '次', '1', '256.00', '256.00', '甲类'],
          ['心脏磁共振', '次', '1', '800.00', '800.00', '乙类'],
          ['血常规', '次', '5', '24.50', '122.50', '甲类'],
          ['生化全套', '次', '4', '290.00', '1,160.00', '甲类'],
          ['凝血功能', '次', '2', '100.00', '200.00', '甲类'],
          ['静脉输液', '组', '18', '42.50', '765.00', '甲类'],
          ['换药', '次', '6', '40.00', '240.00', '甲类'],
          ['护理费（一级）', '日', '9', '100.00', '900.00', '甲类'],
          ['经皮冠状动脉支架植入术', '次', '1', '3,200.00', '3,200.00', '乙类'],
          ['阿司匹林肠溶片', '100mg×30', '2', '18.60', '37.20', '甲类'],
          ['硫酸氢氯吡格雷片', '75mg×7', '3', '118.99', '356.97', '乙类'],
          ['注射用头孢呋辛钠', '0.75g', '24', '72.00', '1,728.00', '乙类'],
          ['一次性使用导管', '根', '2', '300.00', '600.00', '乙类'],
        ],
        50,
        21,
      ) +
      text(70, 1180, `合计：¥${P.paperInvoice.toFixed(2)}\u3000\u3000（共 15 项）`, 26, { weight: 700 }) +
      text(70, 1240, '以上费用经患者（家属）核对无误。', 22) +
      text(70, 1300, '打印人：收费处 03\u3000\u3000打印日期：2026-09-10', 22, { fill: '#555' }),
  ),
  diagnosis: page(
    header('诊 断 证 明 书', '住院号 ZY2026090117') +
      fields(330, [
        ['姓名', P.name],
        ['性别', '女'],
        ['年龄', '76 岁'],
        ['科室', '心血管内科'],
        ['入院日期', P.admission],
        ['出院日期', P.discharge],
      ]) +
      text(100, 520, '临床诊断：', 28, { weight: 700 }) +
      text(140, 580, '1. 冠状动脉粥样硬化性心脏病', 28) +
      text(140, 630, '2. 不稳定型心绞痛', 28) +
      text(140, 680, '3. 高血压病 2 级（很高危）', 28) +
      text(100, 780, '处理意见：', 28, { weight: 700 }) +
      text(140, 840, '行经皮冠状动脉支架植入术，术后恢复良好，准予出院。', 26) +
      text(140, 890, '出院后规律服药，1 个月后心内科门诊复查。', 26) +
      text(140, 940, '建议休息两周。', 26) +
      text(100, 1180, '医师签名：', 26) +
      signature(240, 1172, 3) +
      text(100, 1260, '日期：2026-09-10', 26) +
      seal(900, 1220, 130, P.hospital, '诊断证明专用章'),
  ),
  'discharge-summary': page(
    header('出 院 记 录', `住院号 ZY2026090117 · 心血管内科 · 住院 9 天`) +
      fields(320, [
        ['姓名', P.name],
        ['性别', '女'],
        ['入院日期', P.admission],
        ['出院日期', P.discharge],
      ]) +
      [
        ['入院情况', '患者因“反复胸闷、胸痛 3 月，加重 2 天”由北京市朝阳区第二医院转诊入院。'],
        ['入院诊断', '冠状动脉粥样硬化性心脏病；不稳定型心绞痛；高血压病 2 级。'],
        ['诊疗经过', '入院后完善冠脉造影，示前降支近段狭窄约 90%，于 9 月 3 日行经皮冠状动脉支架'],
        ['', '植入术，植入支架 1 枚，术后予抗血小板、调脂、控制血压等治疗，症状缓解。'],
        ['出院情况', '无胸闷胸痛，生命体征平稳，伤口愈合良好。'],
        ['出院诊断', '冠状动脉粥样硬化性心脏病；不稳定型心绞痛；高血压病 2 级（很高危）。'],
        ['出院医嘱', '1. 阿司匹林 100mg 每日一次；2. 氯吡格雷 75mg 每日一次；'],
        ['', '3. 低盐低脂饮食，戒烟限酒；4. 1 个月后门诊复查，不适随诊。'],
      ]
        .map(
          ([k, v], i) =>
            (k ? text(100, 470 + i * 62, `${k}：`, 25, { weight: 700 }) : '') +
            text(230, 470 + i * 62, v!, 23),
        )
        .join('') +
      text(100, 1120, '主治医师：', 25) +
      signature(230, 1112, 5) +
      text(640, 1120, '记录日期：2026-09-10', 25),
  ),
  referral: page(
    text(W / 2, 150, '北京市朝阳区第二医院', 34, { anchor: 'middle', weight: 700 }) +
      text(W / 2, 215, '转 诊 转 院 证 明', 44, { anchor: 'middle', weight: 700 }) +
      text(W / 2, 262, '（异地就医转诊用）', 22, { anchor: 'middle', fill: '#555' }) +
      fields(340, [
        ['姓名', P.name],
        ['性别', '女'],
        ['身份证号', P.id],
        ['参保地', P.insured],
        ['转出医院', P.referrer],
        ['转入医院', P.hospital],
        ['转诊日期', P.filingDate],
        ['科室', '心血管内科'],
      ]) +
      text(100, 620, '病情摘要：反复胸闷、胸痛 3 月，加重 2 天。冠脉 CTA 提示前降支重度狭窄，', 25) +
      text(100, 670, '本院不具备冠脉介入条件，建议转上级医院进一步诊治。', 25) +
      text(100, 760, '转诊理由：本院无法诊治，需转往异地三级医院。', 25) +
      text(100, 920, '主治医师签字：', 26) +
      signature(290, 912, 7) +
      text(100, 1010, '科主任签字：', 26) +
      signature(270, 1002, 11) +
      text(100, 1100, '医保办审核意见：同意转诊。', 26) +
      seal(880, 1060, 125, P.referrer, '医疗保险办公室'),
  ),
  'medical-record': page(
    header('检 查 报 告 单', '冠状动脉造影 · 检查号 DSA20260903008') +
      fields(320, [
        ['姓名', P.name],
        ['年龄', '76 岁'],
        ['申请科室', '心血管内科'],
        ['检查日期', '2026-09-03'],
      ]) +
      text(100, 480, '检查所见：', 26, { weight: 700 }) +
      text(140, 540, '左主干未见明显狭窄。前降支近段狭窄约 90%，TIMI 血流 3 级。', 24) +
      text(140, 590, '回旋支中段斑块，狭窄约 30%。右冠状动脉未见明显狭窄。', 24) +
      text(140, 640, '于前降支近段植入药物洗脱支架 1 枚，术后残余狭窄 < 10%。', 24) +
      text(100, 740, '诊断意见：', 26, { weight: 700 }) +
      text(140, 800, '冠状动脉单支病变（前降支），支架植入术后。', 24) +
      text(100, 1000, '报告医师：', 24) +
      signature(230, 992, 13) +
      text(640, 1000, '审核医师：', 24) +
      signature(770, 992, 17),
  ),
};

/**
 * The e-invoice printed on A4 and stamped at the hospital's window with its fresh red 财务专用章 (003 电子发票需
 * 加盖医院鲜章): what a person photographs after printing e-invoice.pdf. Same QR code, code and number as the PDF,
 * so evaluation knows it for that invoice's printout.
 */
docs['e-invoice-printout'] = page(
  text(W / 2, 130, '上海市医疗门诊收费票据（电子）', 38, { anchor: 'middle', weight: 700, fill: '#b01e1e' }) +
    qr(90, 70, 200, E_INVOICE_QR) +
    fields(330, [
      ['票据代码', '031002600112'],
      ['票据号码', '20260911'],
      ['交款人', P.name],
      ['开票日期', '2026-09-10'],
      ['就诊科室', '心血管内科（出院带药）'],
      ['医保类型', '职工基本医疗保险（异地）'],
    ]) +
    table(
      100,
      520,
      [520, 200, 320],
      [
        ['项目名称', '数量', '金额（元）'],
        ['西药费（出院带药）', '1', '500.00'],
      ],
    ) +
    text(100, 700, '合计（大写）：伍佰元整', 26, { weight: 700 }) +
    text(100, 750, `合计（小写）：¥${P.eInvoice.toFixed(2)}`, 26, { weight: 700 }) +
    text(100, 850, `收款单位（章）：${P.hospital}\u3000\u3000收款人：李敏\u3000\u3000复核人：赵强`, 22) +
    text(100, 1500, '（本页为电子票据打印件，已在医院收费处加盖鲜章）', 22, { fill: '#555' }) +
    seal(860, 880, 120, P.hospital, '财务专用章'),
);

/** Wallet-size cards (ID, insurance, bank) at 85.6×54 mm, drawn at 600 px/inch-ish for a close-up photo. */
const CW = 1400;
const CH = 883;
function card(body: string, fill: string): string {
  return `<rect width="${CW}" height="${CH}" rx="56" fill="${fill}" stroke="#888" stroke-width="4"/>${body}`;
}
const cards: Record<string, string> = {
  'id-card': card(
    `<rect x="980" y="150" width="330" height="420" rx="12" fill="#dfe6ee" stroke="#9fb0c3"/><circle cx="1145" cy="300" r="90" fill="#b9c6d4"/><rect x="1020" y="410" width="250" height="160" rx="80" fill="#b9c6d4"/>` +
      text(90, 170, '姓名', 36, { fill: '#3a5a80' }) +
      text(230, 170, P.name, 48, { weight: 700 }) +
      text(90, 270, '性别', 36, { fill: '#3a5a80' }) +
      text(230, 270, '女', 40) +
      text(400, 270, '民族', 36, { fill: '#3a5a80' }) +
      text(530, 270, '汉', 40) +
      text(90, 370, '出生', 36, { fill: '#3a5a80' }) +
      text(230, 370, '1949 年 12 月 31 日', 40) +
      text(90, 470, '住址', 36, { fill: '#3a5a80' }) +
      text(230, 470, '北京市朝阳区样本路 1 号', 40) +
      text(90, 700, '公民身份号码', 36, { fill: '#3a5a80' }) +
      text(400, 700, P.id, 50, { weight: 700 }),
    '#eef3f6',
  ),
  'insurance-card': card(
    `<rect width="${CW}" height="190" rx="56" fill="#1f6fb2"/><rect y="120" width="${CW}" height="70" fill="#1f6fb2"/>` +
      text(90, 125, '中华人民共和国社会保障卡', 54, { weight: 700, fill: '#fff' }) +
      `<rect x="110" y="300" width="180" height="140" rx="16" fill="#d8b65a"/>` +
      text(380, 330, `姓名\u3000${P.name}`, 44) +
      text(380, 420, `社会保障号码\u3000${P.id}`, 40) +
      text(380, 510, '卡号\u3000B12345678', 40) +
      text(380, 600, '发卡日期\u30002018 年 06 月', 40) +
      text(90, 780, '北京市人力资源和社会保障局 · 医保电子凭证已激活', 32, { fill: '#1f6fb2' }),
    '#f4f8fb',
  ),
  'bank-card': card(
    `<rect x="110" y="280" width="170" height="130" rx="16" fill="#d8b65a"/>` +
      text(90, 140, `${P.bank} BANK OF CHINA`, 52, { weight: 700, fill: '#fff' }) +
      text(90, 560, P.card.replace(/(\d{4})(?=\d)/g, '$1 '), 64, { weight: 700, fill: '#fff' }) +
      text(90, 660, '借记卡 DEBIT\u3000\u3000户名\u3000' + P.name, 40, { fill: '#fff' }) +
      text(90, 760, '长城电子借记卡', 36, { fill: '#fff' }),
    '#a4161a',
  ),
};
const idBack = card(
  `<circle cx="200" cy="200" r="110" fill="none" stroke="#c0392b" stroke-width="10"/><polygon points="200,120 222,180 285,180 234,218 254,280 200,242 146,280 166,218 115,180 178,180" fill="#c0392b"/>` +
    text(420, 190, '中华人民共和国', 64, { weight: 700 }) +
    text(420, 300, '居民身份证', 80, { weight: 700 }) +
    text(160, 620, '签发机关\u3000北京市公安局朝阳分局', 40) +
    text(160, 720, '有效期限\u30002016.03.01-长期', 40),
  '#eef3f6',
);

/**
 * Cards are handed in as photocopies on A4 (身份证复印件 etc.), enlarged 150 % as copy shops do for
 * elderly customers; the copy is then photographed like any other paper.
 */
function cardCopy(title: string, faces: string[], note: string, details: string[][] = []): string {
  const w = Math.round((85.6 / 25.4) * 150 * 1.5);
  const h = Math.round((w * CH) / CW);
  const body = faces
    .map(
      (face, i) =>
        `<svg x="${(W - w) / 2}" y="${300 + i * (h + 110)}" width="${w}" height="${h}" viewBox="0 0 ${CW} ${CH}">${face}</svg>`,
    )
    .join('');
  return page(
    text(W / 2, 200, title, 40, { anchor: 'middle', weight: 700 }) +
      body +
      text(W / 2, 300 + faces.length * (h + 110) + 10, note, 26, { anchor: 'middle' }) +
      text(W / 2 + 120, 300 + faces.length * (h + 110) + 90, '本人签名：', 26) +
      signature(W / 2 + 260, 300 + faces.length * (h + 110) + 82, 19) +
      (details.length
        ? table(170, 300 + faces.length * (h + 110) + 170, [260, 640], [['项目', '内容'], ...details], 56, 26)
        : ''),
  );
}
const copies: Record<string, string> = {
  'id-card': cardCopy(
    '居民身份证复印件（正反面）',
    [cards['id-card']!, idBack],
    '此复印件与原件一致，仅供医保报销使用',
  ),
  'insurance-card': cardCopy(
    '社会保障卡（医保卡）复印件',
    [cards['insurance-card']!],
    '此复印件与原件一致，仅供医保报销使用',
  ),
  'bank-card': cardCopy(
    '收款银行卡复印件',
    [cards['bank-card']!],
    '此复印件与原件一致，仅供医保报销打款使用',
    [
      ['户名', P.name],
      ['开户行', `${P.bank}北京朝阳支行`],
      ['账号', P.card],
      ['账户类型', '个人借记卡（I 类账户）'],
      ['联系电话', P.phone],
    ],
  ),
};

// ----------------------------------------------------------------- "photographing"
/** A small deterministic PRNG so the committed samples are reproducible. */
function prng(seed: number): () => number {
  let t = seed >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let r = Math.imul(t ^ (t >>> 15), 1 | t);
    r ^= r + Math.imul(r ^ (r >>> 7), 61 | r);
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

interface Shot {
  width: number;
  height: number;
  /** Where the paper's corners land in the photo (tl, tr, br, bl), in 0..1. */
  quad: [Pt, Pt, Pt, Pt];
  /** A hot spot of reflected light (centre in 0..1, radius in 0..1 of the photo width). */
  glare?: { x: number; y: number; r: number };
  /** EXIF orientation to store (the pixels are saved rotated, as phones do). */
  orientation?: 6;
  seed: number;
}

async function photograph(svg: string, shot: Shot): Promise<Buffer> {
  // Rendered at twice its nominal size so the photo samples it down, as a camera sees finer than 150 dpi.
  const { data: doc, info } = await sharp(Buffer.from(svg), { density: 144 })
    .flatten({ background: '#ffffff' })
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const { width: W2, height: H2 } = shot;
  const quad = shot.quad.map((p) => ({ x: p.x * W2, y: p.y * H2 }));
  const toDoc = homographyFromPoints(quad, [
    { x: 0, y: 0 },
    { x: info.width - 1, y: 0 },
    { x: info.width - 1, y: info.height - 1 },
    { x: 0, y: info.height - 1 },
  ]);
  const [h0, h1, h2, h3, h4, h5, h6, h7, h8] = toDoc as number[] as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const rand = prng(shot.seed);
  const out = Buffer.alloc(W2 * H2 * 3);
  const lx = W2 * (0.3 + rand() * 0.4);
  const ly = H2 * (0.2 + rand() * 0.3);
  const diag = Math.hypot(W2, H2);
  for (let y = 0; y < H2; y++) {
    for (let x = 0; x < W2; x++) {
      const w = h6 * x + h7 * y + h8;
      const sx = (h0 * x + h1 * y + h2) / w;
      const sy = (h3 * x + h4 * y + h5) / w;
      let r: number, g: number, b: number;
      if (sx >= 0 && sy >= 0 && sx < info.width - 1 && sy < info.height - 1) {
        const x0 = sx | 0;
        const y0 = sy | 0;
        const fx = sx - x0;
        const fy = sy - y0;
        const i = (y0 * info.width + x0) * 3;
        const j = i + info.width * 3;
        const mix = (c: number) =>
          (doc[i + c]! * (1 - fx) + doc[i + 3 + c]! * fx) * (1 - fy) +
          (doc[j + c]! * (1 - fx) + doc[j + 3 + c]! * fx) * fy;
        r = mix(0);
        g = mix(1);
        b = mix(2);
      } else {
        // A wooden desk: warm brown with grain running along x.
        const grain = Math.sin(y * 0.045 + Math.sin(x * 0.004) * 3) * 10;
        r = 128 + grain;
        g = 92 + grain * 0.8;
        b = 62 + grain * 0.5;
      }
      // Uneven room light: brighter near one spot, darker toward the corners.
      const d = Math.hypot(x - lx, y - ly) / diag;
      let light = 0.97 - d * 0.4;
      let add = 0;
      if (shot.glare) {
        const gd = Math.hypot(x - shot.glare.x * W2, y - shot.glare.y * H2) / (shot.glare.r * W2);
        add = Math.exp(-gd * gd * 2.2) * 1.6;
        light += add * 0.5;
      }
      const n = (rand() - 0.5) * 5;
      const o = (y * W2 + x) * 3;
      out[o] = Math.max(0, Math.min(255, r * light + add * 255 + n));
      out[o + 1] = Math.max(0, Math.min(255, g * light + add * 255 + n));
      out[o + 2] = Math.max(0, Math.min(255, b * light * 0.98 + add * 255 + n));
    }
  }
  let img = sharp(out, { raw: { width: W2, height: H2, channels: 3 } }).blur(0.45);
  if (shot.orientation === 6) {
    // Stored turned a quarter-turn anticlockwise with orientation 6 ("rotate 90° clockwise to view").
    img = sharp(await img.rotate(270).jpeg({ quality: 95 }).toBuffer()).withMetadata({ orientation: 6 });
  }
  return img.jpeg({ quality: 80, chromaSubsampling: '4:2:0' }).toBuffer();
}

const PORTRAIT = { width: 2250, height: 3000 };
const q = (
  a: number,
  b: number,
  c: number,
  d: number,
  e: number,
  f: number,
  g: number,
  h: number,
): [Pt, Pt, Pt, Pt] => [
  { x: a, y: b },
  { x: c, y: d },
  { x: e, y: f },
  { x: g, y: h },
];

const SHOTS: Array<{ file: string; svg: string; shot: Shot }> = [
  {
    file: 'invoice.jpg',
    svg: docs.invoice!,
    shot: { ...PORTRAIT, quad: q(0.1, 0.08, 0.9, 0.1, 0.93, 0.92, 0.07, 0.9), seed: 1 },
  },
  {
    file: 'e-invoice-printout.jpg',
    svg: docs['e-invoice-printout']!,
    shot: { ...PORTRAIT, quad: q(0.09, 0.09, 0.91, 0.07, 0.9, 0.93, 0.1, 0.91), seed: 10 },
  },
  {
    file: 'itemized-bill.jpg',
    svg: docs['itemized-bill']!,
    shot: { ...PORTRAIT, quad: q(0.12, 0.06, 0.88, 0.08, 0.9, 0.93, 0.1, 0.94), seed: 2 },
  },
  {
    file: 'diagnosis.jpg',
    svg: docs.diagnosis!,
    shot: { ...PORTRAIT, quad: q(0.08, 0.1, 0.86, 0.07, 0.92, 0.9, 0.11, 0.93), seed: 3 },
  },
  {
    file: 'discharge-summary.jpg',
    svg: docs['discharge-summary']!,
    shot: { ...PORTRAIT, quad: q(0.11, 0.07, 0.89, 0.09, 0.9, 0.93, 0.09, 0.91), seed: 4 },
  },
  {
    file: 'referral.jpg',
    svg: docs.referral!,
    shot: { ...PORTRAIT, quad: q(0.09, 0.09, 0.9, 0.08, 0.91, 0.92, 0.08, 0.92), seed: 5, orientation: 6 },
  },
  // The deliberately flawed photo: a lamp reflected on the glossy report, hiding part of the findings.
  {
    file: 'medical-record.jpg',
    svg: docs['medical-record']!,
    shot: {
      ...PORTRAIT,
      quad: q(0.1, 0.08, 0.9, 0.07, 0.91, 0.92, 0.09, 0.93),
      glare: { x: 0.5, y: 0.36, r: 0.15 },
      seed: 6,
    },
  },
  {
    file: 'id-card.jpg',
    svg: copies['id-card']!,
    shot: { ...PORTRAIT, quad: q(0.1, 0.07, 0.9, 0.09, 0.91, 0.93, 0.08, 0.92), seed: 7 },
  },
  {
    file: 'insurance-card.jpg',
    svg: copies['insurance-card']!,
    shot: { ...PORTRAIT, quad: q(0.09, 0.08, 0.89, 0.07, 0.92, 0.91, 0.1, 0.93), seed: 8 },
  },
  {
    file: 'bank-card.jpg',
    svg: copies['bank-card']!,
    shot: { ...PORTRAIT, quad: q(0.11, 0.09, 0.9, 0.08, 0.89, 0.92, 0.09, 0.91), seed: 9 },
  },
];

// ----------------------------------------------------------------- the e-invoice PDF (2 pages, born digital)
async function makeEInvoice(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const { regular, bold } = await embedCjkFonts(pdf);
  const size: [number, number] = [683, 397]; // 241 × 140 mm, the usual 医疗收费电子票据 size
  const red = rgb(0.7, 0.1, 0.1);
  const ink = rgb(0.1, 0.1, 0.1);
  const qrModules = QRCode.create(E_INVOICE_QR, { errorCorrectionLevel: 'M' }).modules;

  const p1 = pdf.addPage(size);
  p1.drawText('上海市医疗门诊收费票据（电子）', { x: 180, y: 355, size: 20, font: bold, color: red });
  const cell = 2.6;
  for (let r = 0; r < qrModules.size; r++)
    for (let c = 0; c < qrModules.size; c++)
      if (qrModules.get(r, c))
        p1.drawRectangle({
          x: 30 + c * cell,
          y: 370 - (r + 1) * cell,
          width: cell,
          height: cell,
          color: ink,
        });
  const rows: Array<[string, string]> = [
    ['票据代码：031002600112', '票据号码：20260911'],
    [`交款人：${P.name}`, '开票日期：2026-09-10'],
    ['就诊科室：心血管内科（出院带药）', '医保类型：职工基本医疗保险（异地）'],
  ];
  rows.forEach(([a, b], i) => {
    p1.drawText(a, { x: 40, y: 270 - i * 22, size: 11, font: regular, color: ink });
    p1.drawText(b, { x: 380, y: 270 - i * 22, size: 11, font: regular, color: ink });
  });
  p1.drawRectangle({ x: 40, y: 110, width: 603, height: 88, borderColor: red, borderWidth: 1 });
  p1.drawText('项目名称\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000数量\u3000\u3000\u3000金额（元）', {
    x: 50,
    y: 180,
    size: 11,
    font: bold,
    color: ink,
  });
  p1.drawText('西药费（出院带药）\u3000\u3000\u3000\u30001\u3000\u3000\u3000\u3000500.00', {
    x: 50,
    y: 156,
    size: 11,
    font: regular,
    color: ink,
  });
  p1.drawText('合计（大写）：伍佰元整\u3000\u3000\u3000合计（小写）：¥500.00', {
    x: 50,
    y: 122,
    size: 11,
    font: bold,
    color: ink,
  });
  p1.drawText(`收款单位（章）：${P.hospital}\u3000\u3000收款人：李敏\u3000\u3000复核人：赵强`, {
    x: 40,
    y: 80,
    size: 10,
    font: regular,
    color: ink,
  });
  p1.drawText('样本 SAMPLE · 虚构数据', { x: 500, y: 20, size: 12, font: bold, color: red });
  p1.drawCircle({
    x: 590,
    y: 85,
    size: 38,
    borderColor: red,
    borderWidth: 2.5,
    opacity: 0.8,
    borderOpacity: 0.8,
  });
  p1.drawText('财务专用章', { x: 563, y: 80, size: 10, font: bold, color: red });

  const p2 = pdf.addPage(size);
  p2.drawText('门诊收费电子票据 · 费用明细（第 2 页）', { x: 40, y: 355, size: 16, font: bold, color: ink });
  const detail = [
    ['药品名称', '规格', '数量', '单价', '金额'],
    ['阿司匹林肠溶片', '100mg×30片', '2 盒', '18.60', '37.20'],
    ['硫酸氢氯吡格雷片', '75mg×7片', '3 盒', '118.99', '356.97'],
    ['阿托伐他汀钙片', '20mg×7片', '3 盒', '35.28', '105.83'],
    ['合计', '', '', '', '500.00'],
  ];
  const xs = [40, 230, 360, 440, 540];
  detail.forEach((row, i) => {
    row.forEach((cellText, c) =>
      p2.drawText(cellText, {
        x: xs[c]!,
        y: 310 - i * 26,
        size: 11,
        font: i === 0 || i === 4 ? bold : regular,
        color: ink,
      }),
    );
  });
  p2.drawText('样本 SAMPLE · 虚构数据', { x: 500, y: 20, size: 12, font: bold, color: red });
  pdf.setTitle('上海市医疗门诊收费票据（电子）样本');
  pdf.setProducer('ClaimDesk make-samples');
  pdf.setCreationDate(new Date('2026-09-10T10:00:00+08:00'));
  pdf.setModificationDate(new Date('2026-09-10T10:00:00+08:00'));
  return pdf.save();
}

const MANIFEST = {
  claimant: {
    name: P.name,
    idNumber: P.id,
    insuranceType: 'employee',
    insuredRegion: P.insured,
    phone: P.phone,
    bankAccount: { bank: P.bank, number: P.card, holder: P.name },
  },
  applicant: { relation: 'self' },
  claim: {
    careSetting: 'inpatient',
    hospital: P.hospital,
    treatmentRegion: '上海市',
    admissionDate: P.admission,
    dischargeDate: P.discharge,
    totalAmount: P.total,
    crossRegion: { filingType: 'referral', filingDate: P.filingDate },
    specialDrugs: false,
  },
  documents: [
    // The e-invoice as issued (PDF) and the photo of its stamped printout (电子发票需加盖医院鲜章).
    { kind: 'invoice', files: ['invoice.jpg', 'e-invoice.pdf', 'e-invoice-printout.jpg'] },
    { kind: 'itemized_bill', files: ['itemized-bill.jpg'] },
    { kind: 'diagnosis_certificate', files: ['diagnosis.jpg'] },
    { kind: 'discharge_summary', files: ['discharge-summary.jpg'] },
    { kind: 'referral_certificate', files: ['referral.jpg'] },
    { kind: 'medical_record', files: ['medical-record.jpg'] },
    { kind: 'id_card', files: ['id-card.jpg'] },
    { kind: 'insurance_card', files: ['insurance-card.jpg'] },
    { kind: 'bank_account', files: ['bank-card.jpg'] },
  ],
};

mkdirSync(OUT, { recursive: true });
const only = process.argv.slice(2);
let total = 0;
for (const { file, svg, shot } of SHOTS) {
  if (only.length && !only.includes(file)) continue;
  const jpeg = await photograph(svg, shot);
  writeFileSync(join(OUT, file), jpeg);
  total += jpeg.length;
  console.log(`${file}  ${(jpeg.length / 1024).toFixed(0)} KB`);
}
const eInvoice = await makeEInvoice();
writeFileSync(join(OUT, 'e-invoice.pdf'), eInvoice);
writeFileSync(join(OUT, 'manifest.json'), `${JSON.stringify(MANIFEST, null, 2)}\n`);
console.log(
  `e-invoice.pdf  ${(eInvoice.length / 1024).toFixed(0)} KB; photos ${(total / 1048576).toFixed(2)} MB`,
);

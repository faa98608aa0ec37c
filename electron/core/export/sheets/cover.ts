// The cover sheet: the verdict first, then who, where and when, and a table of contents giving the sheet each
// document starts on.
import { rgb, type PDFDocument, type PDFPage } from 'pdf-lib';
import {
  APPLICANT_RELATION_LABELS,
  CARE_SETTING_LABELS,
  FILING_TYPE_LABELS,
  INSURANCE_TYPE_LABELS,
  kindLabel,
} from '../../../../shared/domain';
import { formatYuanInText } from '../../../../shared/money';
import { maskDigits, maskIdNumber } from '../../../../shared/validators';
import type { BundleFonts } from '../font';
import {
  A4,
  BAD_RED,
  CONTENT_WIDTH,
  INK,
  MARGIN_X,
  MUTED,
  OK_GREEN,
  RULE,
  TEXT_BOTTOM,
  TEXT_TOP,
  WARN_AMBER,
  drawAttentionMark,
  drawCheckMark,
  drawCrossMark,
  drawParagraph,
  lineHeight,
  paragraphHeight,
  textWidth,
  type TextStyle,
} from '../layout';
import type { BundleInput } from '../types';
import type { DocumentLocation } from './checklist';
import type { BundleVerdict } from './verdict';

function fieldRows(input: BundleInput, docCount: number, pageCount: number): Array<[string, string]> {
  const claim = input.claim;
  const { claimant, applicant } = claim;
  const rows: Array<[string, string]> = [];
  rows.push(['参保人', `${claimant.name}（身份证 ${maskIdNumber(claimant.idNumber)}）`]);
  rows.push([
    '参保类型 / 参保地',
    `${INSURANCE_TYPE_LABELS[claimant.insuranceType].zh} · ${claimant.insuredRegion}`,
  ]);
  rows.push([
    '申请人',
    applicant.relation === 'self'
      ? `${claimant.name}（本人申请）`
      : `${applicant.name}（参保人的${APPLICANT_RELATION_LABELS[applicant.relation].zh}，身份证 ${maskIdNumber(applicant.idNumber)}）`,
  ]);
  rows.push(['就医地 / 医院', `${claim.treatmentRegion} · ${claim.hospital}`]);
  rows.push([
    '就医类型',
    CARE_SETTING_LABELS[claim.careSetting].zh + (claim.specialDrugs ? '（使用特殊药品）' : ''),
  ]);
  rows.push(['就医日期', careDates(input)]);
  const cross = claim.crossRegion;
  rows.push([
    '异地就医备案',
    cross
      ? `${FILING_TYPE_LABELS[cross.filingType].zh}${cross.filingDate ? `（备案日期 ${cross.filingDate}）` : ''}`
      : '参保地内就医，无需异地备案',
  ]);
  if (claim.totalAmount !== undefined && claim.totalAmount !== null)
    rows.push(['医疗费用总额', formatYuanInText(claim.totalAmount)]);
  const bank = claimant.bankAccount;
  rows.push([
    '收款账户',
    bank ? `${bank.bank} · 户名 ${bank.holder} · 卡号 ${maskDigits(bank.number, 4)}` : '未填写',
  ]);
  rows.push(['联系电话', claimant.phone ?? '未填写']);
  const deadline = input.evaluation.deadline;
  if (deadline) {
    const left = deadline.daysLeft >= 0 ? `还有 ${deadline.daysLeft} 天` : `已超过 ${-deadline.daysLeft} 天`;
    rows.push(['报销申请期限', `${deadline.date} 前（${left}）`]);
  }
  rows.push(['材料', `${docCount} 份，本材料包共 ${pageCount} 页`]);
  rows.push(['生成日期', input.today]);
  return rows;
}

export function careDates(input: BundleInput): string {
  const c = input.claim;
  if (c.admissionDate || c.dischargeDate) return `${c.admissionDate ?? '?'} 至 ${c.dischargeDate ?? '?'}`;
  return c.visitDate ?? '未填写';
}

export function drawCover(
  doc: PDFDocument,
  fonts: BundleFonts,
  input: BundleInput,
  info: {
    reference: string;
    verdict: BundleVerdict;
    docCount: number;
    pageCount: number;
    contents: readonly DocumentLocation[];
  },
): PDFPage {
  const sheet = doc.addPage([A4.width, A4.height]);
  const title = '医保手工报销申请材料';
  const titleSize = 24;
  let y = TEXT_TOP - 30;
  sheet.drawText(title, {
    x: (A4.width - textWidth(fonts.bold, title, titleSize)) / 2,
    y,
    size: titleSize,
    font: fonts.bold,
    color: INK,
  });
  const sub = `材料包编号 ${info.reference}`;
  y -= 24;
  sheet.drawText(sub, {
    x: (A4.width - textWidth(fonts.regular, sub, 11)) / 2,
    y,
    size: 11,
    font: fonts.regular,
    color: MUTED,
  });

  // Verdict box: the first thing a desk clerk or a family member looks at.
  y -= 22;
  const tone = info.verdict.level === 'ok' ? OK_GREEN : info.verdict.level === 'warn' ? WARN_AMBER : BAD_RED;
  const fill =
    info.verdict.level === 'ok'
      ? rgb(0.9, 0.97, 0.92)
      : info.verdict.level === 'warn'
        ? rgb(1, 0.96, 0.88)
        : rgb(0.99, 0.91, 0.91);
  const verdictStyle: TextStyle = { font: fonts.bold, size: 13, color: tone };
  const verdictWidth = CONTENT_WIDTH - 56;
  const boxH = paragraphHeight(info.verdict.line, verdictWidth, verdictStyle) + 20;
  sheet.drawRectangle({
    x: MARGIN_X,
    y: y - boxH,
    width: CONTENT_WIDTH,
    height: boxH,
    color: fill,
    borderColor: tone,
    borderWidth: 1,
  });
  const markY = y - boxH / 2;
  if (info.verdict.level === 'ok') drawCheckMark(sheet, MARGIN_X + 22, markY, 18, tone);
  else if (info.verdict.level === 'warn') drawAttentionMark(sheet, MARGIN_X + 22, markY, 18, tone);
  else drawCrossMark(sheet, MARGIN_X + 22, markY, 18, tone);
  drawParagraph(sheet, info.verdict.line, MARGIN_X + 44, y - 10, verdictWidth, verdictStyle);
  y -= boxH + 18;

  const labelW = 118;
  const label: TextStyle = { font: fonts.regular, size: 11.5, color: MUTED };
  const value: TextStyle = { font: fonts.regular, size: 12.5, color: INK };
  for (const [name, text] of fieldRows(input, info.docCount, info.pageCount)) {
    const h = Math.max(paragraphHeight(text, CONTENT_WIDTH - labelW - 8, value), lineHeight(value)) + 8;
    drawParagraph(sheet, name, MARGIN_X + 4, y - 4, labelW - 8, label);
    drawParagraph(sheet, text, MARGIN_X + labelW, y - 4, CONTENT_WIDTH - labelW - 8, value);
    y -= h;
    sheet.drawLine({
      start: { x: MARGIN_X, y },
      end: { x: MARGIN_X + CONTENT_WIDTH, y },
      thickness: 0.5,
      color: RULE,
    });
  }

  // Table of contents: which sheet each document starts on, so a reviewer can turn straight to it.
  y -= 26;
  sheet.drawText('材料目录', { x: MARGIN_X, y, size: 12.5, font: fonts.bold, color: INK });
  y -= 6;
  const tocStyle = { size: 10.5, font: fonts.regular, color: INK };
  const rowH = 17;
  const room = Math.floor((y - TEXT_BOTTOM - 50) / rowH);
  const shown = info.contents.length > room ? info.contents.slice(0, Math.max(room - 1, 0)) : info.contents;
  for (const l of shown) {
    y -= rowH;
    const left = `材料 ${l.ordinal}\u3000${kindLabel(l.kind)}${l.photoFailed ? '（照片需重拍）' : ''}`;
    const right = l.firstPage === l.lastPage ? `第 ${l.firstPage} 页` : `第 ${l.firstPage}–${l.lastPage} 页`;
    sheet.drawText(left, { x: MARGIN_X + 8, y, ...tocStyle, color: l.photoFailed ? BAD_RED : INK });
    const rw = textWidth(fonts.regular, right, tocStyle.size);
    const lw = textWidth(fonts.regular, left, tocStyle.size);
    // Dot leaders between the name and its page numbers, as in a printed table of contents.
    const dotsFrom = MARGIN_X + 8 + lw + 6;
    const dotsTo = A4.width - MARGIN_X - 8 - rw - 6;
    if (dotsTo > dotsFrom)
      sheet.drawLine({
        start: { x: dotsFrom, y: y + 2 },
        end: { x: dotsTo, y: y + 2 },
        thickness: 0.8,
        color: RULE,
        dashArray: [1, 3],
      });
    sheet.drawText(right, { x: A4.width - MARGIN_X - 8 - rw, y, ...tocStyle });
  }
  if (shown.length < info.contents.length) {
    y -= rowH;
    sheet.drawText(`……其余 ${info.contents.length - shown.length} 份见材料清单`, {
      x: MARGIN_X + 8,
      y,
      ...tocStyle,
      color: MUTED,
    });
  }

  const note =
    '说明：本材料包由 ClaimDesk 报销材料助手离线生成。第 2 页起为材料清单（每项材料在本包中的页码）、诚信承诺书（请打印后手写签名）及全部材料，最后是政策依据附录。银行卡号、身份证号已部分隐藏。医保服务热线 12393。';
  drawParagraph(sheet, note, MARGIN_X, TEXT_BOTTOM + 40, CONTENT_WIDTH, {
    font: fonts.regular,
    size: 9.5,
    color: MUTED,
  });
  return sheet;
}

// The integrity pledge sheet (诚信承诺书): the template in resources/templates filled with the claim, and
// lines to sign by hand.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PDFDocument, PDFPage } from 'pdf-lib';
import { APPLICANT_RELATION_LABELS, CARE_SETTING_LABELS } from '../../../../shared/domain';
import { maskIdNumber } from '../../../../shared/validators';
import { resourcesDir } from '../../paths';
import type { BundleFonts } from '../font';
import {
  A4,
  CONTENT_WIDTH,
  INK,
  MARGIN_X,
  TEXT_TOP,
  drawParagraph,
  textWidth,
  type TextStyle,
} from '../layout';
import type { BundleInput } from '../types';
import { careDates } from './cover';

export function loadPledgeTemplate(): string {
  return readFileSync(join(resourcesDir(), 'templates', 'integrity-pledge.txt'), 'utf8');
}

/** Fills the template's {{placeholders}}; comment lines (#) are dropped. */
export function fillPledge(template: string, input: BundleInput): { title: string; paragraphs: string[] } {
  const claim = input.claim;
  const { claimant, applicant } = claim;
  const isSelf = applicant.relation === 'self';
  const bank = claimant.bankAccount;
  const values: Record<string, string> = {
    applicantName: isSelf ? claimant.name : applicant.name,
    applicantIdMasked: maskIdNumber(isSelf ? claimant.idNumber : applicant.idNumber),
    relationClause: isSelf
      ? '，系参保人本人'
      : `，系参保人${claimant.name}的${APPLICANT_RELATION_LABELS[applicant.relation].zh}，受其委托代为办理`,
    claimantName: claimant.name,
    careDates: careDates(input),
    hospital: claim.hospital,
    careSetting: CARE_SETTING_LABELS[claim.careSetting].zh,
    bankLine: bank ? `${bank.bank}，户名${bank.holder}，卡号尾号${bank.number.slice(-4)}` : '见申请表',
  };
  const text = template
    .split('\n')
    .filter((l) => !l.startsWith('#'))
    .join('\n')
    .replace(/\{\{(\w+)\}\}/g, (_m, key: string) => values[key] ?? `{{${key}}}`)
    .trim();
  const [title = '诚信承诺书', ...rest] = text.split(/\n\s*\n/);
  return { title: title.trim(), paragraphs: rest.map((p) => p.replace(/\s*\n\s*/g, '')) };
}

export function drawPledge(doc: PDFDocument, fonts: BundleFonts, input: BundleInput): PDFPage {
  const sheet = doc.addPage([A4.width, A4.height]);
  const { title, paragraphs } = fillPledge(loadPledgeTemplate(), input);
  let y = TEXT_TOP - 34;
  sheet.drawText(title, {
    x: (A4.width - textWidth(fonts.bold, title, 22)) / 2,
    y,
    size: 22,
    font: fonts.bold,
    color: INK,
  });
  y -= 26;
  const body: TextStyle = { font: fonts.regular, size: 12.5, color: INK, lineGap: 3 };
  for (const p of paragraphs) {
    // Chinese paragraphs are indented by two full-width spaces.
    y = drawParagraph(sheet, `\u3000\u3000${p}`, MARGIN_X + 6, y, CONTENT_WIDTH - 12, body) - 8;
  }
  // Lines to sign by hand: generous spacing so an elderly applicant can write comfortably.
  const applicantName =
    input.claim.applicant.relation === 'self' ? input.claim.claimant.name : input.claim.applicant.name;
  const x = A4.width / 2 - 10;
  y = Math.min(y - 30, 250);
  for (const [labelText, prefill] of [
    ['承诺人（签名）：', ''],
    ['承诺人姓名：', applicantName],
    ['联系电话：', input.claim.claimant.phone ?? ''],
    ['日期：', '        年      月      日'],
  ] as const) {
    sheet.drawText(labelText, { x, y, size: 12.5, font: fonts.regular, color: INK });
    const lx = x + textWidth(fonts.regular, labelText, 12.5);
    if (prefill) sheet.drawText(prefill, { x: lx + 4, y, size: 12.5, font: fonts.regular, color: INK });
    else
      sheet.drawLine({
        start: { x: lx, y: y - 3 },
        end: { x: A4.width - MARGIN_X, y: y - 3 },
        thickness: 0.8,
        color: INK,
      });
    y -= 34;
  }
  return sheet;
}

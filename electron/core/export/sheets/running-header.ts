// The running header and footer stamped on every sheet of the bundle, the documents' pages included: the
// bundle's reference, who and where, what the sheet is, and its number.
import type { PDFFont, PDFPage } from 'pdf-lib';
import type { BundleFonts } from '../font';
import { A4, INK, MARGIN_X, MUTED, RULE, textWidth } from '../layout';

/** The text itself if it fits, else its longest prefix that fits followed by "…". */
export function fitWidth(text: string, font: PDFFont, size: number, maxWidth: number): string {
  if (textWidth(font, text, size) <= maxWidth) return text;
  const chars = [...text];
  while (chars.length > 0 && textWidth(font, `${chars.join('')}…`, size) > maxWidth) chars.pop();
  return `${chars.join('')}…`;
}

export function drawRunningHeader(
  sheet: PDFPage,
  fonts: BundleFonts,
  info: {
    reference: string;
    claimantName: string;
    hospital: string;
    label: string;
    pageNo: number;
    pageCount: number;
  },
): void {
  const size = 8.5;
  const topY = A4.height - 20;
  const left = `ClaimDesk 报销材料 · ${info.reference}`;
  sheet.drawText(left, { x: MARGIN_X, y: topY, size, font: fonts.regular, color: MUTED });
  // A long hospital name is shortened with "…" rather than running into the reference on the left.
  const room = A4.width - 2 * MARGIN_X - textWidth(fonts.regular, left, size) - 24;
  const right = fitWidth(`${info.claimantName} · ${info.hospital}`, fonts.regular, size, room);
  sheet.drawText(right, {
    x: A4.width - MARGIN_X - textWidth(fonts.regular, right, size),
    y: topY,
    size,
    font: fonts.regular,
    color: MUTED,
  });
  sheet.drawLine({
    start: { x: MARGIN_X, y: topY - 6 },
    end: { x: A4.width - MARGIN_X, y: topY - 6 },
    thickness: 0.4,
    color: RULE,
  });
  const bottomY = 14;
  sheet.drawLine({
    start: { x: MARGIN_X, y: bottomY + 12 },
    end: { x: A4.width - MARGIN_X, y: bottomY + 12 },
    thickness: 0.4,
    color: RULE,
  });
  sheet.drawText(info.label, { x: MARGIN_X, y: bottomY, size: 9, font: fonts.bold, color: INK });
  const pageText = `第 ${info.pageNo} / ${info.pageCount} 页`;
  sheet.drawText(pageText, {
    x: A4.width - MARGIN_X - textWidth(fonts.regular, pageText, 9),
    y: bottomY,
    size: 9,
    font: fonts.regular,
    color: INK,
  });
}

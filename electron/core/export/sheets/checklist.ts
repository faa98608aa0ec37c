// The checklist sheets: every requirement with its mark, why it is asked for and where its paper is in the
// bundle, then the problems to look at. Laid out before drawing, so the bundle's page numbers are known in advance.
import { rgb, type PDFDocument, type PDFPage } from 'pdf-lib';
import { kindLabel, type DocumentKind } from '../../../../shared/domain';
import type { Problem, RequirementResult } from '../../../../shared/evaluation';
import type { BundleFonts } from '../font';
import {
  A4,
  BAD_RED,
  CONTENT_WIDTH,
  INK,
  MARGIN_X,
  MUTED,
  RULE,
  TEXT_BOTTOM,
  TEXT_TOP,
  drawAttentionMark,
  drawCheckMark,
  drawCrossMark,
  drawParagraph,
  paragraphHeight,
  tableStyles,
  textWidth,
} from '../layout';
import type { BundleInput } from '../types';
import { requirementTitle } from './verdict';

export interface ChecklistLocations {
  documents: ReadonlyMap<number, DocumentLocation>;
  pledgePage: number;
}

export interface DocumentLocation {
  ordinal: number;
  kind: DocumentKind;
  firstPage: number;
  lastPage: number;
  /** A photo of this document failed its quality check: the reader should know before relying on it. */
  photoFailed?: boolean;
}

// The reviewer reads what is there and where; policy sources go to the appendix at the end (the person sees
// them in the app), so the reason column takes the room the source column had.
const COLS = { mark: 24, title: 98, where: 120 } as const;
const REASON_W = CONTENT_WIDTH - COLS.mark - COLS.title - COLS.where;

function locationText(r: RequirementResult, locations: ChecklistLocations): string {
  const parts = (r.documents ?? [])
    .map((i) => locations.documents.get(i))
    .filter((l): l is DocumentLocation => l !== undefined)
    .map(
      (l) =>
        `材料 ${l.ordinal} ${kindLabel(l.kind)}，第 ${l.firstPage === l.lastPage ? l.firstPage : `${l.firstPage}–${l.lastPage}`} 页${l.photoFailed ? '（照片未通过检查，需重拍）' : ''}`,
    );
  if (parts.length) return parts.join('\n');
  // The pledge is generated into the bundle itself, so its "document" is our own sheet.
  if (r.kinds.includes('integrity_pledge')) return `诚信承诺书，第 ${locations.pledgePage} 页（打印后签名）`;
  return r.status === 'missing' ? '缺' : '—';
}

interface ChecklistRow {
  requirement: RequirementResult;
  where: string;
  height: number;
}

function measureRows(
  fonts: BundleFonts,
  requirements: readonly RequirementResult[],
  locations: ChecklistLocations,
): ChecklistRow[] {
  const s = tableStyles(fonts);
  return requirements.map((requirement) => {
    const where = locationText(requirement, locations);
    const height =
      Math.max(
        paragraphHeight(requirementTitle(requirement), COLS.title - 6, s.title),
        paragraphHeight(requirement.reason, REASON_W - 6, s.body),
        paragraphHeight(where, COLS.where - 6, s.body),
      ) + 8;
    return { requirement, where, height };
  });
}

const TABLE_HEAD_H = 20;
const CHECKLIST_TITLE_H = 58;

function problemHeight(fonts: BundleFonts, p: Problem): number {
  return paragraphHeight(problemText(p), CONTENT_WIDTH - 24, tableStyles(fonts).body) + 6;
}

function problemText(p: Problem): string {
  // The field path (documents[5].files[0]) is for programs; the message already names the file for people.
  return p.message;
}

/** How many sheets the checklist takes, so the documents' page numbers can be known before drawing it. */
export function checklistSheetCount(
  fonts: BundleFonts,
  input: BundleInput,
  locations: ChecklistLocations,
): number {
  return paginateChecklist(fonts, input, locations).length;
}

type ChecklistItem =
  | { type: 'row'; row: ChecklistRow }
  | { type: 'problems-title' }
  | { type: 'problem'; problem: Problem; height: number };

function paginateChecklist(
  fonts: BundleFonts,
  input: BundleInput,
  locations: ChecklistLocations,
): ChecklistItem[][] {
  const items: ChecklistItem[] = measureRows(fonts, input.evaluation.requirements, locations).map((row) => ({
    type: 'row',
    row,
  }));
  if (input.evaluation.problems.length) {
    items.push({ type: 'problems-title' });
    for (const problem of input.evaluation.problems)
      items.push({ type: 'problem', problem, height: problemHeight(fonts, problem) });
  }
  const sheets: ChecklistItem[][] = [[]];
  let room = TEXT_TOP - TEXT_BOTTOM - CHECKLIST_TITLE_H - TABLE_HEAD_H;
  for (const item of items) {
    const h = item.type === 'row' ? item.row.height : item.type === 'problem' ? item.height : 34;
    if (h > room && sheets[sheets.length - 1]!.length) {
      sheets.push([]);
      room = TEXT_TOP - TEXT_BOTTOM - 24 - (item.type === 'row' ? TABLE_HEAD_H : 0);
    }
    sheets[sheets.length - 1]!.push(item);
    room -= h;
  }
  return sheets;
}

function drawTableHead(sheet: PDFPage, fonts: BundleFonts, y: number): number {
  const s = tableStyles(fonts);
  sheet.drawRectangle({
    x: MARGIN_X,
    y: y - TABLE_HEAD_H,
    width: CONTENT_WIDTH,
    height: TABLE_HEAD_H,
    color: rgb(0.94, 0.94, 0.95),
  });
  let x = MARGIN_X;
  for (const [text, w] of [
    ['', COLS.mark],
    ['材料', COLS.title],
    ['要求与说明', REASON_W],
    ['在本材料包中', COLS.where],
  ] as const) {
    if (text)
      sheet.drawText(text, {
        x: x + 3,
        y: y - 14,
        size: s.head.size,
        font: s.head.font,
        color: s.head.color,
      });
    x += w;
  }
  return y - TABLE_HEAD_H;
}

export function drawChecklist(
  doc: PDFDocument,
  fonts: BundleFonts,
  input: BundleInput,
  locations: ChecklistLocations,
): PDFPage[] {
  const s = tableStyles(fonts);
  const satisfied = input.evaluation.requirements.filter((r) => r.status === 'satisfied').length;
  return paginateChecklist(fonts, input, locations).map((items, sheetIndex) => {
    const sheet = doc.addPage([A4.width, A4.height]);
    let y = TEXT_TOP;
    if (sheetIndex === 0) {
      sheet.drawText('材料清单', { x: MARGIN_X, y: y - 22, size: 18, font: fonts.bold, color: INK });
      const summary = `共 ${input.evaluation.requirements.length} 项要求，已满足 ${satisfied} 项。`;
      sheet.drawText(summary, { x: MARGIN_X, y: y - 42, size: 9.5, font: fonts.regular, color: MUTED });
      // Legend with the same vector marks as the table (the font has no ✗ glyph).
      let lx = MARGIN_X + textWidth(fonts.regular, summary, 9.5) + 10;
      for (const [draw, text] of [
        [drawCheckMark, '已提供'],
        [drawCrossMark, '缺少'],
        [drawAttentionMark, '已提供但需处理'],
      ] as const) {
        draw(sheet, lx + 5, y - 39, 10);
        sheet.drawText(text, { x: lx + 13, y: y - 42, size: 9.5, font: fonts.regular, color: MUTED });
        lx += 13 + textWidth(fonts.regular, text, 9.5) + 12;
      }
      y -= CHECKLIST_TITLE_H;
    } else {
      sheet.drawText('材料清单（续）', { x: MARGIN_X, y: y - 16, size: 12, font: fonts.bold, color: INK });
      y -= 24;
    }
    if (items[0]?.type === 'row') y = drawTableHead(sheet, fonts, y);
    for (const item of items) {
      if (item.type === 'row') {
        const { requirement: r, where, height } = item.row;
        const cy = y - 12;
        if (r.status === 'satisfied') drawCheckMark(sheet, MARGIN_X + 13, cy, 13);
        else if (r.status === 'missing') drawCrossMark(sheet, MARGIN_X + 13, cy, 13);
        else drawAttentionMark(sheet, MARGIN_X + 13, cy, 13);
        let x = MARGIN_X + COLS.mark;
        drawParagraph(
          sheet,
          requirementTitle(r),
          x + 3,
          y - 4,
          COLS.title - 6,
          r.status === 'missing' ? { ...s.title, color: BAD_RED } : s.title,
        );
        x += COLS.title;
        drawParagraph(sheet, r.reason, x + 3, y - 4, REASON_W - 6, s.body);
        x += REASON_W;
        drawParagraph(
          sheet,
          where,
          x + 3,
          y - 4,
          COLS.where - 6,
          r.status === 'missing' ? { ...s.body, color: BAD_RED } : s.body,
        );
        y -= height;
        sheet.drawLine({
          start: { x: MARGIN_X, y },
          end: { x: MARGIN_X + CONTENT_WIDTH, y },
          thickness: 0.5,
          color: RULE,
        });
      } else if (item.type === 'problems-title') {
        sheet.drawText('需要注意的问题', { x: MARGIN_X, y: y - 26, size: 12, font: fonts.bold, color: INK });
        y -= 34;
      } else {
        const p = item.problem;
        if (p.severity === 'error') drawCrossMark(sheet, MARGIN_X + 7, y - 7, 10);
        else drawAttentionMark(sheet, MARGIN_X + 7, y - 7, 10);
        drawParagraph(sheet, problemText(p), MARGIN_X + 20, y, CONTENT_WIDTH - 24, s.body);
        y -= item.height;
      }
    }
    return sheet;
  });
}

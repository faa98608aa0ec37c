// The appendix at the end of the bundle: each requirement's policy sources, so the checklist stays about the
// papers while the reviewer can still see what every rule rests on.
import type { PDFDocument, PDFPage } from 'pdf-lib';
import { SOURCES_NOTE } from '../../../../shared/rules';
import type { BundleFonts } from '../font';
import {
  A4,
  CONTENT_WIDTH,
  INK,
  MARGIN_X,
  MUTED,
  TEXT_BOTTOM,
  TEXT_TOP,
  drawParagraph,
  paragraphHeight,
  tableStyles,
} from '../layout';
import type { BundleInput } from '../types';
import { requirementTitle } from './verdict';

interface AppendixEntry {
  title: string;
  source: string;
  height: number;
}

const APPENDIX_TITLE_H = 64;

function appendixEntries(fonts: BundleFonts, input: BundleInput): AppendixEntry[] {
  const s = tableStyles(fonts);
  return input.evaluation.requirements.map((r) => {
    const title = requirementTitle(r);
    return {
      title,
      source: r.source,
      height:
        paragraphHeight(title, CONTENT_WIDTH, s.title) +
        paragraphHeight(r.source, CONTENT_WIDTH - 12, s.body) +
        10,
    };
  });
}

function paginateAppendix(fonts: BundleFonts, input: BundleInput): AppendixEntry[][] {
  const sheets: AppendixEntry[][] = [[]];
  let room = TEXT_TOP - TEXT_BOTTOM - APPENDIX_TITLE_H;
  for (const e of appendixEntries(fonts, input)) {
    if (e.height > room && sheets[sheets.length - 1]!.length) {
      sheets.push([]);
      room = TEXT_TOP - TEXT_BOTTOM - 24;
    }
    sheets[sheets.length - 1]!.push(e);
    room -= e.height;
  }
  return sheets;
}

/** Sheets the sources appendix takes (known before drawing, for the page numbers). */
export function sourcesSheetCount(fonts: BundleFonts, input: BundleInput): number {
  return paginateAppendix(fonts, input).length;
}

/** The appendix: each requirement's sources with the guides' titles, and what they are worth. */
export function drawSourcesAppendix(doc: PDFDocument, fonts: BundleFonts, input: BundleInput): PDFPage[] {
  const s = tableStyles(fonts);
  return paginateAppendix(fonts, input).map((entries, sheetIndex) => {
    const sheet = doc.addPage([A4.width, A4.height]);
    let y = TEXT_TOP;
    if (sheetIndex === 0) {
      sheet.drawText('附录：政策依据', { x: MARGIN_X, y: y - 22, size: 16, font: fonts.bold, color: INK });
      drawParagraph(sheet, SOURCES_NOTE.zh, MARGIN_X, y - 32, CONTENT_WIDTH, { ...s.body, color: MUTED });
      y -= APPENDIX_TITLE_H;
    } else {
      sheet.drawText('附录：政策依据（续）', {
        x: MARGIN_X,
        y: y - 16,
        size: 12,
        font: fonts.bold,
        color: INK,
      });
      y -= 24;
    }
    for (const e of entries) {
      const th = paragraphHeight(e.title, CONTENT_WIDTH, s.title);
      drawParagraph(sheet, e.title, MARGIN_X, y, CONTENT_WIDTH, s.title);
      drawParagraph(sheet, e.source, MARGIN_X + 12, y - th, CONTENT_WIDTH - 12, s.body);
      y -= e.height;
    }
    return sheet;
  });
}

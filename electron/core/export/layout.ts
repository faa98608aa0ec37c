// Sheet geometry and the small drawing helpers every sheet of the bundle shares: A4 in PDF points, wrapped
// Chinese text, and vector check/cross marks (Noto Sans SC has ✓ but no ✗, so both are drawn as lines).
// "Sheet" is a page of the PDF being made; a "page" is a page of a person's paper.
import { rgb, type PDFFont, type PDFPage, type RGB } from 'pdf-lib';
import type { BundleFonts } from './font';

/** A4 in PDF points (1/72 inch). */
export const A4 = { width: 595.28, height: 841.89 } as const;
export const MARGIN_X = 40;
/** Space kept for the running header and footer; document images never reach into it. */
export const HEADER_BAND = 34;
export const FOOTER_BAND = 30;
/** The box a document page is fitted into. */
export const CONTENT_BOX = {
  x: MARGIN_X,
  y: FOOTER_BAND + 6,
  width: A4.width - 2 * MARGIN_X,
  height: A4.height - HEADER_BAND - FOOTER_BAND - 12,
} as const;

/** Where text goes on the bundle's own sheets (cover, checklist, pledge, sources): inside the margins,
 * between the running header and footer. */
export const CONTENT_WIDTH = A4.width - 2 * MARGIN_X;
export const TEXT_TOP = A4.height - HEADER_BAND - 14;
export const TEXT_BOTTOM = FOOTER_BAND + 16;

export const INK = rgb(0.1, 0.1, 0.12);
export const MUTED = rgb(0.42, 0.42, 0.46);
export const RULE = rgb(0.78, 0.78, 0.8);
export const OK_GREEN = rgb(0.05, 0.5, 0.22);
export const BAD_RED = rgb(0.78, 0.1, 0.1);
export const WARN_AMBER = rgb(0.8, 0.45, 0.0);

// Latin words and numbers stay whole when a line wraps; Chinese can break between any two characters.
const TOKEN = /[A-Za-z0-9@._:/%+\-*#()]+|\s+|./gsu;

const NO_LINE_START = new Set([...'，。、；：！？）》」』”’%…·,.;:!?)]}']);

const advanceCache = new WeakMap<PDFFont, Map<string, number>>();

/**
 * Width of `text` at `size`, summed from cached per-character advances. pdf-lib's widthOfTextAtSize runs
 * the full OpenType layout every call, which made wrapping quadratic and slow; Chinese has no kerning, and
 * for our Latin snippets the difference is below a tenth of a point.
 */
export function textWidth(font: PDFFont, text: string, size: number): number {
  let cache = advanceCache.get(font);
  if (!cache) advanceCache.set(font, (cache = new Map()));
  let units = 0;
  for (const ch of text) {
    let w = cache.get(ch);
    if (w === undefined) cache.set(ch, (w = font.widthOfTextAtSize(ch, 1000)));
    units += w;
  }
  return (units * size) / 1000;
}

/** Splits text into lines no wider than maxWidth; explicit newlines are kept. */
export function wrapText(text: string, font: PDFFont, size: number, maxWidth: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    let lineWidth = 0;
    for (const token of paragraph.match(TOKEN) ?? []) {
      const tokenWidth = textWidth(font, token, size);
      if (lineWidth + tokenWidth <= maxWidth || line === '') {
        if (lineWidth + tokenWidth > maxWidth && token.length > 1) {
          // A single token longer than the line (a long account number): break it by characters.
          for (const ch of token) {
            const w = textWidth(font, ch, size);
            if (line !== '' && lineWidth + w > maxWidth) {
              lines.push(line);
              line = '';
              lineWidth = 0;
            }
            line += ch;
            lineWidth += w;
          }
        } else {
          line += token;
          lineWidth += tokenWidth;
        }
      } else if (NO_LINE_START.has(token)) {
        // Chinese typesetting (禁则): a comma or closing bracket never starts a line; let it hang instead.
        line += token;
        lineWidth += tokenWidth;
      } else {
        lines.push(line.trimEnd());
        line = /^\s+$/.test(token) ? '' : token;
        lineWidth = line ? tokenWidth : 0;
      }
    }
    lines.push(line.trimEnd());
  }
  return lines;
}

export interface TextStyle {
  font: PDFFont;
  size: number;
  color?: RGB;
  lineGap?: number;
}

export function lineHeight(style: TextStyle): number {
  return style.size * 1.35 + (style.lineGap ?? 0);
}

/** Draws wrapped text with its first baseline below `top`; returns the y below the last line. */
export function drawParagraph(
  page: PDFPage,
  text: string,
  x: number,
  top: number,
  maxWidth: number,
  style: TextStyle,
): number {
  const lh = lineHeight(style);
  let y = top;
  for (const line of wrapText(text, style.font, style.size, maxWidth)) {
    y -= lh;
    if (line)
      page.drawText(line, {
        x,
        y: y + (lh - style.size) / 2,
        size: style.size,
        font: style.font,
        color: style.color ?? INK,
      });
  }
  return y;
}

export function paragraphHeight(text: string, maxWidth: number, style: TextStyle): number {
  return wrapText(text, style.font, style.size, maxWidth).length * lineHeight(style);
}

/** A tick drawn with lines, centred on (cx, cy). */
export function drawCheckMark(
  page: PDFPage,
  cx: number,
  cy: number,
  size: number,
  color: RGB = OK_GREEN,
): void {
  const t = size * 0.14;
  page.drawLine({
    start: { x: cx - size * 0.42, y: cy + size * 0.02 },
    end: { x: cx - size * 0.12, y: cy - size * 0.3 },
    thickness: t,
    color,
  });
  page.drawLine({
    start: { x: cx - size * 0.14, y: cy - size * 0.3 },
    end: { x: cx + size * 0.44, y: cy + size * 0.36 },
    thickness: t,
    color,
  });
}

/** A cross drawn with lines, centred on (cx, cy). */
export function drawCrossMark(
  page: PDFPage,
  cx: number,
  cy: number,
  size: number,
  color: RGB = BAD_RED,
): void {
  const h = size * 0.34;
  const t = size * 0.14;
  page.drawLine({ start: { x: cx - h, y: cy - h }, end: { x: cx + h, y: cy + h }, thickness: t, color });
  page.drawLine({ start: { x: cx - h, y: cy + h }, end: { x: cx + h, y: cy - h }, thickness: t, color });
}

/** "Needs attention": an exclamation mark in a ring, also vector-drawn. */
export function drawAttentionMark(
  page: PDFPage,
  cx: number,
  cy: number,
  size: number,
  color: RGB = WARN_AMBER,
): void {
  page.drawCircle({ x: cx, y: cy, size: size * 0.44, borderColor: color, borderWidth: size * 0.1 });
  page.drawLine({
    start: { x: cx, y: cy + size * 0.24 },
    end: { x: cx, y: cy - size * 0.06 },
    thickness: size * 0.12,
    color,
  });
  page.drawCircle({ x: cx, y: cy - size * 0.22, size: size * 0.07, color });
}

/** The text styles of the tables on the bundle's own sheets (checklist, sources). */
export function tableStyles(fonts: BundleFonts) {
  return {
    title: { font: fonts.bold, size: 10, color: INK } satisfies TextStyle,
    body: { font: fonts.regular, size: 9, color: INK } satisfies TextStyle,
    small: { font: fonts.regular, size: 7.5, color: MUTED } satisfies TextStyle,
    head: { font: fonts.bold, size: 9, color: MUTED } satisfies TextStyle,
  };
}

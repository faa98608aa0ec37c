// Text boxes as the OCR detector returns them, for testing field finding without OCR.
import type { OcrSegment } from '../../electron/core/ocr/engine';
import { extractFields } from '../../electron/core/ocr/fields';
import { layoutPage, type Page } from '../../electron/core/ocr/layout';

/** A text box: x, y of its top-left, width, height (px), characters evenly spaced, each read at `conf`. */
export function box(text: string, x: number, y: number, w: number, h = 30, conf = 0.98): OcrSegment {
  const n = [...text].length;
  return {
    text,
    confidence: conf,
    quad: [
      [x, y],
      [x + w, y],
      [x + w, y + h],
      [x, y + h],
    ],
    charPos: Array.from({ length: n }, (_, i) => (i + 0.5) / n),
    charConf: Array.from({ length: n }, () => conf),
  };
}

export const pageOf = (boxes: OcrSegment[]): Page => layoutPage(boxes, 2400, 1800);

/** The values of the fields found on the boxes, by name. */
export const fieldsOf = (kind: string, boxes: OcrSegment[]): Record<string, unknown> =>
  Object.fromEntries(Object.entries(extractFields(pageOf(boxes), kind)).map(([k, v]) => [k, v.value]));

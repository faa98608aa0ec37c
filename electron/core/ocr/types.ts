// The OCR engine's data shapes (engine.ts re-exports them): an image in, text boxes out.
import type { Quad } from './geometry';

export interface OcrImage {
  /** Interleaved 8-bit pixels. */
  data: Uint8Array;
  width: number;
  height: number;
  channels: 1 | 3;
}

/** One detected and recognised text box. Coordinates are pixels of the image given to `recognise`. */
export interface OcrSegment {
  text: string;
  confidence: number;
  quad: Quad;
  /** Where each character's centre lies along the box, as a share of its width (for sub-boxes of fields). */
  charPos: number[];
  /** Each character's probability. */
  charConf: number[];
  /**
   * Per character, the other characters the model gave ≥ ALT_MIN at a time step the character was read at
   * with < DOUBTFUL (ocr/lexicon.ts), each at its highest probability there, most likely first; empty for a
   * sure character. Absent on text not OCR'd.
   */
  charAlts?: CharAlt[][];
}

/** A character the recogniser also gave some probability to at a read character's place. */
export interface CharAlt {
  ch: string;
  p: number;
}

export interface OcrTimings {
  detectMs: number;
  recogniseMs: number;
  boxes: number;
  /** Lines a seal crosses, recognised a second time (`secondLook`). */
  secondLooks: number;
}

export interface OcrResult {
  segments: OcrSegment[];
  timings: OcrTimings;
  /** Detected boxes clearly longer across (wide) or down (tall): a page photographed sideways has tall ones. */
  shape: { wide: number; tall: number };
}

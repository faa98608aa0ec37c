// The lexicon check for doubtful characters (electron/core/ocr/lexicon.ts): the acceptance rule on given
// readings, the shipped lexicon (jieba's dictionary, resources/lexicon/), and where field finding applies it
// (hospital names and diagnoses; never names, digits, amounts or codes).
import { afterEach, describe, expect, it } from 'vitest';
import type { CharAlt, OcrSegment } from '../../electron/core/ocr/engine';
import { extractFields, setLexiconCheck } from '../../electron/core/ocr/fields';
import { layoutPage } from '../../electron/core/ocr/layout';
import {
  correctByLexicon,
  lexiconOf,
  lexiconStats,
  longestWordAt,
  shippedLexicon,
} from '../../electron/core/ocr/lexicon';

const lex = lexiconOf(['桡骨', '骨折', '远端', '复国', '复旦', '复旦大学', '大学', '附属', '仙女', '王朝']);

/** A reading: every character sure (0.98, no alternatives) except the ones given. */
function readingOf(text: string, doubtful: Record<number, [number, CharAlt[]]> = {}) {
  const chars = [...text];
  return {
    chars,
    conf: chars.map((_, i) => doubtful[i]?.[0] ?? 0.98),
    alts: chars.map((_, i) => doubtful[i]?.[1] ?? []),
  };
}

describe('the acceptance rule', () => {
  it('takes a doubtful character’s alternative that makes a lexicon word where the reading makes none', () => {
    // Corpus A, photo 020: 右桡骨远端骨折 read as 右烧骨远端骨折, 烧 at 0.19, 桡 the model's fifth choice at 0.06.
    const r = readingOf('右烧骨远端骨折', {
      1: [
        0.19,
        [
          { ch: '挠', p: 0.16 },
          { ch: '饶', p: 0.13 },
          { ch: '桡', p: 0.06 },
        ],
      ],
    });
    const c = correctByLexicon(lex, r.chars, r.conf, r.alts);
    expect(c.chars.join('')).toBe('右桡骨远端骨折');
    expect(c.changed).toEqual([1]);
  });

  it('takes an alternative making a longer word than the reading does (复国 is a word, 复旦大学 longer)', () => {
    const r = readingOf('复国大学附属医院', { 1: [0.37, [{ ch: '旦', p: 0.23 }]] });
    expect(longestWordAt(lex, r.chars, 1, 0, r.chars.length)).toBe(2);
    expect(correctByLexicon(lex, r.chars, r.conf, r.alts).chars.join('')).toBe('复旦大学附属医院');
  });

  it('never changes a sure character, whatever its alternatives', () => {
    const r = readingOf('右烧骨远端骨折', { 1: [0.7, [{ ch: '桡', p: 0.25 }]] });
    expect(correctByLexicon(lex, r.chars, r.conf, r.alts).changed).toEqual([]);
  });

  it('does not take an alternative that makes no (longer) word, nor one the model gave < 5 %', () => {
    const none = readingOf('右烧骨远端骨折', { 1: [0.19, [{ ch: '挠', p: 0.3 }]] });
    expect(correctByLexicon(lex, none.chars, none.conf, none.alts).changed).toEqual([]);
    const faint = readingOf('右烧骨远端骨折', { 1: [0.19, [{ ch: '桡', p: 0.04 }]] });
    expect(correctByLexicon(lex, faint.chars, faint.conf, faint.alts).changed).toEqual([]);
    // 复国 is already a word as long as 复旦 alone: no reason to overrule the model.
    const tie = readingOf('复国', { 1: [0.4, [{ ch: '旦', p: 0.3 }]] });
    expect(correctByLexicon(lex, tie.chars, tie.conf, tie.alts).changed).toEqual([]);
  });

  it('leaves digits and letters alone, and takes no digit for a character', () => {
    const digits = readingOf('2型骨折', { 0: [0.2, [{ ch: '桡', p: 0.5 }]] });
    expect(correctByLexicon(lex, digits.chars, digits.conf, digits.alts).changed).toEqual([]);
    const toDigit = readingOf('桡骨3', { 1: [0.3, [{ ch: '1', p: 0.5 }]] });
    expect(correctByLexicon(lex, toDigit.chars, toDigit.conf, toDigit.alts).changed).toEqual([]);
  });

  it('only looks inside the span it is given (a label before the value is not part of a word)', () => {
    const r = readingOf('王烧', { 1: [0.3, [{ ch: '朝', p: 0.3 }]] });
    expect(correctByLexicon(lex, r.chars, r.conf, r.alts, 1).changed).toEqual([]);
    expect(correctByLexicon(lex, r.chars, r.conf, r.alts, 0).chars.join('')).toBe('王朝');
  });
});

describe('the shipped lexicon', () => {
  it('loads lazily from resources/lexicon, holds general words and not the misreads', () => {
    const shipped = shippedLexicon();
    expect(shipped).not.toBeNull();
    for (const w of ['桡骨', '阑尾', '阑尾炎', '复旦大学', '仙女', '骨折', '医院'])
      expect(shipped!.has(w)).toBe(true);
    for (const w of ['烧骨', '闲尾', '仙文', '复国大学']) expect(shipped!.has(w)).toBe(false);
    const stats = lexiconStats()!;
    expect(stats.bytes).toBeGreaterThan(2_000_000);
    // Loaded once: a second call is the same object.
    expect(shippedLexicon()).toBe(shipped);
  });
});

afterEach(() => setLexiconCheck(true));

/** A text box with per-character confidences and alternatives. */
function box(
  text: string,
  x: number,
  y: number,
  w: number,
  doubtful: Record<number, [number, CharAlt[]]> = {},
): OcrSegment {
  const r = readingOf(text, doubtful);
  const n = r.chars.length;
  return {
    text,
    confidence: 0.95,
    quad: [
      [x, y],
      [x + w, y],
      [x + w, y + 30],
      [x, y + 30],
    ],
    charPos: Array.from({ length: n }, (_, i) => (i + 0.5) / n),
    charConf: r.conf,
    charAlts: r.alts,
  };
}
const fields = (kind: string, boxes: OcrSegment[]) => extractFields(layoutPage(boxes, 2400, 1800), kind);

describe('where field finding applies it', () => {
  it('settles a diagnosis and a hospital, the settled character keeping its own low probability', () => {
    const f = fields('diagnosis_certificate', [
      box('姓名：王明', 100, 100, 300),
      box('诊断：1.右烧骨远端骨折', 100, 200, 600, { 6: [0.19, [{ ch: '桡', p: 0.06 }]] }),
    ]);
    expect(f.diagnosis?.value).toBe('右桡骨远端骨折');
    expect(f.diagnosis!.confidence).toBeLessThan(0.85);
    const inv = fields('invoice', [
      box('收款单位：扬州市江都区仙文镇卫生院', 100, 100, 900, { 12: [0.51, [{ ch: '女', p: 0.31 }]] }),
    ]);
    expect(inv.hospital?.value).toBe('扬州市江都区仙女镇卫生院');
    setLexiconCheck(false);
    expect(
      fields('invoice', [
        box('收款单位：扬州市江都区仙文镇卫生院', 100, 100, 900, { 12: [0.51, [{ ch: '女', p: 0.31 }]] }),
      ]).hospital?.value,
    ).toBe('扬州市江都区仙文镇卫生院');
  });

  it('never touches a name (李明 stays, though 李子 is a word), an amount or a code', () => {
    const f = fields('invoice', [
      box('交款人：李明', 100, 100, 300, { 5: [0.3, [{ ch: '子', p: 0.3 }]] }),
      box('合计（小写）：¥128.50', 100, 200, 400, { 9: [0.3, [{ ch: '元', p: 0.3 }]] }),
      box('票据代码：32410624', 100, 300, 400, { 6: [0.3, [{ ch: '七', p: 0.3 }]] }),
    ]);
    expect(f.patientName?.value).toBe('李明');
    expect(f.totalAmount?.value).toBe(128.5);
    expect(f.invoiceCode?.value).toBe('32410624');
  });
});

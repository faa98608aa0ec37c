// A doubtful character in a word field, settled by the model's own alternatives and a general lexicon.
//
// The recogniser gives, at each character it reads, a probability for every character of its dictionary;
// greedy CTC keeps the best. Where the best is weak, the model often had the right character second or
// third (右桡骨 read 右烧骨: 烧 at 0.2, 桡 next). A general Chinese lexicon (jieba's dictionary, 337,394 words,
// resources/lexicon/README.md: source and licence) decides between them: an alternative is taken only when
// it makes a longer dictionary word at that place than the first reading does. Applied to hospital names and
// diagnoses only (words): never to names (a name is no dictionary word), digits, amounts, dates or codes.
// The corrected character keeps the model's own probability as its confidence, so a corrected value is still
// shown as 请核对 and a check using it warns.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { resourcesDir } from '../paths';
import type { CharAlt } from './engine';

/**
 * A character read at a probability below this is doubtful: the model gave the other characters together at
 * least 35 % there. The misreads left on OCR corpora A and B were read at 0.22–0.49.
 */
export const DOUBTFUL = 0.65;
/**
 * An alternative the model gave less than this is not considered: the lexicon may overrule the model only
 * where the model itself saw the other character as a real possibility (≥ 1/20 of the probability mass).
 */
export const ALT_MIN = 0.05;
/** Longest word looked up around a character (longer dictionary entries are rare idioms and names). */
const MAX_WORD = 8;

export interface Lexicon {
  has(word: string): boolean;
}

const HAN = /^[\u4e00-\u9fff]$/;

/** A lexicon over sorted words, searched by bisection (one string and an offset table: ~4 MB for 337 k words). */
export function sortedLexicon(text: string): Lexicon {
  const starts: number[] = [0];
  for (let i = text.indexOf('\n'); i >= 0 && i < text.length - 1; i = text.indexOf('\n', i + 1))
    starts.push(i + 1);
  const offs = Int32Array.from(starts);
  const last = text.endsWith('\n') ? text.length - 1 : text.length;
  const end = (k: number): number => (k + 1 < offs.length ? offs[k + 1]! - 1 : last);
  return {
    has(word: string): boolean {
      let lo = 0;
      let hi = offs.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const w = text.slice(offs[mid]!, end(mid));
        if (w === word) return true;
        if (w < word) lo = mid + 1;
        else hi = mid - 1;
      }
      return false;
    },
  };
}

/** A lexicon of the given words (tests). */
export function lexiconOf(words: string[]): Lexicon {
  return sortedLexicon([...new Set(words)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).join('\n'));
}

let shipped: Lexicon | null | undefined;
let loadStats: { ms: number; bytes: number } | null = null;

/**
 * The shipped lexicon, loaded on first use (~1.3 MB read and unpacked; its time and size in `lexiconStats`).
 * Null when its file is missing or unreadable: fields are then read without the check, as before it existed.
 */
export function shippedLexicon(): Lexicon | null {
  if (shipped !== undefined) return shipped;
  const t0 = performance.now();
  try {
    const text = gunzipSync(readFileSync(join(resourcesDir(), 'lexicon', 'words.txt.gz'))).toString('utf8');
    shipped = sortedLexicon(text);
    loadStats = { ms: performance.now() - t0, bytes: text.length * 2 };
  } catch {
    shipped = null;
  }
  return shipped;
}

/** How long the shipped lexicon took to load and its text's size in memory (null before it is loaded). */
export function lexiconStats(): { ms: number; bytes: number } | null {
  return loadStats;
}

/** Length of the longest lexicon word (≥ 2 characters, all Han) in `chars[from, to)` that covers `i`; 0 if none. */
export function longestWordAt(lex: Lexicon, chars: string[], i: number, from: number, to: number): number {
  let best = 0;
  // Han characters only: a word never runs through a digit, a letter or punctuation.
  let a0 = i;
  while (a0 > from && i - a0 + 1 < MAX_WORD && HAN.test(chars[a0 - 1]!)) a0--;
  let b1 = i + 1;
  while (b1 < to && b1 - i < MAX_WORD && HAN.test(chars[b1]!)) b1++;
  for (let a = a0; a <= i; a++) {
    for (let b = Math.min(b1, a + MAX_WORD); b > i && b - a > best; b--) {
      if (b - a >= 2 && lex.has(chars.slice(a, b).join(''))) {
        best = b - a;
        break;
      }
    }
  }
  return best;
}

export interface Correction {
  /** The characters with every accepted alternative in place (same length as given). */
  chars: string[];
  /** Indexes of the characters replaced. */
  changed: number[];
}

/**
 * Settles the doubtful Han characters of `chars[from, to)` (read at < DOUBTFUL) by the model's alternatives:
 * one is taken when it makes a longer lexicon word at that place than the first reading does (烧 → 桡 in
 * 右烧骨远端骨折: 桡骨 is a word and no word holds 烧 there; 国 → 旦 in 复国大学: 复旦大学 is longer than 复国).
 * Among alternatives making equally long words the model's more probable one wins. A sure character, a
 * character that is not Han, and an alternative that is not Han or makes no longer word are left alone.
 * Characters are settled left to right, each seeing the ones settled before it.
 */
export function correctByLexicon(
  lex: Lexicon,
  chars: string[],
  conf: number[],
  alts: CharAlt[][] | undefined,
  from = 0,
  to = chars.length,
): Correction {
  const out = [...chars];
  const changed: number[] = [];
  if (!alts) return { chars: out, changed };
  for (let i = from; i < to; i++) {
    if (!((conf[i] ?? 1) < DOUBTFUL) || !HAN.test(out[i]!)) continue;
    const options = (alts[i] ?? []).filter((a) => a.p >= ALT_MIN && HAN.test(a.ch));
    if (!options.length) continue;
    let bestLen = longestWordAt(lex, out, i, from, to);
    let bestCh: string | null = null;
    for (const a of [...options].sort((x, y) => y.p - x.p)) {
      const trial = [...out];
      trial[i] = a.ch;
      const len = longestWordAt(lex, trial, i, from, to);
      if (len > bestLen) {
        bestLen = len;
        bestCh = a.ch;
      }
    }
    if (bestCh !== null) {
      out[i] = bestCh;
      changed.push(i);
    }
  }
  return { chars: out, changed };
}

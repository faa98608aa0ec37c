// The photo/scan quality report: the `claimdesk check --json` object of docs/contracts.md. Produced by
// electron/core/quality, stored per page in its facts (PageFacts.quality, document_pages.facts_json), drawn
// by the UI, used by export.
import { z } from 'zod';

export const FINDING_CODES = [
  'low_resolution',
  'blurry',
  'glare',
  'too_dark',
  'overexposed',
  'incomplete_page',
  'seal_missing',
  'unreadable_file',
  'duplicate_image',
] as const;
export const FindingCode = z.enum(FINDING_CODES);
export type FindingCode = z.infer<typeof FindingCode>;

/** A rectangle in 0..1 image coordinates (of the EXIF-oriented image). */
export const Region = z.object({ x: z.number(), y: z.number(), w: z.number(), h: z.number() });
export type Region = z.infer<typeof Region>;

export const Finding = z.object({
  code: FindingCode,
  severity: z.enum(['error', 'warning']),
  /** zh-CN, tells the person what to do. */
  message: z.string(),
  region: Region.optional(),
});
export type Finding = z.infer<typeof Finding>;

/** A point in 0..1 image coordinates (of the EXIF-oriented image). */
export const Point = z.object({ x: z.number(), y: z.number() });
export type Point = z.infer<typeof Point>;

export const Verdict = z.enum(['pass', 'warn', 'fail']);
export type Verdict = z.infer<typeof Verdict>;

export const QualityReport = z.object({
  file: z.string(),
  kind: z.string().optional(),
  verdict: Verdict,
  findings: z.array(Finding),
  /**
   * Numbers behind the verdict. Always `width`/`height` (oriented pixels) when decodable; for pages whose
   * corners were found, `corners` = [top-left, top-right, bottom-right, bottom-left] in 0..1 coordinates
   * and `cornersConfidence` 0..1, which export uses to crop and straighten. PDFs report `pages`.
   */
  metrics: z.record(z.string(), z.unknown()),
  elapsedMs: z.number(),
});
export type QualityReport = z.infer<typeof QualityReport>;

export function verdictOf(findings: readonly Finding[]): Verdict {
  if (findings.some((f) => f.severity === 'error')) return 'fail';
  if (findings.length > 0) return 'warn';
  return 'pass';
}

/**
 * The photo check's advice in English, by finding code and severity, for the app's English mode (the check
 * itself words its messages in Chinese only, with the numbers it measured).
 */
export const FINDING_ADVICE_EN: Record<FindingCode, { error: string; warning: string }> = {
  low_resolution: {
    error:
      'Too few pixels: the text may be unreadable. Move closer or send the original photo, not a compressed one.',
    warning: 'Low detail: small text may blur. Consider retaking it closer.',
  },
  blurry: {
    error: 'Blurred: the text cannot be read. Hold the phone steady, focus on the text and retake.',
    warning: 'Slightly blurred: small text may be hard to read. Consider refocusing and retaking.',
  },
  glare: {
    error: 'Glare hides part of the text. Avoid direct light (or turn off the flash) and retake.',
    warning: 'Slight glare: check the text under it is still clear; retake from another angle if not.',
  },
  too_dark: {
    error: 'Too dark. Retake in good light.',
    warning: 'A little dark. Consider retaking in better light.',
  },
  overexposed: {
    error: 'Overexposed: the text is washed out. Avoid strong light, turn off the flash and retake.',
    warning: 'A little bright: the text looks faint. Consider retaking away from strong light.',
  },
  incomplete_page: {
    error: 'The paper is not fully in the picture. Retake with all four corners inside the frame.',
    warning: 'The text runs to the edge of the picture: part of the paper may be cut off.',
  },
  seal_missing: {
    error: "No red seal found: this paper needs the hospital's seal. Have it stamped and retake.",
    warning: "The hospital's red seal could not be confirmed. Check the paper is stamped.",
  },
  unreadable_file: {
    error: 'This file cannot be opened. Add the photo or PDF again.',
    warning: 'Part of this file could not be read.',
  },
  duplicate_image: {
    error: 'The same photo as another page. Keep the clearer one, or add the paper that belongs here.',
    warning: 'Looks like the same photo as another page. Check it is not a duplicate.',
  },
};

/** A finding in the app's language: the check's own Chinese words, or the English advice for its code. */
export function findingText(f: Finding, lang: string): string {
  return lang === 'en' ? FINDING_ADVICE_EN[f.code][f.severity] : f.message;
}

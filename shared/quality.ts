// The photo/scan quality report: the `claimdesk check --json` object of docs/contracts.md. Produced by
// electron/core/quality, stored per page (document_pages.quality_json), drawn by the UI, used by export.
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

// The photo checks alone, as a report per file: `checkFile` is the quality part of the page pipeline's
// `analysePage` (./analyse.ts), for callers that want only the verdict (benchmarks, the calibration corpus,
// tests). The pixel checks live in ../quality/checks.ts.
import type { QualityReport } from '../../../shared/quality';
import type { CheckOptions } from '../quality/checks';
import { analysePage } from './analyse';

/** Checks one file. Never throws for a bad file: that becomes an `unreadable_file` finding. */
export async function checkFile(path: string, options: CheckOptions = {}): Promise<QualityReport> {
  const { facts } = await analysePage(
    { path, kind: options.kind, displayName: options.displayName },
    // The verdict alone: no QR reading.
    { sealKinds: options.sealKinds, sealRequired: options.sealRequired, readQr: false },
  );
  return facts.quality!;
}

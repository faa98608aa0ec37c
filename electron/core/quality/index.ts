// The photo checks as a report per file: `checkFile` / `checkFiles` are the quality part of the page
// pipeline's `analysePage` (electron/core/pages/analyse.ts), for callers that want only the verdict
// (benchmarks, the calibration corpus, tests). The pixel checks live in ./checks.ts.
import type { QualityReport } from '../../../shared/quality';
import { analysePage, analysePages, type AnalyseOptions } from '../pages/analyse';
import type { CheckOptions } from './checks';

export * from './checks';
export { decodeImage, type DecodedImage, MAX_INPUT_PIXELS } from './decode';
export { perceptualHash, hammingDistance } from './phash';

function optionsOf(options: CheckOptions): AnalyseOptions {
  return {
    sealKinds: options.sealKinds,
    sealRequired: options.sealRequired,
    // The verdict alone: no QR reading.
    readQr: false,
  };
}

/** Checks one file. Never throws for a bad file: that becomes an `unreadable_file` finding. */
export async function checkFile(path: string, options: CheckOptions = {}): Promise<QualityReport> {
  const { facts } = await analysePage(
    { path, kind: options.kind, displayName: options.displayName },
    optionsOf(options),
  );
  return facts.quality!;
}

/** Checks many files in order; the same picture twice gets a `duplicate_image` finding. */
export async function checkFiles(
  paths: readonly string[],
  options: CheckOptions & { onProgress?: (done: number, total: number) => void } = {},
): Promise<QualityReport[]> {
  const pages = await analysePages(
    paths.map((path) => ({ path, kind: options.kind })),
    { ...optionsOf(options), ...(options.onProgress ? { onProgress: options.onProgress } : {}) },
  );
  return pages.map((p) => p.facts.quality!);
}

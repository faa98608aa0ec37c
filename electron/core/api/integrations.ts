// The app's bridge to the checking, rules and export modules (built alongside the app). Kept in one file so
// wiring a module in is a local change, and the handlers stay the same whatever is present.
import type { EvaluationReport } from '../../../shared/evaluation';
import type { Deadline } from '../../../shared/ipc';
import type { Claim } from '../../../shared/schemas';
import { pageCheckerFor } from '../../cli/commands/page-checker';
import type { PageChecker } from '../import';
import type { Workspace } from '../workspace';
import { UnavailableError } from './dispatch';

export interface Features {
  quality: boolean;
  rules: boolean;
  export: boolean;
}

export function availableFeatures(ws: Workspace): Features {
  return { quality: pageCheckerFor(ws) !== undefined, rules: false, export: false };
}

export function checkerFor(ws: Workspace): PageChecker | undefined {
  return pageCheckerFor(ws);
}

export async function evaluateStoredClaim(_ws: Workspace, _claimId: number, _today: string): Promise<EvaluationReport> {
  throw new UnavailableError('材料清单功能尚未安装', 'the completeness engine is not part of this build');
}

/** Submission deadline for the board; null when unknown. */
export function deadlineOf(_ws: Workspace, _claim: Claim, _today: string): Deadline | null {
  return null;
}

export interface BundleOptions {
  claimId: number;
  outFile: string;
  imagesDir: string | null;
  allowIncomplete: boolean;
  today: string;
  onProgress: (done: number, total: number, label: string) => void;
}

export async function exportStoredClaim(_ws: Workspace, _opts: BundleOptions): Promise<{ pages: number | null; images: string[] }> {
  throw new UnavailableError('导出功能尚未安装', 'the bundle exporter is not part of this build');
}

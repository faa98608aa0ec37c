// The one-line verdict on the cover (材料齐全 / 尚不能提交, and why), and how a requirement is named on the
// bundle's sheets.
import { kindLabel } from '../../../../shared/domain';
import type { RequirementResult } from '../../../../shared/evaluation';
import { requirementTitleOf, tallyChecklist } from '../../rules/tally';
import type { BundleInput } from '../types';

export interface BundleVerdict {
  level: 'ok' | 'warn' | 'fail';
  /** One sentence for the cover. */
  line: string;
}

export function summarizeVerdict(input: BundleInput): BundleVerdict {
  const { evaluation, documents } = input;
  // What is missing and what needs attention: the one tally the board, the editor and the .xlsx list give.
  const tally = tallyChecklist(evaluation);
  const warnings = evaluation.problems.filter(
    (p) => p.severity === 'warning' && p.code !== 'document_quality',
  );
  const files = documents.flatMap((d) => d.files);
  const failedPhotos = Math.max(
    files.filter((f) => f.quality?.verdict === 'fail').length,
    evaluation.problems.filter((p) => p.severity === 'error' && p.code === 'document_quality').length,
  );
  const warnPhotos = Math.max(
    files.filter((f) => f.quality?.verdict === 'warn').length,
    evaluation.problems.filter((p) => p.severity === 'warning' && p.code === 'document_quality').length,
  );
  if (tally.ready) {
    const notes = warnings.length + warnPhotos;
    return {
      level: notes ? 'warn' : 'ok',
      line: notes ? `材料齐全，检查通过；另有 ${notes} 条提示，见材料清单页` : '材料齐全，全部检查通过',
    };
  }
  const parts = [tally.words.zh];
  if (failedPhotos) {
    // Name the documents whose photos must be retaken: "病历资料的照片未通过检查，需重拍".
    const kinds = [
      ...new Set(
        documents
          .filter((d) => d.files.some((f) => f.quality?.verdict === 'fail'))
          .map((d) => kindLabel(d.kind)),
      ),
    ];
    parts.push(
      kinds.length ? `${kinds.join('、')}的照片未通过检查，需重拍` : `${failedPhotos} 张照片未通过检查`,
    );
  }
  return { level: 'fail', line: `尚不能提交：${parts.join('；')}` };
}

export function requirementTitle(r: RequirementResult): string {
  return requirementTitleOf(r).zh;
}

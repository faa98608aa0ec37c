// The one-line verdict on the cover (材料齐全 / 尚不能提交, and why), and how a requirement is named on the
// bundle's sheets.
import { kindLabel } from '../../../../shared/domain';
import type { RequirementResult } from '../../../../shared/evaluation';
import type { BundleInput } from '../types';

export interface BundleVerdict {
  level: 'ok' | 'warn' | 'fail';
  /** One sentence for the cover. */
  line: string;
}

export function summarizeVerdict(input: BundleInput): BundleVerdict {
  const { evaluation, documents } = input;
  const missing = evaluation.requirements.filter((r) => r.status === 'missing');
  const attention = evaluation.requirements.filter((r) => r.status === 'needs_attention');
  // A failed photo shows up both as a quality report and as a document_quality problem: count it once.
  const errors = evaluation.problems.filter((p) => p.severity === 'error' && p.code !== 'document_quality');
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
  const parts: string[] = [];
  if (missing.length) parts.push(`缺少 ${missing.map(requirementTitle).join('、')}`);
  if (attention.length) parts.push(`${attention.map(requirementTitle).join('、')} 需要处理`);
  if (errors.length) parts.push(`${errors.length} 个问题必须先解决`);
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
  if (parts.length === 0 && evaluation.complete) {
    const notes = warnings.length + warnPhotos;
    return {
      level: notes ? 'warn' : 'ok',
      line: notes ? `材料齐全，检查通过；另有 ${notes} 条提示，见材料清单页` : '材料齐全，全部检查通过',
    };
  }
  if (parts.length === 0) parts.push('材料尚不完整');
  return { level: 'fail', line: `尚不能提交：${parts.join('；')}` };
}

export function requirementTitle(r: RequirementResult): string {
  return r.title ?? r.kinds.map((k) => kindLabel(k)).join('或');
}

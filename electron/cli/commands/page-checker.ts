// The quality check run on each page as it is imported (CLI `import` and the app): the report is stored
// with the page (document_pages.quality_json), so the UI and export never re-check an unchanged file.
import type { PageChecker } from '../../core/import';
import { checkFile } from '../../core/quality/index';
import { sealKindsFromRules } from '../../core/quality/seal-kinds';
import type { Workspace } from '../../core/workspace';

export function pageCheckerFor(_ws: Workspace): PageChecker | undefined {
  const sealKinds = sealKindsFromRules();
  return (file) => checkFile(file.path, { kind: file.kind, sealKinds, displayName: file.originalName });
}

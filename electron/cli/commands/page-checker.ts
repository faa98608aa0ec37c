// The quality check run on each page as it is imported. Until the quality module exists this records
// nothing; the image-quality work replaces it with the real checker.
import type { PageChecker } from '../../core/import';
import type { Workspace } from '../../core/workspace';

export function pageCheckerFor(_ws: Workspace): PageChecker | undefined {
  return undefined;
}

// Trust checks for paths the renderer sends back (pure functions over unknown, table-tested): main opens,
// reveals or prints only files it produced itself in this session, and restores only backups it listed.
import { isAbsolute, normalize, resolve } from 'node:path';

/** True when `candidate` names exactly one of the files main produced (after normalising, no prefix tricks). */
export function isProducedPath(produced: ReadonlySet<string>, candidate: unknown): candidate is string {
  if (typeof candidate !== 'string' || candidate.length === 0 || candidate.length > 4096) return false;
  if (candidate.includes('\0') || !isAbsolute(candidate)) return false;
  const wanted = normalize(resolve(candidate));
  // Exact match only: "bundle.pdf.exe" or "bundle.pdf/../x" must not pass because they share a prefix.
  return produced.has(wanted) && wanted === candidate;
}

/** Backup names are plain file names that the backup folder listing produced: no separators, no dots-only. */
export function isBackupFileName(name: unknown): name is string {
  return (
    typeof name === 'string' &&
    /^[A-Za-z0-9][A-Za-z0-9._-]{0,200}\.sqlite3$/.test(name) &&
    !name.includes('..')
  );
}

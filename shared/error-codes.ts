// The core's error codes, kept apart from the IPC catalogue (shared/ipc.ts) so that electron/core/errors.ts,
// which every CLI command loads, does not construct the catalogue's zod schemas at each `claimdesk` start.
/** Every code a core error (electron/core/errors.ts ClaimDeskError) may carry: one list for both sides. */
export const CORE_ERROR_CODES = [
  'invalid_input',
  'not_found',
  'transition_refused',
  'file_missing',
  'file_unreadable',
  'file_too_large',
  'unsupported_file',
  'data_dir_unwritable',
  'database_from_future',
  'database_corrupt',
  'backup_invalid',
  'disk_full',
  'export_failed',
  'manifest_invalid',
  'rule_pack_invalid',
  // Shared database (#23): another desk changed the row first; the database server cannot be reached.
  'stale_write',
  'database_unreachable',
  // A part of the app that still works on this PC's data folder only, asked of it on a shared database.
  'not_on_shared_database',
] as const;

// Storage: the settings table (one JSON value per key: UI preferences, backup schedule, last backup marker),
// and the cheap fingerprint automatic backups compare to skip an unchanged database.
import type { Db } from '../open';

/** The stored JSON text under `key`, or null when nothing is stored. */
export function readSettingJson(db: Db, key: string): string | null {
  const row = db.prepare('SELECT value_json FROM settings WHERE key = ?').get(key) as
    { value_json: string } | undefined;
  return row ? row.value_json : null;
}

/** Stores `valueJson` (already JSON text) under `key`, replacing what was there. */
export function writeSettingJson(db: Db, key: string, valueJson: string): void {
  db.prepare(
    'INSERT INTO settings (key, value_json) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value_json = excluded.value_json',
  ).run(key, valueJson);
}

/**
 * A cheap fingerprint of the data: row counts, highest ids and latest update times. Backing up an unchanged
 * database would only push older, still-useful copies out of the rolling window.
 */
export function dataChangeMarker(db: Db): string {
  const row = db
    .prepare(
      `SELECT
        (SELECT count(*) || ':' || coalesce(max(id), 0) || ':' || coalesce(max(updated_at), '') FROM households) AS h,
        (SELECT count(*) || ':' || coalesce(max(id), 0) || ':' || coalesce(max(updated_at), '') FROM people) AS p,
        (SELECT count(*) || ':' || coalesce(max(id), 0) || ':' || coalesce(max(updated_at), '') FROM claims) AS c,
        (SELECT count(*) || ':' || coalesce(max(id), 0) FROM claim_status_history) AS s,
        (SELECT count(*) || ':' || coalesce(max(id), 0) FROM documents) AS d,
        (SELECT count(*) || ':' || coalesce(max(id), 0) FROM document_pages) AS g,
        (SELECT count(*) FROM files) AS f`,
    )
    .get() as Record<string, string | number>;
  return Object.values(row).join('|');
}

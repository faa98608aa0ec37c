// UI preferences (language, text size, masking) live in the database's settings table, so they travel
// with a backup and a shared PC's data folder.
import { AppSettings, DEFAULT_SETTINGS } from '../../../shared/ipc';
import type { Db } from '../db/open';

const KEY = 'app.ui';

export function readSettings(db: Db): AppSettings {
  const row = db.prepare('SELECT value_json FROM settings WHERE key = ?').get(KEY) as
    { value_json: string } | undefined;
  if (!row) return DEFAULT_SETTINGS;
  // A value written by a newer version may carry fields we don't know: keep what parses, default the rest.
  const parsed = AppSettings.partial().safeParse(JSON.parse(row.value_json));
  return { ...DEFAULT_SETTINGS, ...(parsed.success ? parsed.data : {}) };
}

export function writeSettings(db: Db, settings: AppSettings): AppSettings {
  db.prepare(
    'INSERT INTO settings (key, value_json) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value_json = excluded.value_json',
  ).run(KEY, JSON.stringify(settings));
  return readSettings(db);
}

// UI preferences (language, text size, masking) live in the database's settings table, so they travel
// with a backup and a shared PC's data folder.
import { AppSettings, DEFAULT_SETTINGS } from '../../../shared/ipc';
import type { Db } from '../db/open';
import { readSettingJson, writeSettingJson } from '../db/store/settings';

const KEY = 'app.ui';

export function readSettings(db: Db): AppSettings {
  const json = readSettingJson(db, KEY);
  if (json === null) return DEFAULT_SETTINGS;
  // A value written by a newer version may carry fields we don't know: keep what parses, default the rest.
  const parsed = AppSettings.partial().safeParse(JSON.parse(json));
  return { ...DEFAULT_SETTINGS, ...(parsed.success ? parsed.data : {}) };
}

export function writeSettings(db: Db, settings: AppSettings): AppSettings {
  writeSettingJson(db, KEY, JSON.stringify(settings));
  return readSettings(db);
}

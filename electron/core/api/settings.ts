// UI preferences (language, text size, masking) live in the database's settings table, so they travel
// with a backup and a shared PC's data folder.
import { AppSettings, DEFAULT_SETTINGS } from '../../../shared/ipc';
import type { Db } from '../db/open';
import { store } from '../db/store';

const KEY = 'app.ui';

export function readSettings(db: Db): AppSettings {
  const json = store.settings.read(db, KEY);
  if (json === null) return DEFAULT_SETTINGS;
  // A value written by a newer version may carry fields we don't know: keep what parses, default the rest.
  const parsed = AppSettings.partial().safeParse(JSON.parse(json));
  return { ...DEFAULT_SETTINGS, ...(parsed.success ? parsed.data : {}) };
}

export function writeSettings(db: Db, settings: AppSettings): AppSettings {
  store.settings.write(db, KEY, JSON.stringify(settings));
  return readSettings(db);
}

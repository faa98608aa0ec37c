// UI preferences (language, text size, masking) live in the store's settings table, so they travel with a
// backup and a shared PC's data folder (and, on a shared database, with the office's).
import { AppSettings, DEFAULT_SETTINGS } from '../../../shared/ipc';
import type { Session } from '../db/contract';

const KEY = 'app.ui';

export async function readSettings(s: Session): Promise<AppSettings> {
  const json = await s.settings.read(KEY);
  if (json === null) return DEFAULT_SETTINGS;
  // A value written by a newer version may carry fields we don't know: keep what parses, default the rest.
  const parsed = AppSettings.partial().safeParse(JSON.parse(json));
  return { ...DEFAULT_SETTINGS, ...(parsed.success ? parsed.data : {}) };
}

export async function writeSettings(s: Session, settings: AppSettings): Promise<AppSettings> {
  await s.settings.write(KEY, JSON.stringify(settings));
  return readSettings(s);
}

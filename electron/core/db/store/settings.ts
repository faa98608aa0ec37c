// Storage (SQLite): the settings table (one JSON value per key: UI preferences, backup schedule, last backup
// marker).
import type { SyncSettingsStore } from '../sync-contract';
import { sqliteOf } from '../sqlite';

export const sqliteSettings: SyncSettingsStore = {
  read(db, key) {
    const row = sqliteOf(db).prepare('SELECT value_json FROM settings WHERE key = ?').get(key) as
      { value_json: string } | undefined;
    return row ? row.value_json : null;
  },

  write(db, key, valueJson) {
    sqliteOf(db)
      .prepare(
        'INSERT INTO settings (key, value_json) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value_json = excluded.value_json',
      )
      .run(key, valueJson);
  },
};

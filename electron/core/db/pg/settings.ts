// Storage (PostgreSQL): the settings table (one JSON value per key).
import type { SettingsOps } from '../contract';
import type { PgOps } from './cx';

export const pgSettings: PgOps<SettingsOps> = {
  async read(cx, key) {
    return (
      (await cx.one<{ value_json: string }>('SELECT value_json FROM settings WHERE key = $1', [key]))
        ?.value_json ?? null
    );
  },
  async write(cx, key, valueJson) {
    await cx.run(
      'INSERT INTO settings (key, value_json) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json',
      [key, valueJson],
    );
  },
};

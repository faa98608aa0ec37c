// Where the desktop app keeps its data when the user moved it (设置 → 更换数据文件夹): a small pointer file in
// the app's own settings folder. CLAIMDESK_HOME still wins, so the CLI and the app can be pointed together.
import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { writeFileAtomic } from '../core/files/atomic';

export const DATA_LOCATION_FILE = 'data-location.json';

/** The folder recorded in `configDir`, or null when none (or the file is unreadable: fall back to the default). */
export function readDataLocation(configDir: string): string | null {
  try {
    const parsed = JSON.parse(readFileSync(join(configDir, DATA_LOCATION_FILE), 'utf8')) as {
      dataDir?: unknown;
    };
    return typeof parsed.dataDir === 'string' && isAbsolute(parsed.dataDir) ? parsed.dataDir : null;
  } catch {
    return null;
  }
}

export async function writeDataLocation(configDir: string, dataDir: string): Promise<void> {
  // Atomic (temp, fsync, rename, folder fsync): a power cut mid-write leaves the old pointer, never half a file.
  await writeFileAtomic(join(configDir, DATA_LOCATION_FILE), `${JSON.stringify({ dataDir }, null, 2)}\n`);
}

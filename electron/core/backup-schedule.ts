// Automatic rolling backups: an online SQLite backup into <dataDir>/backups/ whenever the last one is older
// than the user's interval, keeping the newest N. The desktop app calls startBackupSchedule() at launch; the
// CLI runs one round with `claimdesk backup --auto`. Manual and pre-restore copies are never pruned.
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { backupDatabase, cleanInterruptedBackupFiles } from './backup';
import type { Db } from './db/open';
import { store } from './db/store';
import { zodToInvalidInput } from './errors';
import { backupsDir, type Workspace } from './workspace';

const SCHEDULE_KEY = 'backup.schedule';
const LAST_MARKER_KEY = 'backup.lastMarker';

/** Daily, a fortnight deep: a family that opens the app once a week still has several weeks to go back. */
export const DEFAULT_BACKUP_SCHEDULE: BackupSchedule = { enabled: true, everyHours: 24, keep: 14 };

export const BackupSchedule = z.object({
  enabled: z.boolean(),
  // A month at most, so an office PC left on for months still gets regular copies.
  everyHours: z
    .number()
    .int('备份间隔必须是整数小时')
    .min(1, '备份间隔至少 1 小时')
    .max(24 * 30, '备份间隔最多 720 小时（30 天）'),
  keep: z.number().int('保留份数必须是整数').min(1, '至少保留 1 份').max(365, '最多保留 365 份'),
});
export type BackupSchedule = z.infer<typeof BackupSchedule>;

export type BackupKind = 'auto' | 'manual' | 'pre-restore';

export interface BackupEntry {
  name: string;
  path: string;
  kind: BackupKind;
  createdAt: string;
  bytes: number;
}

export interface AutoBackupResult {
  /** The backup written this round, or null when none was due or nothing changed. */
  created: BackupEntry | null;
  skipped: 'disabled' | 'not_due' | 'unchanged' | null;
  /** Automatic backups removed because more than `keep` exist. */
  pruned: string[];
  /** When the next automatic backup becomes due (ISO time), or null when disabled. */
  nextDueAt: string | null;
}

const AUTO_PREFIX = 'auto-';
const MANUAL_PREFIX = 'manual-';
const PRE_RESTORE_PREFIX = 'pre-restore-';
/** File-name prefixes in backups/ and what they are; `claimdesk-` is what the desktop app's "备份" button writes. */
const BACKUP_PREFIXES: ReadonlyArray<readonly [string, BackupKind]> = [
  [AUTO_PREFIX, 'auto'],
  [MANUAL_PREFIX, 'manual'],
  [PRE_RESTORE_PREFIX, 'pre-restore'],
  ['claimdesk-', 'manual'],
];
const BACKUP_SUFFIX = '.sqlite3';

/** File-name-safe UTC time that sorts in time order: 2026-11-22T20-43-18-123Z. */
function stampOf(date: Date): string {
  return date.toISOString().replace(/[:.]/g, '-');
}

function dateOfStamp(stamp: string): Date | null {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z/.exec(stamp);
  if (!m) return null;
  const d = new Date(`${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5]}Z`);
  return Number.isNaN(d.getTime()) ? null : d;
}

export function autoBackupFileName(date: Date): string {
  return `${AUTO_PREFIX}${stampOf(date)}${BACKUP_SUFFIX}`;
}

export function manualBackupFileName(date: Date): string {
  return `${MANUAL_PREFIX}${stampOf(date)}${BACKUP_SUFFIX}`;
}

export function preRestoreFileName(date: Date): string {
  return `${PRE_RESTORE_PREFIX}${stampOf(date)}${BACKUP_SUFFIX}`;
}

export function readBackupSchedule(db: Db): BackupSchedule {
  const json = store.settings.read(db, SCHEDULE_KEY);
  if (json === null) return DEFAULT_BACKUP_SCHEDULE;
  // A damaged setting must not stop backups: fall back to the defaults rather than to "never".
  try {
    const parsed = BackupSchedule.safeParse({
      ...DEFAULT_BACKUP_SCHEDULE,
      ...(JSON.parse(json) as object),
    });
    return parsed.success ? parsed.data : DEFAULT_BACKUP_SCHEDULE;
  } catch {
    return DEFAULT_BACKUP_SCHEDULE;
  }
}

/** Changes part or all of the schedule; names the bad field (everyHours, keep) when a value is out of range. */
export function updateBackupSchedule(db: Db, change: unknown): BackupSchedule {
  const partial = BackupSchedule.partial().safeParse(change);
  if (!partial.success) throw zodToInvalidInput(partial.error);
  const next = BackupSchedule.parse({ ...readBackupSchedule(db), ...partial.data });
  store.settings.write(db, SCHEDULE_KEY, JSON.stringify(next));
  return next;
}

/** Every backup in <dataDir>/backups/, newest first. Unknown files there are ignored. */
export async function listBackups(dataDir: string): Promise<BackupEntry[]> {
  const dir = backupsDir(dataDir);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const entries: BackupEntry[] = [];
  for (const name of names) {
    if (!name.endsWith(BACKUP_SUFFIX) || name.startsWith('.')) continue;
    const prefix = BACKUP_PREFIXES.find(([p]) => name.startsWith(p));
    if (!prefix) continue;
    const path = join(dir, name);
    const info = await stat(path).catch(() => null);
    if (!info?.isFile()) continue;
    const created = dateOfStamp(name.slice(prefix[0].length)) ?? info.mtime;
    entries.push({ name, path, kind: prefix[1], createdAt: created.toISOString(), bytes: info.size });
  }
  return entries.sort((a, b) =>
    a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.name < b.name ? 1 : -1,
  );
}

function readLastMarker(db: Db): string | null {
  const json = store.settings.read(db, LAST_MARKER_KEY);
  if (json === null) return null;
  try {
    const v = JSON.parse(json) as unknown;
    return typeof v === 'string' ? v : null;
  } catch {
    return null;
  }
}

function writeLastMarker(db: Db, marker: string): void {
  store.settings.write(db, LAST_MARKER_KEY, JSON.stringify(marker));
}

/** Deletes the oldest automatic backups beyond `keep`; returns the removed names. */
export async function pruneAutoBackups(dataDir: string, keep: number): Promise<string[]> {
  const autos = (await listBackups(dataDir)).filter((b) => b.kind === 'auto');
  const removed: string[] = [];
  for (const old of autos.slice(keep)) {
    await rm(old.path, { force: true });
    removed.push(old.name);
  }
  return removed;
}

/**
 * One round of the schedule: writes an automatic backup if one is due (or `force`), then prunes. Safe to call
 * while other connections write: SQLite's online backup copies a consistent snapshot.
 */
export async function runAutomaticBackup(
  ws: Workspace,
  options: { now?: Date; force?: boolean } = {},
): Promise<AutoBackupResult> {
  const now = options.now ?? new Date();
  await cleanInterruptedBackupFiles(ws.dataDir);
  const schedule = readBackupSchedule(ws.db);
  if (!schedule.enabled && !options.force)
    return { created: null, skipped: 'disabled', pruned: [], nextDueAt: null };
  const latest = (await listBackups(ws.dataDir)).find((b) => b.kind === 'auto');
  const dueAt = latest ? new Date(Date.parse(latest.createdAt) + schedule.everyHours * 3_600_000) : now;
  if (!options.force && dueAt.getTime() > now.getTime()) {
    return { created: null, skipped: 'not_due', pruned: [], nextDueAt: dueAt.toISOString() };
  }
  const marker = store.engine.dataChangeMarker(ws.db);
  const nextDue = new Date(now.getTime() + schedule.everyHours * 3_600_000).toISOString();
  if (!options.force && latest && readLastMarker(ws.db) === marker) {
    return { created: null, skipped: 'unchanged', pruned: [], nextDueAt: nextDue };
  }
  const name = autoBackupFileName(now);
  const written = await backupDatabase(ws.db, join(backupsDir(ws.dataDir), name));
  writeLastMarker(ws.db, marker);
  const pruned = await pruneAutoBackups(ws.dataDir, schedule.keep);
  return {
    created: { name, path: written.path, kind: 'auto', createdAt: now.toISOString(), bytes: written.bytes },
    skipped: null,
    pruned,
    nextDueAt: nextDue,
  };
}

/** How often the running app looks whether a backup is due; the schedule itself decides whether to write. */
export const BACKUP_POLL_MS = 10 * 60 * 1000;

export interface BackupScheduleHandle {
  /** Stops the timer; an in-flight backup finishes on its own. */
  stop(): void;
  /** Runs a round now (e.g. before the app quits). */
  runNow(): Promise<AutoBackupResult | null>;
}

/**
 * For the desktop main process: one round at start, then a check every BACKUP_POLL_MS. Failures (full disk,
 * read-only folder) go to `onError` and never stop the app; the timer is unref'd so it never keeps it alive.
 */
export function startBackupSchedule(
  ws: Workspace,
  hooks: { onBackup?: (r: AutoBackupResult) => void; onError?: (err: unknown) => void; pollMs?: number } = {},
): BackupScheduleHandle {
  let running: Promise<AutoBackupResult | null> | null = null;
  let stopped = false;
  const round = (): Promise<AutoBackupResult | null> => {
    if (running) return running;
    running = runAutomaticBackup(ws)
      .then((r) => {
        hooks.onBackup?.(r);
        return r;
      })
      .catch((err: unknown) => {
        hooks.onError?.(err);
        return null;
      })
      .finally(() => {
        running = null;
      });
    return running;
  };
  void round();
  const timer = setInterval(() => {
    if (!stopped) void round();
  }, hooks.pollMs ?? BACKUP_POLL_MS);
  timer.unref();
  return {
    stop() {
      stopped = true;
      clearInterval(timer);
    },
    runNow: round,
  };
}

// 设置 → 共享数据库: which office database this desk uses, kept in a small file of the app's own settings
// folder. The address is kept without its password; the password is kept only encrypted by the system
// (`SecretStore`: Electron safeStorage in the app, electron/main/secrets.ts; tests use their own). Where the
// system offers no encryption, the password is not kept at all: the desk asks for it each time it connects.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SharedDatabaseForm } from '../../../shared/ipc';
import { isDatabaseUrl } from '../db/engines';
import { InvalidInputError } from '../errors';
import { writeFileAtomic } from '../files/atomic';

/** Encryption the operating system offers for a secret (Electron safeStorage: DPAPI, Keychain, libsecret). */
export interface SecretStore {
  /** False where the system has no key to encrypt with (then nothing secret is kept). */
  available(): boolean;
  encrypt(text: string): Buffer;
  decrypt(sealed: Buffer): string;
}

export const SHARED_DATABASE_FILE = 'shared-database.json';

/** What the settings file holds: the address without a password, and the password sealed (or absent). */
interface Kept {
  url: string;
  sealedPassword: string | null;
  /** A password is needed but could not be kept sealed: ask for it each time. */
  askPassword: boolean;
}

/** The database address a form describes, without the password (what may be kept and shown). */
export function addressOf(form: Omit<SharedDatabaseForm, 'password'>): string {
  const host = form.host.trim();
  if (!host || /[\s/@?#]/.test(host))
    throw new InvalidInputError('请填写服务器地址（电脑名或 IP 地址）', 'enter the server address', 'host');
  const database = form.database.trim();
  const user = form.user.trim();
  if (!database) throw new InvalidInputError('请填写数据库名称', 'enter the database name', 'database');
  if (!user) throw new InvalidInputError('请填写登录用户名', 'enter the user name', 'user');
  const u = new URL('postgres://placeholder');
  u.hostname = host;
  if (form.port !== 5432) u.port = String(form.port);
  u.username = user;
  u.pathname = `/${database}`;
  return u.toString();
}

/** The address with the password, in memory only (never written, logged or shown). */
export function withPassword(address: string, password: string): string {
  if (!password) return address;
  const u = new URL(address);
  u.password = password;
  return u.toString();
}

/** The form's fields from a kept address (no password). */
export function formOf(address: string): Omit<SharedDatabaseForm, 'password'> {
  const u = new URL(address);
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : 5432,
    database: decodeURIComponent(u.pathname.slice(1)),
    user: decodeURIComponent(u.username),
  };
}

function read(configDir: string): Kept | null {
  try {
    const parsed = JSON.parse(readFileSync(join(configDir, SHARED_DATABASE_FILE), 'utf8')) as Partial<Kept>;
    if (typeof parsed.url !== 'string' || !isDatabaseUrl(parsed.url)) return null;
    // A password found in the kept address (written by hand) is dropped: it never counts as kept safely.
    const u = new URL(parsed.url);
    u.password = '';
    return {
      url: u.toString(),
      sealedPassword: typeof parsed.sealedPassword === 'string' ? parsed.sealedPassword : null,
      askPassword: parsed.askPassword === true,
    };
  } catch {
    return null;
  }
}

export interface KeptDatabase {
  /** The address without password. */
  address: string;
  /** The full address to connect with, or null when the password is not kept (ask for it). */
  url: string | null;
}

/** The shared database this desk was switched to, or null (it uses its data folder). */
export function readKeptDatabase(configDir: string, secrets: SecretStore): KeptDatabase | null {
  const kept = read(configDir);
  if (!kept) return null;
  if (kept.askPassword) return { address: kept.url, url: null };
  // No password given (the server trusts this PC, or PostgreSQL's own password file has it).
  if (kept.sealedPassword === null) return { address: kept.url, url: kept.url };
  if (!secrets.available()) return { address: kept.url, url: null };
  try {
    return {
      address: kept.url,
      url: withPassword(kept.url, secrets.decrypt(Buffer.from(kept.sealedPassword, 'base64'))),
    };
  } catch {
    // Sealed on another PC or account: the system cannot open it here. Ask for the password again.
    return { address: kept.url, url: null };
  }
}

/**
 * Keeps the database this desk uses. The password is kept only sealed by the system; where the system cannot
 * seal it, it is NOT kept (never in plain text) and the desk asks for it each time it opens (passwordKept false).
 */
export async function keepDatabase(
  configDir: string,
  secrets: SecretStore,
  address: string,
  password: string,
): Promise<{ passwordKept: boolean }> {
  const sealable = password !== '' && secrets.available();
  const sealedPassword = sealable ? secrets.encrypt(password).toString('base64') : null;
  const askPassword = password !== '' && !sealable;
  await writeFileAtomic(
    join(configDir, SHARED_DATABASE_FILE),
    `${JSON.stringify({ url: address, sealedPassword, askPassword }, null, 2)}\n`,
  );
  return { passwordKept: !askPassword };
}

/** Back to this PC's data folder: the kept database (and its sealed password) is forgotten. */
export async function forgetDatabase(configDir: string): Promise<void> {
  await writeFileAtomic(join(configDir, SHARED_DATABASE_FILE), '{}\n');
}

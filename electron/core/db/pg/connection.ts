// Where a desk's database password comes from, never from ClaimDesk's own files in plain text: the URL the
// desk was given (the app keeps it encrypted by the system, Electron safeStorage), PGPASSWORD, or the password
// file PostgreSQL's own tools read (PGPASSFILE, else ~/.pgpass; %APPDATA%\postgresql\pgpass.conf on
// Windows). node-postgres would read that file itself but warns on every connection that it will stop; asking
// the same module ourselves keeps the behaviour and the terminal quiet. The URL is taken apart here rather
// than handed over as a connection string: node-postgres lets a connection string's (empty) password win over
// a password function.
import pgpass from 'pgpass';

export interface ConnectionOptions {
  host: string;
  port: number;
  user: string | undefined;
  database: string | undefined;
  password: () => Promise<string>;
  ssl?: { rejectUnauthorized: boolean };
}

/**
 * How node-postgres reaches the database at `url` (postgres://user[:password]@host[:port]/database, with
 * `?host=/socket/folder` for a unix socket and `?sslmode=require|verify-full`); the password is the URL's own,
 * PGPASSWORD's, the password file's, or '' (none).
 */
export function connectionOptions(url: string): ConnectionOptions {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  const info = {
    host: u.searchParams.get('host') ?? (u.hostname || 'localhost'),
    port: u.port || '5432',
    database: decodeURIComponent(u.pathname.slice(1)) || undefined,
    user: decodeURIComponent(u.username) || process.env.PGUSER,
  };
  const sslmode = u.searchParams.get('sslmode');
  return {
    host: info.host,
    port: Number(info.port),
    user: info.user,
    database: info.database,
    password: async () => {
      if (password) return password;
      if (process.env.PGPASSWORD) return process.env.PGPASSWORD;
      return new Promise((resolve) => pgpass(info, (found) => resolve(found ?? '')));
    },
    ...(sslmode === 'require' || sslmode === 'verify-ca' || sslmode === 'verify-full'
      ? { ssl: { rejectUnauthorized: sslmode !== 'require' } }
      : {}),
  };
}

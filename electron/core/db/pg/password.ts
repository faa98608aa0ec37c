// Where a desk's database password comes from, never from ClaimDesk's own files in plain text: the URL the
// desk was given (the app keeps it encrypted by the system, Electron safeStorage), PGPASSWORD, or the password
// file PostgreSQL's own tools read (PGPASSFILE, else ~/.pgpass; %APPDATA%\postgresql\pgpass.conf on
// Windows). node-postgres would read that file itself but warns on every connection that it will stop; asking
// the same module ourselves keeps the behaviour and the terminal quiet.
import pgpass from 'pgpass';

/** The password node-postgres should use for `url`: the URL's own, PGPASSWORD's, the password file's, or '' (none). */
export function passwordFor(url: string): () => Promise<string> {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  const info = {
    host: u.searchParams.get('host') ?? (u.hostname || 'localhost'),
    port: u.port || '5432',
    database: decodeURIComponent(u.pathname.slice(1)) || undefined,
    user: decodeURIComponent(u.username) || process.env.PGUSER,
  };
  return async () => {
    if (password) return password;
    if (process.env.PGPASSWORD) return process.env.PGPASSWORD;
    return new Promise((resolve) => pgpass(info, (found) => resolve(found ?? '')));
  };
}

/** The URL as it may be shown or logged: any password replaced by ***. */
export function redactUrl(url: string): string {
  return url.replace(/^(postgres(?:ql)?:\/\/[^:/@]*):[^@]*@/i, '$1:***@');
}

// The CLI in scripts: a billing desk pipes `claimdesk … --json` into other tools. A reader that stops early
// (`| head`) must not turn into a crash with a stack trace, and libraries' console chatter must never land
// in the JSON on stdout (the fuzz test covers the latter with broken HEICs).
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ensurePhotos } from '../../scripts/reliability-fixtures';
import { CLI, REPO_ROOT } from '../helpers/tmp';

describe('claimdesk in a pipeline', () => {
  it(
    'a reader that closes the pipe early (| head) ends the command quietly, with its own exit status',
    { timeout: 120_000 },
    async () => {
      const photos = await ensurePhotos('kill-photos', 50);
      // 150 reports (~200 KB of JSON) overflow the 64 KB pipe buffer, so the writer meets the closed pipe.
      const files = [...photos, ...photos, ...photos].map((p) => `'${p}'`).join(' ');
      const r = spawnSync(
        'bash',
        ['-c', `node '${CLI}' check --json ${files} | head -c 100 >/dev/null; exit \${PIPESTATUS[0]}`],
        {
          cwd: REPO_ROOT,
          encoding: 'utf8',
          timeout: 120_000,
        },
      );
      expect(r.stderr).not.toMatch(/EPIPE|Unhandled 'error' event|内部错误/);
      // The same status as when the whole report is read (the photos' own verdict, 0 or 1, decides it).
      const whole = spawnSync('bash', ['-c', `node '${CLI}' check --json ${files} >/dev/null`], {
        cwd: REPO_ROOT,
        encoding: 'utf8',
        timeout: 120_000,
      });
      expect([0, 1]).toContain(whole.status);
      expect(r.status).toBe(whole.status);
    },
  );
});

// The README is a guide a newcomer reads in ten minutes (issue 22): it stays within 300 lines, opens with the
// two commands (see it work, run every test), and every file it links to exists. The detail lives in docs/.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const lines = readme.split('\n');

describe('README as a guide', () => {
  it('stays within 300 lines', () => {
    expect(lines.length).toBeLessThanOrEqual(300);
  });

  it('opens with the two commands: the demo and the whole test suite', () => {
    expect(lines[0]).toMatch(/^# ClaimDesk/);
    const firstBlock = /```bash\n([\s\S]*?)```/.exec(lines.slice(0, 8).join('\n'))?.[1] ?? '';
    const commands = firstBlock.split('\n').filter((l) => l.trim() !== '');
    expect(commands).toHaveLength(2);
    expect(commands[0]).toMatch(/^bash scripts\/setup\.sh && npx claimdesk demo\b/);
    expect(commands[1]).toMatch(/^bash scripts\/setup\.sh && npm test\b/);
    // Both commands are real: the script exists, `demo` is a CLI command and `npm test` a script.
    expect(existsSync(join(ROOT, 'scripts', 'setup.sh'))).toBe(true);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.test).toBeDefined();
    expect(readFileSync(join(ROOT, 'electron', 'cli', 'commands', 'demo.ts'), 'utf8')).toMatch(
      /command\('demo'\)/,
    );
  });

  it('links only to files that exist', () => {
    const targets = [...readme.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)].map((m) => m[1]!);
    expect(targets.length).toBeGreaterThan(5);
    const missing = targets.filter(
      (t) => !/^[a-z]+:/.test(t) && !existsSync(join(ROOT, dirname('README.md'), t)),
    );
    expect(missing).toEqual([]);
  });
});

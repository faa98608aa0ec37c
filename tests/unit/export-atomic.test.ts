// Export temp files: a killed export's leftovers are removed by the next export, a live one's are not.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeOutputFile } from '../../electron/core/export/output';
import { isProcessAlive } from '../../electron/core/files/atomic';
import { makeTempDir } from '../helpers/tmp';

const temps: Array<() => void> = [];
afterEach(() => temps.splice(0).forEach((c) => c()));

/** The pid of a process that has certainly exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  });
  return Number(r.stdout);
}

describe('atomic export writes', () => {
  it('removes a killed export’s temp file beside the target, keeps a live one and unrelated files', async () => {
    const t = makeTempDir();
    temps.push(t.cleanup);
    const target = join(t.dir, '材料包.pdf');
    const dead = deadPid();
    expect(isProcessAlive(dead)).toBe(false);
    expect(isProcessAlive(process.pid)).toBe(true);
    const stale = join(t.dir, `.材料包.pdf.${dead}-0a1b2c3d.part`);
    const live = join(t.dir, `.材料包.pdf.${process.pid}-deadbeef.part`);
    const other = join(t.dir, `.other.pdf.${dead}-0a1b2c3d.part`);
    for (const f of [stale, live, other]) writeFileSync(f, 'partial');
    await writeOutputFile(target, new TextEncoder().encode('%PDF-1.7 whole'));
    expect(readFileSync(target, 'utf8')).toBe('%PDF-1.7 whole');
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(live)).toBe(true);
    expect(existsSync(other)).toBe(true);
  });
});

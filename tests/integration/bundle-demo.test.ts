// `claimdesk demo`: the README's first command. From the committed samples it checks, evaluates and
// exports, and its summary shows the deliberately flawed photo's finding.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir, runCli } from '../helpers/tmp';

const tmp = makeTempDir('claimdesk-bundle-demo-');
afterAll(() => tmp.cleanup());

describe('claimdesk demo', () => {
  it('exports the sample bundle and upload images and explains the finding in Chinese', () => {
    const outDir = join(tmp.dir, 'demo-out');
    const r = runCli(['demo', '--out', outDir], { dataDir: join(tmp.dir, 'data'), timeoutMs: 230_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    const pdf = join(outDir, '报销材料包-样本.pdf');
    expect(statSync(pdf).size).toBeGreaterThan(100_000);
    expect(spawnSync('qpdf', ['--check', pdf]).status).toBe(0);
    // One upload image per page: the sample's 10 photos and the e-invoice PDF's 2 pages.
    expect(readdirSync(join(outDir, '上传图片')).length).toBe(12);
    expect(r.stdout).toContain('medical-record.jpg');
    expect(r.stdout).toContain('反光');
    expect(r.stdout).toContain(pdf);
    expect(r.stdout).toMatch(/材料清单：\d+ 项要求/);
    // The demo never creates a database in the user's data folder.
    expect(existsSync(join(tmp.dir, 'data'))).toBe(false);
    // It reads every sample paper (OCR, ~1 s a photo on a quiet 2-core machine, several under load).
  }, 240_000);
});

// `claimdesk import` runs the photo check on each page and stores the report with it (page-checker.ts),
// so the app and the export read the verdict without checking again.
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { QualityReport } from '../../shared/quality';
import { makeCorpus } from '../../scripts/make-quality-corpus';
import { SAMPLE_SESSION_STEPS } from '../helpers/cli-session';
import { makeTempDir, runCli } from '../helpers/tmp';

const tmp = makeTempDir('claimdesk-check-import-');
afterAll(() => tmp.cleanup());
const data = join(tmp.dir, 'data');

beforeAll(async () => {
  await makeCorpus(tmp.dir, {
    long: 2400,
    docs: ['diagnosis_certificate'],
    filter: (c) => c.name === 'clean-a',
  });
  // A dark, unsealed copy: two faults the stored report must carry.
  await sharp(join(tmp.dir, 'diagnosis_certificate-clean-a.jpg'))
    .linear(0.3, 0)
    .jpeg()
    .toFile(join(tmp.dir, 'dark.jpg'));
  const steps = SAMPLE_SESSION_STEPS;
  for (const s of steps) expect(runCli(s, { dataDir: data }).status, s.join(' ')).toBe(0);
}, 120_000);

it('stores a quality report on every imported page', () => {
  const r = runCli(
    [
      'import',
      '1',
      '--kind',
      'diagnosis_certificate',
      '--json',
      join(tmp.dir, 'diagnosis_certificate-clean-a.jpg'),
      join(tmp.dir, 'dark.jpg'),
    ],
    { dataDir: data },
  );
  expect(r.status, r.stderr).toBe(0);
  const doc = JSON.parse(r.stdout) as { pages: { originalName: string; quality: unknown }[] };
  expect(doc.pages).toHaveLength(2);
  const [good, dark] = doc.pages.map((p) => QualityReport.parse(p.quality));
  expect(good!.file).toBe('diagnosis_certificate-clean-a.jpg');
  expect(good!.verdict).toBe('pass');
  expect(good!.kind).toBe('diagnosis_certificate');
  expect(dark!.findings.map((f) => f.code)).toContain('too_dark');
  // Read back from the database, not just echoed by import.
  const shown = runCli(['claim', 'show', '1', '--json'], { dataDir: data });
  expect(shown.stdout).toContain('too_dark');
});

// Photo checks on the fourth calibration set (issue 21, third round: scripts/make-quality-corpus-d.ts), the
// confirmation set nobody tuned on: set C was looked at while fixing the measures, so it stopped confirming
// anything. A small sample at a small frame (labels come from the construction at that size), scored as
// the full set is: every fault the label rejects is failed, and nothing the label does not allow is an
// error. The gaps set D found (docs/quality-checks.md, set D) are kept as expected failures, so the day one
// is fixed its test turns red and is made a plain one.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QualityReport } from '../../shared/quality';
import { checkFile } from '../../electron/core/pages/check';
import { sealKindsFromRules } from '../../electron/core/rules/seal-kinds';
import type { EntryC } from '../../scripts/make-quality-corpus-c';
import { makeSetD } from '../../scripts/make-quality-corpus-d';
import { makeTempDir } from '../helpers/tmp';

const tmp = makeTempDir('claimdesk-check-set-d-');
afterAll(() => tmp.cleanup());

const SOUND = ['scan-e-red-rules', 'blur-form-r8', 'phone-cert-unsealed', 'cut-record-bottom'];
const GAPS = ['gaopai-record'];
/** Frames of 1600 px (set C's test size): at 1200 px the record's and certificate's text falls under 10 px. */
const LONG = 1600;
const reports = new Map<string, QualityReport>();
let entries: EntryC[] = [];

beforeAll(async () => {
  entries = await makeSetD(tmp.dir, { only: [...SOUND, ...GAPS], long: LONG });
  const sealKinds = sealKindsFromRules();
  for (const e of entries)
    reports.set(e.name, await checkFile(join(tmp.dir, e.file), { kind: e.kind, sealKinds }));
}, 300_000);

/** What the report gets wrong against the label: rejected faults not failed, errors the label does not allow. */
function wrong(name: string): string[] {
  const e = entries.find((x) => x.name === name)!;
  const r = reports.get(name)!;
  const errors = r.findings.filter((f) => f.severity === 'error').map((f) => f.code);
  return [
    ...e.reject.filter((c) => !errors.includes(c)).map((c) => `missed ${c}`),
    ...errors.filter((c) => !e.reject.includes(c) && !e.tolerate.includes(c)).map((c) => `false ${c}`),
  ];
}

describe('set D: confirmation on a set never tuned on', () => {
  it('made every picked photo', () => {
    expect(entries.map((e) => e.name).sort()).toEqual([...SOUND, ...GAPS].sort());
  });

  it('labels come from the construction', () => {
    const reject = (n: string) => entries.find((e) => e.name === n)!.reject;
    expect(reject('blur-form-r8')).toContain('blurry');
    expect(reject('phone-cert-unsealed')).toEqual(['seal_missing']);
    expect(reject('cut-record-bottom')).toContain('incomplete_page');
    expect(reject('scan-e-red-rules')).toEqual([]);
  });

  it('judges the sample as its labels say', () => {
    for (const name of SOUND)
      expect(wrong(name), `${name} ${JSON.stringify(reports.get(name)!.metrics)}`).toEqual([]);
  });

  // Known gap: a 高拍仪 record whose paper is whitened to 255 and whose thin strokes the analysis raster
  // renders grey reads as washed-out ink (set C's class 1). The full-resolution stroke floor frees C's six and
  // two of D's four, but this record's boldest cores read 131 at 2000 px, inside the washed photos' 125-190.
  it.fails('does not call a 高拍仪 record at paper 255 overexposed', () => {
    expect(wrong('gaopai-record')).toEqual([]);
  });
});

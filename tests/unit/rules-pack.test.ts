// Rule packs: the bundled data is valid, every source phrase is really in the seed it names, regional packs
// override only what they say, and a broken pack is refused naming the JSON path of the bad field.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DOCUMENT_KINDS, FILING_TYPES } from '../../shared/domain';
import { ClaimDeskError } from '../../electron/core/errors';
import {
  listRulePacks,
  loadRulePack,
  rulePackForRegion,
  rulesDir,
  sealRequiredKinds,
} from '../../electron/core/rules/pack';

const SEEDS = join(import.meta.dirname, '..', 'fixtures', 'rules', 'seeds');
const national = JSON.parse(readFileSync(join(rulesDir(), 'national.json'), 'utf8')) as Record<
  string,
  unknown
>;

function packErrorOf(fn: () => unknown): ClaimDeskError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ClaimDeskError);
    return err as ClaimDeskError;
  }
  throw new Error('expected the pack to be refused');
}

function writePack(content: unknown, name = 'pack.json'): string {
  const dir = mkdtempSync(join(tmpdir(), 'claimdesk-rules-'));
  const file = join(dir, name);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

function allSources(
  value: unknown,
  out: Array<{ seed: string; phrase: string }> = [],
): Array<{ seed: string; phrase: string }> {
  if (Array.isArray(value)) value.forEach((v) => allSources(v, out));
  else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.seed === 'string' && typeof o.phrase === 'string')
      out.push({ seed: o.seed, phrase: o.phrase });
    else Object.values(o).forEach((v) => allSources(v, out));
  }
  return out;
}

describe('bundled rule packs', () => {
  it('national pack loads and covers every scenario kind of POLICY.md section 2', () => {
    const pack = loadRulePack();
    expect(pack.id).toBe('national');
    const kinds = new Set(pack.requirements.flatMap((r) => r.kinds));
    for (const k of DOCUMENT_KINDS.filter((k) => !['other', 'filing_form'].includes(k)))
      expect(kinds, k).toContain(k);
  });

  it('every source phrase appears word for word in the seed file it names', () => {
    const sources = allSources(national);
    expect(sources.length).toBeGreaterThan(30);
    for (const { seed, phrase } of sources) {
      const text = readFileSync(join(SEEDS, seed), 'utf8');
      expect(text.includes(phrase), `${seed}: ${phrase}`).toBe(true);
    }
  });

  it('holds both sides where the seeds disagree on filing validity (POLICY.md section 4)', () => {
    const pack = loadRulePack();
    const temporary = pack.time.filingValidity.temporary;
    expect(temporary.period).toEqual({ months: 6 });
    expect(temporary.sources[0]!.seed).toMatch(/^004_/);
    expect(temporary.disagreements.map((d) => d.source.seed)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^000_/)]),
    );
    expect(pack.time.filingValidity.longTerm.disagreements.length).toBeGreaterThanOrEqual(2);
  });

  it('every requirement and time rule carries at least one source', () => {
    const pack = loadRulePack();
    for (const r of pack.requirements) expect(r.sources.length, r.id).toBeGreaterThan(0);
    expect(pack.time.submission.sources.length).toBeGreaterThan(0);
  });

  it('the example regional pack overrides a few values and keeps the rest', () => {
    const base = loadRulePack('national');
    const region = loadRulePack('example-region');
    expect(region.time.filingValidity.byType.referral?.period).toEqual({ months: 3 });
    expect(region.time.submission.warnDaysBefore).toBe(60);
    expect(region.time.submission.period).toEqual(base.time.submission.period);
    expect(region.requirements.map((r) => r.id)).toEqual([
      ...base.requirements.map((r) => r.id),
      'outpatient-medical-record',
    ]);
  });

  it('picks the pack by the insured region, national when none matches', () => {
    expect(rulePackForRegion('示例省示例市鼓楼区').id).toBe('example-region');
    expect(rulePackForRegion('江苏省南京市').id).toBe('national');
    expect(listRulePacks().map((p) => p.id)).toEqual(expect.arrayContaining(['national', 'example-region']));
  });

  it('sealRequiredKinds lists the kinds with a seal check', () => {
    expect(sealRequiredKinds(loadRulePack())).toEqual(['invoice', 'diagnosis_certificate']);
  });

  it('byType accepts every filing type', () => {
    for (const t of FILING_TYPES) {
      const pack = structuredClone(national) as {
        time: { filingValidity: { byType: Record<string, unknown> } };
      };
      pack.time.filingValidity.byType[t] = {
        period: { days: 30 },
        severity: 'warning',
        sources: [{ seed: 'x', phrase: 'y' }],
      };
      expect(loadRulePack(writePack(pack)).time.filingValidity.byType[t]?.period).toEqual({ days: 30 });
    }
  });
});

type Mutate = (p: Record<string, any>) => void; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('a broken pack is refused naming the bad field', () => {
  const cases: Array<{ name: string; mutate: Mutate; field: string }> = [
    {
      name: 'unknown document kind',
      mutate: (p) => (p.requirements[3].kinds = ['passport']),
      field: 'requirements[3].kinds[0]',
    },
    {
      name: 'source without phrase',
      mutate: (p) => delete p.requirements[9].sources[1].phrase,
      field: 'requirements[9].sources[1].phrase',
    },
    {
      name: 'negative period',
      mutate: (p) => (p.time.submission.period = { months: -6 }),
      field: 'time.submission.period.months',
    },
    {
      name: 'misspelt key',
      mutate: (p) => (p.requirements[0].kindz = ['id_card']),
      field: 'requirements[0].kindz',
    },
    {
      name: 'unknown check',
      mutate: (p) => (p.requirements[9].checks[1].check = 'stamp'),
      field: 'requirements[9].checks[1].check',
    },
    {
      name: 'duplicate id',
      mutate: (p) => (p.requirements[2].id = p.requirements[1].id),
      field: 'requirements[2].id',
    },
    { name: 'no sources', mutate: (p) => (p.requirements[4].sources = []), field: 'requirements[4].sources' },
    {
      name: 'bad severity',
      mutate: (p) => (p.time.emergencyFiling.severity = 'fatal'),
      field: 'time.emergencyFiling.severity',
    },
    {
      name: 'bad filing type in condition',
      mutate: (p) => (p.requirements[18].when.filingTypes = ['abroad']),
      field: 'requirements[18].when.filingTypes[0]',
    },
  ];
  it.each(cases)('$name → $field', ({ mutate, field }) => {
    const pack = structuredClone(national) as Record<string, unknown>;
    mutate(pack);
    const err = packErrorOf(() => loadRulePack(writePack(pack)));
    expect(err.code).toBe('rule_pack_invalid');
    expect(err.field).toBe(field);
    expect(err.zh).toContain(field);
  });

  it('not JSON at all', () => {
    const file = writePack('{ "id": "x", ');
    const err = packErrorOf(() => loadRulePack(file));
    expect(err.code).toBe('rule_pack_invalid');
    expect(err.zh).toContain('JSON');
  });

  it('a missing pack names the file', () => {
    const err = packErrorOf(() => loadRulePack('no-such-region'));
    expect(err.code).toBe('rule_pack_invalid');
    expect(err.zh).toContain('no-such-region.json');
  });

  it('a pack name that could walk out of the rules folder is refused', () => {
    expect(packErrorOf(() => loadRulePack('..')).code).toBe('rule_pack_invalid');
    expect(packErrorOf(() => loadRulePack('Bad Name')).field).toBe('rules');
  });

  it('a regional override is checked and the path is the one in the regional file', () => {
    const file = writePack({
      id: 'r',
      name: 'r',
      version: '1',
      extends: 'national',
      time: {
        filingValidity: {
          byType: {
            referral: { period: { weeks: 2 }, severity: 'error', sources: [{ seed: 'a', phrase: 'b' }] },
          },
        },
      },
    });
    const err = packErrorOf(() => loadRulePack(file));
    expect(err.field).toMatch(/^time\.filingValidity\.byType\.referral\.period/);

    const req = writePack({
      id: 'r',
      name: 'r',
      version: '1',
      extends: 'national',
      requirements: [{ id: 'invoice' }, { id: 'invoice', minCount: 0 }],
    });
    expect(packErrorOf(() => loadRulePack(req)).field).toBe('requirements[1].minCount');

    const added = writePack({
      id: 'r',
      name: 'r',
      version: '1',
      extends: 'national',
      requirements: [{ id: 'new-one', title: 'x' }],
    });
    expect(packErrorOf(() => loadRulePack(added)).field).toMatch(/^requirements\[0\]\./);
  });

  it('a pack that extends itself is refused instead of looping', () => {
    const file = writePack({ id: 'loop', name: 'l', version: '1', extends: 'loop' }, 'loop.json');
    expect(packErrorOf(() => loadRulePack(file)).field).toBe('extends');
  });
});

describe('the documented example', () => {
  it('the regional pack shown in docs/reference/evaluate.md loads and does what it says', () => {
    const doc = readFileSync(
      join(import.meta.dirname, '..', '..', 'docs', 'reference', 'evaluate.md'),
      'utf8',
    );
    const section = doc.slice(
      doc.indexOf('<!-- section:evaluate -->'),
      doc.indexOf('<!-- /section:evaluate -->'),
    );
    const example = /```json\n([\s\S]*?)```/.exec(section)?.[1];
    expect(example).toBeDefined();
    const pack = loadRulePack(writePack(example!, 'jiangsu-nanjing.json'));
    expect(pack.time.filingValidity.byType.referral?.period).toEqual({ months: 3 });
    expect(pack.requirements.find((r) => r.id === 'medical-record')?.when.filingTypes).toEqual([
      'referral',
      'emergency',
    ]);
    expect(pack.requirements.at(-1)?.id).toBe('outpatient-medical-record');
  });
});

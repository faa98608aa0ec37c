// `claimdesk evaluate` run as a user would: a spawned CLI on manifests in throwaway folders. Exit statuses
// per docs/contracts.md: 0 complete with no error, 1 incomplete or an error-level problem, 2 a bad manifest,
// rule pack or option (the message names the field).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvaluationReport } from '../../shared/evaluation';
import { importDocument } from '../../electron/core/import';
import { indexClaimInvoices } from '../../electron/core/import';
import { createClaim, createHousehold, createPerson } from '../../electron/core/repo';
import { rulesDir } from '../../electron/core/rules/pack';
import { openWorkspace } from '../../electron/core/workspace';
import { makeTempDir, runCli } from '../helpers/tmp';
import { makeInvoicePhoto, vatPayload } from './evaluate-helpers';
import { SAMPLE_BANK_ACCOUNT, sampleManifest } from '../helpers/sample-claim';

let tmp: { dir: string; cleanup: () => void };
let emptyData: string;

const KINDS = [
  'id_card',
  'insurance_card',
  'bank_account',
  'invoice',
  'itemized_bill',
  'diagnosis_certificate',
] as const;

function manifest(
  over: Record<string, unknown> = {},
  documents: Array<{ kind: string; files: string[] }> = KINDS.map((k) => ({ kind: k, files: [`${k}.jpg`] })),
): Record<string, unknown> {
  // Top-level keys of `over` replace the sample's whole (a claim given here is the claim, not merged).
  return {
    ...sampleManifest({
      claimant: { bankAccount: { ...SAMPLE_BANK_ACCOUNT, number: '6217000000000000004' } },
      claim: { careSetting: 'outpatient' },
      documents,
    }),
    ...over,
  };
}

async function folderWith(
  name: string,
  content: unknown,
  files: readonly string[] = KINDS.map((k) => `${k}.jpg`),
): Promise<string> {
  const dir = join(tmp.dir, name);
  mkdirSync(dir, { recursive: true });
  for (const f of files) {
    await sharp({ create: { width: 64, height: 48, channels: 3, background: '#eeeeee' } })
      .jpeg()
      .toFile(join(dir, f));
  }
  const file = join(dir, 'claim.json');
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return file;
}

const evaluate = (...args: string[]) => runCli(['evaluate', ...args], { dataDir: emptyData });
const json = (stdout: string) => JSON.parse(stdout) as EvaluationReport & { documentOrder: number[] };

beforeAll(() => {
  tmp = makeTempDir();
  emptyData = join(tmp.dir, 'no-data');
});
afterAll(() => tmp.cleanup());

describe('claimdesk evaluate', () => {
  it('a complete outpatient claim: exit 0, JSON per the contract', async () => {
    const file = await folderWith('complete', manifest());
    const r = evaluate(file, '--json', '--today', '2026-11-01', '--no-check');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const report = json(r.stdout);
    expect(report.complete).toBe(true);
    expect(report.problems).toEqual([]);
    expect(report.requirements.map((x) => x.id)).toEqual([
      ...'id-card insurance-card bank-account invoice itemized-bill diagnosis-certificate integrity-pledge'.split(
        ' ',
      ),
    ]);
    for (const req of report.requirements) {
      // The app-made pledge waits for its hand signature; it does not make the claim incomplete.
      expect(req).toEqual(
        expect.objectContaining({
          status: req.id === 'integrity-pledge' ? 'needs_attention' : 'satisfied',
          kinds: expect.any(Array),
          reason: expect.any(String),
          // People read the guide's title; programs still get the seed file in `sources`.
          source: expect.stringMatching(/《.+》：“.+”/),
          sources: expect.arrayContaining([
            expect.objectContaining({ seed: expect.stringMatching(/\.(txt|md)$/) }),
          ]),
        }),
      );
    }
    expect(report.documentOrder).toEqual([0, 1, 2, 3, 4, 5]);
    expect(report.deadline).toEqual({ date: '2027-04-01', daysLeft: 151, source: expect.any(String) });
    // Nothing was written to the data folder: evaluating never creates a database.
    expect(() => readFileSync(join(emptyData, 'claimdesk.sqlite3'))).toThrow();
  });

  it('outpatient care written with admissionDate/dischargeDate (the contract example’s spelling) is accepted', async () => {
    const claim = { careSetting: 'outpatient', hospital: '南京市第一医院', treatmentRegion: '江苏省南京市' };
    const file = await folderWith(
      'outpatient-two-dates',
      manifest({ claim: { ...claim, admissionDate: '2026-10-01', dischargeDate: '2026-10-01' } }),
    );
    const r = evaluate(file, '--json', '--today', '2026-11-01', '--no-check');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const report = json(r.stdout);
    expect(report.problems).toEqual([]);
    expect(report.deadline).toEqual({ date: '2027-04-01', daysLeft: 151, source: expect.any(String) });
    // No date at all is still refused, naming the visit date.
    const none = await folderWith('outpatient-no-date', manifest({ claim }));
    const r2 = evaluate(none, '--json', '--today', '2026-11-01', '--no-check');
    expect(r2.status).toBe(1);
    expect(json(r2.stdout).problems).toContainEqual(
      expect.objectContaining({ code: 'date_missing', severity: 'error', field: 'claim.visitDate' }),
    );
  });

  it('an incomplete referral claim: exit 1, exactly the missing requirements, deadline passed', async () => {
    const file = await folderWith(
      'referral',
      manifest({
        claim: {
          careSetting: 'inpatient',
          hospital: '上海市第一人民医院',
          treatmentRegion: '上海市',
          admissionDate: '2026-03-01',
          dischargeDate: '2026-03-10',
          crossRegion: { filingType: 'referral', filingDate: '2026-02-27' },
        },
      }),
    );
    const r = evaluate(file, '--json', '--today', '2026-11-22', '--no-check');
    expect(r.status).toBe(1);
    const report = json(r.stdout);
    expect(report.complete).toBe(false);
    expect(report.requirements.filter((x) => x.status === 'missing').map((x) => x.id)).toEqual([
      'discharge-summary',
      'referral-certificate',
      'medical-record',
    ]);
    expect(report.requirements.find((x) => x.id === 'referral-certificate')!.source).toContain(
      '需主治医师及科主任签字',
    );
    expect(report.problems.map((p) => p.code)).toEqual(['deadline_passed']);
  });

  it('prints a Chinese checklist with reasons and sources', async () => {
    const file = await folderWith(
      'human',
      manifest(
        {},
        KINDS.filter((k) => k !== 'itemized_bill').map((k) => ({ kind: k, files: [`${k}.jpg`] })),
      ),
    );
    const r = evaluate(file, '--today', '2026-11-01', '--no-check');
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('材料清单');
    expect(r.stdout).toContain('✗ 费用清单【缺少】');
    expect(r.stdout).toContain('依据：《如何申请网上报销医保》：“必备项:');
    expect(r.stdout).toContain('结论：暂不能提交：还缺 1 项材料');
  });

  it('runs the photo checks by default: a thumbnail-sized photo fails as document_quality', async () => {
    const file = await folderWith('quality', manifest());
    const r = evaluate(file, '--json', '--today', '2026-11-01');
    expect(r.status).toBe(1);
    const report = json(r.stdout);
    expect(report.problems.filter((p) => p.code === 'document_quality').length).toBe(KINDS.length);
    expect(report.requirements.find((x) => x.id === 'invoice')!.status).toBe('needs_attention');
  });

  it('the regional pack is chosen with --rules and changes the outcome', async () => {
    const file = await folderWith('region', manifest());
    const r = evaluate(file, '--json', '--today', '2026-11-01', '--no-check', '--rules', 'example-region');
    expect(r.status).toBe(1);
    expect(
      json(r.stdout)
        .requirements.filter((x) => x.status === 'missing')
        .map((x) => x.id),
    ).toEqual(['outpatient-medical-record']);
  });

  const usage: Array<{ name: string; content: unknown; args?: string[]; field: string }> = [
    {
      name: 'bad kind',
      content: manifest({}, [{ kind: 'passport', files: ['id_card.jpg'] }]),
      field: 'documents[0].kind',
    },
    {
      name: 'bad date',
      content: manifest({
        claim: { careSetting: 'outpatient', hospital: 'h', treatmentRegion: 'r', visitDate: '2026-13-01' },
      }),
      field: 'claim.visitDate',
    },
    {
      name: 'not a relative',
      content: manifest({
        applicant: { relation: 'neighbour', name: '王五', idNumber: '11010519491231002X' },
      }),
      field: 'applicant.relation',
    },
    {
      name: 'escape',
      content: manifest({}, [{ kind: 'invoice', files: ['../secret.jpg'] }]),
      field: 'documents[0].files[0]',
    },
    {
      name: 'missing file',
      content: manifest({}, [{ kind: 'invoice', files: ['invoice.jpg', 'gone.jpg'] }]),
      field: 'documents[0].files[1]',
    },
    { name: 'broken JSON', content: '{"claimant": {', field: 'JSON' },
    { name: 'bad --today', content: manifest(), args: ['--today', '2026-02-30'], field: '--today' },
  ];
  it.each(usage)('$name → exit 2 naming $field', async ({ name, content, args, field }) => {
    const file = await folderWith(`usage-${name.replaceAll(' ', '-')}`, content, [
      'invoice.jpg',
      ...KINDS.map((k) => `${k}.jpg`),
    ]);
    const r = evaluate(file, '--json', ...(args ?? []));
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(field);
  });

  it('a broken rule pack → exit 2 naming the bad field', async () => {
    const pack = JSON.parse(readFileSync(join(rulesDir(), 'national.json'), 'utf8')) as {
      requirements: Array<{ kinds: string[] }>;
    };
    pack.requirements[6]!.kinds = ['receipt'];
    const packFile = join(tmp.dir, 'broken-pack.json');
    writeFileSync(packFile, JSON.stringify(pack));
    const file = await folderWith('broken-pack', manifest());
    const r = evaluate(file, '--rules', packFile, '--no-check');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('requirements[6].kinds[0]');
  });

  it('claimdesk rules lists, shows and validates rule packs', async () => {
    const list = runCli(['rules']);
    expect(list.status).toBe(0);
    expect(list.stdout).toContain('national');
    const shown = runCli(['rules', 'example-region']);
    expect(shown.status).toBe(0);
    expect(shown.stdout).toContain('异地转诊有效期：3个月');
    expect(shown.stdout).toContain('另一说法：临时备案有效期通常为7天');
    const broken = join(tmp.dir, 'broken-rules.json');
    writeFileSync(
      broken,
      JSON.stringify({
        id: 'r',
        name: 'r',
        version: '1',
        extends: 'national',
        time: { submission: { warnDaysBefore: -5 } },
      }),
    );
    const refused = runCli(['rules', broken]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('time.submission.warnDaysBefore');
  });

  it('with --data-dir, an invoice already in a stored claim is a duplicate_invoice error naming it', async () => {
    const dataDir = join(tmp.dir, 'stored');
    const photoDir = join(tmp.dir, 'dup');
    mkdirSync(photoDir, { recursive: true });
    const invoice = await makeInvoicePhoto(join(photoDir, 'invoice.jpg'), {
      payload: vatPayload('55500001', '88.00'),
      layout: 11,
    });
    const ws = await openWorkspace(dataDir);
    let reference: string;
    try {
      const h = createHousehold(ws.db, { name: '李家' });
      const p = createPerson(ws.db, {
        householdId: h.id,
        name: '李四',
        idNumber: '11010519491231002X',
        relation: 'self',
        insuranceType: 'resident',
        insuredRegion: '江苏省南京市',
      });
      const c = createClaim(ws.db, {
        claimantId: p.id,
        careSetting: 'outpatient',
        hospital: '鼓楼医院',
        treatmentRegion: '江苏省南京市',
        visitDate: '2026-09-01',
      });
      reference = c.reference;
      await importDocument(ws, { claimId: c.id, kind: 'invoice', paths: [invoice] });
      await indexClaimInvoices(ws, c.id);
    } finally {
      ws.close();
    }
    const file = join(photoDir, 'claim.json');
    writeFileSync(file, JSON.stringify(manifest({}, [{ kind: 'invoice', files: ['invoice.jpg'] }])));
    const r = runCli([
      '--data-dir',
      dataDir,
      'evaluate',
      file,
      '--json',
      '--today',
      '2026-11-01',
      '--no-check',
    ]);
    expect(r.status).toBe(1);
    const dup = json(r.stdout).problems.filter((p) => p.code === 'duplicate_invoice');
    expect(dup).toEqual([expect.objectContaining({ severity: 'error', field: 'documents[0].files[0]' })]);
    expect(dup[0]!.message).toContain(reference);
  });
});

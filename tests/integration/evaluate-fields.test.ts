// Cross-document problems from `claimdesk evaluate`/`bundle` run as a user would (spawned CLI, manifests in
// throwaway folders): the issue's example — a claim for 张三 whose only invoice reads 交款人：王秀英, dated a
// month before the stay — is refused with exit 1; the same claim with the right values passes; a bad
// "fields" entry is a manifest error naming the field (exit 2). And with nothing typed, the sample papers
// (printed for 王秀英) under a claimant 张三 are read and each named.
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvaluationReport } from '../../shared/evaluation';
import { REPO_ROOT, makeTempDir, runCli } from '../helpers/tmp';
import { SAMPLE_BANK_ACCOUNT, sampleManifest } from '../helpers/sample-claim';

let tmp: { dir: string; cleanup: () => void };
let emptyData: string;

const KINDS = ['id_card', 'insurance_card', 'bank_account', 'itemized_bill', 'discharge_summary'] as const;

function manifest(
  invoice: Record<string, unknown>,
  extra: Array<Record<string, unknown>> = [],
): Record<string, unknown> {
  return sampleManifest({
    // Insured where treated: a local stay, so no filing is asked for.
    claimant: {
      insuredRegion: '上海市',
      bankAccount: { ...SAMPLE_BANK_ACCOUNT, number: '6217000000000000004' },
    },
    claim: { totalAmount: 11845.67, crossRegion: undefined, specialDrugs: undefined },
    documents: [
      ...KINDS.map((k) => ({ kind: k, files: [`${k}.jpg`] })),
      { kind: 'diagnosis_certificate', files: ['diagnosis_certificate.jpg'] },
      { kind: 'invoice', files: ['invoice.jpg'], ...invoice },
      ...extra,
    ],
  });
}

async function folderWith(name: string, content: unknown): Promise<string> {
  const dir = join(tmp.dir, name);
  mkdirSync(dir, { recursive: true });
  // Distinct pictures: identical files would be taken for the same invoice twice (duplicate_invoice).
  for (const [i, f] of [...KINDS, 'diagnosis_certificate', 'invoice'].entries()) {
    await sharp({
      create: { width: 64, height: 48, channels: 3, background: { r: 200 + i, g: 230, b: 230 } },
    })
      .jpeg()
      .toFile(join(dir, `${f}.jpg`));
  }
  const file = join(dir, 'claim.json');
  writeFileSync(file, JSON.stringify(content, null, 2));
  return file;
}

const evaluate = (file: string, ...args: string[]) =>
  runCli(['evaluate', file, '--today', '2026-10-01', '--no-check', ...args], { dataDir: emptyData });
const codes = (stdout: string) =>
  (JSON.parse(stdout) as EvaluationReport).problems.map((p) => `${p.code}:${p.severity}`).sort();

const RIGHT = {
  patientName: '张三',
  hospital: '上海市第一人民医院（北部院区）',
  issueDate: '2026-09-10',
  totalAmount: 11845.67,
  totalAmountInWords: '壹万壹仟捌佰肆拾伍元陆角柒分',
  careStart: '2026-09-01',
  careEnd: '2026-09-10',
};

beforeAll(() => {
  tmp = makeTempDir();
  emptyData = join(tmp.dir, 'no-data');
});
afterAll(() => tmp.cleanup());

describe('cross-document problems in claimdesk evaluate', () => {
  it('the issue’s example: invoice for 王秀英 dated a month before the stay → exit 1, both problems named', async () => {
    const file = await folderWith(
      'wrong',
      manifest({ fields: { patientName: '王秀英', issueDate: '2026-08-01' } }),
    );
    const r = evaluate(file, '--json');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout) as EvaluationReport;
    expect(codes(r.stdout)).toEqual([
      'amount_unverified:warning',
      'date_outside_care:error',
      'name_mismatch:error',
    ]);
    const name = report.problems.find((p) => p.code === 'name_mismatch')!;
    expect(name.message).toContain('王秀英');
    expect(name.message).toContain('张三');
    expect(name.message).toContain('发票（invoice.jpg）');
    expect(name.marks).toEqual([{ document: 6, page: 0, field: 'patientName' }]);
    const date = report.problems.find((p) => p.code === 'date_outside_care')!;
    expect(date.message).toContain('2026年8月1日');
    // The human-readable report says the same.
    const text = evaluate(file);
    expect(text.status).toBe(1);
    expect(text.stdout).toContain('王秀英');
  });

  it('the same claim with the papers’ values right: exit 0, no problem', async () => {
    const file = await folderWith('right', manifest({ fields: RIGHT }));
    const r = evaluate(file, '--json');
    expect(r.stderr).toBe('');
    expect(codes(r.stdout)).toEqual([]);
    expect(r.status).toBe(0);
  });

  it('every code from typed values, and pageFields per page', async () => {
    const file = await folderWith(
      'all',
      manifest(
        {
          files: ['invoice.jpg', 'invoice.jpg'.replace('invoice', 'diagnosis_certificate')],
          pageFields: [
            { ...RIGHT, totalAmountInWords: '壹万壹仟捌佰肆拾伍元整' },
            { patientName: '张三', totalAmount: 10, hospital: '上海市第六人民医院' },
          ],
        },
        [
          {
            kind: 'id_card',
            files: ['id_card.jpg'],
            fields: { name: '张三', idNumber: '110105194912310011' },
          },
          { kind: 'itemized_bill', files: ['itemized_bill.jpg'], fields: { totalAmount: 12000 } },
        ],
      ),
    );
    const r = evaluate(file, '--json');
    expect(r.status).toBe(1);
    expect(codes(r.stdout)).toEqual([
      'amount_mismatch:error',
      'amount_words_mismatch:error',
      'bill_total_mismatch:error',
      'hospital_mismatch:warning',
      'id_mismatch:error',
    ]);
  });

  it.each([
    [{ fields: { patientname: '张三' } }, 'documents[6].fields.patientname', '没有“patientname”这一项'],
    [{ fields: { issueDate: '2026-02-30' } }, 'documents[6].fields.issueDate', 'YYYY-MM-DD'],
    [{ fields: { totalAmount: '一百' } }, 'documents[6].fields.totalAmount', '以元为单位'],
    [{ pageFields: [{}, { patientName: '张三' }] }, 'documents[6].pageFields', '只有 1 个文件'],
    [
      { fields: { patientName: '张三' }, pageFields: [{ patientName: '张三' }] },
      'documents[6].pageFields[0].patientName',
      '只写一处',
    ],
  ])('a bad typed value is a manifest error naming the field (exit 2): %j', async (invoice, field, words) => {
    const file = await folderWith(`bad-${field.replace(/\W/g, '')}`, manifest(invoice));
    const r = evaluate(file, '--json');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(field);
    expect(r.stderr).toContain(words);
  });

  it('bundle refuses the issue’s example too, and exports nothing', async () => {
    const file = await folderWith(
      'bundle',
      manifest({ fields: { patientName: '王秀英', issueDate: '2026-08-01' } }),
    );
    const out = join(tmp.dir, 'bundle.pdf');
    const r = runCli(['bundle', file, '--out', out, '--json', '--today', '2026-10-01'], {
      dataDir: emptyData,
    });
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout) as EvaluationReport & { output: string | null };
    expect(report.output).toBeNull();
    expect(report.problems.map((p) => p.code)).toContain('name_mismatch');
  });
});

describe('the papers read from the command line', () => {
  // The sample papers (printed for 王秀英, resources/samples) under a manifest whose claimant is 张三, with no
  // typed fields: what is printed must be read and compared, as the app does at import.
  let file: string;
  beforeAll(() => {
    const dir = join(tmp.dir, 'samples-zhangsan');
    cpSync(join(REPO_ROOT, 'resources', 'samples'), dir, { recursive: true });
    const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
      claimant: { name: string };
    };
    m.claimant.name = '张三';
    file = join(dir, 'manifest.json');
    writeFileSync(file, JSON.stringify(m));
  });

  it('names every paper printed for someone else, and exits 1', () => {
    const r = evaluate(file, '--json');
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout) as EvaluationReport;
    const mismatched = report.problems
      .filter((p) => p.code === 'name_mismatch')
      .map((p) => `${p.severity}:${p.message.split('上的')[0]}`)
      .sort();
    expect(mismatched).toEqual(
      [
        'error:第 1 张发票（invoice.jpg）',
        'error:第 2 张发票（e-invoice.pdf）',
        // The photo of the e-invoice's stamped printout is a paper printed for 王秀英 too.
        'error:第 3 张发票（e-invoice-printout.jpg）',
        'error:诊断证明（diagnosis.jpg）',
        'error:出院小结（discharge-summary.jpg）',
        'error:转诊转院证明（referral.jpg）',
        'error:身份证（id-card.jpg）',
      ].sort(),
    );
  }, 300_000);

  it('with --no-read compares typed fields and QR codes only: no name is read, none compared', () => {
    const r = evaluate(file, '--json', '--no-read');
    const report = JSON.parse(r.stdout) as EvaluationReport;
    expect(report.problems.filter((p) => p.code === 'name_mismatch')).toEqual([]);
  }, 300_000);
});

// Issue 25 through the CLI, as a person runs it: `claimdesk rules` in titles and plain words; an e-invoice
// given only as a PDF is not complete; a relative's claim is complete with the papers every claim needs; a
// `helper` applicant is refused with words that say who applies; the human output names papers and fields in
// words and writes dates as 2027年3月10日 (`--json` keeps paths and ISO dates); the bundle's cover, checklist
// and pledge read the same, and the pledge adds no clause the guides lack (read back with pdftotext).
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvaluationReport } from '../../shared/evaluation';
import { resourcesDir } from '../../electron/core/paths';
import { SAMPLE_BANK_ACCOUNT, sampleManifest, writeSampleClaimFolder } from '../helpers/sample-claim';
import { makeTempDir, runCli } from '../helpers/tmp';

let tmp: { dir: string; cleanup: () => void };
let data: string;
beforeAll(() => {
  tmp = makeTempDir();
  data = join(tmp.dir, 'no-data');
});
afterAll(() => tmp.cleanup());

const ISO = /\b\d{4}-\d{2}-\d{2}\b/;
const PATH = /documents\[|files\[|claim\.\w|claimant\.\w|applicant\.\w/;
const BASE = ['id_card', 'insurance_card', 'bank_account', 'itemized_bill', 'diagnosis_certificate'];

function outpatient(over: Record<string, unknown> = {}, invoiceFiles = ['invoice.jpg']) {
  return {
    ...sampleManifest({
      claimant: { bankAccount: { ...SAMPLE_BANK_ACCOUNT, number: '6217000000000000004' } },
      claim: { careSetting: 'outpatient' },
      documents: [
        { kind: 'invoice', files: invoiceFiles },
        ...BASE.map((k) => ({ kind: k, files: [`${k}.jpg`] })),
      ],
    }),
    ...over,
  };
}

describe('claimdesk rules', () => {
  it.each(['national', 'example-region'])(
    '%s: guide titles and plain words, no file names or codes',
    (pack) => {
      const r = runCli(['rules', pack]);
      expect(r.status).toBe(0);
      expect(r.stdout).toContain('《如何申请网上报销医保》');
      expect(r.stdout).not.toMatch(/\.txt|\.json|\.md\b/);
      expect(r.stdout).not.toMatch(/\b(readable|four_corners|seal|emergency_mark|stamped_printout)\b/);
      expect(r.stdout).not.toMatch(ISO);
      expect(r.stdout).toContain('检查：电子发票已打印并加盖医院鲜章');
      expect(r.stdout).toContain('提醒（不是要交的材料）');
      if (pack === 'example-region') expect(r.stdout).toContain('《示例地区规则（演示用，不是真实规定）》');
    },
  );
});

describe('claimdesk evaluate', () => {
  it('an e-invoice given only as a PDF is not complete; the reason says print and stamp it', async () => {
    const dir = join(tmp.dir, 'pdf-only');
    const file = await writeSampleClaimFolder(dir, outpatient({}, ['e-invoice.pdf']), {
      files: BASE.map((k) => `${k}.jpg`),
    });
    copyFileSync(join(resourcesDir(), 'samples', 'e-invoice.pdf'), join(dir, 'e-invoice.pdf'));
    const r = runCli(['evaluate', file, '--today', '2026-11-01', '--no-check', '--no-read'], {
      dataDir: data,
    });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('电子发票要打印出来，到医院加盖鲜章');
    expect(r.stdout).toContain('e-invoice.pdf 还没有盖章打印件的照片');
    expect(r.stdout).toContain('结论：暂不能提交');
    expect(r.stdout).not.toContain('材料齐全');
    const json = runCli(['evaluate', file, '--json', '--today', '2026-11-01', '--no-check', '--no-read'], {
      dataDir: data,
    });
    const report = JSON.parse(json.stdout) as EvaluationReport;
    expect(report.complete).toBe(false);
    expect(report.requirements.find((x) => x.id === 'invoice')!.status).toBe('needs_attention');
  });

  it('a relative’s claim with no 委托书/结婚证 is complete when every paper the sources name is there', async () => {
    const m = outpatient({
      applicant: { relation: 'child', name: '张小明', idNumber: '110105197503030012' },
    });
    const file = await writeSampleClaimFolder(join(tmp.dir, 'relative'), m);
    const r = runCli(['evaluate', file, '--json', '--today', '2026-11-01', '--no-check', '--no-read'], {
      dataDir: data,
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as EvaluationReport;
    expect(report.complete).toBe(true);
    expect(JSON.stringify(report.requirements)).not.toMatch(/委托书|结婚证|出生证明|代办人身份证/);
    expect(report.reminders?.map((x) => x.id)).toEqual(['integrity-pledge', 'relative-account']);
    const human = runCli(['evaluate', file, '--today', '2026-11-01', '--no-check', '--no-read'], {
      dataDir: data,
    });
    expect(human.stdout).toContain('结论：材料齐全，可以提交');
    expect(human.stdout).toContain('为亲属办理：先绑定亲情账户');
    expect(human.stdout).toContain('1. 打开国家医保服务平台 app');
  });

  it('a community helper is not an applicant: exit 2 saying who applies', async () => {
    const m = outpatient({ applicant: { relation: 'helper', name: '刘敏', idNumber: '110105198503030014' } });
    const file = await writeSampleClaimFolder(join(tmp.dir, 'helper'), m);
    const r = runCli(['evaluate', file, '--no-check', '--no-read'], { dataDir: data });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('社区工作人员等帮忙整理材料的人不是申请人');
    expect(r.stderr).toContain('"relation": "self"');
  });

  it('problems name the paper and the field in words and dates as 2026年9月1日; --json keeps the path', async () => {
    const m = outpatient({
      claimant: {
        name: '张三',
        idNumber: '11010519491231002X',
        insuranceType: 'employee',
        insuredRegion: '南京市',
        phone: '0258888888',
        bankAccount: { ...SAMPLE_BANK_ACCOUNT, number: '6217000000000000000' },
      },
      claim: {
        careSetting: 'outpatient',
        hospital: '苏州市立医院',
        treatmentRegion: '苏州市',
        visitDate: '2026-09-01',
        crossRegion: { filingType: 'referral', filingDate: '2026-01-15', filedPlace: '无锡市' },
      },
    });
    (m.documents as Array<Record<string, unknown>>)[0]!.fields = { issueDate: '2026-08-01' };
    const file = await writeSampleClaimFolder(join(tmp.dir, 'noisy'), m);
    const r = runCli(['evaluate', file, '--today', '2026-11-01', '--no-check', '--no-read'], {
      dataDir: data,
    });
    expect(r.stdout).not.toMatch(PATH);
    expect(r.stdout).not.toMatch(ISO);
    expect(r.stdout).toContain('涉及：第 1 份材料（发票 invoice.jpg）的开票日期');
    expect(r.stdout).toContain('涉及：清单里的联系电话');
    expect(r.stdout).toContain('没有写省份');
    expect(r.stdout).not.toContain('已超出有效期');
    expect(r.stdout).toContain('备案后就医地不能更改');
    expect(r.stdout).toContain('提交截止：2027年3月1日');
    const json = JSON.parse(
      runCli(['evaluate', file, '--json', '--today', '2026-11-01', '--no-check', '--no-read'], {
        dataDir: data,
      }).stdout,
    ) as EvaluationReport;
    expect(json.problems.map((p) => p.field)).toContain('documents[0].files[0].fields.issueDate');
    expect(json.deadline?.date).toBe('2027-03-01');
  });
});

describe('the bundle and the demo', () => {
  it('cover, checklist and pledge: dates in words, the pledge reminder, no clause the guides lack', async () => {
    const out = join(tmp.dir, 'demo');
    mkdirSync(out, { recursive: true });
    const r = runCli(['demo', '--out', out], { dataDir: data, timeoutMs: 300_000 });
    expect(r.status).toBe(0);
    expect(r.stdout).not.toMatch(ISO);
    expect(r.stdout).toContain('报销期限：2027年3月10日前');
    // The sample's e-invoice comes with the photo of its stamped printout: the invoice is 已齐; only the
    // glare-struck 病历资料 keeps the demo from complete.
    expect(r.stdout).not.toContain('电子发票要打印出来');
    expect(r.stdout).toContain('需处理：病历资料、检查报告');
    const pdf = join(out, '报销材料包-样本.pdf');
    expect(existsSync(pdf)).toBe(true);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    const pages = text.split('\f');
    const [cover, checklist] = [pages[0]!, pages.slice(1, 3).join('\n')];
    const pledge = pages.find((p) => p.includes('特此承诺'))!;
    for (const t of [cover, checklist, pledge]) expect(t).not.toMatch(ISO);
    expect(cover).toContain('2026年11月20日');
    expect(cover).toContain('2026年9月1日至2026年9月10日');
    expect(cover).not.toContain('材料齐全，全部检查通过');
    expect(checklist).toContain('提醒（不是要交的材料）');
    expect(checklist).toMatch(/承诺书页在本材料包第 \d+ 页/);
    expect(pledge).toContain('没有虚假申报');
    for (const never of ['商业保险', '核实', '条例', '委托', '退还'])
      expect(pledge, never).not.toContain(never);
  }, 320_000);
});

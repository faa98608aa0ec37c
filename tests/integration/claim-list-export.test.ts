// The board's "export the selection" on a real data folder: three stored claims go through the real handler
// (the same dispatcher the window uses) into an .xlsx and a CSV, which are read back independently: exceljs
// parses the workbook, and the CSV bytes are checked for the BOM Excel needs to read Chinese as UTF-8.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useIpcSession } from '../helpers/ipc-session';
import { idCheckChar } from '../../shared/validators';

let nextSave: string | null = null;
const ids: number[] = [];

const session = useIpcSession('claimdesk-list-', {
  chooseSavePath: async () => nextSave,
  printPdf: async () => true,
});
const { ok } = session;

const id = (first17: string) => first17 + idCheckChar(first17);

beforeAll(async () => {
  const h = await ok('createHousehold', { name: '王家' });
  const people = [
    ['王秀英', id('11010519491231002')],
    ['李建国', id('32010219560312003')],
    ['欧阳娜娜', id('44030119900101123')],
  ] as const;
  const claims = [
    {
      careSetting: 'inpatient',
      hospital: '北京协和医院',
      treatmentRegion: '北京市',
      admissionDate: '2026-09-01',
      dischargeDate: '2026-09-10',
      totalAmount: 12345.67,
    },
    {
      careSetting: 'outpatient',
      hospital: '上海市第一人民医院',
      treatmentRegion: '上海市',
      visitDate: '2026-08-20',
      totalAmount: 86.5,
    },
    {
      careSetting: 'outpatient',
      hospital: '南京鼓楼医院',
      treatmentRegion: '南京市',
      visitDate: '2026-07-03',
    },
  ];
  for (const [i, [name, idNumber]] of people.entries()) {
    const p = await ok('createPerson', {
      householdId: h.id,
      name,
      idNumber,
      relation: i === 0 ? 'self' : 'spouse',
      insuranceType: 'employee',
      insuredRegion: '北京市',
    });
    const c = await ok('createClaim', { ...claims[i], claimantId: p.id });
    ids.push(c.id);
  }
});

describe('exporting the selected claims as a spreadsheet', () => {
  it('writes an .xlsx that exceljs reads back with the values and the Chinese text', async () => {
    nextSave = join(session.dir, '我的清单'); // no extension typed: .xlsx is added
    const r = await ok('exportClaimList', { ids, format: 'xlsx' });
    expect(r).not.toBeNull();
    expect(r!.path).toBe(join(session.dir, '我的清单.xlsx'));
    expect(r!.rows).toBe(3);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await readFile(r!.path)) as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('报销清单');
    expect(sheet).toBeDefined();
    const values = (n: number) => (sheet!.getRow(n).values as unknown[]).slice(1);
    expect(values(1)).toEqual([
      '参考号',
      '姓名',
      '身份证尾号',
      '医院',
      '就诊/出院日期',
      '金额',
      '状态',
      '截止日期',
      '缺几项',
      '需处理几项',
      '还差什么',
    ]);
    expect(sheet!.rowCount).toBe(4);

    const first = values(2);
    expect(first[0]).toMatch(/\S/);
    expect(first.slice(1, 5)).toEqual(['王秀英', '**************002X', '北京协和医院', '2026-09-10']);
    // A number Excel can sum, displayed as ¥12,345.67.
    expect(first[5]).toBe(12345.67);
    expect(sheet!.getRow(2).getCell(6).numFmt).toBe('"¥"#,##0.00');
    expect(first[6]).toBe('草稿');
    expect(first[7]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // A fresh claim with no papers lacks several of them.
    expect(typeof first[8]).toBe('number');
    expect(first[8] as number).toBeGreaterThan(0);
    // Nothing dropped yet, so nothing to fix; the words name the missing papers as the board does.
    expect(first[9]).toBe(0);
    expect(first[10]).toMatch(/^缺少 .*身份证/);

    const second = values(3);
    expect(second[1]).toBe('李建国');
    expect(second[2]).toBe('**************' + id('32010219560312003').slice(-4));
    expect(second[4]).toBe('2026-08-20');
    expect(second[5]).toBe(86.5);
    const third = values(4);
    expect(third[1]).toBe('欧阳娜娜');
    expect(third[3]).toBe('南京鼓楼医院');
    // No amount typed: the cell stays empty, not 0.
    expect(third[5] ?? '').toBe('');
    // No full ID number anywhere in the file.
    const all = JSON.stringify([values(2), values(3), values(4)]);
    for (const full of ['11010519491231002X', id('32010219560312003'), id('44030119900101123')])
      expect(all).not.toContain(full);
  });

  it('writes CSV with a UTF-8 BOM and the amount as ¥12,345.67', async () => {
    nextSave = join(session.dir, 'list.csv');
    const r = await ok('exportClaimList', { ids: [ids[0]!, ids[2]!], format: 'csv' });
    const bytes = await readFile(r!.path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').trim().split(/\r?\n/);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe(
      '参考号,姓名,身份证尾号,医院,就诊/出院日期,金额,状态,截止日期,缺几项,需处理几项,还差什么',
    );
    expect(lines[1]).toContain(',王秀英,**************002X,北京协和医院,2026-09-10,"¥12,345.67",草稿,');
    expect(lines[2]).toContain(',欧阳娜娜,');
  });

  it('writes nothing when the save dialog is closed, and refuses an unknown claim', async () => {
    nextSave = null;
    expect(await ok('exportClaimList', { ids, format: 'xlsx' })).toBeNull();
    nextSave = join(session.dir, 'x.xlsx');
    await expect(ok('exportClaimList', { ids: [999999], format: 'xlsx' })).rejects.toThrow(/报销/);
  });
});

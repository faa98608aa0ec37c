// Batch work on the board as a billing clerk does it: choose claims (click, shift-click, the page, everything
// matching), export one PDF bundle per claim into one folder with one progress bar and a summary, print them
// as one job, and save the choice as an .xlsx list; each output is read back by an independent tool.
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { readFile } from 'node:fs/promises';
import { idCheckChar } from '../../shared/validators';
import { expect, test } from './fixtures';
import type { TestServer } from './transport/server';
import { apiCall, seedOutpatientClaim, seedPerson } from './support/api';

const NAMES = ['赵一', '钱二', '孙三', '李四', '周五'];

async function seedFive(server: TestServer): Promise<Array<{ id: number; reference: string; name: string }>> {
  const out = [];
  for (const [i, name] of NAMES.entries()) {
    // Distinct valid ID numbers (check digit computed) so each person is their own.
    const person = await seedPerson(
      server,
      name,
      `11010519491231${100 + i}` + idCheckChar(`11010519491231${100 + i}`),
    );
    const c = await seedOutpatientClaim(server, person, `第${i + 1}医院`);
    out.push({ ...c, name });
  }
  return out;
}

function pdfText(path: string): string {
  return execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
}

test('5 chosen claims become 5 PDFs in the chosen folder, each naming its claim; printed as one job', async ({
  app: page,
  server,
}) => {
  const claims = await seedFive(server);
  // A file already in the folder with the first claim's name must survive: the export takes "(2)".
  const first = claims[0]!;
  const existing = `${first.reference}-${first.name}-报销材料.pdf`;
  await writeFile(join(server.saveDir, existing), 'the person’s own file');
  await page.reload();
  const rows = page.locator('.claims-table tbody tr');
  await expect(rows).toHaveCount(5);

  await page.getByRole('checkbox', { name: '全选本页' }).check();
  await expect(page.getByText('已选 5 单')).toBeVisible();
  await page.getByRole('button', { name: '导出 PDF（每单一个）…' }).click();
  const summary = page.getByTestId('batch-summary');
  await expect(summary).toContainText('已导出 5 单，失败 0 单', { timeout: 120_000 });
  // None of the seeded claims has its papers yet: all exported, named as marked 尚不能提交.
  await expect(summary).toContainText('5 单材料还不齐全');

  const files = (await readdir(server.saveDir)).filter((f) => f.endsWith('.pdf')).sort();
  expect(files).toHaveLength(6);
  expect(await readFile(join(server.saveDir, existing), 'utf8')).toBe('the person’s own file');
  for (const c of claims) {
    const name =
      c === first ? `${c.reference}-${c.name}-报销材料 (2).pdf` : `${c.reference}-${c.name}-报销材料.pdf`;
    expect(files).toContain(name);
    const text = pdfText(join(server.saveDir, name));
    expect(text, name).toContain(c.reference);
    expect(text, name).toContain(c.name);
    expect(text, name).toContain('尚不能提交');
  }

  // Print: one merged job holding every page of the five bundles, one print call.
  let pages = 0;
  for (const c of claims) {
    const name =
      c === first ? `${c.reference}-${c.name}-报销材料 (2).pdf` : `${c.reference}-${c.name}-报销材料.pdf`;
    pages += (await PDFDocument.load(await readFile(join(server.saveDir, name)))).getPageCount();
  }
  await summary.getByRole('button', { name: /全部打印/ }).click();
  await expect(page.getByText(`已送去打印：5 单，共 ${pages} 页`)).toBeVisible();
  expect(server.shellCalls.filter((c) => c.action === 'print')).toHaveLength(1);
});

test('click, shift-click, sort keeps the choice, a new filter clears it; the choice saved as .xlsx', async ({
  app: page,
  server,
}) => {
  const claims = await seedFive(server);
  await page.reload();
  const rows = page.locator('.claims-table tbody tr');
  await expect(rows).toHaveCount(5);
  const box = (i: number) => rows.nth(i).getByRole('checkbox');

  // Keyboard: Tab reaches the row's box, Space ticks it without opening the claim.
  await box(0).focus();
  await page.keyboard.press('Space');
  await expect(box(0)).toBeChecked();
  await expect(page.getByRole('heading', { name: '报销单', level: 1 })).toBeVisible();
  // Shift-click the fourth row: rows 1–4 are chosen.
  await box(3).click({ modifiers: ['Shift'] });
  await expect(page.getByText('已选 4 单')).toBeVisible();
  for (const i of [0, 1, 2, 3]) await expect(box(i)).toBeChecked();
  await expect(box(4)).not.toBeChecked();
  const chosenRefs = await Promise.all([0, 1, 2, 3].map((i) => rows.nth(i).locator('td').nth(1).innerText()));

  // Sorting keeps the same claims chosen (by claim, not by row position): 最早截止 reverses the order here
  // (same care date, oldest claim first), so the unchosen claim moves from the last row to the first.
  const lastRef = await rows.nth(4).locator('td').nth(1).innerText();
  await page.getByLabel('排序').selectOption('care_end');
  await expect(rows.nth(0).locator('td').nth(1)).toHaveText(lastRef);
  await expect(page.getByText('已选 4 单')).toBeVisible();
  await expect(box(0)).not.toBeChecked();
  for (let i = 0; i < 5; i++) {
    const ref = await rows.nth(i).locator('td').nth(1).innerText();
    if (chosenRefs.includes(ref)) await expect(box(i)).toBeChecked();
    else await expect(box(i)).not.toBeChecked();
  }

  // Saved as .xlsx: exceljs reads back one row per chosen claim.
  await page.getByRole('button', { name: '导出 Excel 清单…' }).click();
  await expect(page.getByText('已导出 4 单的清单')).toBeVisible();
  const xlsx = (await readdir(server.saveDir)).find((f) => f.endsWith('.xlsx'));
  expect(xlsx).toBeTruthy();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(server.saveDir, xlsx!));
  const sheet = wb.worksheets[0]!;
  const refs: string[] = [];
  sheet.eachRow((row, n) => {
    if (n > 1) refs.push(String(row.getCell(1).value));
  });
  expect(refs.sort()).toEqual([...chosenRefs].sort());
  expect(refs.map((r) => claims.find((c) => c.reference === r)?.name)).not.toContain(undefined);

  // A new search clears the choice (the bar says it will).
  await expect(page.getByText('换搜索词或状态会清空选择')).toBeVisible();
  await page.getByRole('searchbox').fill('第3医院');
  await expect(rows).toHaveCount(1);
  await expect(page.getByText(/已选 \d+ 单/)).toHaveCount(0);
  await expect(box(0)).not.toBeChecked();
});

test('“choose all matching” takes every claim the search matches, beyond the page shown', async ({
  app: page,
  server,
}) => {
  const person = await seedPerson(server, '吴六');
  // 55 claims at one hospital (more than the board's page of 50) and 2 elsewhere that the search excludes.
  for (let i = 0; i < 55; i++) await seedOutpatientClaim(server, person, '鼓楼医院');
  for (let i = 0; i < 2; i++) await seedOutpatientClaim(server, person, '中大医院');
  await page.reload();
  await page.getByRole('searchbox').fill('鼓楼医院');
  await expect(page.getByText('共 55 单')).toBeVisible();
  const rows = page.locator('.claims-table tbody tr');
  await expect(rows).toHaveCount(50);

  await page.getByRole('checkbox', { name: '全选本页' }).check();
  await expect(page.getByText('已选 50 单')).toBeVisible();
  await page.getByRole('button', { name: '选择全部符合条件的 55 单' }).click();
  await expect(page.getByText('已选 55 单')).toBeVisible();
  // The next page's rows are chosen too.
  await page.getByRole('button', { name: '下一页' }).click();
  await expect(rows).toHaveCount(5);
  for (let i = 0; i < 5; i++) await expect(rows.nth(i).getByRole('checkbox')).toBeChecked();
  // The header box unticks this page only.
  await page.getByRole('checkbox', { name: '全选本页' }).uncheck();
  await expect(page.getByText('已选 50 单')).toBeVisible();
});

test('the board shows the amount as ¥12,345.67 and how many days the claim has been in its status', async ({
  app: page,
  server,
}) => {
  const person = await seedPerson(server, '卫十一');
  const c = await apiCall<{ id: number; reference: string }>(server, 'createClaim', {
    claimantId: person,
    careSetting: 'outpatient',
    hospital: '金额医院',
    treatmentRegion: '江苏省南京市',
    visitDate: '2026-09-10',
    totalAmount: 12345.67,
    crossRegion: null,
  });
  // Its first status (草稿) dated 2026-09-21; the tests live on 2026-10-01: 10 days.
  const db = new Database(join(server.dataDir, 'claimdesk.sqlite3'));
  db.prepare("UPDATE claim_status_history SET happened_on = '2026-09-21' WHERE claim_id = ?").run(c.id);
  db.close();
  await page.reload();
  const row = page.locator('.claims-table tbody tr', { hasText: c.reference });
  await expect(row.locator('td.amount')).toHaveText('¥12,345.67');
  await expect(row.locator('.status-days')).toHaveText('10 天');
});

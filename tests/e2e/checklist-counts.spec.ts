// One count of what is left to do (issue 26, point 2): the board's cell, the editor's pill, the .xlsx list and
// the bundle's cover read one tally, which names the papers still missing and the ones that need attention.
// Before, one claim showed 缺 7 项 on the board (the unsigned pledge and the retake counted as missing), 缺 6
// 项，1 项需处理 in the editor and 6 in the .xlsx.
import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { expect, openFirstClaim, test } from './fixtures';
import { apiCall, importPaper, seedOutpatientClaim, seedPerson } from './support/api';
import { makeSamplePhotos } from './support/sample-photos';

test('the board, the editor, the .xlsx and the PDF cover give the same counts and name the same papers', async ({
  app: page,
  server,
}) => {
  const photos = await makeSamplePhotos();
  const claim = await seedOutpatientClaim(server, await seedPerson(server));
  // A blurred invoice: the 发票 item needs attention (retake), it is not missing.
  await importPaper(server, claim.id, 'invoice', [photos.blurredInvoice.path]);

  await page.reload();
  const cell = page.locator('.claims-table tbody tr').first().locator('td.checklist-cell .progress');
  const boardText = (await cell.innerText()).trim();
  await openFirstClaim(page);
  const pill = page.getByTestId('checklist-state');
  await expect(pill).toBeVisible();
  const editorText = (await pill.innerText()).trim();
  expect(boardText, 'board and editor say the same').toBe(editorText);

  // What the count is made of: the items the editor marks 缺少 and 需处理 (the pledge to sign is neither).
  const missing = await page.locator('li.requirement[data-status="missing"]').count();
  const attention = await page
    .locator('li.requirement[data-status="needs_attention"]:not([data-pending])')
    .count();
  expect(attention).toBe(1);
  expect(editorText).toBe(`缺 ${missing} 项，${attention} 项需处理`);
  // The words name them: hovering the pill (and the board's cell) lists which.
  const words = await pill.getAttribute('title');
  expect(words).toContain('发票原件 需要处理');
  expect(words).toMatch(/^缺少 .*身份证/);
  await page.getByRole('button', { name: /返回报销单/ }).click();
  await expect(cell).toHaveAttribute('title', words!);

  // The .xlsx list: 缺几项 and 需处理几项 are the same numbers.
  const list = await apiCall<{ path: string }>(server, 'exportClaimList', {
    ids: [claim.id],
    format: 'xlsx',
  });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await readFile(list.path)) as unknown as ArrayBuffer);
  const sheet = wb.getWorksheet('报销清单')!;
  const header = (sheet.getRow(1).values as unknown[]).slice(1);
  const row = (sheet.getRow(2).values as unknown[]).slice(1);
  expect(row[header.indexOf('缺几项')]).toBe(missing);
  expect(row[header.indexOf('需处理几项')]).toBe(attention);
  expect(row[header.indexOf('还差什么')]).toBe(words);

  // The bundle's cover says the same words.
  const bundle = await apiCall<{ path: string }>(server, 'exportBundle', {
    claimId: claim.id,
    withImages: false,
    allowIncomplete: true,
  });
  const cover = execFileSync('pdftotext', ['-l', '1', bundle.path, '-'], { encoding: 'utf8' }).replace(
    /\s+/g,
    '',
  );
  expect(cover).toContain(words!.replace(/\s+/g, ''));
});

// Focus never falls to the page body after an action (issue 26, point 9): a keyboard or screen-reader user
// lands where the result is — the 修改 button after saving 基本情况, the new household's first question, the
// drop's notes, the exported PDF's actions, the bulk export's summary.
import type { Page } from '@playwright/test';
import { expect, openFirstClaim, test } from './fixtures';
import { seedOutpatientClaim, seedPerson } from './support/api';
import { makeSamplePhotos } from './support/sample-photos';

const onBody = (page: Page) =>
  page.evaluate(() => {
    const d = (globalThis as unknown as { document: { activeElement: unknown; body: unknown } }).document;
    return d.activeElement === null || d.activeElement === d.body;
  });

test('focus lands on the result after 新建户, saving 基本情况, a drop, an export and a bulk export', async ({
  app: page,
  server,
}) => {
  const photos = await makeSamplePhotos();

  // 新建户: the new household's first question (its members are the next step).
  await page.getByRole('button', { name: '家庭与人员' }).click();
  await page.getByLabel('新建户（户名）').fill('李家');
  await page.getByRole('button', { name: '新建户', exact: true }).click();
  await expect(page.getByText('已新建“李家”')).toBeVisible();
  await expect(page.getByLabel('姓名')).toBeFocused();

  await seedOutpatientClaim(server, await seedPerson(server));
  await openFirstClaim(page);

  // Saving 基本情况: back on 修改, which opens the form again.
  await page.getByRole('button', { name: '修改', exact: true }).click();
  await page.getByRole('button', { name: '保存修改' }).click();
  await expect(page.getByText('已保存')).toBeVisible();
  expect(await onBody(page)).toBe(false);
  await expect(page.getByRole('button', { name: '修改', exact: true })).toBeFocused();

  // A paper added from the keyboard (选择文件…): the drop's notes, which say what came of it.
  const card = page.locator('li[data-requirement="insurance-card"]');
  server.queueChosenFiles([photos.clean.insurance_card.path]);
  await card.locator('> .dropzone').getByRole('button', { name: '选择文件…' }).press('Enter');
  await expect(card.locator('figure.page-tile')).toHaveCount(1, { timeout: 90_000 });
  await expect(card.locator('.drop-notes')).toBeFocused();

  // Export: the PDF's first action.
  page.once('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: '导出 PDF…' }).press('Enter');
  await expect(page.getByTestId('export-result')).toBeVisible({ timeout: 120_000 });
  await expect(page.getByRole('button', { name: '打开 PDF' })).toBeFocused();

  // A bulk export from the board: its summary.
  await page.getByRole('button', { name: /返回报销单/ }).click();
  await page.getByRole('checkbox', { name: '全选本页' }).check();
  await page.getByRole('button', { name: '导出 PDF（每单一个）…' }).press('Enter');
  await expect(page.getByTestId('batch-summary')).toBeVisible({ timeout: 120_000 });
  await expect(page.getByRole('heading', { name: '批量导出结果' })).toBeFocused();
});

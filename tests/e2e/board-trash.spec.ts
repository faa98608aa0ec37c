// Archive and delete from the board: archived claims leave the board and wait under 已归档 to be restored;
// a delete asks once, then offers 撤销 for 10 seconds, and the undo brings the claim back with its papers.
import { expect, test } from './fixtures';
import { seedOutpatientClaim, seedPerson } from './support/api';

test('delete asks once, 撤销 brings the claim back; the offer goes after 10 seconds', async ({
  app: page,
  server,
}) => {
  const person = await seedPerson(server, '陈九');
  const keep = await seedOutpatientClaim(server, person, '留下医院');
  const gone = await seedOutpatientClaim(server, person, '删掉医院');
  await page.reload();
  const rows = page.locator('.claims-table tbody tr');
  await expect(rows).toHaveCount(2);
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.accept();
  });

  await rows.filter({ hasText: gone.reference }).getByRole('checkbox').check();
  await page.getByRole('button', { name: '删除…' }).click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(keep.reference);
  expect(dialogs).toHaveLength(1);
  expect(dialogs[0]).toContain('10 秒内可以撤销');
  await page.getByRole('button', { name: '撤销' }).click();
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: gone.reference })).toHaveCount(1);
  // Opened again, it is the same claim.
  await rows.filter({ hasText: gone.reference }).getByRole('button').first().click();
  await expect(page.locator('#claim-title')).toContainText('删掉医院');
  await page.getByRole('button', { name: '← 返回报销单' }).click();

  await rows.filter({ hasText: gone.reference }).getByRole('checkbox').check();
  await page.getByRole('button', { name: '删除…' }).click();
  await expect(rows).toHaveCount(1);
  await expect(page.getByRole('button', { name: '撤销' })).toBeVisible();
  await expect(page.getByRole('button', { name: '撤销' })).toHaveCount(0, { timeout: 15_000 });
  await page.reload();
  await expect(rows).toHaveCount(1);
});

test('archive hides a claim from the board; 已归档 shows it and restores it', async ({
  app: page,
  server,
}) => {
  const person = await seedPerson(server, '褚十');
  const old = await seedOutpatientClaim(server, person, '旧事医院');
  await seedOutpatientClaim(server, person, '新事医院');
  await page.reload();
  const rows = page.locator('.claims-table tbody tr');
  await rows.filter({ hasText: old.reference }).getByRole('checkbox').check();
  await page.getByRole('button', { name: '归档' }).click();
  await expect(rows).toHaveCount(1);
  await expect(rows.filter({ hasText: old.reference })).toHaveCount(0);

  await page.getByLabel('状态').selectOption('archived');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(old.reference);
  await rows.first().getByRole('checkbox').check();
  await page.getByRole('button', { name: '恢复到报销单' }).click();
  await expect(page.locator('td.empty')).toContainText('没有符合条件的报销单');
  await page.getByLabel('状态').selectOption('');
  await expect(rows).toHaveCount(2);
});

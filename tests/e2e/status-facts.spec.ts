// Status changes with their facts, through the real screens: 补充材料 asks what the office wants and puts each
// line on the checklist (ticked off one by one), 未通过 asks why, every change shows the day it happened; on the
// board, the chosen claims change status together, and the ones that may not move are named with why.
import { expect, test } from './fixtures';
import { seedOutpatientClaim, seedPerson, setClaimStatus } from './support/api';

const setStatus = setClaimStatus;

test('补充材料 asks what was asked for; each line is a checklist item ticked off; 未通过 asks why', async ({
  app: page,
  server,
}) => {
  const claim = await seedOutpatientClaim(server, await seedPerson(server));
  setStatus(server, [claim.id], 'under_review');
  await page.reload();
  await page
    .locator('.claims-table tbody tr', { hasText: claim.reference })
    .getByRole('button')
    .first()
    .click();
  await expect(page.locator('#claim-title')).toBeVisible();

  await page.getByRole('button', { name: '改为“补充材料”' }).click();
  const asked = page.getByLabel('要求补充什么？（每行一项，会加进材料清单）');
  await expect(asked).toBeFocused();
  await page.getByRole('button', { name: '确定改为“补充材料”' }).click();
  await expect(page.getByRole('alert')).toContainText('请写下要求补充什么');
  await asked.fill('费用明细清单原件\n出院小结盖章页\n');
  await page.getByLabel('发生日期').fill('2026-09-28');
  await page.getByRole('button', { name: '确定改为“补充材料”' }).click();

  const requested = page.locator('section.requested li');
  await expect(requested).toHaveCount(2);
  await expect(requested.nth(0)).toContainText('费用明细清单原件');
  await expect(requested.nth(0)).toContainText('待补');
  const latest = page.locator('.timeline li').first();
  await expect(latest).toContainText('补充材料');
  await expect(latest).toContainText('2026年9月28日');

  // The box is the stored state: it turns once main has kept the tick.
  await requested.nth(0).getByRole('checkbox').click();
  await expect(requested.nth(0).getByRole('checkbox')).toBeChecked();
  await expect(requested.nth(0)).toContainText('已补齐');
  await expect(requested.nth(1)).toContainText('待补');
  // Reloaded from the file: the ticks were stored.
  await page.reload();
  await page
    .locator('.claims-table tbody tr', { hasText: claim.reference })
    .getByRole('button')
    .first()
    .click();
  await expect(page.locator('section.requested li').nth(0)).toContainText('已补齐');

  // Handed in again, then refused: 未通过 needs its reason.
  await page.getByRole('button', { name: '改为“已提交”' }).click();
  await page.getByRole('button', { name: '确定改为“已提交”' }).click();
  await expect(page.locator('.timeline li').first()).toContainText('已提交');
  await page.getByRole('button', { name: '改为“未通过”' }).click();
  await page.getByRole('button', { name: '确定改为“未通过”' }).click();
  await expect(page.getByRole('alert')).toContainText('请写下未通过的原因');
  await page.getByLabel('未通过的原因').fill('超过报销期限');
  await page.getByRole('button', { name: '确定改为“未通过”' }).click();
  await expect(page.locator('.timeline li').first()).toContainText('超过报销期限');
});

test('the chosen claims change status together; a claim that may not move is named with why', async ({
  app: page,
  server,
}) => {
  const person = await seedPerson(server, '郑七');
  const a = await seedOutpatientClaim(server, person, '甲医院');
  const b = await seedOutpatientClaim(server, person, '乙医院');
  const c = await seedOutpatientClaim(server, person, '丙医院');
  setStatus(server, [a.id, b.id], 'submitted');
  setStatus(server, [c.id], 'draft');
  await page.reload();
  await page.getByRole('checkbox', { name: '全选本页' }).check();
  await page.getByLabel('批量改状态').selectOption('under_review');
  await page.getByLabel('备注（可不填）').fill('医保中心已受理');
  await page.getByLabel('发生日期').fill('2026-09-30');
  await page.getByRole('button', { name: '确定改为“审核中”' }).click();

  const result = page.getByTestId('batch-moved');
  await expect(result).toContainText('已改 2 单，1 单没有改');
  await expect(result).toContainText(c.reference);
  await expect(result).toContainText('不能直接改为“审核中”');
  const rows = page.locator('.claims-table tbody tr');
  await expect(rows.filter({ hasText: a.reference })).toContainText('审核中');
  await expect(rows.filter({ hasText: b.reference })).toContainText('审核中');
  await expect(rows.filter({ hasText: c.reference })).toContainText('草稿');

  await rows.filter({ hasText: a.reference }).getByRole('button').first().click();
  const latest = page.locator('.timeline li').first();
  await expect(latest).toContainText('2026年9月30日');
  await expect(latest).toContainText('医保中心已受理');
});

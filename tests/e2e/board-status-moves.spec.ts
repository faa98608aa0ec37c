// Changing the status of many claims at once offers only what the life cycle allows (issue 26, point 8):
// each choice says how many of the chosen claims can make that move, and a claim that cannot is named by
// patient and number with the steps it needs first. Before, every status was offered and each draft was
// refused with 不能直接改为“已提交” and no word of the step before.
import { expect, test } from './fixtures';
import { seedOutpatientClaim, seedPerson, setClaimStatus } from './support/api';

test('bulk status offers only the allowed moves, counted, and names the claims that need a step first', async ({
  app: page,
  server,
}) => {
  const wang = await seedPerson(server, '王秀英');
  const li = await seedPerson(server, '李建国', '320102195603120032');
  const zhang = await seedPerson(server, '张三', '110105194912310038');
  const a = await seedOutpatientClaim(server, wang, '甲医院');
  const b = await seedOutpatientClaim(server, li, '乙医院');
  const c = await seedOutpatientClaim(server, zhang, '丙医院');
  setClaimStatus(server, [a.id, b.id], 'draft');
  setClaimStatus(server, [c.id], 'submitted');
  await page.reload();
  await page.getByRole('checkbox', { name: '全选本页' }).check();

  const select = page.getByLabel('批量改状态');
  await expect(select.locator('option')).toHaveText([
    '改状态为…',
    '材料齐全（2 单可以改）',
    '审核中（1 单可以改）',
    '未通过（1 单可以改）',
  ]);

  await select.selectOption('under_review');
  await page.getByLabel('发生日期').fill('2026-09-30');
  await page.getByRole('button', { name: '确定改为“审核中”' }).click();
  const result = page.getByTestId('batch-moved');
  await expect(result).toContainText('已改 1 单，2 单没有改');
  // Named by patient and number, with the steps before.
  for (const [claim, name] of [
    [a, '王秀英'],
    [b, '李建国'],
  ] as const) {
    const line = result.locator('li', { hasText: claim.reference });
    await expect(line).toContainText(name);
    await expect(line).toContainText('要先改为“材料齐全”，再改为“已提交”');
  }
  await expect(result).toContainText(`已改：${c.reference} 张三`);
});

// Issue 12: someone who is not a 近亲属 (a 社区工作人员) may hand the claim in. The claim form offers
// 其他代办人 beside the relatives, the claim is stored with it, and the checklist asks for a 委托书 and the
// helper's own ID card instead of a proof of relation.
import { expect, test } from './fixtures';
import type { TestServer } from './transport/server';

async function api<T>(server: TestServer, method: string, body: unknown): Promise<T> {
  const res = await fetch(`${server.url}/api/call/${method}`, { method: 'POST', body: JSON.stringify(body) });
  const env = (await res.json()) as { ok: boolean; value: T; error?: unknown };
  if (!env.ok) throw new Error(`${method}: ${JSON.stringify(env.error)}`);
  return env.value;
}

test('a community worker hands the claim in: 委托书 and the helper’s ID are asked for', async ({
  app: page,
  server,
}) => {
  const h = await api<{ id: number }>(server, 'createHousehold', { name: '王家' });
  await api(server, 'createPerson', {
    householdId: h.id,
    name: '王秀英',
    idNumber: '11010519491231002X',
    relation: 'self',
    insuranceType: 'resident',
    insuredRegion: '北京市',
  });
  await page.reload();

  await page.getByRole('button', { name: '新建报销' }).first().click();
  await page.getByLabel('患者（参保人）').selectOption({ label: '王秀英 · 王家' });
  await page.getByLabel('门诊', { exact: true }).check();
  await page.getByLabel('医院名称').fill('北京市朝阳医院');
  await page.getByLabel('就医地（省市）').fill('北京市');
  await page.getByLabel('就诊日期').fill('2026-10-01');
  await page.getByLabel('亲属或他人代办').check();
  const relation = page.getByLabel('代办人是患者的');
  // The relatives first, then the helper, each with its plain label.
  await expect(relation.locator('option')).toHaveText([
    '配偶',
    '父母',
    '子女',
    '兄弟姐妹',
    '祖父母/外祖父母',
    '孙子女/外孙子女',
    '其他代办人（如社区工作人员）',
  ]);
  await relation.selectOption({ label: '其他代办人（如社区工作人员）' });
  await page.getByLabel('代办人姓名').fill('刘敏');
  await page.getByLabel('代办人身份证号').fill('110105198503030017');
  await page.getByRole('button', { name: '创建并查看材料清单' }).click();

  await expect(page.getByRole('heading', { name: '材料清单' })).toBeVisible();
  const authorization = page.locator('li[data-requirement="authorization"]');
  await expect(authorization).toHaveAttribute('data-status', 'missing');
  await expect(authorization).toContainText('委托书');
  await expect(authorization).toContainText('参保地医保经办机构决定');
  await expect(page.locator('li[data-requirement="helper-id-card"]')).toHaveAttribute(
    'data-status',
    'missing',
  );
  await expect(page.locator('li[data-requirement^="relationship-proof"]')).toHaveCount(0);
  // The claim shows who hands it in by the plain label, not the code word.
  await expect(page.getByText('刘敏（其他代办人（如社区工作人员））')).toBeVisible();
});

// What is typed is never lost: a card number without its bank is asked about beside the field (not dropped
// on save), an amount written 1.234.56 is refused beside the field while 12,345.67 is kept, full-width digits
// from a Chinese IME are the same number, future dates are flagged, and submit stays disabled while invalid.
import { expect, test } from './fixtures';
import { apiCall, seedPerson } from './support/api';

test('the person form keeps full-width IDs and asks for the bank of a typed card number', async ({
  app: page,
  server,
}) => {
  await page.getByRole('button', { name: '家庭与人员' }).click();
  await page.getByLabel('新建户（户名）').fill('李家');
  await page.getByRole('button', { name: '新建户', exact: true }).click();
  const form = page.locator('form', { has: page.getByRole('heading', { name: '添加成员' }) });
  await form.getByLabel('姓名').fill('李桂兰');
  // 11010519491231002X typed with a full-width IME, with a full-width space in the middle.
  await form.getByLabel('身份证号').fill('１１０１０５１９４９\u3000１２３１００２Ｘ');
  await expect(form.getByLabel('身份证号')).toHaveValue('11010519491231002X');
  await expect(form.getByText('校验通过 · 出生日期 1949年12月31日')).toBeVisible();
  await form.getByLabel('参保地').fill('江苏省南京市');
  await form.getByLabel('银行卡号（可选）').fill('6217 0000 0000 0000 000');
  const submit = form.getByRole('button', { name: '添加成员' });
  // Beside the bank field, in Chinese, and the button waits for it.
  await expect(form.getByText('填了银行卡号，请写上开户银行')).toBeVisible();
  await expect(submit).toBeDisabled();
  await form.getByLabel('开户银行（可选）').fill('中国银行');
  await expect(submit).toBeEnabled();
  await submit.click();
  await expect(page.getByRole('cell', { name: '李桂兰', exact: true })).toBeVisible();
  const people = await apiCall<
    Array<{ name: string; idNumber: string; bankAccount: { number: string } | null }>
  >(server, 'listPeople', {});
  const saved = people.find((p) => p.name === '李桂兰');
  expect(saved?.idNumber).toBe('11010519491231002X');
  expect(saved?.bankAccount?.number).toBe('6217000000000000000');
});

test('the claim form refuses 1.234.56 beside the field, keeps 12,345.67, and flags future dates', async ({
  app: page,
  server,
}) => {
  await seedPerson(server, '赵敏');
  await page.reload();
  await page.getByRole('button', { name: '新建报销' }).first().click();
  await page.getByLabel('患者（参保人）').selectOption({ label: '赵敏 · 赵敏家' });
  await page.getByLabel('医院名称').fill('南京市第一医院');
  await page.getByLabel('就医地（省市）').fill('江苏省南京市');
  await page.getByLabel('就诊日期').fill('2099-01-05');
  await expect(page.getByText('这个日期在今天之后，请核对')).toBeVisible();
  await page.getByLabel('就诊日期').fill('2026-09-10');
  await expect(page.getByText('这个日期在今天之后，请核对')).toHaveCount(0);
  // Questions are numbered as shown: no 3 while 异地 is 否.
  await expect(page.getByText('3. 谁来办理？')).toBeVisible();

  const amount = page.getByLabel('费用总额（元，可选）');
  const submit = page.getByRole('button', { name: '创建并查看材料清单' });
  await amount.fill('1.234.56');
  await expect(page.getByText(/金额写法不对/)).toBeVisible();
  await expect(submit).toBeDisabled();
  await amount.fill('１２,３４５.６７');
  await expect(page.getByText(/金额写法不对/)).toHaveCount(0);
  await expect(submit).toBeEnabled();
  await submit.click();
  await expect(page.getByRole('heading', { name: '材料清单' })).toBeVisible();
  // Kept, and shown the way the PDF prints it.
  await expect(page.locator('.facts')).toContainText('¥12,345.67');
  const claims = await apiCall<{ items: Array<{ fields: { totalAmount: number | null } }> }>(
    server,
    'listClaims',
    {},
  );
  expect(claims.items[0]?.fields.totalAmount).toBe(12345.67);
});

// The people screen as a helper entering a family uses it: Enter adds the person and starts a fresh form
// (nothing carried over from the last person) with the cursor in its name field; a duplicate ID is refused
// with the number masked; the household can be renamed; a person entered by mistake can be removed, but not
// one on a claim (the refusal says why). The claim form masks the applicant's ID until 显示.
import { idCheckChar } from '../../shared/validators';
import { expect, test } from './fixtures';
import { apiCall, seedOutpatientClaim, seedPerson } from './support/api';

const id = (first17: string) => first17 + idCheckChar(first17);
const SON = id('11010519700101123');
const DAUGHTER = id('11010519750505224');
const PATIENT = '11010519491231002X';

test('Enter adds a person and starts a fresh form; duplicate IDs masked; rename; remove', async ({
  app: page,
  server,
}) => {
  const patient = await seedPerson(server, '王秀英', PATIENT);
  await seedOutpatientClaim(server, patient);
  await page.reload();
  await page.getByRole('button', { name: '家庭与人员' }).click();
  const form = page.locator('form', { has: page.getByRole('heading', { name: '添加成员' }) });

  // The son: typed, relation and region chosen, Enter in the last field adds him.
  await form.getByLabel('姓名').fill('张伟');
  await form.getByLabel('身份证号').fill(SON);
  await form.getByLabel('与参保人的关系').selectOption('child');
  await form.getByLabel('参保地').fill('北京市');
  await form.getByLabel('参保地').press('Enter');
  await expect(page.getByRole('cell', { name: '张伟', exact: true })).toBeVisible();
  // A fresh form, the cursor in its name field: nothing of the son carried over.
  await expect(form.getByLabel('姓名')).toBeFocused();
  await expect(form.getByLabel('姓名')).toHaveValue('');
  await expect(form.getByLabel('与参保人的关系')).toHaveValue('self');
  await expect(form.getByLabel('参保地')).toHaveValue('');

  // Keyboard only: the daughter typed straight in, Enter from the ID field.
  await page.keyboard.type('张丽');
  await form.getByLabel('与参保人的关系').selectOption('child');
  await form.getByLabel('参保地').fill('北京市');
  await form.getByLabel('身份证号').fill(DAUGHTER);
  await form.getByLabel('身份证号').press('Enter');
  await expect(page.getByRole('cell', { name: '张丽', exact: true })).toBeVisible();
  await expect(form.getByLabel('姓名')).toBeFocused();

  // The same ID again: refused beside the field, the number masked in the message.
  await form.getByLabel('姓名').fill('张伟二');
  await form.getByLabel('身份证号').fill(SON);
  await form.getByLabel('参保地').fill('北京市');
  await form.getByRole('button', { name: '添加成员' }).click();
  const refusal = form.locator('.field-note.error');
  await expect(refusal).toContainText(`${SON.slice(0, 6)}********${SON.slice(-4)}`);
  await expect(refusal).not.toContainText(SON);

  // Rename the household.
  await page.getByRole('button', { name: '改户名' }).click();
  await page.getByLabel('新的户名').fill('王秀英一家');
  await page.getByLabel('新的户名').press('Enter');
  await expect(page.getByRole('heading', { name: '王秀英一家 · 成员' })).toBeVisible();
  await expect(page.getByRole('list', { name: '户列表' })).toContainText('王秀英一家');
  await page.reload();
  await page.getByRole('button', { name: '家庭与人员' }).click();
  await expect(page.getByRole('heading', { name: '王秀英一家 · 成员' })).toBeVisible();

  // Remove the daughter (on no claim); the patient, on a claim, stays with the reason said.
  page.on('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: '删除 张丽' }).click();
  await expect(page.getByRole('cell', { name: '张丽', exact: true })).toHaveCount(0);
  await page.getByRole('button', { name: '删除 王秀英' }).click();
  await expect(page.getByRole('alert')).toContainText('王秀英 在 1 份报销单上');
  await expect(page.getByRole('cell', { name: '王秀英', exact: true })).toBeVisible();
  const people = await apiCall<Array<{ name: string }>>(server, 'listPeople', {});
  expect(people.map((p) => p.name).sort()).toEqual(['张伟', '王秀英'].sort());
});

test('the claim form shows the applicant ID masked until 显示', async ({ app: page, server }) => {
  const patient = await seedPerson(server, '王秀英', PATIENT);
  const people = await apiCall<Array<{ id: number; householdId: number }>>(server, 'listPeople', {});
  const householdId = people.find((p) => p.id === patient)!.householdId;
  await apiCall(server, 'createPerson', {
    householdId,
    name: '张伟',
    idNumber: SON,
    relation: 'child',
    insuranceType: 'employee',
    insuredRegion: '北京市',
  });
  await page.reload();
  await page.getByRole('button', { name: '新建报销' }).first().click();
  await page.getByLabel('患者（参保人）').selectOption({ label: '王秀英 · 王秀英家' });
  await page.getByLabel('近亲属代办').check();
  await page.getByLabel('代办人', { exact: true }).selectOption({ label: '张伟' });
  const idField = page.getByRole('textbox', { name: '代办人身份证号' });
  await expect(idField).toHaveValue(`${SON.slice(0, 6)}********${SON.slice(-4)}`);
  await page.getByRole('button', { name: '显示完整的代办人身份证号' }).click();
  await expect(idField).toHaveValue(SON);
  await expect(idField).toBeFocused();
});

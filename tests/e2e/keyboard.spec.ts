// Keyboard only: the screens and the main actions are reachable without a mouse (community centres help
// elderly residents who may not use one, and billing desks live on the keyboard).
import { expect, test } from './fixtures';

test('a household is added and a claim form reached with the keyboard alone', async ({ app: page }) => {
  await expect(page.getByRole('heading', { name: '报销单' })).toBeVisible();
  // The first Tab lands on the skip link, then the navigation in order.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: '跳到主要内容' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: '报销单', exact: true })).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: '家庭与人员' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: '家庭与人员' })).toBeVisible();

  // Type a name and press Enter in the field: the household is created.
  await page.getByLabel('新建户（户名）').focus();
  await page.keyboard.type('李家');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: /李家/ })).toBeVisible();

  // Radio groups of the claim questions move with the arrow keys.
  await page.getByRole('button', { name: '新建报销' }).first().focus();
  await page.keyboard.press('Enter');
  await page.getByLabel('门诊', { exact: true }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByLabel('住院', { exact: true })).toBeChecked();
  await expect(page.getByLabel('入院日期')).toBeVisible();

  // Every control on the screen has a visible focus ring (the outline the stylesheet sets for :focus-visible).
  const outline = await page.getByLabel('医院名称').evaluate((el) => {
    (el as unknown as { focus(): void }).focus();
    return (
      globalThis as unknown as { getComputedStyle(e: unknown): { outlineStyle: string } }
    ).getComputedStyle(el).outlineStyle;
  });
  expect(outline).not.toBe('none');
});

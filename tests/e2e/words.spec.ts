// Words and details: shortcuts (Ctrl+N, Ctrl+F and /) with their help line, amounts as ¥12,345.67, English
// mode in English punctuation with the photo check's advice in English, 其他材料 named once, and no drop zone
// under the pledge the app writes itself.
import { expect, dropFiles, test, openFirstClaim } from './fixtures';
import { apiCall, seedOutpatientClaim, seedPerson } from './support/api';
import { makeSamplePhotos } from './support/sample-photos';

test('Ctrl+N opens a new claim; Ctrl+F and / put the cursor in the board search', async ({
  app: page,
  server,
}) => {
  await seedOutpatientClaim(server, await seedPerson(server));
  await page.reload();
  await expect(page.locator('.shortcut-help')).toHaveText('快捷键：Ctrl+N 新建报销；Ctrl+F 或 / 搜索报销单');
  await expect(page.getByRole('button', { name: '新建报销' }).first()).toHaveAttribute('title', 'Ctrl+N');

  await page.keyboard.press('Control+n');
  await expect(page.getByRole('heading', { name: '新建报销', level: 1 })).toBeVisible();
  // From another screen Ctrl+F goes to the board and focuses its search.
  await page.keyboard.press('Control+f');
  const search = page.locator('main input[type="search"]');
  await expect(search).toBeFocused();
  await search.fill('王');
  // "/" typed inside the search is a character, not a shortcut.
  await page.keyboard.type('/');
  await expect(search).toHaveValue('王/');
  await search.fill('');
  await page.locator('main h1').click();
  await page.keyboard.press('/');
  await expect(search).toBeFocused();
  await expect(search).toHaveValue('');
});

test('amounts read ¥12,345.67; 其他材料 is named once; the pledge has no drop zone; English reads as English', async ({
  app: page,
  server,
}) => {
  test.setTimeout(150_000);
  const photos = await makeSamplePhotos();
  const claimant = await seedPerson(server);
  await apiCall(server, 'createClaim', {
    claimantId: claimant,
    careSetting: 'outpatient',
    hospital: '南京市第一医院',
    treatmentRegion: '江苏省南京市',
    visitDate: '2026-09-10',
    crossRegion: null,
    totalAmount: 12345.67,
  });
  await openFirstClaim(page);
  await expect(page.locator('dl.facts')).toContainText('¥12,345.67');
  // The pledge is a reminder beside the checklist (ticked online, issue 25): no drop zone.
  await expect(page.locator('li[data-reminder="integrity-pledge"]')).toBeVisible();
  await expect(page.locator('li[data-reminder="integrity-pledge"] .dropzone')).toHaveCount(0);

  // A glare photo under 其他材料: the section names itself once, the photo's advice is shown.
  const other = page.locator('.other-materials');
  await dropFiles(page, other.locator('> .dropzone'), [photos.glareRecord]);
  await expect(other.locator('figure.page-tile')).toHaveAttribute('data-verdict', 'fail', {
    timeout: 90_000,
  });
  await expect(other.getByRole('heading', { name: '其他材料' })).toHaveCount(1);
  await expect(other.locator('.other-doc')).not.toContainText('其他材料');
  await expect(other.locator('.findings')).toContainText('反光');

  // English mode: English words and punctuation, the check's advice in English.
  await page.getByRole('button', { name: '设置' }).click();
  await page.getByLabel('English').click();
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Claims' }).click();
  await page.locator('.claims-table tbody tr').first().getByRole('button').click();
  await expect(page.getByRole('heading', { name: 'Checklist' })).toBeVisible();
  await expect(other.locator('.findings')).toContainText('Glare hides part of the text');
  const text = (await page.locator('main').innerText()).replace(/南京市第一医院|江苏省南京市|王秀英/g, '');
  expect(text).not.toMatch(/[：（）]/);
  expect(text).not.toMatch(/\((glare|blurry|low_resolution)\)/);
  await expect(page.locator('dl.facts')).toContainText('¥12,345.67');
});

// Screenshots of the photo viewer (a glare photo with its fault box), the printable "what to bring" list and
// the people screen, at 标准 and 特大 text in a 1280×720 window. Written to docs/screenshots with
// CLAIMDESK_SCREENSHOTS=1 (test-results/screenshots otherwise); each shot also asserts what it shows.
import { resolve } from 'node:path';
import { idCheckChar } from '../../shared/validators';
import { expect, dropFiles, test, openFirstClaim } from './fixtures';
import { apiCall, seedPerson, seedShanghaiClaim } from './support/api';
import { makeSamplePhotos } from './support/sample-photos';

const OUT =
  process.env.CLAIMDESK_SCREENSHOTS === '1'
    ? resolve(import.meta.dirname, '../../docs/screenshots')
    : resolve(import.meta.dirname, '../../test-results/screenshots');

test('viewer, print list and people at 标准 and 特大', async ({ app: page, server }) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  const photos = await makeSamplePhotos();
  const patient = await seedPerson(server, '王秀英');
  const people = await apiCall<Array<{ id: number; householdId: number }>>(server, 'listPeople', {});
  await apiCall(server, 'createPerson', {
    householdId: people[0]!.householdId,
    name: '张伟',
    idNumber: '11010519700101123' + idCheckChar('11010519700101123'),
    relation: 'child',
    insuranceType: 'employee',
    insuredRegion: '北京市',
  });
  await seedShanghaiClaim(server, patient, {
    inpatient: true,
    crossRegion: { filingType: 'referral', filingDate: '2026-08-30' },
  });
  await openFirstClaim(page);
  const record = page.locator('li[data-requirement="medical-record"]');
  await dropFiles(page, record.locator('> .dropzone'), [photos.glareRecord]);
  await expect(record.locator('figure.page-tile')).toHaveAttribute('data-verdict', 'fail', {
    timeout: 120_000,
  });

  for (const [size, tag] of [
    ['normal', 'standard'],
    ['x-large', 'xlarge'],
  ] as const) {
    await apiCall(server, 'saveSettings', { language: 'zh-CN', textSize: size, maskNumbers: true });
    await page.reload();
    await page.locator('.claims-table tbody tr').first().getByRole('button').click();
    await record.locator('.thumb-open').click();
    const viewer = page.getByRole('dialog');
    await expect(viewer.locator('.fault-region[data-code="glare"]')).toBeVisible();
    await viewer.getByRole('button', { name: '放大' }).click();
    await page.waitForTimeout(300);
    await page.screenshot({ path: resolve(OUT, `viewer-fault-${tag}.png`) });
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: '打印要带的材料清单' }).click();
    await expect(page.locator('.bring-items li[data-requirement="referral-certificate"]')).toBeVisible();
    await page.waitForTimeout(300);
    await page.screenshot({ path: resolve(OUT, `print-list-${tag}.png`) });
    if (tag === 'standard') await page.pdf({ path: resolve(OUT, 'print-list.pdf'), format: 'A4' });
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: '家庭与人员' }).click();
    await expect(page.getByRole('cell', { name: '张伟', exact: true })).toBeVisible();
    await page.waitForTimeout(300);
    await page.screenshot({ path: resolve(OUT, `people-${tag}.png`) });
    // No sideways scroll at this size.
    // Runs in the page; typed loosely because this file compiles without the DOM library.
    const fits = await page.evaluate(() => {
      const g = globalThis as unknown as {
        document: { documentElement: { scrollWidth: number } };
        innerWidth: number;
      };
      return g.document.documentElement.scrollWidth <= g.innerWidth;
    });
    expect(fits).toBe(true);
    await page.getByRole('button', { name: '报销单', exact: true }).click();
  }
});

// Fields beside the photo: an invoice photo dropped on a claim is read in the check worker (real OCR models),
// its fields appear beside the photo with their boxes drawn on it; the claim is 张三's but the invoice reads
// 交款人 王秀英, so the name mismatch is drawn on the invoice. Correcting the name stores it (已核对), the
// mismatch goes, and both survive a reload (the correction lives in the data folder, not in the page).
import { resolve } from 'node:path';
import { expect, dropFiles, test, openFirstClaim } from './fixtures';
import { seedPerson, seedShanghaiClaim } from './support/api';
import { makeSamplePhotos } from './support/sample-photos';

const SHOTS =
  process.env.CLAIMDESK_SCREENSHOTS === '1'
    ? resolve(import.meta.dirname, '../../docs/screenshots')
    : resolve(import.meta.dirname, '../../test-results/screenshots');

test('read fields are shown beside the photo, boxed, editable; a mismatch is drawn on the invoice', async ({
  app: page,
  server,
}) => {
  test.setTimeout(180_000);
  const photos = await makeSamplePhotos();
  const claimant = await seedPerson(server, '张三');
  await seedShanghaiClaim(server, claimant, {
    inpatient: true,
    crossRegion: { filingType: 'emergency', filingDate: '2026-09-02' },
  });
  await openFirstClaim(page);
  const inv = page.locator('li[data-requirement="invoice"]');
  await dropFiles(page, inv.locator('> .dropzone'), [photos.clean.invoice]);
  const panel = inv.locator('.field-panel');
  await expect(panel).toHaveCount(1, { timeout: 120_000 });

  // Each field: plain Chinese label, the value read off the sample invoice, and a box on the photo.
  const row = (field: string) => panel.locator(`tr[data-field="${field}"]`);
  await expect(row('patientName').locator('th')).toHaveText('患者姓名');
  await expect(row('patientName').locator('input')).toHaveValue('王秀英');
  await expect(row('hospital').locator('input')).toHaveValue('上海市第一人民医院');
  await expect(row('issueDate').locator('input')).toHaveValue('2026-09-10');
  await expect(row('totalAmount').locator('input')).toHaveValue('11845.67');
  await expect(row('careSetting').locator('select')).toHaveValue('inpatient');
  for (const f of ['patientName', 'hospital', 'issueDate', 'totalAmount']) {
    const box = panel.locator(`.field-box[data-field="${f}"]`);
    await expect(box).toHaveCount(1);
    // The box lies inside the photo and has a size (its region is 0..1 of the photo).
    const [b, img] = await Promise.all([box.boundingBox(), panel.locator('.field-photo img').boundingBox()]);
    expect(b!.width).toBeGreaterThan(4);
    expect(b!.x).toBeGreaterThanOrEqual(img!.x);
    expect(b!.x + b!.width).toBeLessThanOrEqual(img!.x + img!.width + 1);
    expect(b!.y + b!.height).toBeLessThanOrEqual(img!.y + img!.height + 1);
  }
  // The patient's name box sits where 交款人 is printed on the sample: upper part, left half.
  const nameBox = await panel.locator('.field-box[data-field="patientName"]').boundingBox();
  const photo = await panel.locator('.field-photo img').boundingBox();
  expect((nameBox!.y - photo!.y) / photo!.height).toBeLessThan(0.4);
  expect((nameBox!.x - photo!.x) / photo!.width).toBeLessThan(0.5);

  // The claim is 张三's: the name on the invoice is drawn as a problem on the invoice, with its message.
  const mismatch = panel.locator('.problem-box[data-field="patientName"]');
  await expect(mismatch).toHaveCount(1, { timeout: 30_000 });
  // Its row is marked; the sentence is said once, on the 发票 item above (not again under the photo).
  await expect(row('patientName')).toHaveAttribute('data-problem', /error|warning/);
  await expect(inv.getByText('参保人是“张三”')).toHaveCount(1);
  await panel.scrollIntoViewIfNeeded();
  await panel.screenshot({ path: resolve(SHOTS, 'fields-mismatch.png') });

  // The person corrects the name: stored, marked 已核对, the mismatch goes.
  const name = row('patientName').locator('input');
  await name.fill('张三');
  await name.press('Enter');
  await expect(row('patientName')).toHaveAttribute('data-status', 'checked');
  await expect(row('patientName').locator('.tag-checked')).toHaveText('已核对');
  await expect(mismatch).toHaveCount(0, { timeout: 30_000 });
  await panel.screenshot({ path: resolve(SHOTS, 'fields-boxed.png') });

  // A bad amount is refused with a plain reason beside it and nothing is stored.
  const total = row('totalAmount').locator('input');
  await total.fill('一万');
  await total.press('Enter');
  await expect(row('totalAmount').getByText('金额写法不对')).toBeVisible();
  await expect(row('totalAmount')).not.toHaveAttribute('data-status', 'checked');

  // After a reload the correction is still there and still wins over the reading.
  await openFirstClaim(page);
  await expect(row('patientName').locator('input')).toHaveValue('张三', { timeout: 30_000 });
  await expect(row('patientName')).toHaveAttribute('data-status', 'checked');
  await expect(row('hospital')).not.toHaveAttribute('data-status', 'checked');
  await expect(mismatch).toHaveCount(0);
});

test('a new claim started by dropping its invoice is pre-filled, each value marked until checked', async ({
  app: page,
  server,
}) => {
  test.setTimeout(180_000);
  const photos = await makeSamplePhotos();
  await seedPerson(server, '王秀英');
  await page.reload();
  await page.getByRole('navigation').getByRole('button', { name: '新建报销' }).click();
  const form = page.locator('form.claim-form');
  await expect(form.getByLabel('医院名称')).toHaveValue('');
  await dropFiles(page, page.locator('.invoice-prefill .dropzone'), [photos.clean.invoice]);

  // What the sample invoice says: 住院 at 上海市第一人民医院, 2026-09-01 … 2026-09-10, 合计 11845.67.
  await expect(form.getByLabel('医院名称')).toHaveValue('上海市第一人民医院', { timeout: 120_000 });
  await expect(form.getByRole('radio', { name: '住院' })).toBeChecked();
  await expect(form.getByLabel('入院日期')).toHaveValue('2026-09-01');
  await expect(form.getByLabel('出院日期')).toHaveValue('2026-09-10');
  await expect(form.getByLabel('费用总额（元，可选）')).toHaveValue('11845.67');
  const marks = form.getByText('从发票读取，请核对');
  await expect(marks).toHaveCount(5); // care setting, hospital, two dates, total
  await page.locator('main').screenshot({ path: resolve(SHOTS, 'new-claim-prefilled.png') });

  // Editing a value takes its mark away; the rest stay until the person confirms them.
  await form.getByLabel('医院名称').fill('上海市第一人民医院（北部）');
  await expect(marks).toHaveCount(4);
  await form.getByRole('button', { name: '从发票读取的内容我已核对无误' }).click();
  await expect(marks).toHaveCount(0);
});

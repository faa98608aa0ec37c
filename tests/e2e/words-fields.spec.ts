// Words beside the photos (issue 26, point 10): a referral's date is its 转诊日期, not an invoice's 开票日期,
// and a problem drawn on a paper (大写 ≠ 小写) is said once — in the checklist — while the field panel marks
// the rows it is about, instead of repeating the sentence under the photo.
import { expect, openFirstClaim, test } from './fixtures';
import { importPaper, seedPerson, seedShanghaiClaim } from './support/api';
import { makeSamplePhotos } from './support/sample-photos';

test('the referral’s date is 转诊日期, and the 大写≠小写 message is shown once', async ({
  app: page,
  server,
}) => {
  const photos = await makeSamplePhotos();
  const claim = await seedShanghaiClaim(server, await seedPerson(server), {
    inpatient: true,
    crossRegion: { filingType: 'referral', filingDate: '2026-08-30' },
  });
  await importPaper(server, claim.id, 'invoice', [photos.clean.invoice.path]);
  await importPaper(server, claim.id, 'referral_certificate', [photos.clean.referral_certificate.path]);
  await openFirstClaim(page);

  const referral = page.locator('li[data-requirement="referral-certificate"] .field-panel');
  await expect(referral.locator('tr[data-field="issueDate"] th')).toHaveText('转诊日期', { timeout: 60_000 });
  await expect(referral).not.toContainText('开票日期');

  // The amount in words typed differently from the figures: one sentence on the page, the rows marked.
  const invoice = page.locator('li[data-requirement="invoice"] .field-panel');
  const words = invoice.locator('tr[data-field="totalAmountInWords"] input');
  await words.fill('壹万元整');
  await words.press('Enter');
  await expect(page.getByText('两者不一致').first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText('两者不一致')).toHaveCount(1);
  await expect(invoice.locator('tr[data-field="totalAmountInWords"]')).toHaveAttribute(
    'data-problem',
    'error',
  );
  await expect(invoice.locator('tr[data-field="totalAmount"]')).toHaveAttribute('data-problem', 'error');
});

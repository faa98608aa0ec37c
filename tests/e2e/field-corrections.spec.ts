// Corrections that never fail out of sight (issue 26, point 4): full-width digits typed into a read amount
// are the same number (as the forms take them); a value that cannot be taken is said beside its field, the
// field is marked, and the words go once a good value is saved; typing the value exactly as read confirms it.
import { expect, openFirstClaim, test } from './fixtures';
import { importPaper, seedPerson, seedShanghaiClaim } from './support/api';
import { makeSamplePhotos } from './support/sample-photos';

test('full-width digits are taken, a refusal is shown beside its field and goes when fixed, retyping confirms', async ({
  app: page,
  server,
}) => {
  const photos = await makeSamplePhotos();
  const claim = await seedShanghaiClaim(server, await seedPerson(server), { inpatient: true });
  await importPaper(server, claim.id, 'invoice', [photos.clean.invoice.path]);
  await openFirstClaim(page);
  const panel = page.locator('li[data-requirement="invoice"] .field-panel');
  await expect(panel).toHaveCount(1, { timeout: 60_000 });
  const row = (field: string) => panel.locator(`tr[data-field="${field}"]`);
  const total = row('totalAmount').locator('input');
  await expect(total).toHaveValue('11845.67');

  // 一万 cannot be taken: said beside the field, the field marked, nothing in the notices at the top.
  await total.fill('一万');
  await total.press('Enter');
  const error = row('totalAmount').locator('.field-note.error');
  await expect(error).toContainText('金额');
  await expect(total).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('.notices')).not.toContainText('金额');
  await expect(row('totalAmount')).not.toHaveAttribute('data-status', 'checked');

  // The same amount typed with a Chinese IME in full-width mode: taken, confirmed, the words gone.
  await total.fill('１１,８４５.６７');
  await total.press('Enter');
  await expect(row('totalAmount')).toHaveAttribute('data-status', 'checked');
  await expect(total).toHaveValue('11845.67');
  await expect(error).toHaveCount(0);
  await expect(total).not.toHaveAttribute('aria-invalid', 'true');

  // The hospital retyped exactly as it was read: that is the person confirming it (已核对).
  const hospital = row('hospital').locator('input');
  await expect(row('hospital')).not.toHaveAttribute('data-status', 'checked');
  const read = await hospital.inputValue();
  await hospital.fill('');
  await hospital.fill(read);
  await hospital.press('Enter');
  await expect(row('hospital')).toHaveAttribute('data-status', 'checked');
  await expect(row('hospital').locator('.tag-checked')).toHaveText('已核对');
});

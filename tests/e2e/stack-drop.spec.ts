// Papers sort themselves: a mixed stack of four sample papers dropped on 整叠放入 at the top of the claim
// editor is read in the check worker (real OCR models) and each photo lands under its own requirement, with a
// one-line summary; the person moves one page to another requirement with the select on its line.
import { join, resolve } from 'node:path';
import { expect, dropFiles, test, openFirstClaim } from './fixtures';
import { seedPerson, seedShanghaiClaim } from './support/api';
import { makeSamplePhotos, SAMPLES_DIR } from './support/sample-photos';

const SHOTS =
  process.env.CLAIMDESK_SCREENSHOTS === '1'
    ? resolve(import.meta.dirname, '../../docs/screenshots')
    : resolve(import.meta.dirname, '../../test-results/screenshots');

test('a dropped stack lands under the right requirements; a page can be moved', async ({
  app: page,
  server,
}) => {
  test.setTimeout(300_000);
  const photos = await makeSamplePhotos();
  const idCard = { path: join(SAMPLES_DIR, 'id-card.jpg'), name: '身份证.jpg', mime: 'image/jpeg' };
  const claimant = await seedPerson(server, '王秀英');
  await seedShanghaiClaim(server, claimant);
  await openFirstClaim(page);

  const stack = page.locator('section.stack-drop');
  await expect(stack.getByRole('heading', { name: '整叠放入' })).toBeVisible();
  await dropFiles(page, stack.locator('.dropzone'), [
    photos.clean.invoice,
    photos.clean.itemized_bill,
    photos.clean.diagnosis_certificate,
    idCard,
  ]);
  await expect(stack.locator('.stack-summary')).toHaveText(
    '1 张发票、1 张费用清单、1 张诊断证明、1 张身份证',
    { timeout: 240_000 },
  );
  const under = (requirement: string) => page.locator(`li[data-requirement="${requirement}"] .page-name`);
  await expect(under('invoice')).toHaveText(['发票.jpg']);
  await expect(under('itemized-bill')).toHaveText(['费用清单.jpg']);
  await expect(under('diagnosis-certificate')).toHaveText(['诊断证明.jpg']);
  await expect(under('id-card')).toHaveText(['身份证.jpg']);

  await stack.screenshot({ path: resolve(SHOTS, 'stack-drop.png') });

  // The person says the ID photo is really the 医保卡: it moves there, and is gone from 身份证.
  await stack.getByLabel('“身份证.jpg”放在哪一项').selectOption('insurance_card');
  await expect(under('insurance-card')).toHaveText(['身份证.jpg'], { timeout: 120_000 });
  await expect(under('id-card')).toHaveCount(0);
  await expect(stack.locator('.stack-summary')).toHaveText(
    '1 张发票、1 张费用清单、1 张诊断证明、1 张医保电子凭证/社保卡',
  );
});

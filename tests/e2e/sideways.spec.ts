// A paper photographed sideways, with no orientation tag (as a chat app forwards it), is read turned upright
// and shown upright: the field panel's picture stands as the paper does, and each field's box sits on its
// words (the patient's name near the top left, where 交款人 is printed on the sample invoice).
import { join, resolve } from 'node:path';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import sharp from 'sharp';
import { expect, dropFiles, test, openFirstClaim } from './fixtures';
import { seedPerson, seedShanghaiClaim } from './support/api';
import { SAMPLES_DIR } from './support/sample-photos';

const SHOTS =
  process.env.CLAIMDESK_SCREENSHOTS === '1'
    ? resolve(import.meta.dirname, '../../docs/screenshots')
    : resolve(import.meta.dirname, '../../test-results/screenshots');

test('a sideways invoice photo is read and shown upright, its boxes on its words', async ({
  app: page,
  server,
}) => {
  test.setTimeout(180_000);
  const dir = await mkdtemp(join(tmpdir(), 'claimdesk-e2e-sideways-'));
  const path = join(dir, '发票-横拍.jpg');
  // The upright sample turned a quarter clockwise, and saved without any orientation tag.
  await sharp(join(SAMPLES_DIR, 'invoice.jpg')).autoOrient().rotate(90).jpeg({ quality: 88 }).toFile(path);
  const meta = await sharp(path).metadata();
  expect(meta.width!).toBeGreaterThan(meta.height!);
  expect(meta.orientation).toBeUndefined();

  const claimant = await seedPerson(server, '王秀英');
  await seedShanghaiClaim(server, claimant, {
    inpatient: true,
    crossRegion: { filingType: 'referral', filingDate: '2026-08-30' },
  });
  await openFirstClaim(page);
  const inv = page.locator('li[data-requirement="invoice"]');
  await dropFiles(page, inv.locator('> .dropzone'), [{ path, name: '发票-横拍.jpg', mime: 'image/jpeg' }]);
  const panel = inv.locator('.field-panel');
  await expect(panel).toHaveCount(1, { timeout: 120_000 });
  await expect(panel.locator('tr[data-field="patientName"] input')).toHaveValue('王秀英');
  await expect(panel.locator('tr[data-field="totalAmount"] input')).toHaveValue('11845.67');

  // Shown upright: the picture is portrait like the paper, though the file is landscape.
  const img = panel.locator('.field-photo img');
  await expect(img).toBeVisible();
  const photo = (await img.boundingBox())!;
  expect(photo.height).toBeGreaterThan(photo.width);
  // The name's box is where 交款人 is printed on the upright paper: upper part, left half.
  const name = (await panel.locator('.field-box[data-field="patientName"]').boundingBox())!;
  expect((name.y - photo.y) / photo.height).toBeLessThan(0.4);
  expect((name.x - photo.x) / photo.width).toBeLessThan(0.5);
  // Its tile on the requirement stands upright too.
  const tileImg = inv.locator('figure.page-tile img');
  await tileImg.scrollIntoViewIfNeeded();
  const tile = (await tileImg.boundingBox())!;
  expect(tile.height).toBeGreaterThan(tile.width);
  await panel.scrollIntoViewIfNeeded();
  await panel.screenshot({ path: resolve(SHOTS, 'fields-sideways.png') });
});

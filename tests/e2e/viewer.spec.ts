// The photo viewer: a page thumbnail opens a large view (click or Enter), which zooms by button, wheel and
// keys, pans when zoomed, turns to the paper's next page, draws the glare photo's fault region over the
// picture, and closes on Esc with focus back on the thumbnail it was opened from. A multi-page PDF steps
// through its own pages.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { expect, dropFiles, test, openFirstClaim } from './fixtures';
import { seedPerson, seedShanghaiClaim } from './support/api';
import { SAMPLES_DIR, makeSamplePhotos } from './support/sample-photos';

test('a glare photo opens large with its fault box; zoom, pan, next page, Esc returns focus', async ({
  app: page,
  server,
}) => {
  test.setTimeout(180_000);
  const photos = await makeSamplePhotos();
  const claimant = await seedPerson(server, '张三');
  await seedShanghaiClaim(server, claimant, {
    crossRegion: { filingType: 'referral', filingDate: '2026-08-30' },
  });
  await openFirstClaim(page);
  const record = page.locator('li[data-requirement="medical-record"]');
  await dropFiles(page, record.locator('> .dropzone'), [photos.glareRecord, photos.cleanRecord]);
  const tiles = record.locator('figure.page-tile');
  await expect(tiles).toHaveCount(2, { timeout: 120_000 });
  const glareTile = tiles.filter({ hasText: '病历-反光.jpg' });
  await expect(glareTile).toHaveAttribute('data-verdict', 'fail');

  // Keyboard: Enter on the thumbnail opens the viewer.
  const opener = glareTile.locator('.thumb-open');
  await opener.focus();
  await page.keyboard.press('Enter');
  const viewer = page.getByRole('dialog');
  await expect(viewer).toBeVisible();
  await expect(viewer).toHaveAccessibleName(/病历-反光\.jpg/);
  const picture = viewer.locator('.viewer-sheet img');
  await expect(picture).toBeVisible();
  // The large picture is far bigger than the thumbnail.
  const [big, small] = await Promise.all([picture.boundingBox(), opener.locator('img').boundingBox()]);
  expect(big!.width).toBeGreaterThan(small!.width * 2);

  // The glare's region is drawn inside the picture, where the lamp's hotspot is (centre x 0.5, y 0.35).
  const fault = viewer.locator('.fault-region[data-code="glare"]');
  await expect(fault).toBeVisible();
  const f = (await fault.boundingBox())!;
  expect(f.width).toBeGreaterThan(10);
  expect(f.x).toBeGreaterThanOrEqual(big!.x - 1);
  expect(f.x + f.width).toBeLessThanOrEqual(big!.x + big!.width + 1);
  const cx = (f.x + f.width / 2 - big!.x) / big!.width;
  const cy = (f.y + f.height / 2 - big!.y) / big!.height;
  expect(Math.abs(cx - 0.5)).toBeLessThan(0.15);
  expect(Math.abs(cy - 0.35)).toBeLessThan(0.15);
  await expect(viewer.locator('.findings')).toContainText('反光');

  // Zoom: button, key, wheel; the picture grows on screen with its box.
  const zoom = viewer.locator('.viewer-zoom');
  await expect(zoom).toHaveText('100%');
  await viewer.getByRole('button', { name: '放大' }).click();
  await expect(zoom).toHaveText('125%');
  await page.keyboard.press('+');
  await expect(zoom).toHaveText('156%');
  const stage = viewer.locator('.viewer-stage');
  const s = (await stage.boundingBox())!;
  await page.mouse.move(s.x + s.width / 2, s.y + s.height / 2);
  await page.mouse.wheel(0, -100);
  await expect(zoom).toHaveText('195%');
  const zoomed = (await picture.boundingBox())!;
  expect(zoomed.width / big!.width).toBeGreaterThan(1.9);
  const fz = (await fault.boundingBox())!;
  expect(fz.width / f.width).toBeGreaterThan(1.9);

  // Pan: dragging moves the picture.
  await page.mouse.down();
  await page.mouse.move(s.x + s.width / 2 + 120, s.y + s.height / 2 + 60, { steps: 4 });
  await page.mouse.up();
  const panned = (await picture.boundingBox())!;
  expect(panned.x - zoomed.x).toBeGreaterThan(60);

  // 0 fits the whole page again; − cannot go below it.
  await page.keyboard.press('0');
  await expect(zoom).toHaveText('100%');
  await expect(viewer.getByRole('button', { name: '缩小' })).toBeDisabled();

  // Next page: the clean record, with no fault box.
  await viewer.getByRole('button', { name: '下一页' }).click();
  await expect(viewer).toHaveAccessibleName(/第 2 页.*病历\.jpg/);
  await expect(viewer.locator('.viewer-sheet img')).toBeVisible();
  await expect(viewer.locator('.fault-region')).toHaveCount(0);
  await page.keyboard.press('ArrowLeft');
  await expect(viewer).toHaveAccessibleName(/病历-反光\.jpg/);

  // Esc closes; focus is back on the thumbnail the viewer showed last.
  await page.keyboard.press('Escape');
  await expect(viewer).toHaveCount(0);
  await expect(opener).toBeFocused();

  // A click opens it too; the close button closes it.
  await tiles.nth(1).locator('.thumb-open').click();
  await expect(page.getByRole('dialog')).toHaveAccessibleName(/病历\.jpg/);
  await page.getByRole('dialog').getByRole('button', { name: '关闭' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(tiles.nth(1).locator('.thumb-open')).toBeFocused();

  // A PDF page shows its rendered page (PDF.js in main), in the thumbnail and large, never a grey box.
  const bill = page.locator('li[data-requirement="itemized-bill"]');
  await dropFiles(page, bill.locator('> .dropzone'), [
    { path: resolve(SAMPLES_DIR, 'e-invoice.pdf'), name: '电子票据.pdf', mime: 'application/pdf' },
  ]);
  const pdfTile = bill.locator('figure.page-tile');
  await expect(pdfTile.locator('.thumb-open img')).toBeVisible({ timeout: 60_000 });
  await expect(pdfTile.locator('.thumb-placeholder')).toHaveCount(0);
  await pdfTile.locator('.thumb-open').click();
  const pdfView = page.getByRole('dialog');
  await expect(pdfView.locator('.viewer-sheet img')).toBeVisible();
  const pdfBox = (await pdfView.locator('.viewer-sheet img').boundingBox())!;
  expect(pdfBox.height).toBeGreaterThan(300);
  await page.keyboard.press('Escape');
  await expect(pdfTile.locator('.thumb-open')).toBeFocused();
});

test('a 2-page PDF steps through its pages in the viewer', async ({ app: page, server }) => {
  // A real 2-page PDF: two different sample papers, one a page.
  const dir = await mkdtemp(join(tmpdir(), 'claimdesk-e2e-pdf-'));
  const doc = await PDFDocument.create();
  for (const name of ['itemized-bill.jpg', 'diagnosis.jpg']) {
    const jpeg = await sharp(resolve(SAMPLES_DIR, name)).rotate().resize(900).jpeg().toBuffer();
    const img = await doc.embedJpg(jpeg);
    doc.addPage([img.width, img.height]).drawImage(img, { x: 0, y: 0 });
  }
  const path = join(dir, '费用清单-两页.pdf');
  await writeFile(path, await doc.save());

  const claimant = await seedPerson(server, '张三');
  await seedShanghaiClaim(server, claimant, {
    crossRegion: { filingType: 'referral', filingDate: '2026-08-30' },
  });
  await openFirstClaim(page);
  const bill = page.locator('li[data-requirement="itemized-bill"]');
  await dropFiles(page, bill.locator('> .dropzone'), [
    { path, name: '费用清单-两页.pdf', mime: 'application/pdf' },
  ]);
  const tile = bill.locator('figure.page-tile');
  await expect(tile.locator('.thumb-open img')).toBeVisible({ timeout: 60_000 });
  await tile.locator('.thumb-open').click();
  const viewer = page.getByRole('dialog');
  const picture = viewer.locator('.viewer-sheet img');
  await expect(viewer.locator('.viewer-sheet-no')).toHaveText('PDF 第 1 / 2 页');
  const first = await picture.getAttribute('src');
  await expect(viewer.getByRole('button', { name: 'PDF 上一页' })).toBeDisabled();
  await viewer.getByRole('button', { name: 'PDF 下一页' }).click();
  await expect(viewer.locator('.viewer-sheet-no')).toHaveText('PDF 第 2 / 2 页');
  await expect(picture).toHaveAttribute('alt', '费用清单-两页.pdf 第 2 页');
  const second = await picture.getAttribute('src');
  expect(second).toMatch(/^data:image\/jpeg;base64,/);
  expect(second).not.toBe(first);
  await expect(viewer.getByRole('button', { name: 'PDF 下一页' })).toBeDisabled();
  await viewer.getByRole('button', { name: 'PDF 上一页' }).click();
  await expect(viewer.locator('.viewer-sheet-no')).toHaveText('PDF 第 1 / 2 页');
  await expect(picture).toHaveAttribute('src', first!);
  // ← → turn the PDF's own pages too (and stop at its last: it is the claim's only paper).
  await page.keyboard.press('ArrowRight');
  await expect(viewer.locator('.viewer-sheet-no')).toHaveText('PDF 第 2 / 2 页');
  await expect(picture).toHaveAttribute('alt', '费用清单-两页.pdf 第 2 页');
  await page.keyboard.press('ArrowRight');
  await expect(viewer.locator('.viewer-sheet-no')).toHaveText('PDF 第 2 / 2 页');
  await page.keyboard.press('ArrowLeft');
  await expect(viewer.locator('.viewer-sheet-no')).toHaveText('PDF 第 1 / 2 页');
  await expect(picture).toHaveAttribute('src', first!);
  await page.keyboard.press('Escape');
  await expect(tile.locator('.thumb-open')).toBeFocused();
});

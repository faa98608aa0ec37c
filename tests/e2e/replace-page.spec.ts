// A page is replaced only by a good photo (issue 26, point 1): a broken file dropped on a page's thumbnail
// (拖入新照片替换此页) is refused by its own name and the good page stays; two files dropped on one page are
// refused with a word, not half-used; no storage path is ever shown; and an export stopped by a page that
// cannot be opened names that paper.
import { readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { dropFiles, expect, openFirstClaim, test } from './fixtures';
import { storedFilePath } from '../../electron/core/files/store';
import { importPaper, seedOutpatientClaim, seedPerson } from './support/api';
import { makeBrokenFiles } from './support/broken-files';
import { makeSamplePhotos } from './support/sample-photos';

test('a broken photo dropped on a page is refused by name and the good page stays', async ({
  app: page,
  server,
}) => {
  const photos = await makeSamplePhotos();
  const broken = await makeBrokenFiles(photos.dir, photos.clean.invoice);
  const claim = await seedOutpatientClaim(server, await seedPerson(server));
  await importPaper(server, claim.id, 'invoice', [photos.clean.invoice.path]);
  await openFirstClaim(page);
  const tile = page.locator('li[data-requirement="invoice"] figure.page-tile');
  await expect(tile).toHaveCount(1);
  const before = await tile.getAttribute('data-page-id');
  const verdict = await tile.getAttribute('data-verdict');

  // The truncated JPEG: refused beside the tile, named by its own name; the page is still the good one.
  await dropFiles(page, tile.locator('.tile-drop'), [broken.truncated]);
  const note = page.locator('li[data-requirement="invoice"] .drop-notes[role=alert]');
  await expect(note).toContainText(broken.truncated.name);
  await expect(note).toContainText('没有替换');
  await expect(tile).toHaveAttribute('data-page-id', before!);
  await expect(tile).toHaveAttribute('data-verdict', verdict!);
  await expect(tile.locator('.page-name')).toHaveText('invoice.jpg');

  // An empty file is called empty, not "not a photo".
  const empty = join(photos.dir, '空白.jpg');
  await writeFile(empty, Buffer.alloc(0));
  await dropFiles(page, tile.locator('.tile-drop'), [{ path: empty, name: '空白.jpg', mime: 'image/jpeg' }]);
  await expect(note).toContainText('空白.jpg');
  await expect(note).toContainText('空文件');
  await expect(note).not.toContainText('不是照片或 PDF');

  // Two files on one page: said plainly, nothing replaced.
  await dropFiles(page, tile.locator('.tile-drop'), [photos.clean.diagnosis_certificate, broken.truncated]);
  await expect(note).toContainText('只能换成一个文件');
  await expect(tile).toHaveAttribute('data-page-id', before!);

  // No storage path or hash anywhere on the screen.
  await expect(page.locator('main')).not.toContainText(/files[\\/][0-9a-f]{2}[\\/]|\.bin\b|[0-9a-f]{40}/);
});

test('an export stopped by a page that cannot be opened names that paper', async ({ app: page, server }) => {
  const photos = await makeSamplePhotos();
  const claim = await seedOutpatientClaim(server, await seedPerson(server));
  const doc = await importPaper(server, claim.id, 'diagnosis_certificate', [
    photos.clean.diagnosis_certificate.path,
  ]);
  // The stored copy is damaged on disk afterwards (a failing disk, a sync tool): cut to 40 %.
  const stored = storedFilePath(server.dataDir, doc.pages[0]!.sha256);
  const bytes = await readFile(stored);
  await writeFile(stored, bytes.subarray(0, Math.floor(bytes.length * 0.4)));

  await openFirstClaim(page);
  page.once('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: '导出 PDF…' }).click();
  const error = page.locator('section.export [role=alert]');
  await expect(error).toContainText('诊断证明', { timeout: 60_000 });
  // Named as the claim lists it: the paper and the person's own file name.
  await expect(error).toContainText(`“${basename(photos.clean.diagnosis_certificate.path)}”打不开`);
  await expect(page.locator('main')).not.toContainText(/\.bin\b|[0-9a-f]{40}/);
});

// A paper the reader could not place is never stranded (issue 26, point 6): reopened later, it still says
// it was not recognised, 其他材料 offers a "放在哪一项" choice for each of its papers, and the item still
// missing (病历资料) offers the unplaced paper right there. A photo with no paper and no text on it is not 合格.
import { expect, openFirstClaim, test } from './fixtures';
import { apiCall, seedPerson, seedShanghaiClaim } from './support/api';
import { makeNote, makeWallPhoto } from './support/certificate';
import { makeSamplePhotos } from './support/sample-photos';

test('an unrecognised paper can be placed from 其他材料 or from the missing item; a blank photo fails', async ({
  app: page,
  server,
}) => {
  const photos = await makeSamplePhotos();
  const note = await makeNote(photos.dir, '情况说明.jpg');
  const wall = await makeWallPhoto(photos.dir, '拍错了.jpg');
  const claim = await seedShanghaiClaim(server, await seedPerson(server), {
    inpatient: true,
    crossRegion: { filingType: 'referral', filingDate: '2026-08-30' },
  });
  server.queueChosenFiles([note.path, wall]);
  const grants = await apiCall<Array<{ token: string }>>(server, 'pickFiles', { multiple: true });
  await apiCall(server, 'importStack', { claimId: claim.id, files: grants.map((g) => g.token) });

  // Opened afresh (not right after the drop): the papers wait in 其他材料, each with its choice.
  await openFirstClaim(page);
  const others = page.locator('.other-materials');
  const choice = others.getByLabel('“情况说明.jpg”放在哪一项');
  await expect(choice).toBeVisible();
  await expect(others).toContainText('没有认出');

  // The missing 病历资料 item offers it right there.
  const record = page.locator('li[data-requirement="medical-record"]');
  await expect(record).toHaveAttribute('data-status', 'missing');
  await record.getByRole('button', { name: '把“情况说明.jpg”放到这一项' }).click();
  await expect(record.locator('figure.page-tile')).toHaveCount(1, { timeout: 60_000 });
  await expect(record).not.toHaveAttribute('data-status', 'missing');
  await expect(choice).toHaveCount(0);

  // The wall photographed by mistake is not a paper: 需要重拍, and the reason says so.
  const tile = others.locator('figure.page-tile', { hasText: '拍错了.jpg' });
  await expect(tile).toHaveAttribute('data-verdict', 'fail');
  await expect(tile).toContainText('没有找到纸张');
  // …and it too can be moved (or removed) from 其他材料.
  await expect(others.getByLabel('“拍错了.jpg”放在哪一项')).toBeVisible();
});

// The board as a clerk uses it: an empty board offers a button to add people; 最早截止 puts claims still to be
// handed in before handed-in ones; search, filter and sort are kept after opening a claim and going back.
// The ID tail and checklist columns show the engine's verdict and fit at 特大 in 1280×720.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { dropFiles, expect, test } from './fixtures';
import { apiCall, seedOutpatientClaim, seedPerson, seedShanghaiClaim } from './support/api';
import { makeSamplePhotos, type Photo } from './support/sample-photos';
import type { ClaimEvaluationView } from '../../shared/ipc';

test('an empty board offers a button to add people', async ({ app: page }) => {
  await page.getByRole('button', { name: '先添加家庭和人员' }).click();
  await expect(page.getByRole('heading', { name: '家庭与人员', level: 1 })).toBeFocused();
});

test('最早截止 puts handed-in claims after drafts, and the board keeps its search and sort', async ({
  app: page,
  server,
}) => {
  const person = await seedPerson(server, '钱多多');
  const handedIn = await seedOutpatientClaim(server, person, '甲医院');
  const draft = await seedOutpatientClaim(server, person, '乙医院');
  // The older claim was handed in already (its deadline no longer matters).
  const db = new Database(join(server.dataDir, 'claimdesk.sqlite3'));
  db.prepare("UPDATE claims SET status = 'submitted', visit_date = '2026-08-01' WHERE id = ?").run(
    handedIn.id,
  );
  db.close();
  await page.reload();
  await page.getByLabel('排序').selectOption('care_end');
  const rows = page.locator('.claims-table tbody tr');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText(draft.reference);
  await expect(rows.nth(1)).toContainText(handedIn.reference);

  await page.getByRole('searchbox').fill('乙医院');
  await expect(rows).toHaveCount(1);
  await rows.first().getByRole('button').first().click();
  await expect(page.locator('#claim-title')).toBeFocused();
  await page.getByRole('button', { name: '← 返回报销单' }).click();
  await expect(page.getByRole('searchbox')).toHaveValue('乙医院');
  await expect(page.getByLabel('排序')).toHaveValue('care_end');
  await expect(rows).toHaveCount(1);
});

test("the board shows the ID tail and the engine's checklist (缺 n 项 → 可以提交), and fits at 特大 in 1280×720", async ({
  app: page,
  server,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  const photos = await makeSamplePhotos();
  const wang = await seedPerson(server, '王秀英', '11010519491231002X');
  const li = await seedPerson(server, '李建国', '110105198503030017');
  // An inpatient stay the sample papers were printed for (their dates and hospital agree with it).
  const gathering = await seedShanghaiClaim(server, wang, {
    inpatient: true,
    crossRegion: { filingType: 'referral', filingDate: '2026-08-30' },
  });
  const paid = await seedOutpatientClaim(server, li, '南京市鼓楼医院');
  const db = new Database(join(server.dataDir, 'claimdesk.sqlite3'));
  db.prepare("UPDATE claims SET status = 'paid' WHERE id = ?").run(paid.id);
  db.close();

  const unmet = async () =>
    (await apiCall<ClaimEvaluationView>(server, 'evaluateClaim', { id: gathering.id })).requirements.filter(
      // The pledge the app prints waits for a signature: neither missing nor counted (rules/tally.ts).
      (r) => r.status !== 'satisfied' && !r.pending,
    );
  const before = await unmet();
  expect(before.length).toBeGreaterThan(1);
  await page.reload();
  const rowOf = (ref: string) => page.locator('.claims-table tbody tr', { hasText: ref });
  await expect(rowOf(gathering.reference).locator('.id-tail')).toHaveText('…002X');
  await expect(rowOf(paid.reference).locator('.id-tail')).toHaveText('…0017');
  // The full number never reaches the board.
  await expect(page.locator('.claims-table')).not.toContainText('110105');
  await expect(rowOf(gathering.reference).locator('.checklist-cell')).toHaveText(`缺 ${before.length} 项`);
  // A paid claim has nothing left to bring.
  await expect(rowOf(paid.reference).locator('.checklist-cell')).toHaveText('—');

  // Every missing paper dropped on its item in the claim: the board then says 可以提交, as the editor does.
  const photoFor: Record<string, Photo> = {
    invoice: photos.clean.invoice,
    'itemized-bill': photos.clean.itemized_bill,
    'diagnosis-certificate': photos.clean.diagnosis_certificate,
    'discharge-summary': photos.clean.discharge_summary,
    'referral-certificate': photos.clean.referral_certificate,
    'id-card': photos.clean.id_card,
    'insurance-card': photos.clean.insurance_card,
    'bank-account': photos.clean.bank_account,
    'medical-record': photos.cleanRecord,
  };
  await rowOf(gathering.reference).getByRole('button').first().click();
  await expect(page.locator('#claim-title')).toBeFocused();
  const toDrop = before.filter((r) => !r.providedByApp);
  for (const [i, r] of toDrop.entries()) {
    const photo = photoFor[r.id];
    expect(photo, `a sample photo for requirement ${r.id}`).toBeDefined();
    const item = page.locator(`li[data-requirement="${r.id}"]`);
    await dropFiles(page, item.locator('> .dropzone'), [photo!]);
    await expect(item).toHaveAttribute('data-status', 'satisfied', { timeout: 60_000 });
    if (i === 0) {
      // One paper in: the board's count drops by exactly one.
      await page.getByRole('button', { name: '← 返回报销单' }).click();
      await expect(rowOf(gathering.reference).locator('.checklist-cell')).toHaveText(
        `缺 ${before.length - 1} 项`,
      );
      await rowOf(gathering.reference).getByRole('button').first().click();
      await expect(page.locator('#claim-title')).toBeFocused();
    }
  }
  await expect(page.getByTestId('checklist-state')).toHaveText('可以提交');
  await page.getByRole('button', { name: '← 返回报销单' }).click();
  await expect(rowOf(gathering.reference).locator('.checklist-cell')).toHaveText('可以提交');

  // 特大: the ID tail and the checklist stay, nothing scrolls sideways.
  await apiCall(server, 'saveSettings', { language: 'zh-CN', textSize: 'x-large', maskNumbers: true });
  await page.reload();
  const row = rowOf(gathering.reference);
  await expect(row.locator('.id-tail')).toBeVisible();
  await expect(row.locator('.id-tail')).toHaveText('…002X');
  await expect(row.locator('.checklist-cell')).toBeVisible();
  await expect(row.locator('.checklist-cell')).toHaveText('可以提交');
  const overflow = await page.evaluate(() => {
    const root = (
      globalThis as unknown as {
        document: { documentElement: { clientWidth: number; scrollWidth: number } };
      }
    ).document.documentElement;
    return root.scrollWidth - root.clientWidth;
  });
  expect(overflow).toBeLessThanOrEqual(0);
  const cell = await row.locator('.checklist-cell').boundingBox();
  expect(cell && cell.x + cell.width <= 1280).toBeTruthy();
});

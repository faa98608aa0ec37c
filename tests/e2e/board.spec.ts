// The board as a clerk uses it: an empty board offers a button to add people; 最早截止 puts claims still to be
// handed in before handed-in ones; search, filter and sort are kept after opening a claim and going back.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { seedOutpatientClaim, seedPerson } from './support/api';

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

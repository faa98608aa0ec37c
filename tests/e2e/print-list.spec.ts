// The printable "what to bring" list: opened from the claim editor (and from the new-claim form once the
// patient is chosen, before any paper), it lists the rule engine's requirements for the scenario in plain
// Chinese with a box to tick by hand, where a paper comes from only where the rule pack says so, and the
// deadline. Printed through the browser's print: the page printed to PDF (Chromium's own print path) and
// read back with pdftotext holds the list and nothing of the app around it.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, openFirstClaim } from './fixtures';
import { seedPerson, seedShanghaiClaim } from './support/api';

async function pdfText(pdf: Buffer): Promise<{ text: string; pages: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'claimdesk-print-'));
  try {
    const path = join(dir, 'list.pdf');
    await writeFile(path, pdf);
    const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
    const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
    return { text, pages: Number(/Pages:\s+(\d+)/.exec(info)?.[1]) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test('the claim editor prints the list of papers for its scenario, and only the list', async ({
  app: page,
  server,
}) => {
  const claimant = await seedPerson(server, '王秀英');
  const claim = await seedShanghaiClaim(server, claimant, {
    inpatient: true,
    crossRegion: { filingType: 'referral', filingDate: '2026-08-30' },
  });
  await openFirstClaim(page);
  const open = page.getByRole('button', { name: '打印要带的材料清单' });
  await open.click();
  const sheet = page.getByRole('dialog', { name: '报销要准备的材料' });
  await expect(sheet).toBeVisible();
  await expect(sheet.getByRole('button', { name: '关闭' })).toBeFocused();

  // The same requirements as the checklist, each with a box to tick.
  const checklistIds = await page
    .locator('li[data-requirement]')
    .filter({ hasNot: page.locator('.bring-sheet') })
    .evaluateAll((els) =>
      els.filter((e) => !e.closest('.bring-sheet')).map((e) => e.getAttribute('data-requirement')),
    );
  const sheetIds = await sheet
    .locator('.bring-items > li')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-requirement')));
  expect(sheetIds).toEqual(checklistIds);
  await expect(sheet.locator('.tick-box')).toHaveCount(sheetIds.length);
  expect(sheetIds).toEqual(expect.arrayContaining(['referral-certificate', 'invoice', 'discharge-summary']));

  // Where a paper comes from, only where the pack says so (the referral: 参保地医疗机构出具, seed 001).
  const referral = sheet.locator('li[data-requirement="referral-certificate"]');
  await expect(referral.locator('.bring-item-from')).toContainText('参保地的医院');
  await expect(sheet.locator('li[data-requirement="itemized-bill"] .bring-item-from')).toHaveCount(0);
  // The pledge is ticked online (issue 25): a reminder on the sheet, not a paper to tick off.
  await expect(sheet.locator('li[data-requirement="integrity-pledge"]')).toHaveCount(0);
  await expect(sheet.locator('li[data-reminder="integrity-pledge"]')).toContainText('勾选《诚信承诺书》');
  // The deadline: six months after discharge on 2026-09-10.
  await expect(sheet.locator('.bring-deadline')).toContainText('出院后 6个月内交齐，最晚 2027年3月10日');
  await expect(sheet).toContainText(claim.reference);

  // Printed: Chromium's print of the page (print stylesheet) carries the list alone.
  const { text, pages } = await pdfText(await page.pdf({ format: 'A4' }));
  for (const words of ['报销要准备的材料', '转诊转院证明', '去哪里开', '2027年3月10日', '王秀英', '发票原件'])
    expect(text).toContain(words);
  for (const appWords of ['离线工作', '家庭与人员', '基本情况', '关闭']) expect(text).not.toContain(appWords);
  expect(pages).toBeLessThanOrEqual(2);

  // Esc closes it; focus goes back to the button.
  await page.keyboard.press('Escape');
  await expect(sheet).toHaveCount(0);
  await expect(open).toBeFocused();
});

test('the new-claim form offers the list once the patient is chosen, before any paper', async ({
  app: page,
  server,
}) => {
  await seedPerson(server, '王秀英');
  await page.reload();
  await page.getByRole('button', { name: '新建报销' }).first().click();
  const open = page.getByRole('button', { name: '打印要带的材料清单' });
  await expect(open).toBeDisabled();
  await page.getByLabel('患者（参保人）').selectOption({ label: '王秀英 · 王秀英家' });
  await expect(open).toBeEnabled();
  await page.getByLabel('住院', { exact: true }).check();
  await page.getByLabel('是，异地就医').check();
  await page.getByLabel('3. 办了哪种异地备案？').selectOption('referral');
  await open.click();
  const sheet = page.getByRole('dialog', { name: '报销要准备的材料' });
  await expect(sheet.locator('li[data-requirement="referral-certificate"]')).toBeVisible();
  await expect(sheet.locator('li[data-requirement="discharge-summary"]')).toBeVisible();
  // No discharge date yet: the rule in words, no date.
  await expect(sheet.locator('.bring-deadline')).toHaveText('交材料期限：出院后 6个月内交齐');
  await sheet.getByRole('button', { name: '关闭' }).click();
  // A discharge date typed: the deadline's date appears.
  await page.getByLabel('出院日期').fill('2026-09-10');
  await open.click();
  await expect(sheet.locator('.bring-deadline')).toContainText('最晚 2027年3月10日');
  // Local outpatient care: no referral paper.
  await sheet.getByRole('button', { name: '关闭' }).click();
  await page.getByLabel('门诊', { exact: true }).check();
  await page.getByLabel('否，在参保地').check();
  await open.click();
  await expect(sheet.locator('li[data-requirement="invoice"]')).toBeVisible();
  await expect(sheet.locator('li[data-requirement="referral-certificate"]')).toHaveCount(0);
  await expect(sheet.locator('li[data-requirement="discharge-summary"]')).toHaveCount(0);
});

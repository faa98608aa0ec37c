// Issue 25 on the screen: a relative's claim asks for no extra paper and shows the 亲情账户 binding steps; the
// 诚信承诺书 is a reminder, not a missing item; the form records an offline filing with its filed place and
// dates (the filed place compared with the place of care); status tracking says the usual working days and,
// past them, 12393; dates read 2026年9月10日, never 2026-09-10; English mode reads as English.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { expect, openFirstClaim, test } from './fixtures';
import { apiCall, seedPerson } from './support/api';

const SHOTS = process.env.POLICY_SHOTS_DIR;

/** Visible text with no ISO date in it (input values are not text). */
async function expectNoIsoDate(text: string) {
  expect(text).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b/);
}

test('a relative’s claim: only 近亲属 to choose, no extra paper, the binding steps; the pledge is a reminder', async ({
  app: page,
  server,
}) => {
  const claimant = await seedPerson(server);
  await page.reload();
  await page.getByRole('button', { name: '新建报销' }).first().click();
  await page.getByLabel('患者（参保人）').selectOption({ label: '王秀英 · 王秀英家' });
  await page.getByLabel('门诊', { exact: true }).check();
  await page.getByLabel('医院名称').fill('南京市第一医院');
  await page.getByLabel('就医地（省市）').fill('江苏省南京市');
  await page.getByLabel('就诊日期').fill('2026-09-10');
  await page.getByLabel('近亲属代办').check();
  // A community helper is told who the applicant is; no 其他代办人 to pick.
  await expect(page.locator('form.claim-form')).toContainText('社区工作人员等帮忙整理材料的，请选“患者本人”');
  await expect(page.getByLabel('代办人是患者的').locator('option')).toHaveText([
    '配偶',
    '父母',
    '子女',
    '兄弟姐妹',
    '祖父母/外祖父母',
    '孙子女/外孙子女',
  ]);
  await page.getByLabel('代办人是患者的').selectOption('child');
  await page.getByLabel('代办人姓名').fill('张伟');
  await page.getByLabel('代办人身份证号').fill('110105197503030012');
  await page.getByRole('button', { name: '创建并查看材料清单' }).click();

  await expect(page.getByRole('heading', { name: '材料清单' })).toBeVisible();
  const ids = await page
    .locator('ol.requirements > li[data-requirement]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-requirement')));
  expect(ids).toEqual([
    'id-card',
    'insurance-card',
    'bank-account',
    'invoice',
    'itemized-bill',
    'diagnosis-certificate',
  ]);
  const checklist = await page.locator('ol.requirements').innerText();
  for (const never of ['委托书', '结婚证', '出生证明', '代办人身份证', '亲属关系证明', '诚信承诺书'])
    expect(checklist, never).not.toContain(never);

  const binding = page.locator('li[data-reminder="relative-account"]');
  await expect(binding).toContainText('先绑定亲情账户');
  await expect(binding).toContainText('窗口可能要求证明关系，可带上户口本');
  await expect(binding.locator('.reminder-steps li')).toHaveCount(4);
  await expect(binding.locator('.reminder-steps')).toContainText('16周岁');
  await expect(binding.locator('.source')).toContainText('《异地就医可以绑定亲属医保吗》');

  const pledge = page.locator('li[data-reminder="integrity-pledge"]');
  await expect(pledge).toContainText('上传材料后勾选《诚信承诺书》即可');
  // Saved first, then shown checked (the box follows what is stored).
  await pledge.getByLabel(/已在打印的承诺书页上签名/).click();
  await expect(pledge.getByLabel(/已在打印的承诺书页上签名/)).toBeChecked();
  await expect(pledge.locator('.pill')).toHaveText('承诺书页已签名');
  await expectNoIsoDate(await page.locator('main').innerText());
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/relative-claim.png`, fullPage: true });
  expect(claimant).toBeGreaterThan(0);
});

test('an offline filing with its filed place and dates is recorded and judged; dates in words; English', async ({
  app: page,
  server,
}) => {
  await seedPerson(server);
  await page.reload();
  await page.getByRole('button', { name: '新建报销' }).first().click();
  await page.getByLabel('患者（参保人）').selectOption({ label: '王秀英 · 王秀英家' });
  await page.getByLabel('门诊', { exact: true }).check();
  await page.getByLabel('医院名称').fill('上海市第一人民医院');
  await page.getByLabel('就医地（省市）').fill('上海市');
  await page.getByLabel('就诊日期').fill('2026-09-10');
  await page.getByLabel('是，异地就医').check();
  await page.getByLabel('3. 办了哪种异地备案？').selectOption('other_temporary');
  await page.getByLabel('备案日期').fill('2026-09-01');
  await page.getByLabel(/窗口办的（线下备案）/).check();
  await page.getByLabel('备案的就医地（可选）').fill('浙江省杭州市');
  await page.getByLabel('备案开始日期（可选）').fill('2026-09-01');
  await page.getByLabel('备案结束日期（可选）').fill('2026-08-01');
  await expect(page.locator('form.claim-form')).toContainText('备案结束日期早于开始日期');
  await expect(page.getByRole('button', { name: '创建并查看材料清单' })).toBeDisabled();
  await page.getByLabel('备案结束日期（可选）').fill('2026-09-30');
  await page.getByRole('button', { name: '创建并查看材料清单' }).click();

  await expect(page.getByRole('heading', { name: '材料清单' })).toBeVisible();
  // Kept after a restart of the screen: read back from SQLite.
  await page.reload();
  await openFirstClaim(page);
  const facts = page.getByTestId('filing-facts');
  await expect(facts).toHaveText(
    '其他临时外出就医，备案日期 2026年9月1日，在参保地窗口办理，备案就医地 浙江省杭州市，有效 2026年9月1日至2026年9月30日',
  );
  await expect(page.locator('li[data-code="filing_place_mismatch"]')).toContainText('备案后就医地不能更改');
  await expect(page.locator('li[data-reminder="offline-filing-record"]')).toContainText('地方平台');
  // Never a missing 备案表.
  await expect(page.locator('ol.requirements')).not.toContainText('备案表');
  // The editor reopens with what was stored.
  await page.getByRole('button', { name: '修改' }).click();
  await expect(page.getByLabel(/窗口办的（线下备案）/)).toBeChecked();
  await expect(page.getByLabel('备案的就医地（可选）')).toHaveValue('浙江省杭州市');
  await expect(page.getByLabel('备案结束日期（可选）')).toHaveValue('2026-09-30');
  await page.getByRole('button', { name: '收起' }).click();
  await expect(page.locator('.deadline-box')).toContainText('提交截止 2027年3月10日');
  await expectNoIsoDate(await page.locator('main').innerText());
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/offline-filing.png`, fullPage: true });

  // English mode: the deadline's tooltip and the filing words are English.
  await page.getByRole('button', { name: '设置' }).click();
  await page.getByLabel('English').click();
  await page.getByRole('button', { name: 'Claims' }).click();
  await openFirstClaim(page);
  await expect(page.locator('.deadline-box')).toHaveAttribute('title', /^“How to claim/);
  await expect(page.locator('.deadline-box')).toContainText('Submit by 10 Mar 2027');
  await expect(page.getByTestId('filing-facts')).toContainText('Other temporary, filed 1 Sep 2026');
  const text = await page.locator('main').innerText();
  expect(text).not.toMatch(/\bA other\b/);
  expect(text).not.toContain('本地就医');
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/offline-filing-en.png`, fullPage: true });
});

test('status tracking: the usual working days of 审核中, and past them 12393', async ({
  app: page,
  server,
}) => {
  const claimant = await seedPerson(server);
  const claim = await apiCall<{ id: number; reference: string }>(server, 'createClaim', {
    claimantId: claimant,
    careSetting: 'outpatient',
    hospital: '南京市第一医院',
    treatmentRegion: '江苏省南京市',
    visitDate: '2026-09-01',
  });
  // Handed in on 2026-09-15 (set in the file, as a claim that went through 材料齐全 would be).
  const db = new Database(join(server.dataDir, 'claimdesk.sqlite3'));
  db.prepare(
    "UPDATE claims SET status = 'submitted', created_at = '2026-09-12T02:00:00.000Z' WHERE id = ?",
  ).run(claim.id);
  db.prepare(
    `INSERT INTO claim_status_history (claim_id, from_status, to_status, note, changed_at, happened_on)
     VALUES (?, 'ready', 'submitted', '', '2026-09-15T02:00:00.000Z', '2026-09-15')`,
  ).run(claim.id);
  db.close();
  await page.reload();
  await openFirstClaim(page);
  // 已提交 on 9-15, today 10-01: 12 working days, past the 3-10 of the whole.
  await expect(page.getByTestId('processing')).toContainText('从提交到打款一般 3–10 个工作日');
  await expect(page.getByTestId('processing')).toHaveClass(/overdue/);

  // The office took it into review on Monday 9-28: 3 working days by Thursday 10-01, inside 1-3 for the step
  // but the whole is still past 10, so 12393 is still said.
  await page.getByRole('button', { name: '改为“审核中”' }).click();
  await page.getByLabel('发生日期').fill('2026-09-28');
  await page.getByRole('button', { name: '确定改为“审核中”' }).click();
  const note = page.getByTestId('processing');
  await expect(note).toContainText('审核中一般 1–3 个工作日，从2026年9月28日起已过 3 个工作日');
  await expect(note).toContainText('可拨打 12393 医保服务热线咨询');
  await expect(page.locator('.timeline li').first()).toContainText('2026年9月28日');
  await expectNoIsoDate(await page.locator('main').innerText());
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/processing.png`, fullPage: true });
});

// A new user's whole path through the real renderer and the real core: household and a relative, an inpatient
// 异地转诊 claim handed in by the relative, photos dropped onto the checklist (a blurred one flagged and
// replaced, a glare one shown with its region and replaced), the checklist turning complete, and the export
// read back with pdfinfo. No request may leave 127.0.0.1.
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { idCheckChar } from '../../shared/validators';
import { dropFiles, expect, test } from './fixtures';
import { makeSamplePhotos } from './support/sample-photos';

const PATIENT_ID = '11010519491231002X';
const RELATIVE_ID = `11010519700101123${idCheckChar('11010519700101123')}`;

test('a new user prepares and exports a cross-region inpatient claim for a parent', async ({
  app: page,
  server,
  requests,
}) => {
  const photos = await makeSamplePhotos();
  try {
    // --- a household with the insured person and the relative who acts for her
    await page.getByRole('button', { name: '家庭与人员' }).click();
    await page.getByLabel('新建户（户名）').fill('王家');
    await page.getByRole('button', { name: '新建户', exact: true }).click();
    await expect(page.getByRole('button', { name: /王家/ })).toBeVisible();

    const form = page.locator('form', { has: page.getByRole('heading', { name: '添加成员' }) });
    await form.getByLabel('姓名').fill('王秀英');
    // ID checked as typed: a wrong check character is named at once, the right one confirmed.
    await form.getByLabel('身份证号').fill('110105194912310021');
    await expect(form.getByText(/校验位不对（最后一位应为 X）/)).toBeVisible();
    await form.getByLabel('身份证号').fill(PATIENT_ID);
    await expect(form.getByText('校验通过 · 出生日期 1949年12月31日')).toBeVisible();
    await form.getByLabel('参保地').fill('北京市');
    await form.getByRole('button', { name: '添加成员' }).click();
    await expect(page.getByRole('cell', { name: '王秀英', exact: true })).toBeVisible();

    await form.getByLabel('姓名').fill('张伟');
    await form.getByLabel('身份证号').fill(RELATIVE_ID);
    await form.getByLabel('与参保人的关系').selectOption('child');
    await form.getByLabel('参保地').fill('北京市');
    await form.getByRole('button', { name: '添加成员' }).click();
    await expect(page.getByRole('cell', { name: '张伟', exact: true })).toBeVisible();
    // A person can be corrected later: add the son's mobile number.
    await page.getByRole('button', { name: '修改 张伟' }).click();
    const editForm = page.locator('form', { has: page.getByRole('heading', { name: '修改成员：张伟' }) });
    await expect(editForm.getByLabel('身份证号')).toHaveValue(RELATIVE_ID);
    await editForm.getByLabel('手机号（可选）').fill('13800138000');
    await editForm.getByRole('button', { name: '保存修改' }).click();
    await expect(page.getByText('已保存 张伟')).toBeVisible();
    // Shared PCs: ID numbers are masked in the list.
    await expect(
      page.getByRole('cell', { name: `${RELATIVE_ID.slice(0, 6)}********${RELATIVE_ID.slice(-4)}` }),
    ).toBeVisible();

    // --- the claim: inpatient, 异地转诊, handed in by the son
    await page.getByRole('button', { name: '新建报销' }).first().click();
    await page.getByLabel('患者（参保人）').selectOption({ label: '王秀英 · 王家' });
    await page.getByLabel('住院', { exact: true }).check();
    await page.getByLabel('医院名称').fill('上海市第一人民医院');
    await page.getByLabel('就医地（省市）').fill('上海市');
    await page.getByLabel('入院日期').fill('2026-09-01');
    await page.getByLabel('出院日期').fill('2026-09-10');
    await page.getByLabel('是，异地就医').check();
    await page.getByLabel('3. 办了哪种异地备案？').selectOption('referral');
    await page.getByLabel('备案日期').fill('2026-08-30');
    await page.getByLabel('近亲属代办').check();
    await page.getByLabel('代办人', { exact: true }).selectOption({ label: '张伟' });
    await page.getByLabel('代办人是患者的').selectOption('child');
    await page.getByRole('button', { name: '创建并查看材料清单' }).click();

    // --- the checklist from the rule engine, each item with its reason and source
    await expect(page.getByRole('heading', { name: '材料清单' })).toBeVisible();
    const referral = page.locator('li[data-requirement="referral-certificate"]');
    await expect(referral).toHaveAttribute('data-status', 'missing');
    // The guide's title and the quoted phrase, never a seed file name.
    await expect(referral.locator('.source')).toContainText('《');
    await expect(referral.locator('.source')).not.toContainText('.txt');
    // A relative asks for no extra paper (issue 25): the 亲情账户 binding steps are shown instead.
    await expect(page.locator('li[data-requirement^="relationship-proof"]')).toHaveCount(0);
    await expect(page.locator('li[data-reminder="relative-account"]')).toContainText('我的家庭成员');
    await expect(page.getByTestId('checklist-state')).not.toHaveText('可以提交');

    const zoneOf = (requirement: string) => page.locator(`li[data-requirement="${requirement}"] > .dropzone`);

    // A blurred invoice photo is flagged at once with the retake advice…
    await dropFiles(page, zoneOf('invoice'), [photos.blurredInvoice]);
    const invoiceTile = page.locator('li[data-requirement="invoice"] figure.page-tile');
    await expect(invoiceTile).toHaveAttribute('data-verdict', 'fail');
    await expect(invoiceTile.locator('.badge')).toHaveText('需要重拍');
    await expect(invoiceTile.locator('.findings')).toContainText('重拍');
    await expect(invoiceTile.locator('img')).toBeVisible();
    await expect(page.locator('li[data-requirement="invoice"]')).toHaveAttribute(
      'data-status',
      'needs_attention',
    );
    // …and replaced by dropping the retaken photo on the page itself.
    await dropFiles(page, invoiceTile.locator('.tile-drop'), [photos.clean.invoice]);
    await expect(invoiceTile).toHaveAttribute('data-verdict', 'pass');
    await expect(invoiceTile.locator('.page-name')).toHaveText('发票.jpg');

    // A photo with glare shows the fault's region drawn over the thumbnail, then is replaced.
    await dropFiles(page, zoneOf('medical-record'), [photos.glareRecord]);
    const recordTile = page.locator('li[data-requirement="medical-record"] figure.page-tile');
    await expect(recordTile).toHaveAttribute('data-verdict', 'fail');
    // A tile fetches its picture (and draws the fault over it) once it is near view, as a person scrolls.
    await recordTile.scrollIntoViewIfNeeded();
    const region = recordTile.locator('.fault-region[data-code="glare"]');
    await expect(region).toBeVisible();
    const box = await region.boundingBox();
    const thumb = await recordTile.locator('img').boundingBox();
    expect(
      box &&
        thumb &&
        box.width > 5 &&
        box.height > 5 &&
        box.x >= thumb.x &&
        box.x + box.width <= thumb.x + thumb.width + 1,
    ).toBeTruthy();
    await dropFiles(page, recordTile.locator('.tile-drop'), [photos.cleanRecord]);
    await expect(recordTile).toHaveAttribute('data-verdict', 'pass');
    await expect(recordTile.locator('.fault-region')).toHaveCount(0);

    // Every other paper, each dropped on its requirement.
    const rest: Array<[string, keyof typeof photos.clean]> = [
      ['itemized-bill', 'itemized_bill'],
      ['diagnosis-certificate', 'diagnosis_certificate'],
      ['discharge-summary', 'discharge_summary'],
      ['referral-certificate', 'referral_certificate'],
      ['id-card', 'id_card'],
      ['insurance-card', 'insurance_card'],
      ['bank-account', 'bank_account'],
    ];
    for (const [requirement, kind] of rest) {
      await dropFiles(page, zoneOf(requirement), [photos.clean[kind]]);
      await expect(page.locator(`li[data-requirement="${requirement}"]`)).toHaveAttribute(
        'data-status',
        'satisfied',
      );
    }
    await expect(page.getByTestId('checklist-state')).toHaveText('可以提交');

    // --- export: progress, then the PDF, read back by an independent tool
    await page.getByRole('button', { name: '导出 PDF…' }).click();
    const result = page.getByTestId('export-result');
    await expect(result).toBeVisible({ timeout: 120_000 });
    const pdfPath = (await result.locator('.path').textContent())!.trim();
    expect(existsSync(pdfPath)).toBe(true);
    const info = execFileSync('pdfinfo', [pdfPath], { encoding: 'utf8' });
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    // Nine papers, one page each, after the cover, checklist and pledge.
    expect(pages).toBeGreaterThanOrEqual(9 + 3);
    await expect(result).toContainText(`${pages} 页`);
    const text = execFileSync('pdftotext', [pdfPath, '-'], { encoding: 'utf8' });
    expect(text).toContain('王秀英');
    expect(text).toContain('上海市第一人民医院');
    // pdftotext ends each page with a form feed; every photo page carries the header "材料 n/m · kind · 第k页".
    const pageTexts = text.split('\f').slice(0, pages);
    const paperPages = pageTexts.filter((t) => /材料\s*\d+\s*\/\s*\d+/.test(t)).length;
    expect(
      paperPages,
      `papers found in the PDF's page headers:\n${pageTexts.map((t, i) => `${i + 1}: ${t.slice(0, 60).replace(/\s+/g, ' ')}`).join('\n')}`,
    ).toBe(9);
    expect(statSync(pdfPath).size).toBeLessThan(8 * 1024 * 1024);

    await result.getByRole('button', { name: '打开 PDF' }).click();
    await result.getByRole('button', { name: '在文件夹中显示' }).click();
    await result.getByRole('button', { name: '打印' }).click();
    await expect.poll(() => server.shellCalls.map((c) => c.action)).toEqual(['open', 'show', 'print']);
    expect(server.shellCalls.every((c) => c.path === pdfPath)).toBe(true);

    // --- the life cycle: ready, then submitted, on the timeline
    // Each change asks for its day (today by default) and a note before it is made.
    await page.getByRole('button', { name: '改为“材料齐全”' }).click();
    await page.getByRole('button', { name: '确定改为“材料齐全”' }).click();
    await page.getByRole('button', { name: '改为“已提交”' }).click();
    await page.getByLabel('备注（可不填）').fill('医保窗口收件');
    await page.getByRole('button', { name: '确定改为“已提交”' }).click();
    await expect(page.locator('.timeline li').first()).toContainText('已提交');
    await expect(page.locator('.timeline li').first()).toContainText('医保窗口收件');
    await expect(page.locator('.timeline li').first()).toContainText('2026年10月1日');

    // --- the board finds it by the patient's name and shows the deadline
    await page.getByRole('button', { name: '报销单', exact: true }).click();
    await page.getByPlaceholder(/搜索姓名/).fill('王秀英');
    await expect(page.locator('.claims-table tbody tr')).toHaveCount(1);
    await expect(page.locator('.claims-table tbody tr').first()).toContainText('已提交');

    // Nothing the page asked for left this machine.
    expect(requests.length).toBeGreaterThan(10);
    const outside = requests.filter((u) => !u.startsWith(server.url) && !u.startsWith('data:'));
    expect(outside).toEqual([]);
  } finally {
    await rm(photos.dir, { recursive: true, force: true });
  }
});

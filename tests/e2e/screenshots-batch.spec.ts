// Screenshots of batch work on the board (issue #13): a selection with its bar, the bulk export's one progress
// bar, and its summary, at 标准 (1366×900) and 特大 (1280×720). Written to docs/screenshots/ when
// CLAIMDESK_SCREENSHOTS=1, otherwise under test-results/.
import { resolve, join } from 'node:path';
import { idCheckChar } from '../../shared/validators';
import { expect, test } from './fixtures';
import { apiCall, seedOutpatientClaim } from './support/api';

const OUT =
  process.env.CLAIMDESK_SCREENSHOTS === '1'
    ? resolve(import.meta.dirname, '../../docs/screenshots')
    : resolve(import.meta.dirname, '../../test-results/screenshots');

const PEOPLE = ['王秀英', '李建国', '张桂兰', '刘志强', '陈淑珍', '杨国华'];

for (const size of ['normal', 'x-large'] as const) {
  test(`batch work on the board at ${size}`, async ({ app: page, server }) => {
    if (size === 'x-large') await page.setViewportSize({ width: 1280, height: 720 });
    const h = await apiCall<{ id: number }>(server, 'createHousehold', { name: '社区服务站' });
    for (const [i, name] of PEOPLE.entries()) {
      const first17 = `32010619${50 + i}0101${100 + i}`;
      const p = await apiCall<{ id: number }>(server, 'createPerson', {
        householdId: h.id,
        name,
        idNumber: first17 + idCheckChar(first17),
        relation: 'self',
        insuranceType: 'employee',
        insuredRegion: '江苏省南京市',
      });
      await seedOutpatientClaim(server, p.id, i % 2 ? '南京鼓楼医院' : '江苏省人民医院');
    }
    await apiCall(server, 'saveSettings', { language: 'zh-CN', textSize: size, maskNumbers: true });
    await page.reload();
    const rows = page.locator('.claims-table tbody tr');
    await expect(rows).toHaveCount(PEOPLE.length);
    await rows.nth(0).getByRole('checkbox').click();
    await rows
      .nth(3)
      .getByRole('checkbox')
      .click({ modifiers: ['Shift'] });
    await expect(page.getByText('已选 4 单')).toBeVisible();
    const tag = size === 'normal' ? '' : '-x-large';
    // The shift-click may scroll the table into view; the picture starts at the page's title.
    await page.getByRole('heading', { name: '报销单', level: 1 }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(OUT, `board-selection${tag}.png`) });

    await page.getByRole('button', { name: '导出 PDF（每单一个）…' }).click();
    await expect(page.getByTestId('batch-progress')).toContainText(/正在导出第 \d \/ 4 单/);
    await page.screenshot({ path: join(OUT, `board-bulk-export-progress${tag}.png`) });
    await expect(page.getByTestId('batch-summary')).toContainText('已导出 4 单', { timeout: 120_000 });
    await page.screenshot({ path: join(OUT, `board-bulk-export-summary${tag}.png`) });
  });
}

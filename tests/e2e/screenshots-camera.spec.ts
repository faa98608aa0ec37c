// Screenshots of the capture view (拍照) at 标准 and 特大 text: the live picture with the paper's outline and
// its one instruction, the strip with a paper taken by itself and placed, and one taken with Space and marked
// 重拍. Written to docs/screenshots with CLAIMDESK_SCREENSHOTS=1 (test-results/screenshots otherwise); each
// shot also asserts what it shows.
import { resolve } from 'node:path';
import { expect, test, openFirstClaim } from './fixtures';
import { apiCall, seedPerson, seedShanghaiClaim } from './support/api';
import { openWithCamera } from './support/camera-browser';
import { stillThenBlurred } from './support/camera-video';

const OUT =
  process.env.CLAIMDESK_SCREENSHOTS === '1'
    ? resolve(import.meta.dirname, '../../docs/screenshots')
    : resolve(import.meta.dirname, '../../test-results/screenshots');

test.use({ trace: 'off' });

for (const [size, tag] of [
  ['normal', 'standard'],
  ['x-large', 'x-large'],
] as const) {
  test(`the capture view at ${tag}`, async ({ server }) => {
    test.setTimeout(600_000);
    const video = await stillThenBlurred();
    await seedShanghaiClaim(server, await seedPerson(server, '王秀英'), { inpatient: true });
    await apiCall(server, 'saveSettings', { language: 'zh-CN', textSize: size, maskNumbers: true });
    const cam = await openWithCamera(server, {
      video: video.path,
      grant: true,
      viewport: { width: 1280, height: 800 },
    });
    try {
      await openFirstClaim(cam.page);
      await cam.page.locator('section.camera-panel').getByRole('button', { name: '打开摄像头' }).click();
      const view = cam.page.getByRole('dialog', { name: '拍照' });
      const strip = view.locator('.capture-strip li');
      await expect(strip).toHaveCount(1, { timeout: 240_000 });
      await expect(strip.first()).toHaveAttribute('data-status', 'placed', { timeout: 120_000 });
      await expect(view.locator('[data-instruction="hold_still"][data-still="true"]')).toBeVisible({
        timeout: 120_000,
      });
      await cam.page.keyboard.press(' ');
      await expect(strip.nth(1)).toHaveAttribute('data-status', 'retake', { timeout: 120_000 });
      await expect(view.locator('.capture-outline polygon')).toBeVisible();
      await cam.page.waitForTimeout(500);
      await cam.page.screenshot({ path: resolve(OUT, `camera-${tag}.png`) });
    } finally {
      await cam.close();
    }
  });
}

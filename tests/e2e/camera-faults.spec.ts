// The camera's faults, each said in plain words with nothing taken lost (issue 24): no camera, the camera
// refused, a camera unplugged mid-session, a camera that only offers 640×480; and the camera chosen by its
// name, remembered on this PC. Each case launches its own Chromium (the fake camera is per launch).
import type { Page } from '@playwright/test';
import { expect, test, openFirstClaim } from './fixtures';
import { seedPerson, seedShanghaiClaim } from './support/api';
import { openWithCamera } from './support/camera-browser';
import { vgaWebcam } from './support/camera-video';

test.use({ trace: 'off' });

async function openCamera(page: Page) {
  await openFirstClaim(page);
  await page.locator('section.camera-panel').getByRole('button', { name: '打开摄像头' }).click();
  return page.getByRole('dialog', { name: '拍照' });
}

test('no camera at all: said plainly, with a way to look again', async ({ server }) => {
  await seedShanghaiClaim(server, await seedPerson(server));
  const cam = await openWithCamera(server, { video: null, grant: true });
  try {
    const view = await openCamera(cam.page);
    const fault = view.locator('.capture-fault');
    await expect(fault).toHaveAttribute('data-fault', 'no_camera');
    await expect(fault).toContainText('没有找到摄像头');
    await expect(fault.getByRole('button', { name: '重新查找' })).toBeVisible();
    await expect(view.getByRole('button', { name: '拍照（空格键）' })).toBeDisabled();
    expect(cam.errors).toEqual([]);
  } finally {
    await cam.close();
  }
});

test('the camera refused: said plainly, pointing at the system setting', async ({ server }) => {
  await seedShanghaiClaim(server, await seedPerson(server));
  const video = await vgaWebcam();
  const cam = await openWithCamera(server, { video: video.path, grant: false });
  try {
    const view = await openCamera(cam.page);
    const fault = view.locator('.capture-fault');
    await expect(fault).toHaveAttribute('data-fault', 'denied');
    await expect(fault).toContainText('没有允许本程序使用');
    expect(cam.errors).toEqual([]);
  } finally {
    await cam.close();
  }
});

test('a 640×480 camera: warned at once; the shutter still takes, and the paper is marked 重拍 right there', async ({
  server,
}) => {
  test.setTimeout(300_000);
  await seedShanghaiClaim(server, await seedPerson(server, '王秀英'), { inpatient: true });
  const video = await vgaWebcam();
  const cam = await openWithCamera(server, { video: video.path, grant: true });
  try {
    const view = await openCamera(cam.page);
    await expect(view.locator('.capture-size')).toHaveAttribute('data-photo', '640x480');
    await expect(view.locator('[data-fault="low_resolution"]')).toContainText('最高只有 640×480 像素');
    // The live checks see what the photo check will: the print is too small.
    await expect(view.locator('[data-instruction="closer"]')).toBeVisible({ timeout: 60_000 });
    await expect(view.locator('.capture-instruction')).toHaveText('再近一点');
    // Space is the shutter; auto-capture never takes a paper that would fail.
    await cam.page.keyboard.press(' ');
    const shot = view.locator('.capture-strip li');
    await expect(shot).toHaveCount(1);
    await expect(shot).toHaveAttribute('data-how', 'shutter');
    await expect(shot).toHaveAttribute('data-status', 'retake', { timeout: 120_000 });
    await expect(shot).toContainText('重拍');
    await expect(shot).toContainText('像素太低');
    // The camera stays open for the retake.
    await expect(view.getByRole('button', { name: '拍照（空格键）' })).toBeEnabled();
    await cam.page.waitForTimeout(3000);
    await expect(shot).toHaveCount(1);
    expect(cam.errors).toEqual([]);
  } finally {
    await cam.close();
  }
});

test('unplugged mid-session: said plainly; the photos taken stay, on the claim and in the strip', async ({
  server,
}) => {
  test.setTimeout(300_000);
  await seedShanghaiClaim(server, await seedPerson(server, '王秀英'), { inpatient: true });
  const video = await vgaWebcam();
  const cam = await openWithCamera(server, { video: video.path, grant: true });
  try {
    const view = await openCamera(cam.page);
    await expect(view.locator('[data-instruction]')).toBeVisible({ timeout: 60_000 });
    await view.getByRole('button', { name: '拍照（空格键）' }).click();
    const shot = view.locator('.capture-strip li');
    await expect(shot).toHaveCount(1);
    // The camera's cable is pulled: the system ends its track.
    await cam.page.evaluate(() => {
      type Track = { stop(): void; dispatchEvent(e: unknown): void };
      const g = globalThis as unknown as {
        document: { querySelector(s: string): { srcObject: { getVideoTracks(): Track[] } } | null };
        Event: new (type: string) => unknown;
      };
      const track = g.document.querySelector('.capture-view video')!.srcObject.getVideoTracks()[0]!;
      track.stop();
      track.dispatchEvent(new g.Event('ended'));
    });
    const fault = view.locator('.capture-fault');
    await expect(fault).toHaveAttribute('data-fault', 'unplugged');
    await expect(fault).toContainText('摄像头断开了。已经拍的照片都在，不会丢。');
    await expect(shot).toHaveCount(1);
    await expect(shot).not.toHaveAttribute('data-status', 'checking', { timeout: 120_000 });
    await expect(shot).not.toHaveAttribute('data-status', 'failed');
    // Plugged back in (here: looked for again), the camera comes back; the strip is as it was.
    await fault.getByRole('button', { name: '重新查找' }).click();
    await expect(view.locator('.capture-size')).toHaveAttribute('data-photo', '640x480');
    await expect(shot).toHaveCount(1);
    await view.getByRole('button', { name: '完成' }).click();
    await expect(cam.page.locator('.camera-note')).toContainText('这次拍了 1 张');
    await expect(cam.page.locator('li[data-requirement="invoice"] figure.page-tile')).toHaveCount(1);
    expect(cam.errors).toEqual([]);
  } finally {
    await cam.close();
  }
});

test('the camera is chosen by the name the system gives it, and remembered on this PC', async ({
  server,
}) => {
  await seedShanghaiClaim(server, await seedPerson(server));
  const cam = await openWithCamera(server, { video: null, fakeDevices: 'device-count=2', grant: true });
  try {
    let view = await openCamera(cam.page);
    const select = view.getByRole('combobox', { name: '选择摄像头' });
    await expect(select.locator('option')).toHaveCount(2);
    const names = await select.locator('option').allTextContents();
    expect(names.every((n) => n.length > 0 && !n.includes('摄像头 '))).toBe(true);
    await select.selectOption({ label: names[1]! });
    await expect(view.locator('.capture-size')).toBeVisible();
    await expect(select.locator('option:checked')).toHaveText(names[1]!);
    await view.getByRole('button', { name: '完成' }).click();
    // Next time, and after the app restarts, the same camera opens.
    await cam.page.reload();
    view = await openCamera(cam.page);
    await expect(view.locator('.capture-size')).toBeVisible();
    await expect(view.getByRole('combobox', { name: '选择摄像头' }).locator('option:checked')).toHaveText(
      names[1]!,
    );
    expect(cam.errors).toEqual([]);
  } finally {
    await cam.close();
  }
});

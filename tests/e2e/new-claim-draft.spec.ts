// Before a new claim is created (issue 26, points 3 and 7): the 就医地 comes from the hospital the invoice
// names, 异地 is answered from the patient's 参保地, a paper whose date disagrees with the others is named (not
// the right paper blamed after creating), a paper of another person is named against the chosen patient, and
// 创建 says what it still waits for right beside it.
import { dropFiles, expect, test } from './fixtures';
import { seedPerson } from './support/api';
import { makeCertificate } from './support/certificate';
import { makeSamplePhotos } from './support/sample-photos';

test('the dropped papers fill 就医地 and 异地, disagreeing papers are named, and 创建 says what is missing', async ({
  app: page,
  server,
}) => {
  const photos = await makeSamplePhotos();
  const older = await makeCertificate(photos.dir, {
    name: '诊断证明-上次.jpg',
    fileName: 'certificate-0820.jpg',
    patient: '王秀英',
    hospital: '上海市第一人民医院',
    visitDate: '2026-08-20',
  });
  await seedPerson(server, '王秀英'); // 参保地 江苏省南京市
  await seedPerson(server, '张三', '110105194912310038');
  await page.reload();
  await page.getByRole('navigation').getByRole('button', { name: '新建报销' }).click();
  await page.getByLabel('患者（参保人）').selectOption({ label: '张三 · 张三家' });
  await dropFiles(page, page.locator('.new-claim-stack .dropzone'), [
    photos.clean.invoice,
    photos.clean.discharge_summary,
    older,
  ]);
  await expect(page.locator('.new-claim-stack .stack-pages li')).toHaveCount(3, { timeout: 120_000 });

  // 就医地 from the invoice's hospital, and 异地 from the patient's 参保地 (江苏省南京市).
  await expect(page.getByLabel('医院名称')).toHaveValue('上海市第一人民医院');
  await expect(page.getByLabel('就医地（省市）')).toHaveValue('上海市');
  await expect(page.getByRole('radio', { name: '是，异地就医' })).toBeChecked();
  await expect(page.locator('.claim-form')).toContainText('参保地是江苏省南京市');

  // The papers against the chosen patient and against each other, named before anything is created.
  const notes = page.locator('.draft-notes');
  await expect(notes).toContainText('发票（发票.jpg）上的姓名是“王秀英”，不是所选的患者“张三”');
  await expect(notes).toContainText('诊断证明（诊断证明-上次.jpg）上的日期是 2026年8月20日');
  await expect(page.locator('.new-claim-stack li', { hasText: '诊断证明-上次.jpg' })).toHaveAttribute(
    'data-disagrees',
    'true',
  );
  await page.getByLabel('患者（参保人）').selectOption({ label: '王秀英 · 王秀英家' });
  await expect(notes).not.toContainText('不是所选的患者');
  await expect(notes).toContainText('诊断证明（诊断证明-上次.jpg）上的日期是 2026年8月20日');

  // 创建 waits for 就医地, and says so beside it.
  await page.getByLabel('就医地（省市）').fill('');
  const create = page.getByRole('button', { name: /^创建/ });
  await expect(create).toBeDisabled();
  await expect(page.locator('.submit-why')).toContainText('就医地');
});

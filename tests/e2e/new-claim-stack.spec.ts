// 新建报销 from the papers: the person drops the stack on the new-claim screen (read in the real check worker
// with the real OCR models, nothing stored), the invoice pre-fills the form, a line says what was found; a
// creation that fails (a file gone) keeps every file listed with a Chinese reason and creates nothing; once
// the file is back, 创建 stores each paper under its requirement and the editor asks about the blank one.
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { expect, dropFiles, test } from './fixtures';
import { apiCall, seedPerson } from './support/api';
import { makeSamplePhotos } from './support/sample-photos';

test('a stack dropped on 新建报销 fills the form and lands under the requirements when the claim is made', async ({
  app: page,
  server,
}) => {
  test.setTimeout(300_000);
  const photos = await makeSamplePhotos();
  // A page with nothing printed on it, chosen with 选择文件… from a folder of our own (so it can go missing).
  const own = await mkdtemp(join(tmpdir(), 'claimdesk-e2e-newstack-'));
  const blank = join(own, '空白.jpg');
  const spare = join(own, 'spare.jpg');
  await sharp({ create: { width: 1600, height: 1200, channels: 3, background: '#eeeae0' } })
    .jpeg()
    .toFile(spare);
  await copyFile(spare, blank);
  await seedPerson(server, '王秀英');
  await page.reload();
  await page.getByRole('navigation').getByRole('button', { name: '新建报销' }).click();

  const stack = page.locator('.new-claim-stack');
  const form = page.locator('form.claim-form');
  await dropFiles(page, stack.locator('.dropzone'), [
    photos.clean.invoice,
    photos.clean.itemized_bill,
    photos.clean.diagnosis_certificate,
  ]);
  await expect(stack.locator('.stack-summary')).toHaveText('找到 1 张发票、1 张费用清单、1 张诊断证明', {
    timeout: 240_000,
  });
  // The sample invoice: 住院 at 上海市第一人民医院, 2026-09-01 … 2026-09-10, 合计 11845.67, each marked.
  await expect(form.getByLabel('医院名称')).toHaveValue('上海市第一人民医院');
  await expect(form.getByRole('radio', { name: '住院' })).toBeChecked();
  await expect(form.getByLabel('入院日期')).toHaveValue('2026-09-01');
  await expect(form.getByLabel('出院日期')).toHaveValue('2026-09-10');
  await expect(form.getByLabel('费用总额（元，可选）')).toHaveValue('11845.67');
  await expect(form.getByText('从发票读取，请核对')).toHaveCount(5);

  // A fourth paper added with the file dialog joins the list (the three already read are not read again).
  server.queueChosenFiles([blank]);
  await stack.getByRole('button', { name: '选择文件…' }).click();
  await expect(stack.locator('.stack-summary')).toHaveText(
    '找到 1 张发票、1 张费用清单、1 张诊断证明、1 张无法识别 — 请选择',
    { timeout: 120_000 },
  );
  await expect(stack.locator('.stack-pages li')).toHaveText([
    /发票\.jpg.*放在“发票”/,
    /费用清单\.jpg.*放在“费用清单”/,
    /诊断证明\.jpg.*放在“诊断证明”/,
    /空白\.jpg.*无法识别，创建后请选择放在哪一项/,
  ]);
  // Nothing is stored by reading: no claim yet.
  expect((await apiCall<{ total: number }>(server, 'listClaims', {})).total).toBe(0);

  await form.getByLabel('患者（参保人）').selectOption({ label: '王秀英 · 王秀英家' });
  await form.getByLabel('就医地（省市）').fill('上海市');

  // The blank photo is moved away before the claim is made: nothing is created, every file stays listed.
  await rm(blank);
  await form.getByRole('button', { name: '创建并放入 4 份材料' }).click();
  await expect(stack.getByRole('alert')).toHaveText(
    '报销单没有创建：“空白.jpg”找不到了（可能已被移走或删除），没有添加。请重新拖入这个文件。拖入的文件还在上面的列表里。',
  );
  await expect(stack.locator('.stack-pages li')).toHaveCount(4);
  await expect(page.getByRole('heading', { name: '新建报销' })).toBeVisible();
  expect((await apiCall<{ total: number }>(server, 'listClaims', {})).total).toBe(0);

  // Back in place: created, each paper under its requirement, the blank one waiting with 请选择.
  await copyFile(spare, blank);
  await form.getByRole('button', { name: '创建并放入 4 份材料' }).click();
  const under = (requirement: string) => page.locator(`li[data-requirement="${requirement}"] .page-name`);
  await expect(under('invoice')).toHaveText(['发票.jpg'], { timeout: 120_000 });
  await expect(under('itemized-bill')).toHaveText(['费用清单.jpg']);
  await expect(under('diagnosis-certificate')).toHaveText(['诊断证明.jpg']);
  const editorStack = page.locator('section.stack-drop');
  await expect(editorStack.locator('.stack-summary')).toHaveText(
    '1 张发票、1 张费用清单、1 张诊断证明、1 张无法识别 — 请选择',
  );
  const choose = editorStack.getByLabel('“空白.jpg”放在哪一项');
  await expect(choose).toHaveValue('');
  await choose.selectOption('insurance_card');
  await expect(under('insurance-card')).toHaveText(['空白.jpg'], { timeout: 120_000 });
  await rm(own, { recursive: true, force: true });
});

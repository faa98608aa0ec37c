// The screen tells the truth: the checklist item, the pill, the 材料齐全 button, main's refusal and the
// exported PDF's cover all give the engine's one verdict; a duplicate invoice is named on the 发票 item;
// one photo cannot stand for two papers; a paid claim is read-only until reopened. And what was dropped is
// never lost silently: the good files of a mixed drop are kept, the bad ones named by their own names.
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, dropFiles, test } from './fixtures';
import { apiCall, apiRefusal, seedOutpatientClaim, seedPerson } from './support/api';
import { makeBrokenFiles } from './support/broken-files';
import { makeSamplePhotos } from './support/sample-photos';
import type { Page } from '@playwright/test';

async function openClaim(page: Page, reference: string): Promise<void> {
  await page.reload();
  await page.locator('.claims-table tbody tr', { hasText: reference }).getByRole('button').first().click();
  await expect(page.locator('#claim-title')).toBeVisible();
}

const item = (page: Page, id: string) => page.locator(`li[data-requirement="${id}"]`);

test('a photo that failed its check keeps the claim from 材料齐全 on screen, in main and in the PDF', async ({
  app: page,
  server,
}) => {
  const photos = await makeSamplePhotos();
  const claim = await seedOutpatientClaim(server, await seedPerson(server));
  await openClaim(page, claim.reference);
  // 医保卡 had no photo check of its own in the rule pack, so any photo made it 已齐 before issue #13.
  const card = item(page, 'insurance-card');
  await dropFiles(page, card.locator('> .dropzone'), [{ ...photos.blurredInvoice, name: '医保卡-模糊.jpg' }]);
  await expect(card.locator('figure.page-tile')).toHaveCount(1, { timeout: 60_000 });
  await expect(card.locator('figure.page-tile')).toHaveAttribute('data-verdict', 'fail');
  // The item is not 已齐 and the pill does not say the claim can be handed in.
  await expect(card).toHaveAttribute('data-status', 'needs_attention');
  await expect(card.locator('.req-status')).not.toHaveText('已齐');
  // The failed photo is named on its own item, not only in a list above the checklist.
  await expect(card).toContainText('医保卡-模糊.jpg');
  await expect(page.getByTestId('checklist-state')).not.toHaveText('可以提交');
  await expect(page.getByRole('button', { name: '改为“材料齐全”' })).toBeDisabled();
  // Main refuses the move too, whatever a stale screen offers.
  const refusal = await apiRefusal(server, 'transitionClaim', { id: claim.id, to: 'ready' });
  expect(refusal?.code).toBe('transition_refused');
  // The exported bundle (asked for anyway) says the same on its cover.
  const result = await apiCall<{ path: string }>(server, 'exportBundle', {
    claimId: claim.id,
    withImages: false,
    allowIncomplete: true,
  });
  const text = execFileSync('pdftotext', ['-layout', result.path, '-']).toString();
  expect(text).toContain('尚不能提交');
});

test('a duplicate invoice is named on the 发票 item, and one photo cannot be two papers', async ({
  app: page,
  server,
}) => {
  const photos = await makeSamplePhotos();
  const person = await seedPerson(server);
  const first = await seedOutpatientClaim(server, person, '南京市第一医院');
  const second = await seedOutpatientClaim(server, person, '南京鼓楼医院');
  await openClaim(page, first.reference);
  await dropFiles(page, item(page, 'invoice').locator('> .dropzone'), [photos.clean.invoice]);
  await expect(item(page, 'invoice').locator('figure.page-tile')).toHaveCount(1, { timeout: 60_000 });

  await openClaim(page, second.reference);
  const invoice = item(page, 'invoice');
  await dropFiles(page, invoice.locator('> .dropzone'), [photos.clean.invoice]);
  await expect(invoice.locator('figure.page-tile')).toHaveCount(1, { timeout: 60_000 });
  await expect(invoice).toHaveAttribute('data-status', 'needs_attention');
  await expect(invoice.locator('.reason')).toContainText(first.reference);
  await expect(page.locator('main')).not.toContainText('null');

  // The 身份证 photo dropped again under 医保卡: refused beside that zone, naming the file.
  const idCard = item(page, 'id-card');
  await dropFiles(page, idCard.locator('> .dropzone'), [photos.clean.id_card]);
  await expect(idCard.locator('figure.page-tile')).toHaveCount(1, { timeout: 60_000 });
  const card = item(page, 'insurance-card');
  await dropFiles(page, card.locator('> .dropzone'), [photos.clean.id_card]);
  await expect(card.locator('.drop-notes[role=alert]')).toContainText(photos.clean.id_card.name);
  await expect(card.locator('.drop-notes[role=alert]')).toContainText('完全相同');
  await expect(card.locator('figure.page-tile')).toHaveCount(0);
});

test('a paid claim is read-only until reopened', async ({ app: page, server }) => {
  const claim = await seedOutpatientClaim(server, await seedPerson(server));
  // Paid in the database as a finished claim would be (the app's own path needs a complete claim).
  const db = new Database(join(server.dataDir, 'claimdesk.sqlite3'));
  db.prepare("UPDATE claims SET status = 'paid' WHERE id = ?").run(claim.id);
  db.close();
  await openClaim(page, claim.reference);
  await expect(page.locator('.locked-note')).toContainText('已到账');
  await expect(page.locator('.editor')).not.toContainText('还剩');
  await expect(page.locator('.requirements .dropzone')).toHaveCount(0);
  await expect(page.locator('.other-materials .dropzone')).toHaveCount(0);
  await expect(page.getByRole('button', { name: '修改', exact: true })).toHaveCount(0);
  const refusal = await apiRefusal(server, 'updateClaim', { id: claim.id, claim: { hospital: '别的医院' } });
  expect(refusal?.code).toBe('transition_refused');

  await page.getByRole('button', { name: '重新打开' }).click();
  await page.getByRole('button', { name: '确定改为“草稿”' }).click();
  await expect(page.locator('.locked-note')).toHaveCount(0);
  await expect(item(page, 'invoice').locator('> .dropzone')).toHaveCount(1);
});

test('a mixed drop keeps the good photo; broken files are named by their own names and not stored', async ({
  app: page,
  server,
}) => {
  const photos = await makeSamplePhotos();
  const broken = await makeBrokenFiles(photos.dir, photos.clean.invoice);
  const claim = await seedOutpatientClaim(server, await seedPerson(server));
  await openClaim(page, claim.reference);
  const invoice = item(page, 'invoice');
  await dropFiles(page, invoice.locator('> .dropzone'), [photos.clean.invoice, broken.text]);
  await expect(invoice.locator('figure.page-tile')).toHaveCount(1, { timeout: 60_000 });
  const notes = invoice.locator('.drop-notes');
  await expect(notes).toContainText('已添加 1 个文件');
  await expect(notes).toContainText('“备注.txt”不是照片或 PDF');
  await expect(notes).not.toContainText('/');

  const bill = item(page, 'itemized-bill');
  await dropFiles(page, bill.locator('> .dropzone'), [broken.truncated, broken.bomb]);
  const alert = bill.locator('.drop-notes[role=alert]');
  await expect(alert).toContainText('“发票-没传完.jpg”打不开', { timeout: 60_000 });
  await expect(alert).toContainText('“扫描件-超大.png”的图片尺寸过大');
  await expect(alert).not.toContainText('/');
  await expect(bill.locator('figure.page-tile')).toHaveCount(0);
  // Not stored as pages: the claim holds only the good invoice.
  const detail = await apiCall<{ documents: Array<{ pages: unknown[] }> }>(server, 'getClaim', {
    id: claim.id,
  });
  expect(detail.documents.flatMap((d) => d.pages)).toHaveLength(1);
  await expect(page.locator('main')).not.toContainText('.bin');
});

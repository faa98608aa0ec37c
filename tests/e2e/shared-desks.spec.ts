// Two desks of one office on one real PostgreSQL (two test transports, each the real core with its own data
// folder and desk name, two browser windows): the later of two edits of one claim is refused with who and
// when, the typed input stays, and the person loads the other desk's version and saves again; a change made
// at desk B shows on desk A's board within 2 s without reloading it.
import { test as base, expect, type Browser, type Page } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshDatabase, pgTestServer, type PgTestServer } from '../helpers/pg-server';
import { TEST_TODAY } from './fixtures';
import { apiCall, seedOutpatientClaim, seedPerson } from './support/api';
import { startTestServer, type TestServer } from './transport/server';
import { shimScript } from './transport/shim';

interface Desk {
  server: TestServer;
  page: Page;
  errors: string[];
}

const test = base;
let pg: PgTestServer | null = null;
let database: { url: string; drop: () => Promise<void> } | null = null;
const folders: string[] = [];

test.beforeAll(async () => {
  pg = await pgTestServer();
  if (pg) database = await freshDatabase(pg.url);
});

test.afterAll(async () => {
  await database?.drop();
  pg?.stop();
  for (const f of folders) await rm(f, { recursive: true, force: true });
});

async function openDesk(browser: Browser, desk: string, person: string): Promise<Desk> {
  const dataDir = await mkdtemp(join(tmpdir(), `claimdesk-e2e-desk-`));
  folders.push(dataDir);
  const server = await startTestServer({
    dataDir,
    today: TEST_TODAY,
    databaseUrl: database!.url,
    actor: { desk, person },
  });
  const page = await (await browser.newContext({ viewport: { width: 1366, height: 900 } })).newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.addInitScript(shimScript.fn, shimScript.arg);
  await page.goto(`${server.url}/index.html`);
  return { server, page, errors };
}

async function openClaim(page: Page, reference: string): Promise<void> {
  await page.reload();
  const row = page.locator('.claims-table tbody tr', { hasText: reference });
  await row.getByRole('button').first().click();
}

test('the later of two edits is refused with who and when; the typed input stays and saves on the latest', async ({
  browser,
}) => {
  test.skip(!database, 'no PostgreSQL server binaries');
  const a = await openDesk(browser, '前台一', '王会计');
  const b = await openDesk(browser, '前台二', '李护士');
  try {
    const personId = await seedPerson(a.server);
    const claim = await seedOutpatientClaim(a.server, personId);
    await openClaim(a.page, claim.reference);
    await openClaim(b.page, claim.reference);

    // Both desks open the form; A saves first.
    await a.page.getByRole('button', { name: '修改', exact: true }).click();
    await b.page.getByRole('button', { name: '修改', exact: true }).click();
    await a.page.getByLabel('医院名称').fill('南京市鼓楼医院');
    await a.page.getByRole('button', { name: '保存修改' }).click();
    await expect(a.page.getByText('已保存')).toBeVisible();

    // B's save is refused: who (desk, person) and when, in plain Chinese; what B typed is still in the form.
    await b.page.getByLabel('医院名称').fill('南京市第二医院');
    await b.page.getByRole('button', { name: '保存修改' }).click();
    const conflict = b.page.getByTestId('edit-conflict');
    await expect(conflict).toContainText('前台一 电脑上的 王会计');
    await expect(conflict).toContainText(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    await expect(b.page.getByLabel('医院名称')).toHaveValue('南京市第二医院');
    const stored = await apiCall<{ claim: { fields: { hospital: string } } }>(b.server, 'getClaim', {
      id: claim.id,
    });
    expect(stored.claim.fields.hospital).toBe('南京市鼓楼医院');

    // B loads the latest version (A's hospital shown above), keeps its input, and saves again: it goes in.
    await conflict.getByRole('button', { name: '载入最新内容' }).click();
    await expect(b.page.getByTestId('latest-facts')).toContainText('南京市鼓楼医院');
    await expect(b.page.getByLabel('医院名称')).toHaveValue('南京市第二医院');
    await b.page.getByRole('button', { name: '保存修改' }).click();
    await expect(b.page.getByText('已保存')).toBeVisible();
    const after = await apiCall<{ claim: { fields: { hospital: string } } }>(a.server, 'getClaim', {
      id: claim.id,
    });
    expect(after.claim.fields.hospital).toBe('南京市第二医院');
    expect([...a.errors, ...b.errors]).toEqual([]);
  } finally {
    await a.server.close();
    await b.server.close();
  }
});

test("desk B's change shows on desk A's board within 2 s, by reading only that row again", async ({
  browser,
}) => {
  test.skip(!database, 'no PostgreSQL server binaries');
  const a = await openDesk(browser, '前台三', '赵主任');
  const b = await openDesk(browser, '前台四', '钱会计');
  try {
    const personId = await seedPerson(b.server, '孙桂兰');
    const claim = await seedOutpatientClaim(b.server, personId, '南京市第三医院');
    await a.page.reload();
    const row = a.page.locator('.claims-table tbody tr', { hasText: claim.reference });
    await expect(row.locator('.hospital')).toHaveText('南京市第三医院');

    // From here on, watch what desk A asks its core: the whole list must not be read again.
    const asked: string[] = [];
    a.page.on('request', (r) => {
      const m = /\/api\/call\/(\w+)/.exec(r.url());
      if (m) asked.push(m[1]!);
    });
    const detail = await apiCall<{ claim: { fields: Record<string, unknown> }; stamp: { version: number } }>(
      b.server,
      'getClaim',
      { id: claim.id },
    );
    const changedAt = Date.now();
    await apiCall(b.server, 'updateClaim', {
      id: claim.id,
      claim: { ...detail.claim.fields, hospital: '南京市中医院' },
      expectedVersion: detail.stamp.version,
    });
    await expect(row.locator('.hospital')).toHaveText('南京市中医院', { timeout: 2_000 });
    const took = Date.now() - changedAt;
    console.log(`[shared-desks] desk B's edit on desk A's board after ${took} ms`);
    expect(took).toBeLessThan(2_000);
    expect(asked).toContain('claimRows');
    expect(asked).not.toContain('listClaims');
    expect([...a.errors, ...b.errors]).toEqual([]);
  } finally {
    await a.server.close();
    await b.server.close();
  }
});

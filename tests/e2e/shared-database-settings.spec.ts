// 设置 → 共享数据库 on a real PostgreSQL: a desk working on its data folder tests the connection (a refused
// login, a missing database and an unreachable server each in plain words), then switches with its data
// moved in; the board lists the moved claim from the shared database; what the settings file keeps holds no
// password in plain text. Screenshots at 标准 and 特大 (looked at; no address or password shown).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { freshDatabase, pgTestServer, type PgTestServer } from '../helpers/pg-server';
import { expect, test } from './fixtures';
import { apiCall, seedOutpatientClaim, seedPerson } from './support/api';

let pg: PgTestServer | null = null;
let database: { url: string; drop: () => Promise<void> } | null = null;

test.beforeAll(async () => {
  pg = await pgTestServer();
  if (pg) database = await freshDatabase(pg.url);
});
test.afterAll(async () => {
  await database?.drop();
  pg?.stop();
});

test('tests the connection in plain words, switches with the data moved in, and keeps no plain password', async ({
  app,
  server,
}) => {
  test.skip(!database, 'no PostgreSQL server binaries');
  const u = new URL(database!.url);
  const personId = await seedPerson(server);
  const claim = await seedOutpatientClaim(server, personId, '南京市鼓楼医院');

  await app.getByRole('button', { name: '设置' }).first().click();
  const panel = app.getByTestId('shared-database');
  await expect(panel).toContainText('这台电脑现在使用本机的数据');
  await panel.getByLabel('服务器地址').fill(u.hostname);
  await panel.getByLabel('端口').fill(u.port);
  await panel.getByLabel('数据库名称').fill(u.pathname.slice(1));
  await panel.getByLabel('用户名').fill(decodeURIComponent(u.username));
  const outcome = panel.getByTestId('db-outcome');

  await panel.getByLabel('密码').fill('wrong-password');
  await panel.getByRole('button', { name: '测试连接' }).click();
  await expect(outcome).toContainText('服务器拒绝登录：用户名或密码不对');

  await panel.getByLabel('密码').fill(decodeURIComponent(u.password));
  await panel.getByLabel('数据库名称').fill('no_such_database');
  await panel.getByRole('button', { name: '测试连接' }).click();
  await expect(outcome).toContainText('服务器上没有这个数据库');

  await panel.getByLabel('数据库名称').fill(u.pathname.slice(1));
  await panel.getByLabel('端口').fill('1');
  await panel.getByRole('button', { name: '测试连接' }).click();
  await expect(outcome).toContainText('连不上服务器');

  await panel.getByLabel('端口').fill(u.port);
  await panel.getByRole('button', { name: '测试连接' }).click();
  await expect(outcome).toContainText('连接成功');
  await app.screenshot({ path: 'test-results/shared-database-standard.png', fullPage: false });

  await panel.getByLabel(/把这台电脑上的数据搬进共享数据库/).check();
  await panel.getByRole('button', { name: '切换到共享数据库' }).click();
  await expect(outcome).toContainText('已切换到共享数据库');
  await expect(outcome).toContainText('已把本机的 1 份报销单搬进共享数据库');
  await expect(panel).toContainText('这台电脑现在使用共享数据库');
  // The window shows no address with a password, and the password field was emptied.
  await expect(panel.getByLabel('密码')).toHaveValue('');
  expect(await app.locator('body').innerText()).not.toContain(decodeURIComponent(u.password));

  // The claim now comes from the shared database.
  const board = await apiCall<{ items: Array<{ reference: string }> }>(server, 'listClaims', {});
  expect(board.items.map((c) => c.reference)).toContain(claim.reference);
  // What is kept holds the address without the password, and the password only sealed.
  const configDirs = await apiCall<{ kept: { host: string } | null; active: boolean }>(
    server,
    'getSharedDatabase',
    {},
  );
  expect(configDirs).toMatchObject({ kept: { host: u.hostname }, active: true });

  // 特大 text.
  await apiCall(server, 'saveSettings', { language: 'zh-CN', textSize: 'x-large', maskNumbers: true });
  await app.reload();
  await app.getByRole('button', { name: '设置' }).first().click();
  await expect(app.getByTestId('shared-database')).toContainText('这台电脑现在使用共享数据库');
  await app.getByTestId('shared-database').scrollIntoViewIfNeeded();
  await app.screenshot({ path: 'test-results/shared-database-xlarge.png', fullPage: false });
});

test('the settings file keeps the address without its password, the password sealed', async () => {
  test.skip(!database, 'no PostgreSQL server binaries');
  const { keepDatabase, readKeptDatabase } = await import('../../electron/core/api/shared-database');
  const { testSecrets } = await import('./transport/secrets');
  const { mkdtemp, rm } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const dir = await mkdtemp(join(tmpdir(), 'claimdesk-config-'));
  try {
    const secrets = testSecrets();
    const u = new URL(database!.url);
    const password = decodeURIComponent(u.password);
    u.password = '';
    await keepDatabase(dir, secrets, u.toString(), password);
    const text = await readFile(join(dir, 'shared-database.json'), 'utf8');
    expect(text).not.toContain(password);
    expect(readKeptDatabase(dir, secrets)?.url).toBe(database!.url);
    // Without system encryption the password is not kept at all: asked for each time.
    const none = testSecrets({ available: false });
    const r = await keepDatabase(dir, none, u.toString(), password);
    expect(r.passwordKept).toBe(false);
    expect(await readFile(join(dir, 'shared-database.json'), 'utf8')).not.toContain(password);
    expect(readKeptDatabase(dir, none)).toMatchObject({ url: null });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

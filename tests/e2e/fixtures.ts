// Playwright fixtures: every test gets a throwaway data folder, its own test server on 127.0.0.1, a page with
// the renderer shim installed, and a record of every request the page makes (to prove none leaves the machine).
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestServer, type TestServer } from './transport/server';
import { shimScript } from './transport/shim';

export interface Fixtures {
  server: TestServer;
  app: Page;
  requests: string[];
}

/** The date the tests live on, so deadlines are stable (care in September 2026 is well inside 6 months). */
export const TEST_TODAY = '2026-10-01';

export const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern
  server: async ({}, use) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'claimdesk-e2e-data-'));
    const server = await startTestServer({ dataDir, today: TEST_TODAY });
    await use(server);
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
    await rm(server.saveDir, { recursive: true, force: true });
  },
  // eslint-disable-next-line no-empty-pattern
  requests: async ({}, use) => {
    await use([]);
  },
  app: async ({ page, server, requests }, use) => {
    page.on('request', (r) => requests.push(r.url()));
    // Anything not addressed to the test server is refused, so an accidental remote fetch fails loudly.
    await page.context().route(
      (url) => !url.href.startsWith(server.url) && !url.href.startsWith('data:'),
      (route) => route.abort('blockedbyclient'),
    );
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.addInitScript(shimScript.fn, shimScript.arg);
    await page.goto(`${server.url}/index.html`);
    await use(page);
    expect(
      errors.filter((e) => !e.includes('favicon')),
      'no script errors or CSP violations in the page',
    ).toEqual([]);
  },
});

export { expect };

/** Drops real files onto an element the way a file manager would (a DataTransfer holding File objects). */
export async function dropFiles(
  page: Page,
  target: Locator,
  files: ReadonlyArray<{ path: string; name: string; mime: string }>,
): Promise<void> {
  const payload = await Promise.all(
    files.map(async (f) => ({
      name: f.name,
      mime: f.mime,
      b64: (await readFile(f.path)).toString('base64'),
    })),
  );
  const dataTransfer = await page.evaluateHandle((items) => {
    // Runs in the page; typed loosely because this file compiles without the DOM library.
    type DataTransferLike = { items: { add(file: unknown): void } };
    const page = globalThis as unknown as { DataTransfer: new () => DataTransferLike };
    const dt = new page.DataTransfer();
    for (const f of items) {
      const bytes = Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0));
      dt.items.add(new File([bytes], f.name, { type: f.mime }));
    }
    return dt;
  }, payload);
  await target.dispatchEvent('drop', { dataTransfer });
}

/** Reloads the board (to see claims seeded through the API) and opens the first claim on it. */
export async function openFirstClaim(page: Page): Promise<void> {
  await page.reload();
  await page.locator('.claims-table tbody tr').first().getByRole('button').click();
}

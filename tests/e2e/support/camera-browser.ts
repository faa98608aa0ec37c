// A Chromium of the test's own for the camera specs: the fake camera is chosen per browser launch
// (--use-fake-device-for-media-stream, --use-file-for-fake-video-capture=FILE), so each case launches one,
// with the same shim, offline routing and script-error watch as the shared `app` fixture.
import { chromium, type Browser, type Page } from '@playwright/test';
import { CHROMIUM_ARGS } from '../../../playwright.config';
import type { TestServer } from '../transport/server';
import { shimScript } from '../transport/shim';

export interface CameraBrowser {
  browser: Browser;
  page: Page;
  /** Script errors and console errors the page raised (the test expects none). */
  errors: string[];
  close(): Promise<void>;
}

export async function openWithCamera(
  server: TestServer,
  opts: {
    /** The video the fake camera plays; null: no camera at all. */
    video: string | null;
    /** Extra fake-device settings (device-count=2 …) when there is no video file. */
    fakeDevices?: string;
    /** Whether the camera permission is granted (false: the person refused it). */
    grant: boolean;
    viewport?: { width: number; height: number };
  },
): Promise<CameraBrowser> {
  const args = [...CHROMIUM_ARGS];
  if (opts.video)
    args.push('--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${opts.video}`);
  else if (opts.fakeDevices) args.push(`--use-fake-device-for-media-stream=${opts.fakeDevices}`);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args,
  });
  const context = await browser.newContext({
    viewport: opts.viewport ?? { width: 1366, height: 900 },
    locale: 'zh-CN',
  });
  if (opts.grant) await context.grantPermissions(['camera'], { origin: server.url });
  await context.route(
    (url) => !url.href.startsWith(server.url) && !url.href.startsWith('data:'),
    (route) => route.abort('blockedbyclient'),
  );
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.addInitScript(shimScript.fn, shimScript.arg);
  await page.goto(`${server.url}/index.html`);
  return { browser, page, errors, close: () => browser.close() };
}

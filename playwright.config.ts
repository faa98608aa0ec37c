// Browser tests of the real renderer in Debian's Chromium (Playwright cannot download browsers here), driven
// through the test-only HTTP transport in tests/e2e/transport. `npm run test:e2e` builds first.
import { defineConfig } from '@playwright/test';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  // Each test owns a data folder and a server; two cores are shared with the image checks, so one worker.
  workers: 1,
  timeout: 180_000,
  expect: { timeout: 20_000 },
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    browserName: 'chromium',
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS },
    viewport: { width: 1366, height: 900 },
    locale: 'zh-CN',
    trace: 'retain-on-failure',
  },
});

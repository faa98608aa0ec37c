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

/** The specs that drive Chromium's fake camera (support/camera-browser.ts). */
const CAMERA_SPECS = /camera[^/]*\.spec\.ts$/;

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  // Each test owns a data folder, a server on its own port and a page; each worker process keeps one check
  // worker (transport/server.ts), as the app does. So files run side by side: two workers on two cores,
  // because one worker leaves a core idle while the page waits on the server or the server on the browser
  // (docs/testing.md). CLAIMDESK_E2E_WORKERS=1 runs them one at a time as before.
  workers: Number(process.env.CLAIMDESK_E2E_WORKERS ?? 2),
  // Except the camera: Chromium's fake camera plays its video in real time and auto-capture must keep pace
  // with it, which failed beside a second worker on a loaded machine (and passed alone). So the camera specs
  // are a project of their own that runs after the rest, one at a time. `.ci/run` runs the two projects as
  // two steps (`--project=camera --no-deps`), so a failure in the first does not hide the camera's results.
  projects: [
    { name: 'app', testIgnore: CAMERA_SPECS },
    { name: 'camera', testMatch: CAMERA_SPECS, dependencies: ['app'], workers: 1 },
  ],
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

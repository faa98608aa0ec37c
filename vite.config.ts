// Builds the React renderer into dist/app/renderer, served to the window from app://claimdesk (and to the browser
// test from 127.0.0.1). Relative asset paths; no inline scripts (the CSP allows scripts from 'self' only).
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('./renderer', import.meta.url));

export default defineConfig({
  root,
  base: './',
  build: {
    outDir: fileURLToPath(new URL('./dist/app/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'chrome130',
    // The preload polyfill would be injected as an inline script, which the CSP refuses.
    modulePreload: { polyfill: false },
    sourcemap: true,
    assetsInlineLimit: 0,
  },
});

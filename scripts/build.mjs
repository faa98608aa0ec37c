// Builds the runnable output into dist/: the CLI (always, dist/cli.mjs), and with the full build the
// desktop app into ONE folder, dist/app/ (main process, preload, workers, renderer), which
// electron-builder.yml ships whole: a new worker built here is packaged without editing a hand list
// (tests/unit/packaging.test.ts checks it). Type checking is `npm run typecheck`; esbuild only
// strips types, which keeps `npm ci` (prepare) fast.
import { build } from 'esbuild';
import { existsSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const nodeOnly = process.argv.includes('--node-only');

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  // Dependencies stay in node_modules: native modules (better-sqlite3, sharp) cannot be bundled.
  packages: 'external',
};

// The CLI is split: each command loads its heavy modules (sharp, pdf-lib, the QR and OCR readers, pdf.js)
// with a dynamic import() when it runs, from chunks beside dist/cli.mjs, so `claimdesk --version` or a
// usage error does not pay for them (`npm run bench startup` measures it).
// One pure-JS ES module package every command loads is bundled into it instead: zod is ~230 ES module files
// in node_modules, and Node resolving and linking them one by one cost ~0.16 s of CPU at each start, twice
// what the same code costs as one chunk (docs/testing.md, round 4).
const bundledInCli = new Set(['zod']);
const externalExceptBundled = {
  name: 'external-except-bundled',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      const name = args.path.startsWith('@')
        ? args.path.split('/').slice(0, 2).join('/')
        : args.path.split('/')[0];
      return bundledInCli.has(name) ? undefined : { path: args.path, external: true };
    });
  },
};
rmSync(`${root}/dist/cli-chunks`, { recursive: true, force: true });
await build({
  ...common,
  packages: undefined,
  plugins: [externalExceptBundled],
  entryPoints: { cli: 'electron/cli/main.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
  chunkNames: 'cli-chunks/[name]-[hash]',
  splitting: true,
  format: 'esm',
});

// OCR's second lane runs in a worker thread of its own file (electron/core/ocr/lane-worker.ts), found beside
// the bundle that starts it: dist/ for the CLI's chunks, dist/app/ for the app and its check worker. It
// imports no package (onnxruntime-node is loaded from the path it is given).
const laneWorker = { ...common, entryPoints: ['electron/core/ocr/lane-worker.ts'], format: 'esm' };
await build({ ...laneWorker, outfile: 'dist/ocr-lane-worker.mjs' });

if (!nodeOnly) {
  await build({ ...laneWorker, outfile: 'dist/app/ocr-lane-worker.mjs' });
  if (existsSync(`${root}/electron/main/index.ts`)) {
    await build({
      ...common,
      entryPoints: ['electron/main/index.ts'],
      outfile: 'dist/app/main.mjs',
      format: 'esm',
      external: ['electron'],
    });
  }
  if (existsSync(`${root}/electron/core/api/export-worker.ts`)) {
    // The desktop app builds bundles in a worker thread (Electron ≥ 18 loads worker scripts from the asar).
    await build({
      ...common,
      entryPoints: ['electron/core/api/export-worker.ts'],
      outfile: 'dist/app/export-worker.mjs',
      format: 'esm',
    });
  }
  if (existsSync(`${root}/electron/core/api/check-worker.ts`)) {
    // …and checks imported photos in another, so the window never waits on a photo check.
    await build({
      ...common,
      entryPoints: ['electron/core/api/check-worker.ts'],
      outfile: 'dist/app/check-worker.mjs',
      format: 'esm',
    });
  }
  if (existsSync(`${root}/electron/core/api/live-worker.ts`)) {
    // …and runs the live checks on camera preview frames in a third, so neither waits on the other.
    await build({
      ...common,
      entryPoints: ['electron/core/api/live-worker.ts'],
      outfile: 'dist/app/live-worker.mjs',
      format: 'esm',
    });
  }
  if (existsSync(`${root}/electron/preload/index.ts`)) {
    // Sandboxed preload scripts must be CommonJS and may only require 'electron'.
    await build({
      ...common,
      packages: undefined,
      entryPoints: ['electron/preload/index.ts'],
      outfile: 'dist/app/preload.cjs',
      format: 'cjs',
      external: ['electron'],
    });
  }
  if (existsSync(`${root}/renderer/index.html`)) {
    const { build: viteBuild } = await import('vite');
    await viteBuild({ configFile: `${root}/vite.config.ts`, logLevel: 'warn' });
  }
}

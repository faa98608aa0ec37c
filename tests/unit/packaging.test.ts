// Packaging cannot silently drop a file: reads electron-builder.yml and checks it against what the code
// actually loads, found by scanning the sources (not a hand list): every script the main process starts
// (window preload, workers, the renderer folder), the resources the core reads, the files it resolves in
// node_modules, and every native module among the production dependencies (unpacked from the asar).
// File patterns follow electron-builder's rule: the last pattern that matches a path decides.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';
import { minimatch } from 'minimatch';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/tmp';
import { unpackedPath } from '../../electron/core/ocr/models';
import { LANE_WORKER_FILE } from '../../electron/core/ocr/lane';

interface BuilderConfig {
  files: string[];
  asarUnpack: string[];
  extraResources: Array<{ from: string; to: string; filter?: string[] }>;
}
const config = parse(readFileSync(join(REPO_ROOT, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
  main: string;
  dependencies: Record<string, string>;
};

const matches = (path: string, pattern: string) => minimatch(path, pattern, { dot: true });
/** Is this app file (relative to the repo root) in the asar? The last matching pattern wins. */
function shipped(path: string, patterns = config.files): boolean {
  let included = false;
  for (const p of patterns) {
    if (p.startsWith('!')) {
      if (matches(path, p.slice(1))) included = false;
    } else if (matches(path, p)) included = true;
  }
  return included;
}
/** electron-builder adds production node_modules itself; a negative `files` pattern can still drop a file. */
const nodeModuleShipped = (path: string) =>
  !config.files.some((p) => p.startsWith('!') && matches(path, p.slice(1)));
const unpacked = (path: string) => config.asarUnpack.some((p) => matches(path, p));

function sourceFiles(dir: string): string[] {
  return readdirSync(join(REPO_ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => posix.join(dir, f.split('\\').join('/')));
}
const read = (file: string) => readFileSync(join(REPO_ROOT, file), 'utf8');

/** The production dependency closure, as installed (optional platform packages only when present). */
function productionPackages(): string[] {
  const seen = new Set<string>();
  const queue = Object.keys(pkg.dependencies);
  while (queue.length > 0) {
    const name = queue.shift()!;
    const dir = join(REPO_ROOT, 'node_modules', name);
    if (seen.has(name) || !existsSync(join(dir, 'package.json'))) continue;
    seen.add(name);
    const p = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Record<
      string,
      Record<string, string> | undefined
    >;
    queue.push(...Object.keys(p.dependencies ?? {}), ...Object.keys(p.optionalDependencies ?? {}));
  }
  return [...seen];
}

/** Files of a package (not of packages nested inside it) whose names match `test`. */
function filesOf(name: string, test: RegExp): string[] {
  const root = join(REPO_ROOT, 'node_modules', name);
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'node_modules') continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (test.test(entry.name)) found.push(relative(REPO_ROOT, full).split('\\').join('/'));
    }
  };
  walk(root);
  return found;
}

// What the main process starts: `join(distDir, '…')` in electron/main, where distDir is the folder of
// package.json's "main" (the built electron/main/index.ts).
const appDir = posix.dirname(pkg.main);
const mainSources = sourceFiles('electron/main');
const startedEntries = [
  ...new Set(
    mainSources.flatMap((f) => [...read(f).matchAll(/join\(distDir,\s*'([^']+)'\)/g)].map((m) => m[1]!)),
  ),
];
// What the build writes: esbuild `outfile`s in scripts/build.mjs and vite's outDir.
const buildScript = read('scripts/build.mjs');
const builtFiles = [...buildScript.matchAll(/outfile:\s*'([^']+)'/g)].map((m) => m[1]!);
const viteOutDir = /outDir:.*new URL\('\.\/([^']+)'/.exec(read('vite.config.ts'))?.[1];

describe('electron-builder.yml ships everything the app loads', () => {
  it('finds the entries by scanning the main process (a preload, a worker per launcher, the renderer)', () => {
    expect(startedEntries.some((e) => e.endsWith('.cjs'))).toBe(true);
    const launchers = [...sourceFiles('electron')].filter((f) => /new Worker\(/.test(read(f)));
    const workers = startedEntries.filter((e) => /worker\.mjs$/.test(e));
    expect(workers.length).toBeGreaterThanOrEqual(launchers.length);
    expect(startedEntries).toContain('renderer');
  });

  it('builds the main process and every entry it starts into one folder', () => {
    expect(builtFiles).toContain(pkg.main);
    for (const entry of startedEntries) {
      const path = posix.join(appDir, entry);
      if (/\.[cm]?js$/.test(entry))
        expect(builtFiles, `${path} is started by the main process`).toContain(path);
      else expect(viteOutDir, `${path} is loaded by the main process`).toBe(path);
    }
  });

  it('includes package.json, the main script, every entry it starts, and anything later built beside them', () => {
    expect(shipped('package.json')).toBe(true);
    expect(shipped(pkg.main), pkg.main).toBe(true);
    for (const entry of startedEntries) {
      const path = posix.join(appDir, entry);
      const probe = /\.[cm]?js$/.test(entry) ? path : `${path}/index.html`;
      expect(shipped(probe), `${probe} is loaded by the packaged app`).toBe(true);
    }
    // No hand list: a worker added next month ships without editing electron-builder.yml.
    expect(shipped(`${appDir}/a-future-worker.mjs`), `${appDir}/** must ship whole`).toBe(true);
    expect(shipped(`${appDir}/main.mjs.map`)).toBe(false);
    expect(shipped('tests/e2e/transport/server.ts')).toBe(false);
  });

  it('ships the resources the core reads (rule packs, templates, fonts notes, samples) beside the asar', () => {
    const subfolders = new Set<string>();
    for (const f of sourceFiles('electron')) {
      for (const m of read(f).matchAll(/join\(resourcesDir\(\),\s*'([^']+)'/g)) subfolders.add(m[1]!);
    }
    expect(subfolders.size).toBeGreaterThanOrEqual(3); // rules, templates, fonts, samples
    const res = config.extraResources.find((r) => r.from === 'resources');
    expect(
      res?.to,
      'resources/ must land as resources/ (electron/core/paths.ts looks for resources/rules)',
    ).toBe('resources');
    for (const sub of subfolders) {
      expect(existsSync(join(REPO_ROOT, 'resources', sub)), `resources/${sub}`).toBe(true);
      const inside = readdirSync(join(REPO_ROOT, 'resources', sub), {
        recursive: true,
        encoding: 'utf8',
      }).filter((n) => statSync(join(REPO_ROOT, 'resources', sub, n)).isFile());
      for (const n of inside)
        expect(shipped(`${sub}/${n}`, res?.filter ?? ['**/*']), `resources/${sub}/${n}`).toBe(true);
    }
  });

  it('ships the files the code resolves inside node_modules (fonts, OCR model), as production dependencies', () => {
    const production = new Set(productionPackages());
    const referenced = new Set<string>();
    for (const f of sourceFiles('electron')) {
      for (const m of read(f).matchAll(
        /'((?:@\w[\w.-]*\/)?\w[\w.-]*\/[^'\s]+\.(?:ttf|otf|json|wasm|traineddata))'/g,
      )) {
        referenced.add(m[1]!);
      }
    }
    expect(referenced.size).toBeGreaterThanOrEqual(2);
    for (const ref of referenced) {
      const name = ref.startsWith('@') ? ref.split('/').slice(0, 2).join('/') : ref.split('/')[0]!;
      expect(production.has(name), `${name} (for ${ref}) must be a production dependency`).toBe(true);
      expect(existsSync(join(REPO_ROOT, 'node_modules', ref)), ref).toBe(true);
      expect(
        nodeModuleShipped(`node_modules/${ref}`),
        `node_modules/${ref} is excluded by a files pattern`,
      ).toBe(true);
    }
  });

  it('unpacks every native module of the production dependencies, and the data files native code opens', () => {
    const native = productionPackages().filter(
      (name) => filesOf(name, /^binding\.gyp$|\.node$|\.so(\.\d+)*$|\.dylib$|\.dll$/).length > 0,
    );
    expect(native).toContain('better-sqlite3');
    expect(native).toContain('sharp');
    for (const name of native) {
      for (const file of filesOf(name, /\.node$|\.so(\.\d+)*$|\.dylib$|\.dll$/)) {
        expect(unpacked(file), `${file} must be a real file on disk (asarUnpack)`).toBe(true);
      }
      expect(unpacked(`node_modules/${name}/package.json`), `${name} must be unpacked`).toBe(true);
    }
    // Native code opens its data files itself (the OCR models, PDF.js's fonts and maps for the canvas), so a
    // package resolved with require.resolve in a module that loads a native package must be unpacked too.
    const nativeUsers = sourceFiles('electron').filter((f) =>
      native.some((n) =>
        new RegExp(`(from |import\\()'${n.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}'`).test(read(f)),
      ),
    );
    expect(nativeUsers.length).toBeGreaterThan(0);
    const dataPackages = new Set<string>();
    for (const f of nativeUsers) {
      for (const m of read(f).matchAll(/require\.resolve\('((?:@[\w.-]+\/)?[\w.-]+)/g))
        dataPackages.add(m[1]!);
    }
    expect(dataPackages.size).toBeGreaterThan(0);
    // …and a package that ships model files (.onnx) is read by the OCR runtime by path.
    const withModels = productionPackages().filter((n) => filesOf(n, /\.onnx$/).length > 0);
    for (const name of [...dataPackages, ...withModels]) {
      expect(
        unpacked(`node_modules/${name}/package.json`),
        `${name} must be unpacked: native code reads its files`,
      ).toBe(true);
    }
  });
});

describe('the second OCR lane in the packaged app', () => {
  // The lane is a worker thread running a file of its own (electron/core/ocr/lane-worker.ts), found beside
  // the bundle that starts it (lane.ts): the check worker and main process in dist/app/, the CLI's
  // chunks one folder below dist/. It require()s onnxruntime-node by path, given the path in the unpacked
  // copy, so it loads real files whether or not a worker thread can read the archive; that copy must then
  // hold onnxruntime-node and everything it requires.
  it('is built beside each bundle that starts it, and ships with the app', () => {
    expect(builtFiles).toContain(`${appDir}/${LANE_WORKER_FILE}`);
    expect(builtFiles).toContain(`dist/${LANE_WORKER_FILE}`);
    expect(shipped(`${appDir}/${LANE_WORKER_FILE}`)).toBe(true);
    // The OCR engine runs in the check worker, built into the same folder.
    expect(builtFiles).toContain(`${appDir}/check-worker.mjs`);
    // No package imported by the thread's file: it must run from wherever it is (the archive, dist/).
    const entry = read('electron/core/ocr/lane-worker.ts');
    const imports = [...entry.matchAll(/^import (?!type )[^;]*from '([^']+)'/gm)].map((m) => m[1]!);
    expect(imports.length).toBeGreaterThan(0);
    for (const i of imports) expect(i.startsWith('node:') || i.startsWith('./'), i).toBe(true);
  });

  it('maps the archive path to the unpacked copy, on Windows and POSIX paths', () => {
    expect(
      unpackedPath('/opt/ClaimDesk/resources/app.asar/node_modules/onnxruntime-node/dist/index.js'),
    ).toBe('/opt/ClaimDesk/resources/app.asar.unpacked/node_modules/onnxruntime-node/dist/index.js');
    expect(unpackedPath('C:\\ClaimDesk\\resources\\app.asar\\node_modules\\onnxruntime-node\\x.js')).toBe(
      'C:\\ClaimDesk\\resources\\app.asar.unpacked\\node_modules\\onnxruntime-node\\x.js',
    );
    expect(unpackedPath('/work/repo/node_modules/onnxruntime-node/dist/index.js')).toBe(
      '/work/repo/node_modules/onnxruntime-node/dist/index.js',
    );
  });

  it('unpacks every file that loading onnxruntime-node reads', () => {
    // Load it as the worker does, in a fresh Node, and list the modules it really read (its install
    // script's packages, adm-zip and global-agent, are not among them).
    const out = execFileSync(
      process.execPath,
      ['-e', "require('onnxruntime-node'); console.log(JSON.stringify(Object.keys(require.cache)))"],
      { cwd: REPO_ROOT, encoding: 'utf8' },
    );
    const loaded = (JSON.parse(out) as string[]).map((f) => relative(REPO_ROOT, f).split('\\').join('/'));
    expect(loaded.some((f) => f.startsWith('node_modules/onnxruntime-common/'))).toBe(true);
    expect(loaded.length).toBeGreaterThan(5);
    for (const f of loaded) expect(unpacked(f), `${f} must be unpacked for the worker lane`).toBe(true);
  });
});

// Make sure the scan saw the real main process file (a renamed folder must fail here, not pass vacuously).
it('scans electron/main/index.ts', () => {
  expect(mainSources).toContain('electron/main/index.ts');
  expect(existsSync(join(REPO_ROOT, dirname('electron/main/index.ts')))).toBe(true);
});

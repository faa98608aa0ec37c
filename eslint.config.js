// Flat config: typescript-eslint's recommended rules plus the runtime boundaries from docs/architecture.md,
// which fail `npm run lint` (and so CI) rather than waiting for a review:
// - electron/core runs under plain Node for the CLI, the tests and the app's workers: it imports neither
//   the CLI, the main process, the preload, the renderer nor the `electron` package;
// - shared/ is loaded by both the main process and the renderer: no Node module (a `node:` import, a
//   built-in) and nothing from electron/ or renderer/ (DOM types are kept out by tsconfig.shared.json,
//   which `npm run lint` also checks);
// - renderer/ talks only to window.claimdesk: no Node module and nothing from electron/;
// - no import cycles anywhere in our own code;
// - inside electron/core, a module imports only its own layer and the layers below it (base → storage →
//   papers → rules → records → pages → intake → export → api; scripts/lint/core-layers.js holds the table).
// Paths are resolved (import-x), so `../../cli/x` and `../cli/x` are caught alike.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import { importX, createNodeResolver } from 'eslint-plugin-import-x';
import globals from 'globals';
import coreLayers from './scripts/lint/core-layers.js';

const sourceFiles = ['electron/**/*.ts', 'shared/**/*.ts', 'renderer/**/*.{ts,tsx}'];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'release/**',
      'node_modules/**',
      'tests/fixtures/generated/**',
      'coverage/**',
      'test-results/**',
      'playwright-report/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: sourceFiles,
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.mjs', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.mjs', '.js', '.json'] })],
    },
    rules: {
      // A cycle of value imports (type-only imports are erased at build time, so import-x leaves them out).
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: './electron/core',
              from: ['./electron/cli', './electron/main', './electron/preload', './renderer'],
              message:
                'electron/core is shared by the CLI, the app and the tests: it must not import the CLI, the main process, the preload or the renderer (docs/architecture.md).',
            },
            {
              target: './shared',
              from: ['./electron', './renderer'],
              message:
                'shared/ is loaded by main and renderer alike: plain data and pure functions only, nothing from electron/ or renderer/.',
            },
            {
              target: './renderer',
              from: ['./electron'],
              message:
                'The renderer talks to the main process only through window.claimdesk: nothing from electron/.',
            },
          ],
        },
      ],
    },
  },
  {
    // shared/ runs in both main and renderer: no Node built-ins, no Electron.
    files: ['shared/**/*.ts'],
    rules: {
      'import-x/no-nodejs-modules': 'error',
      'no-restricted-imports': ['error', { patterns: ['node:*', 'electron'] }],
    },
  },
  {
    // The layers inside core, lowest first (docs/architecture.md): no import up the order.
    files: ['electron/core/**/*.ts'],
    plugins: { claimdesk: coreLayers },
    rules: { 'claimdesk/core-layers': 'error' },
  },
  {
    // core/ and cli/ must run under plain Node so the CLI and tests exercise the real code. Storage is reached
    // through its contract (electron/core/db/contract.ts): only electron/core/db/ may load a driver (SQLite, pg)
    // or unwrap the store handle (tests/unit/storage-boundary.test.ts also refuses SQL text elsewhere).
    files: ['electron/core/**/*.ts', 'electron/cli/**/*.ts'],
    ignores: ['electron/core/db/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'core and cli run under plain Node: no electron here.' },
            {
              name: 'better-sqlite3',
              message:
                'SQLite is the storage engine: go through the storage contract (electron/core/db/contract.ts).',
            },
            {
              name: 'pg',
              message:
                'PostgreSQL is a storage engine: go through the storage contract (electron/core/db/contract.ts).',
            },
          ],
          patterns: [
            {
              group: ['**/db/sqlite', '**/db/sqlite.ts'],
              message: 'The store handle is opaque outside electron/core/db/: use the storage contract.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/main/**/*.ts', 'electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'better-sqlite3',
              message: 'Go through the storage contract (electron/core/db/contract.ts).',
            },
            { name: 'pg', message: 'Go through the storage contract (electron/core/db/contract.ts).' },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/core/db/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: ['electron'] }] },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'import-x/no-nodejs-modules': 'error',
      'no-restricted-imports': ['error', { patterns: ['node:*', 'electron'] }],
    },
  },
);

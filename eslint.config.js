// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { layeringPlugin } from './scripts/layering.js';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'packages/core/src/generated/**', '**/dist-loader/**', 'coverage/**', 'data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', URL: 'readonly', performance: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // every file of every package (src, tests, scripts, loader): only the packages of ours beneath it
    // (scripts/layering.js, the table scripts/layering.test.ts checks too)
    files: ['packages/**/*.{ts,tsx,js,mjs}'],
    plugins: { layering: layeringPlugin },
    rules: { 'layering/imports': 'error' },
  },
  {
    // core runs in the browser: nothing Node-only, nothing from another package of the repo.
    files: ['packages/core/src/**/*.ts'],
    ignores: ['packages/core/src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*'], message: 'core runs in the browser: no Node built-ins.' },
            {
              group: ['fs', 'path', 'os', 'crypto', 'child_process', 'worker_threads', 'stream', 'url', 'util', 'events', 'module'],
              message: 'core runs in the browser: no Node built-ins.',
            },
            { group: ['@peerlens/*', '../../*'], message: 'core depends on nothing else in the repo.' },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'core runs in the browser.' },
        { name: 'Buffer', message: 'core runs in the browser.' },
        { name: 'require', message: 'core is ESM and browser-safe.' },
      ],
    },
  },
  {
    // contract sits above core and below the server and the web, which both import it (the web in
    // the browser): it imports core only, and nothing Node-only.
    files: ['packages/contract/src/**/*.ts'],
    ignores: ['packages/contract/src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*'], message: 'contract runs in the browser too: no Node built-ins.' },
            {
              group: ['@peerlens/*', '!@peerlens/core', '../../*'],
              message: 'contract imports only core (scripts/layering.test.ts).',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'contract runs in the browser too.' },
        { name: 'Buffer', message: 'contract runs in the browser too.' },
      ],
    },
  },
  {
    // inputs sits beside core: it reads files for the CLI and the server and imports neither, nor core.
    files: ['packages/inputs/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@peerlens/*', '../../*'], message: 'inputs depends on nothing else in the repo (scripts/layering.test.ts).' },
          ],
        },
      ],
    },
  },
  {
    // nothing depends on cli, server or web: the CLI and the server share code through core and inputs
    // only; the server and the web share the API's shapes through contract, which the CLI has no use for.
    files: ['packages/cli/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@peerlens/cli',
                '@peerlens/cli/*',
                '@peerlens/server',
                '@peerlens/server/*',
                '@peerlens/web',
                '@peerlens/web/*',
                '@peerlens/contract',
                '@peerlens/contract/*',
              ],
              message: 'the CLI imports only core and inputs (scripts/layering.test.ts).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['packages/server/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@peerlens/cli', '@peerlens/cli/*', '@peerlens/server', '@peerlens/server/*', '@peerlens/web', '@peerlens/web/*'],
              message: 'the server imports only contract, core and inputs (scripts/layering.test.ts).',
            },
          ],
        },
      ],
    },
  },
  {
    // web pages run in the browser: no Node built-ins; the only network is the same-origin API (src/api.ts).
    files: ['packages/web/src/**/*.{ts,tsx}'],
    languageOptions: {
      globals: {
        window: 'readonly',
        document: 'readonly',
        location: 'readonly',
        history: 'readonly',
        fetch: 'readonly',
        navigator: 'readonly',
      },
    },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*'], message: 'web pages run in the browser: no Node built-ins.' },
            {
              group: ['**/core/src/**', '**/contract/src/**', '**/server/src/**', '**/cli/src/**', '**/inputs/src/**', '../../../../*'],
              message:
                'web pages import other packages by name (@peerlens/core, @peerlens/contract); scripts/layering.test.ts checks every relative import stays in the package.',
            },
            {
              group: [
                '@peerlens/cli',
                '@peerlens/cli/*',
                '@peerlens/server',
                '@peerlens/server/*',
                '@peerlens/inputs',
                '@peerlens/inputs/*',
              ],
              message: 'the web imports only core and contract (scripts/layering.test.ts).',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'web pages run in the browser.' },
        { name: 'Buffer', message: 'web pages run in the browser.' },
        { name: 'XMLHttpRequest', message: 'talk to the server through src/api.ts only.' },
        { name: 'WebSocket', message: 'web pages make no connections but the same-origin API.' },
        { name: 'EventSource', message: 'web pages make no connections but the same-origin API.' },
      ],
    },
  },
);

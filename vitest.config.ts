import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Two projects (decision 019): `fast` is every test file except `*.slow.test.ts` and runs in
 * `npm test`; `slow` is the `*.slow.test.ts` files (big inputs, hostile files, timing and memory
 * bounds, kills and floods, sweeps of every route or page) and runs in `npm run test:slow`.
 * `.ci/run` runs both. `npx vitest run FILE` runs a file of either project.
 */
const ROOTS = ['packages/*/src/**/', 'packages/*/test/**/', 'packages/*/e2e/**/', 'scripts/**/'];
const SLOW = ROOTS.map((r) => `${r}*.slow.test.ts`);

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: { name: 'fast', include: ROOTS.map((r) => `${r}*.test.ts`), exclude: [...configDefaults.exclude, ...SLOW] },
      },
      { extends: true, test: { name: 'slow', include: SLOW } },
    ],
  },
});

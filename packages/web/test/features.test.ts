/**
 * The web's folders (decision 021): shared code (api.ts, router.ts, components/, lib/) → features
 * (features/<name>/, each a page or a few with their components and calls) → the app (app.tsx,
 * document-page.tsx). A feature imports shared code and its own files, never another feature or the app.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../src', import.meta.url));
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );

it('features import shared code and themselves only; shared code imports no feature', () => {
  const bad: string[] = [];
  for (const file of files(SRC)) {
    const rel = relative(SRC, file);
    const feature = /^features\/([^/]+)\//.exec(rel)?.[1];
    for (const m of readFileSync(file, 'utf8').matchAll(/from\s+'(\.{1,2}\/[^']+)'/g)) {
      const target = relative(SRC, resolve(dirname(file), m[1] as string));
      const other = /^features\/([^/]+)\//.exec(target)?.[1];
      const app = /^(app|main|document-page)\./.test(target);
      if (
        feature !== undefined
          ? (other !== undefined && other !== feature) || app
          : other !== undefined && !/^(app|document-page)\./.test(rel)
      )
        bad.push(`${rel} → ${target}`);
    }
  }
  expect(bad).toEqual([]);
  expect(readdirSync(join(SRC, 'features')).length).toBeGreaterThan(8);
});

/**
 * The server's folders (decision 021): shared code (auth/, db/, audit.ts, errors.ts, export.ts …)
 * → features (features/<name>/{routes,service,schemas}.ts) → the app (app.ts, server.ts, main.ts,
 * index.ts). A feature uses another feature only through its service; shared code uses no
 * feature; the SQL of a feature is in its service, not in its routes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../src', import.meta.url));
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : /\.ts$/.test(e.name) ? [join(dir, e.name)] : [],
  );
const APP = /^(app|server|main|index)\.ts$/;

it('a feature uses another only through its service, and shared code uses no feature', () => {
  const bad: string[] = [];
  for (const file of files(SRC)) {
    const rel = relative(SRC, file);
    const feature = /^features\/([^/]+)\//.exec(rel)?.[1];
    for (const m of readFileSync(file, 'utf8').matchAll(/(?:from|import\()\s*'(\.{1,2}\/[^']+)'/g)) {
      const target = relative(SRC, resolve(dirname(file), m[1] as string));
      const other = /^features\/([^/]+)\/([^/]+)$/.exec(target);
      if (APP.test(rel)) continue;
      if (
        feature === undefined ? other !== null : (other !== null && other[1] !== feature && other[2] !== 'service.js') || APP.test(target)
      )
        bad.push(`${rel} → ${target}`);
    }
  }
  expect(bad).toEqual([]);
});

it("a feature's routes hold no SQL: it is in the feature's service", () => {
  const withSql = files(join(SRC, 'features'))
    .filter((f) => f.endsWith('/routes.ts'))
    .filter((f) => /\.(selectFrom|insertInto|updateTable|deleteFrom)\(|\bsql`/.test(readFileSync(f, 'utf8')))
    .map((f) => relative(SRC, f));
  expect(withSql).toEqual([]);
});

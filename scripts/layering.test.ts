/**
 * The layering of the repository's packages (STYLE.md, issue 12): `core` and `inputs` depend on
 * nothing in the repository; `contract` on `core`; `cli` on `core` and `inputs`; `server` on
 * `contract`, `core` and `inputs`; `web` on `contract` and `core`; nothing on `cli`, `server` or `web`. Checked in each package.json and in every import of every source
 * file, so neither a dependency nor a dynamic import can close a circle again.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  core: [],
  contract: ['core'],
  inputs: [],
  cli: ['core', 'inputs'],
  server: ['contract', 'core', 'inputs'],
  web: ['contract', 'core'],
};

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'generated' ? [] : sources(path);
    return /\.(ts|tsx)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [path] : [];
  });
}

describe('package layering', () => {
  it('every workspace package is one the layering names', () => {
    const workspaces = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { workspaces: string[] }).workspaces;
    expect(workspaces.map((w) => w.replace('packages/', '')).sort()).toEqual(Object.keys(ALLOWED).sort());
  });

  for (const [name, allowed] of Object.entries(ALLOWED)) {
    it(`${name} depends on ${allowed.length === 0 ? 'nothing in the repository' : allowed.join(' and ')}, in package.json and in its imports`, () => {
      const pkg = JSON.parse(readFileSync(join(ROOT, 'packages', name, 'package.json'), 'utf8')) as {
        dependencies?: Record<string, string>;
        devDependencies?: Record<string, string>;
      };
      const declared = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies })
        .filter((d) => d.startsWith('@peerlens/'))
        .map((d) => d.slice('@peerlens/'.length));
      expect(declared.sort()).toEqual([...allowed].sort());
      const bad: string[] = [];
      let seen = 0;
      for (const file of sources(join(ROOT, 'packages', name, 'src'))) {
        const text = readFileSync(file, 'utf8');
        for (const m of text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)['"](@peerlens\/[\w-]+|\.\.\/\.\.\/[^'"]*)/g)) {
          const spec = m[1] as string;
          seen++;
          // a relative import may go up folders, but not out of its own package
          if (!spec.startsWith('@peerlens/') && resolve(dirname(file), spec).startsWith(join(ROOT, 'packages', name, 'src'))) continue;
          const target = spec.startsWith('@peerlens/') ? spec.slice('@peerlens/'.length) : `relative ${spec}`;
          if (!allowed.includes(target)) bad.push(`${file.slice(ROOT.length)}: ${spec}`);
        }
      }
      expect(bad).toEqual([]);
      if (allowed.length > 0) expect(seen).toBeGreaterThan(0);
    });
  }
});

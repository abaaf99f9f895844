/**
 * The layering of the repository's packages (STYLE.md, issue 12): `core` and `inputs` depend on
 * nothing in the repository; `contract` on `core`; `cli` on `core` and `inputs`; `server` on
 * `contract`, `core` and `inputs`; `web` on `contract` and `core`; nothing on `cli`, `server` or `web`. Checked in each package.json and in every import of every source
 * file, so neither a dependency nor a dynamic import can close a circle again.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { ALLOWED, layeringProblem } from './layering.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

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

describe('the lint rule per package (layering/imports in eslint.config.js)', () => {
  const at = (pkg: string, path: string): string => join(ROOT, 'packages', pkg, path);

  it('forbids importing a sibling beside or above, by name or by a relative path, and allows what is beneath', () => {
    expect(layeringProblem(at('web', 'src/app.tsx'), '@peerlens/server')).toMatch(/^web may not import server/);
    expect(layeringProblem(at('cli', 'src/bin.ts'), '@peerlens/server/backup')).toMatch(/^cli may not import server/);
    expect(layeringProblem(at('core', 'src/index.ts'), '@peerlens/contract')).toMatch(
      /^core may not import contract: core imports nothing of ours/,
    );
    expect(layeringProblem(at('inputs', 'src/index.ts'), '@peerlens/core')).toMatch(/^inputs may not import core/);
    expect(layeringProblem(at('server', 'src/app.ts'), '../../cli/src/bin.js')).toMatch(/relative import may not leave packages\/server/);
    expect(layeringProblem(at('core', 'loader/load.ts'), '../../../scripts/corpus.js')).toMatch(/may not leave packages\/core/);
    expect(layeringProblem(at('server', 'src/app.ts'), '@peerlens/contract')).toBeUndefined();
    expect(layeringProblem(at('cli', 'src/bin.ts'), '@peerlens/inputs')).toBeUndefined();
    expect(layeringProblem(at('core', 'loader/load.ts'), '../src/lexicon/expand.js')).toBeUndefined();
    // tests: a dependency's fixtures by path; the web's browser tests drive the server
    expect(layeringProblem(at('cli', 'test/hostile.slow.test.ts'), '../../inputs/test/hostile.js')).toBeUndefined();
    expect(layeringProblem(at('web', 'e2e/drift.slow.test.ts'), '../../server/src/db/database.js')).toBeUndefined();
    expect(layeringProblem(at('cli', 'test/x.test.ts'), '../../server/src/app.js')).toMatch(/^cli's tests may not import server/);
  });

  it('is what ESLint runs on every file of a package', async () => {
    const eslint = new ESLint({ cwd: ROOT });
    const [web] = await eslint.lintText("import { createApp } from '@peerlens/server';\nexport const app = createApp;\n", {
      filePath: at('web', 'src/features/x/page.ts'),
    });
    expect(web?.messages.map((m) => m.ruleId)).toContain('layering/imports');
    const [cli] = await eslint.lintText('const name = process.argv[2] as string;\nexport const m = await import(name);\n', {
      filePath: at('cli', 'src/x.ts'),
    });
    expect(cli?.messages.map((m) => m.message)).toContain(
      'import() of a computed name: import graphs and the layering check cannot see it; name the module',
    );
  });
});

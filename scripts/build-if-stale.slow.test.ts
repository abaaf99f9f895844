/**
 * `npm start` builds only what changed (issue 13, item 10): the staleness rule on a throwaway tree,
 * and a real second `npm start` on the built repository serving the first page in under 10 s.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { STEPS as REAL_STEPS, staleSteps, type BuildStep } from './build-if-stale.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const STEPS: readonly BuildStep[] = [
  { workspace: 'a', dir: 'packages/a', outputs: ['dist'] },
  { workspace: 'b', dir: 'packages/b', outputs: ['dist'], deps: ['a'] },
  { workspace: 'c', dir: 'packages/c', outputs: ['dist'] },
];

describe('which packages npm start builds', () => {
  const tree = mkdtempSync(join(tmpdir(), 'peerlens-stale-'));
  afterAll(() => rmSync(tree, { recursive: true, force: true }));
  const file = (path: string, secondsAgo: number): void => {
    const full = join(tree, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, 'x');
    const t = Date.now() / 1000 - secondsAgo;
    utimesSync(full, t, t);
  };
  const stale = (): string[] => staleSteps(tree, STEPS).map((s) => s.workspace);
  const builtAll = (secondsAgo: number): void => {
    for (const p of ['a', 'b', 'c']) file(`packages/${p}/dist/index.js`, secondsAgo);
  };

  it('builds everything without build output, nothing when the output is newer, and a changed package with those that depend on it', () => {
    file('tsconfig.base.json', 100);
    for (const p of ['a', 'b', 'c']) file(`packages/${p}/src/index.ts`, 90);
    expect(stale()).toEqual(['a', 'b', 'c']);
    builtAll(50);
    expect(stale()).toEqual([]);
    // a test file changed: no build
    file('packages/a/test/x.test.ts', 40);
    expect(stale()).toEqual([]);
    // b changed: b only
    file('packages/b/src/index.ts', 40);
    expect(stale()).toEqual(['b']);
    // a changed: a and b, which depends on it, not c
    file('packages/a/src/index.ts', 30);
    expect(stale()).toEqual(['a', 'b']);
    // a was built alone after b: b is stale
    builtAll(20);
    file('packages/a/dist/index.js', 10);
    expect(stale()).toEqual(['b']);
    // the shared configuration changed: everything
    builtAll(5);
    file('tsconfig.base.json', 1);
    expect(stale()).toEqual(['a', 'b', 'c']);
    // an output folder missing: that package (and those depending on it)
    builtAll(0.5);
    rmSync(join(tree, 'packages/c/dist'), { recursive: true });
    expect(stale()).toEqual(['c']);
  });

  it('names the real packages in their build order with what each imports', () => {
    const order = REAL_STEPS.map((s) => s.workspace);
    for (const step of REAL_STEPS) for (const d of step.deps ?? []) expect(order.indexOf(d)).toBeLessThan(order.indexOf(step.workspace));
    const rootPkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { build: string } };
    expect([...rootPkg.scripts.build.matchAll(/-w (@peerlens\/\w+)/g)].map((m) => m[1])).toEqual(order);
    for (const step of REAL_STEPS) {
      const pkg = JSON.parse(readFileSync(join(ROOT, step.dir, 'package.json'), 'utf8')) as {
        name: string;
        dependencies?: Record<string, string>;
        devDependencies?: Record<string, string>;
      };
      expect(pkg.name).toBe(step.workspace);
      const imports = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).filter((d) => d.startsWith('@peerlens/'));
      expect([...(step.deps ?? [])].sort()).toEqual(imports.sort());
    }
  });
});

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => res(port));
    });
  });
}

/** Runs `npm start` on a free port with `dataDir`; resolves with the ms until the first page is served, and stops it. */
async function timeStart(dataDir: string): Promise<{ ms: number; output: string }> {
  const port = await freePort();
  const started = Date.now();
  const child = spawn('npm', ['start'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  try {
    let page = '';
    while (Date.now() - started < 60_000 && !page) {
      try {
        const r = await fetch(`http://127.0.0.1:${port}/`);
        if (r.ok) page = await r.text();
      } catch {
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    const ms = Date.now() - started;
    expect(page, output).toContain('<div id="app"');
    return { ms, output };
  } finally {
    if (child.pid) process.kill(-child.pid, 'SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

describe('a second npm start', () => {
  it('with nothing changed since the build, serves the first page in under 10 s', async () => {
    expect(staleSteps(ROOT), 'build first (npm run build)').toEqual([]);
    const dataDir = mkdtempSync(join(tmpdir(), 'peerlens-start-'));
    try {
      // the first start of a workspace creates the database and the demo
      const first = await timeStart(dataDir);
      expect(first.output).toContain('the build is up to date');
      const second = await timeStart(dataDir);
      expect(second.output).toContain('the build is up to date');
      expect(second.output).not.toContain('building @peerlens');
      console.log(`npm start with nothing changed: first page after ${second.ms} ms (first start of the workspace: ${first.ms} ms)`);
      expect(second.ms, second.output).toBeLessThan(10_000);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

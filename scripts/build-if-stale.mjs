// @ts-check
/**
 * What `npm start` runs before the server (issue 13, item 10): builds a package only when its
 * build output is missing or older than its sources (or than the build of a package it depends
 * on), so a second start with nothing changed goes straight to the server. A package that is
 * rebuilt makes the packages that depend on it rebuild too. `npm run build` still builds everything.
 *
 * Plain JavaScript (types in build-if-stale.d.mts), so that node runs it at once: tsx would add
 * a second or two to every start.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** @typedef {import('./build-if-stale.d.mts').BuildStep} BuildStep */

/** The build order of the root package.json's `build` script. @type {readonly BuildStep[]} */
export const STEPS = [
  { workspace: '@peerlens/core', dir: 'packages/core', outputs: ['dist', 'dist-loader'], extraInputs: ['corpus/notes', 'corpus/duties'] },
  { workspace: '@peerlens/contract', dir: 'packages/contract', outputs: ['dist'], deps: ['@peerlens/core'] },
  { workspace: '@peerlens/inputs', dir: 'packages/inputs', outputs: ['dist'] },
  { workspace: '@peerlens/cli', dir: 'packages/cli', outputs: ['dist'], deps: ['@peerlens/core', '@peerlens/inputs'] },
  { workspace: '@peerlens/web', dir: 'packages/web', outputs: ['dist'], deps: ['@peerlens/core', '@peerlens/contract'] },
  {
    workspace: '@peerlens/server',
    dir: 'packages/server',
    outputs: ['dist'],
    deps: ['@peerlens/core', '@peerlens/contract', '@peerlens/inputs'],
  },
];

/** Files that never feed a build: outputs, installed packages, generated sources, tests. */
const SKIP = new Set(['dist', 'dist-loader', 'node_modules', 'generated', 'test', 'e2e', 'coverage']);
const SHARED = ['tsconfig.base.json', 'package-lock.json'];

/**
 * The newest modification time (ms) of the files under `path` (0 when there are none).
 * @param {string} path
 * @param {ReadonlySet<string>} [skip]
 * @returns {number}
 */
export function newest(path, skip = new Set()) {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let max = 0;
  for (const e of readdirSync(path, { withFileTypes: true })) {
    if (skip.has(e.name) || e.name.endsWith('.test.ts')) continue;
    max = Math.max(max, newest(join(path, e.name), skip));
  }
  return max;
}

/**
 * The oldest of the newest times of the output folders: -1 when one is missing or empty.
 * @param {string} root
 * @param {BuildStep} step
 * @returns {number}
 */
function built(root, step) {
  let oldest = Infinity;
  for (const out of step.outputs) {
    const t = newest(join(root, step.dir, out));
    if (t === 0) return -1;
    oldest = Math.min(oldest, t);
  }
  return oldest;
}

/**
 * The workspaces to build, in order: each whose output is missing or older than its inputs (its
 * folder, the shared configuration, its extra inputs, the build output of each package it depends
 * on), and each that depends on one of those.
 * @param {string} root
 * @param {readonly BuildStep[]} [steps]
 * @returns {BuildStep[]}
 */
export function staleSteps(root, steps = STEPS) {
  const shared = Math.max(...SHARED.map((f) => newest(join(root, f))));
  const byName = new Map(steps.map((s) => [s.workspace, s]));
  /** @type {Set<string>} */
  const stale = new Set();
  for (const step of steps) {
    const out = built(root, step);
    const deps = (step.deps ?? []).flatMap((d) => byName.get(d) ?? []);
    const inputs = Math.max(
      shared,
      newest(join(root, step.dir), SKIP),
      ...(step.extraInputs ?? []).map((p) => newest(join(root, p))),
      ...deps.map((d) => built(root, d)),
    );
    if (out < 0 || inputs > out || deps.some((d) => stale.has(d.workspace))) stale.add(step.workspace);
  }
  return steps.filter((s) => stale.has(s.workspace));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const stale = staleSteps(root);
  if (stale.length === 0) console.log('PeerLens: the build is up to date.');
  for (const step of stale) {
    console.log(`PeerLens: building ${step.workspace}…`);
    execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build', '-w', step.workspace], { cwd: root, stdio: 'inherit' });
  }
}

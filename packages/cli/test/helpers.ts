/** Runs the built `peerlens` binary as a user runs it, and makes throwaway fixture folders. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyze } from '@peerlens/core';

export const bin = fileURLToPath(new URL('../bin/peerlens.js', import.meta.url));
export const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
export const fixture = (name: string): string => join(fixtures, name);

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function peerlens(args: string[], options: { cwd?: string; input?: string; env?: NodeJS.ProcessEnv } = {}): Run {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: options.cwd ?? fixtures,
    input: options.input ?? '',
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, ...options.env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export const jsonLines = (s: string): Record<string, unknown>[] =>
  s
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);

/** A temporary folder with the given files in it. */
export function folder(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'peerlens-cli-'));
  for (const [name, content] of Object.entries(files)) {
    const path = join(dir, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
  return dir;
}

/** The ids of the built-in rules that flag these words, so that tests follow the lexicon's naming. */
export function ruleFor(phrase: string): string {
  const f = analyze(`They said he is ${phrase} again.`).findings.find((x) => x.actual.toLowerCase() === phrase);
  if (!f) throw new Error(`no built-in rule flags "${phrase}"`);
  return f.ruleId;
}

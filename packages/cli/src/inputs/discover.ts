/**
 * Turns the command line's paths, folders, globs and "-" into sources, in the order given
 * (a folder's files sorted), each once. Folders are walked recursively for known extensions;
 * folders and globs honour `.peerlensignore` (gitignore rules, in the working folder).
 */
import { readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import ignoreLib, { type Ignore } from 'ignore';
import { glob, isDynamicPattern } from 'tinyglobby';
import { formatOf, KNOWN_EXTENSIONS, type Format, type InputProblem, type Source } from '@peerlens/inputs';

export interface DiscoverOptions {
  readonly cwd: string;
  /** A file of ignore rules; default `.peerlensignore` in cwd. */
  readonly ignorePath?: string;
  /** False turns ignore files off. */
  readonly useIgnore: boolean;
  /** Forces a format for every input (and names stdin's). */
  readonly inputFormat?: Format;
}

export interface Discovered {
  readonly sources: Source[];
  readonly problems: InputProblem[];
  /** Explicit files left out by an ignore rule. */
  readonly ignored: string[];
  readonly notices: string[];
}

const ALWAYS_IGNORED = ['**/node_modules/**', '**/.git/**'];

function loadIgnore(options: DiscoverOptions): { ig: Ignore | null; problem?: InputProblem } {
  if (!options.useIgnore) return { ig: null };
  const file = options.ignorePath !== undefined ? resolve(options.cwd, options.ignorePath) : join(options.cwd, '.peerlensignore');
  try {
    return { ig: ignoreLib.default().add(readFileSync(file, 'utf8')) };
  } catch (e) {
    if (options.ignorePath === undefined && (e as NodeJS.ErrnoException).code === 'ENOENT') return { ig: null };
    return {
      ig: null,
      problem: { file: options.ignorePath ?? file, reason: `cannot read the ignore file (${(e as NodeJS.ErrnoException).code ?? ''})` },
    };
  }
}

export function displayName(cwd: string, abs: string): string {
  const rel = relative(cwd, abs);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? abs : rel.split(sep).join('/');
}

export async function discover(args: readonly string[], options: DiscoverOptions): Promise<Discovered> {
  const sources: Source[] = [];
  const problems: InputProblem[] = [];
  const ignored: string[] = [];
  const notices: string[] = [];
  const seen = new Set<string>();
  const { ig, problem } = loadIgnore(options);
  if (problem) problems.push(problem);
  const isIgnored = (abs: string): boolean => {
    if (ig === null) return false;
    const rel = relative(options.cwd, abs);
    if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return false;
    return ig.ignores(rel.split(sep).join('/'));
  };
  const add = (abs: string, size: number, explicit: boolean): void => {
    if (seen.has(abs)) return;
    seen.add(abs);
    const name = displayName(options.cwd, abs);
    const format = options.inputFormat ?? formatOf(abs) ?? 'text';
    if (!explicit && formatOf(abs) === undefined && options.inputFormat === undefined) return;
    sources.push({ name, path: abs, format, size });
  };
  const walkFiles = async (patterns: string[], cwd: string): Promise<string[]> => {
    const found = await glob(patterns, {
      cwd,
      absolute: true,
      onlyFiles: true,
      dot: false,
      ignore: ALWAYS_IGNORED,
      followSymbolicLinks: true,
    });
    return found.map((f) => resolve(f)).sort();
  };

  for (const arg of args) {
    if (arg === '-') {
      if (!seen.has('-')) {
        seen.add('-');
        sources.push({ name: '<stdin>', format: options.inputFormat ?? 'text' });
      }
      continue;
    }
    const abs = resolve(options.cwd, arg);
    let stat;
    try {
      stat = statSync(abs);
    } catch (e) {
      if (isDynamicPattern(arg)) {
        const files = (await walkFiles([arg], options.cwd)).filter((f) => !isIgnored(f));
        if (files.length === 0) problems.push({ file: arg, reason: 'no files match this pattern' });
        for (const f of files) add(f, statSync(f).size, true);
        continue;
      }
      const code = (e as NodeJS.ErrnoException).code;
      problems.push({ file: arg, reason: code === 'ENOENT' ? 'no such file or folder (ENOENT)' : `cannot read it (${code ?? ''})` });
      continue;
    }
    if (stat.isDirectory()) {
      const patterns = [`**/*.{${KNOWN_EXTENSIONS.join(',')}}`];
      const files = (await walkFiles(patterns, abs)).filter((f) => !isIgnored(f));
      if (files.length === 0) notices.push(`${displayName(options.cwd, abs)}: no files to check in this folder`);
      for (const f of files) {
        try {
          add(f, statSync(f).size, false);
        } catch {
          // vanished since the walk
        }
      }
    } else if (isIgnored(abs)) {
      ignored.push(displayName(options.cwd, abs));
    } else {
      add(abs, stat.size, true);
    }
  }
  return { sources, problems, ignored, notices };
}

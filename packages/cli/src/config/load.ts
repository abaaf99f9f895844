/**
 * Finds and checks configuration. A configuration is looked for upward from each input's
 * folder (lilconfig: package.json#peerlens, .peerlensrc.json, .peerlensrc.yaml, .peerlensrc.yml);
 * every problem names the file, the line and the field. An organization's lexicon file is
 * checked by the same loader as the built-in lexicon.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { lilconfig, type LilconfigResult } from 'lilconfig';
import picomatch from 'picomatch';
import { LineCounter, parse as parseYaml, parseDocument, type Node } from 'yaml';
import { rules as builtinRules, sources, type DeniedPhrase, type RuleSetting } from '@peerlens/core';
import { loadExtraFiles } from '@peerlens/core/loader';
import { configSchema, type ConfigInput, type DeniedInput } from './schema.js';
import { DEFAULT_SETTINGS, type Settings } from './settings.js';
import { displayName } from '../inputs/discover.js';

export interface ConfigProblem {
  readonly file: string;
  readonly line: number;
  readonly field: string;
  readonly message: string;
}

export function formatConfigProblem(p: ConfigProblem): string {
  return `${p.file}:${p.line}: ${p.field ? `${p.field}: ` : ''}${p.message}`;
}

export interface LoadedConfig {
  readonly file: string;
  readonly name: string;
  readonly dir: string;
  readonly config: ConfigInput;
  readonly lexicon: string[];
  readonly ruleIds: Set<string>;
  readonly problems: ConfigProblem[];
}

const SEARCH_PLACES = ['package.json', '.peerlensrc.json', '.peerlensrc.yaml', '.peerlensrc.yml'];
const yamlLoader = (_file: string, content: string): unknown => parseYaml(content);

function nodeAt(root: unknown, path: readonly PropertyKey[]): Node | null {
  let node: unknown = root;
  for (const key of path) {
    if (node && typeof node === 'object' && 'get' in node && typeof (node as { get: unknown }).get === 'function') {
      const next = (node as { get(k: unknown, keep: boolean): unknown }).get(key, true);
      if (next === undefined || next === null) break;
      node = next;
    } else break;
  }
  return (node as Node | null) ?? null;
}

/** The line of a field in a YAML or JSON file (JSON is read as YAML, which keeps positions). */
function lineFinder(file: string, prefix: readonly string[]): (path: readonly PropertyKey[]) => number {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return () => 1;
  }
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false });
  return (path) => {
    const node = nodeAt(doc.contents, [...prefix, ...path]);
    const offset = node?.range?.[0];
    return offset === undefined ? 1 : counter.linePos(offset).line;
  };
}

function yamlError(file: string, name: string): ConfigProblem | undefined {
  try {
    const doc = parseDocument(readFileSync(file, 'utf8'), { prettyErrors: false });
    const e = doc.errors[0];
    if (e)
      return { file: name, line: e.linePos?.[0]?.line ?? 1, field: '', message: `cannot be parsed: ${e.message.split('\n')[0] ?? e.code}` };
  } catch {
    // reported by the caller
  }
  return undefined;
}

export function toDenied(d: DeniedInput, origin: string): DeniedPhrase {
  if (typeof d === 'string') return { phrase: d, note: `Listed under "deny" in ${origin}.` };
  return {
    phrase: d.phrase,
    ...(d.id !== undefined ? { id: d.id } : {}),
    ...(d.severity !== undefined ? { severity: d.severity } : {}),
    ...(d.message !== undefined ? { message: d.message } : {}),
    ...(d.replacements !== undefined || d.suggestions !== undefined ? { replacements: d.replacements ?? d.suggestions ?? [] } : {}),
    ...(d.hints !== undefined ? { hints: d.hints } : {}),
    note: d.note ?? `Listed under "deny" in ${origin}.`,
  };
}

/** Reads and checks one configuration file's content (already parsed by lilconfig). */
export function checkConfig(file: string, value: unknown, cwd: string): LoadedConfig {
  const name = displayName(cwd, file);
  const dir = dirname(file);
  const prefix = file.endsWith('package.json') ? ['peerlens'] : [];
  const problems: ConfigProblem[] = [];
  const lineOf = lineFinder(file, prefix);
  const parsed = configSchema.safeParse(value ?? {});
  const empty = { file, name, dir, config: {}, lexicon: [], ruleIds: new Set<string>(), problems };
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.filter((k): k is string | number => typeof k !== 'symbol');
      let message = issue.message;
      if (issue.code === 'unrecognized_keys')
        message = `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
      const at = issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined ? [...path, issue.keys[0]] : path;
      problems.push({ file: name, line: lineOf(at), field: [...prefix, ...path].join('.'), message });
    }
    return empty;
  }
  const config = parsed.data;
  const ruleIds = new Set(builtinRules().map((r) => r.id));
  const builtin = new Set(ruleIds);
  const lexicon = config.lexicon === undefined ? [] : Array.isArray(config.lexicon) ? config.lexicon : [config.lexicon];
  const lexiconPaths = lexicon.map((p) => resolve(dir, p));
  lexiconPaths.forEach((path, i) => {
    const field = [...prefix, 'lexicon', ...(Array.isArray(config.lexicon) ? [i] : [])];
    let result;
    try {
      result = loadExtraFiles([path], sources());
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      problems.push({
        file: name,
        line: lineOf(field.slice(prefix.length)),
        field: field.join('.'),
        message: `cannot read the lexicon file ${lexicon[i] ?? path} (${code ?? (e as Error).message})`,
      });
      return;
    }
    const shown = displayName(cwd, path);
    for (const p of result.problems) problems.push({ file: shown, line: p.line, field: p.field, message: p.message });
    for (const e of result.entries) {
      if (builtin.has(e.id)) {
        const line = lineFinder(path, [])([result.entries.indexOf(e), 'id']);
        problems.push({ file: shown, line, field: 'id', message: `"${e.id}" is already a built-in rule; choose another id` });
      }
      ruleIds.add(e.id);
    }
  });
  const allDeny = [...(config.deny ?? []), ...(config.overrides ?? []).flatMap((o) => o.deny ?? [])];
  ruleIds.add('denied-phrase');
  for (const d of allDeny) if (typeof d !== 'string' && d.id !== undefined) ruleIds.add(d.id);
  const checkRules = (rules: Record<string, RuleSetting> | undefined, path: (string | number)[]): void => {
    for (const id of Object.keys(rules ?? {})) {
      if (!ruleIds.has(id)) {
        problems.push({
          file: name,
          line: lineOf([...path, id]),
          field: [...prefix, ...path, id].join('.'),
          message: `unknown rule "${id}" (peerlens explain lists none by that id)`,
        });
      }
    }
  };
  checkRules(config.rules, ['rules']);
  (config.overrides ?? []).forEach((o, i) => checkRules(o.rules, ['overrides', i, 'rules']));
  return { file, name, dir, config, lexicon: lexiconPaths, ruleIds, problems };
}

/** The configuration file a search from `dir` would read first (to name it when it cannot be parsed). */
function nearestCandidate(dir: string): string | undefined {
  for (let d = dir; ; d = dirname(d)) {
    for (const place of SEARCH_PLACES) {
      const file = join(d, place);
      if (existsSync(file)) return file;
    }
    if (dirname(d) === d) return undefined;
  }
}

export interface ConfigOptions {
  readonly cwd: string;
  /** Use this file for every input instead of searching. */
  readonly configPath?: string;
  /** No configuration at all. */
  readonly noConfig?: boolean;
  /** Forced reading mode (e.g. `peerlens roles`). */
  readonly as?: 'note' | 'role';
}

/** Finds, checks and caches configurations, and resolves the settings for each input. */
export class ConfigResolver {
  private readonly explorer = lilconfig('peerlens', {
    searchPlaces: SEARCH_PLACES,
    loaders: { '.yaml': yamlLoader, '.yml': yamlLoader },
  });
  private readonly loaded = new Map<string, LoadedConfig>();
  readonly problems: ConfigProblem[] = [];

  constructor(private readonly options: ConfigOptions) {}

  private remember(file: string, value: unknown): LoadedConfig {
    let c = this.loaded.get(file);
    if (!c) {
      c = checkConfig(file, value, this.options.cwd);
      this.loaded.set(file, c);
      this.problems.push(...c.problems);
    }
    return c;
  }

  private async find(dir: string): Promise<LoadedConfig | undefined> {
    if (this.options.noConfig) return undefined;
    let result: LilconfigResult;
    try {
      if (this.options.configPath !== undefined) {
        const file = resolve(this.options.cwd, this.options.configPath);
        const cached = this.loaded.get(file);
        if (cached) return cached;
        result = await this.explorer.load(file);
      } else result = await this.explorer.search(dir);
    } catch (e) {
      const file = this.options.configPath !== undefined ? resolve(this.options.cwd, this.options.configPath) : nearestCandidate(dir);
      const name = file !== undefined ? displayName(this.options.cwd, file) : dir;
      const problem = (file !== undefined ? yamlError(file, name) : undefined) ?? {
        file: name,
        line: 1,
        field: '',
        message:
          (e as NodeJS.ErrnoException).code === 'ENOENT'
            ? 'no such configuration file'
            : `cannot be read: ${(e as Error).message.split('\n')[0] ?? ''}`,
      };
      if (!this.problems.some((p) => p.file === problem.file && p.message === problem.message)) this.problems.push(problem);
      return undefined;
    }
    if (result === null || result === undefined) return undefined;
    return this.remember(result.filepath, result.config);
  }

  /** The settings for an input at `path` (undefined: standard input, searched from cwd). */
  async settingsFor(path: string | undefined): Promise<Settings> {
    const dir = path === undefined ? this.options.cwd : dirname(path);
    const c = await this.find(dir);
    const forced = this.options.as;
    if (!c || c.problems.length > 0) return forced ? { ...DEFAULT_SETTINGS, as: forced } : DEFAULT_SETTINGS;
    const rules: Record<string, RuleSetting> = { ...(c.config.rules ?? {}) };
    const allow = [...(c.config.allow ?? [])];
    const deny = (c.config.deny ?? []).map((d) => toDenied(d, c.name));
    let as: 'note' | 'role' = c.config.as ?? 'note';
    const rel = path === undefined ? undefined : relative(c.dir, path).split(sep).join('/');
    for (const o of c.config.overrides ?? []) {
      if (rel === undefined || rel.startsWith('..')) continue;
      const globs = Array.isArray(o.files) ? o.files : [o.files];
      if (!globs.some((g) => picomatch(g, { dot: true, basename: !g.includes('/') })(rel))) continue;
      Object.assign(rules, o.rules ?? {});
      allow.push(...(o.allow ?? []));
      deny.push(...(o.deny ?? []).map((d) => toDenied(d, c.name)));
      if (o.as !== undefined) as = o.as;
    }
    return { rules, allow, deny, lexicon: c.lexicon, as: forced ?? as, origin: c.name };
  }
}

/**
 * Loads the context word sets (lexicon/context/*.yml) and the training themes
 * (lexicon/themes/*.yml), reporting every problem with file, line and field, as load.ts does
 * for the rules.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, isSeq, type Node } from 'yaml';
import { lineOf, parseList, type Problem } from './load.js';
import { contextSetSchema, themeSchema, type ContextSetInput, type ThemeInput } from './schema.js';
import { CONTEXT_SETS, type ContextWords } from '../src/lexicon/context-sets.js';
import { matchThemes, type ThemeLexicon } from '../src/lexicon/theme-match.js';
import { phraseVariants } from '../src/lexicon/expand.js';
import { tokenize } from '../src/text/tokenize.js';
import { TRAINING_AREAS } from '../src/framework/index.js';

function yamlFiles(dir: string): { path: string; label: string }[] {
  if (!existsSync(dir)) return [];
  const folder = dir.split('/').pop() as string;
  return readdirSync(dir)
    .filter((n) => n.endsWith('.yml') || n.endsWith('.yaml'))
    .sort()
    .map((n) => ({ path: join(dir, n), label: `${folder}/${n}` }));
}

export interface ContextResult {
  readonly words: ContextWords;
  readonly problems: Problem[];
  /** The number of words in all sets. */
  readonly count: number;
}

/** Loads `<lexicon>/context/*.yml`: every set the engine reads, once, with words that are single lower-case words, none twice. */
export function loadContext(lexiconDir: string): ContextResult {
  const problems: Problem[] = [];
  const words: Record<string, readonly string[]> = {};
  const at = new Map<string, string>();
  const known = new Set<string>(CONTEXT_SETS);
  let count = 0;
  for (const file of yamlFiles(join(lexiconDir, 'context'))) {
    const parsed = parseList<ContextSetInput>(file.path, file.label, contextSetSchema, 'a context file is a YAML list of word sets');
    problems.push(...parsed.problems);
    for (const { value, line, node } of parsed.items) {
      const problem = (message: string, field = 'id', l = line): void => {
        problems.push({ file: file.label, line: l, field, message });
      };
      if (!known.has(value.id)) {
        problem(`unknown context set "${value.id}": the engine reads ${CONTEXT_SETS.join(', ')} (src/lexicon/context-sets.ts)`);
        continue;
      }
      const first = at.get(value.id);
      if (first) {
        problem(`duplicate context set "${value.id}" (first at ${first})`);
        continue;
      }
      at.set(value.id, `${file.label}:${line}`);
      const items = node && isMap(node) ? node.get('words', true) : undefined;
      const seen = new Set<string>();
      value.words.forEach((w, i) => {
        const wordLine = isSeq(items) ? lineOf(parsed.counter, items.items[i] as Node) : line;
        const tokens = tokenize(w);
        if (tokens.length !== 1 || tokens[0]?.text !== w)
          problem(`"${w}" is not one word as the tokenizer reads it`, `words.${i}`, wordLine);
        if (seen.has(w)) problem(`"${w}" is listed twice in "${value.id}"`, `words.${i}`, wordLine);
        seen.add(w);
      });
      words[value.id] = [...seen];
      count += seen.size;
    }
  }
  for (const id of CONTEXT_SETS) {
    if (!at.has(id)) {
      problems.push({ file: 'context/', line: 1, field: 'id', message: `the context set "${id}" is missing: the engine reads it` });
    }
  }
  return { words: words as ContextWords, problems, count };
}

export interface ThemesResult {
  readonly themes: ThemeLexicon;
  readonly problems: Problem[];
}

/**
 * Loads `<lexicon>/themes/*.yml`: one entry per training area of the framework at most, with
 * phrases in the rules' syntax and examples that must and must not show the theme.
 */
export function loadThemes(lexiconDir: string): ThemesResult {
  const problems: Problem[] = [];
  const entries: ThemeLexicon['entries'][number][] = [];
  const phrases: [string[], number][] = [];
  const areas = new Set(TRAINING_AREAS.map((a) => a.id));
  const checks: { file: string; line: number; theme: ThemeInput }[] = [];
  const ids = new Map<string, string>();
  for (const file of yamlFiles(join(lexiconDir, 'themes'))) {
    const parsed = parseList<ThemeInput>(file.path, file.label, themeSchema, 'a themes file is a YAML list of themes');
    problems.push(...parsed.problems);
    for (const { value: t, line } of parsed.items) {
      const problem = (field: string, message: string): void => {
        problems.push({ file: file.label, line, field, message });
      };
      if (!areas.has(t.id)) {
        problem('id', `"${t.id}" is not a training area of the framework (${[...areas].join(', ')})`);
        continue;
      }
      const first = ids.get(t.id);
      if (first) {
        problem('id', `duplicate theme "${t.id}" (first at ${first})`);
        continue;
      }
      ids.set(t.id, `${file.label}:${line}`);
      const index = entries.length;
      for (const phrase of t.phrases) {
        try {
          const variants = phraseVariants(phrase);
          if (variants.length === 0) problem('phrases', `phrase "${phrase}" has no words`);
          for (const v of variants) phrases.push([[...v.tokens], index]);
        } catch (err) {
          problem('phrases', (err as Error).message);
        }
      }
      entries.push({ id: t.id, words: t.words });
      checks.push({ file: file.label, line, theme: t });
    }
  }
  const themes: ThemeLexicon = { entries, phrases };
  if (problems.length === 0) {
    for (const { file, line, theme } of checks) {
      for (const s of theme.examples.fire)
        if (!matchThemes(themes, s).includes(theme.id))
          problems.push({ file, line, field: 'examples.fire', message: `"${s}" does not show the theme "${theme.id}"` });
      for (const s of theme.examples.pass)
        if (matchThemes(themes, s).includes(theme.id))
          problems.push({ file, line, field: 'examples.pass', message: `"${s}" shows the theme "${theme.id}" but should not` });
    }
  }
  return { themes, problems };
}

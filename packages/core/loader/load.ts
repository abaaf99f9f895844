/**
 * Reads lexicon YAML files and reports every problem with file, line and field.
 * Used by the build (which fails on any problem) and by the tests.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { createRequire } from 'node:module';
import { LineCounter, parseDocument, isSeq, type Node } from 'yaml';
import type { z } from 'zod';
import { entrySchema, sourceSchema, type EntryInput } from './schema.js';
import { phraseVariants } from '../src/lexicon/expand.js';
import type { LexiconEntry, Replacement, Source } from '../src/lexicon/types.js';
import { tokenize } from '../src/text/tokenize.js';
import { TypoIndex } from '../src/match/typo.js';

export interface Problem {
  readonly file: string;
  readonly line: number;
  readonly field: string;
  readonly message: string;
}

export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}: ${p.field ? `${p.field}: ` : ''}${p.message}`;
}

export interface Parsed<T> {
  items: { value: T; line: number; node: Node | null }[];
  problems: Problem[];
  /** Lines of the file, for problems found after parsing. */
  counter: LineCounter;
}

export function lineOf(counter: LineCounter, node: Node | null | undefined): number {
  const offset = node?.range?.[0];
  return offset === undefined ? 1 : counter.linePos(offset).line;
}

/** Finds the node at a zod issue path, for a line number. */
function nodeAt(root: Node | null, path: readonly PropertyKey[]): Node | null {
  let node: unknown = root;
  for (const key of path) {
    if (node && typeof node === 'object' && 'get' in node && typeof (node as { get: unknown }).get === 'function') {
      const next = (node as { get(k: unknown, keep: boolean): unknown }).get(key, true);
      if (next === undefined) break;
      node = next;
    } else break;
  }
  return (node as Node | null) ?? root;
}

/** Parses a YAML list file, checking each item against `schema`; every problem with its line. */
export function parseList<T>(
  file: string,
  label: string,
  schema: z.ZodType<T>,
  what = 'a lexicon file is a YAML list of entries',
): Parsed<T> {
  const problems: Problem[] = [];
  const items: Parsed<T>['items'] = [];
  const counter = new LineCounter();
  const doc = parseDocument(readFileSync(file, 'utf8'), { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  for (const e of doc.errors) {
    problems.push({ file: label, line: e.linePos?.[0]?.line ?? 1, field: '', message: `YAML: ${e.message.split('\n')[0] ?? e.code}` });
  }
  if (problems.length > 0) return { items, problems, counter };
  if (!isSeq(doc.contents)) {
    problems.push({ file: label, line: 1, field: '', message: what });
    return { items, problems, counter };
  }
  doc.contents.items.forEach((node, index) => {
    const value = (node as Node & { toJSON(): unknown }).toJSON();
    const parsed = schema.safeParse(value);
    const line = lineOf(counter, node as Node);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const at = nodeAt(node as Node, issue.path);
        const field = issue.path.length > 0 ? issue.path.join('.') : `entry ${index + 1}`;
        problems.push({ file: label, line: lineOf(counter, at), field, message: issue.message });
      }
    } else {
      items.push({ value: parsed.data, line, node: node as Node });
    }
  });
  return { items, problems, counter };
}

export interface LoadResult {
  readonly entries: LexiconEntry[];
  readonly phrases: [string[], number][];
  readonly sources: Source[];
  readonly problems: Problem[];
  /** Phrase forms that a pattern shares with an earlier rule of the same label (the earlier keeps them). */
  readonly shadowed: number;
}

const CATEGORIES = ['language', 'perspective', 'role'] as const;

/**
 * Loads a lexicon folder (`sources.yml` and `<category>/*.yml`), or just the given files with
 * `extraSources` as the known sources (an organization's own lexicon).
 */
export function loadLexicon(dir: string): LoadResult {
  const problems: Problem[] = [];
  const sourcesFile = join(dir, 'sources.yml');
  const sources: Source[] = [];
  if (existsSync(sourcesFile)) {
    const parsed = parseList(sourcesFile, 'sources.yml', sourceSchema);
    problems.push(...parsed.problems);
    const seen = new Set<string>();
    for (const { value, line } of parsed.items) {
      if (seen.has(value.key)) problems.push({ file: 'sources.yml', line, field: 'key', message: `duplicate source key "${value.key}"` });
      seen.add(value.key);
      sources.push(value as Source);
    }
  }
  const files: { path: string; label: string; category: string }[] = [];
  for (const category of CATEGORIES) {
    const folder = join(dir, category);
    if (!existsSync(folder)) continue;
    for (const name of readdirSync(folder).sort()) {
      if (name.endsWith('.yml') || name.endsWith('.yaml')) {
        files.push({ path: join(folder, name), label: relative(dir, join(folder, name)), category });
      }
    }
  }
  const result = compileEntries(files, sources, problems);
  return { ...result, sources, problems };
}

function compileEntries(
  files: { path: string; label: string; category: string }[],
  sources: Source[],
  problems: Problem[],
): { entries: LexiconEntry[]; phrases: [string[], number][]; shadowed: number } {
  const shadowed = { count: 0 };
  const sourceKeys = new Set(sources.map((s) => s.key));
  const entries: LexiconEntry[] = [];
  const phrases: [string[], number][] = [];
  const ids = new Map<string, string>();
  const structural = new Map<string, string>();
  // category + phrase -> the phrase's slot and who listed it
  const phraseOwner = new Map<
    string,
    { id: string; joined: boolean; at: string; slot: number; label: string | undefined; literal: boolean }
  >();
  for (const file of files) {
    const parsed = parseList<EntryInput>(file.path, file.label, entrySchema);
    problems.push(...parsed.problems);
    for (const { value: e, line } of parsed.items) {
      const at = `${file.label}:${line}`;
      if (e.category !== file.category) {
        problems.push({ file: file.label, line, field: 'category', message: `"${e.category}" entry in the ${file.category}/ folder` });
        continue;
      }
      const previous = ids.get(e.id);
      if (previous) {
        problems.push({ file: file.label, line, field: 'id', message: `duplicate id "${e.id}" (first at ${previous})` });
        continue;
      }
      ids.set(e.id, at);
      if (e.structural !== undefined) {
        const other = structural.get(e.structural);
        if (other)
          problems.push({ file: file.label, line, field: 'structural', message: `"${e.structural}" is explained by "${other}" already` });
        structural.set(e.structural, e.id);
      }
      for (const key of e.source) {
        if (!sourceKeys.has(key))
          problems.push({ file: file.label, line, field: 'source', message: `unknown source "${key}" (add it to sources.yml)` });
      }
      const index = entries.length;
      const forms: string[] = [];
      for (const phrase of e.phrases) {
        let variants;
        try {
          variants = phraseVariants(phrase);
        } catch (err) {
          problems.push({ file: file.label, line, field: 'phrases', message: (err as Error).message });
          continue;
        }
        if (variants.length === 0) problems.push({ file: file.label, line, field: 'phrases', message: `phrase "${phrase}" has no words` });
        if (variants.some((v) => v.tokens[0] === '<any>' || v.tokens[v.tokens.length - 1] === '<any>')) {
          problems.push({
            file: file.label,
            line,
            field: 'phrases',
            message: `phrase "${phrase}" starts or ends with <any>; a gap belongs between words`,
          });
          continue;
        }
        for (const { tokens, joined } of variants) {
          forms.push(` ${tokens.join(' ')} `);
          const key = `${e.category}\u0000${tokens.join(' ')}`;
          const owner = phraseOwner.get(key);
          if (!owner) {
            phraseOwner.set(key, { id: e.id, joined, at, slot: phrases.length, label: e.label, literal: !phrase.includes('[') });
            phrases.push([[...tokens], index]);
          } else if (owner.id !== e.id && !joined) {
            const literal = !phrase.includes('[');
            if (owner.joined) {
              // a written phrase wins over another rule's generated joined form
              phraseOwner.set(key, { id: e.id, joined, at, slot: owner.slot, label: e.label, literal });
              phrases[owner.slot] = [[...tokens], index];
            } else if (owner.label === e.label && !(literal && owner.literal)) {
              // one form of a pattern that another rule with the same label already has: the first keeps it
              shadowed.count++;
            } else {
              problems.push({
                file: file.label,
                line,
                field: 'phrases',
                message:
                  owner.label === e.label
                    ? `phrase "${tokens.join(' ')}" is also listed by "${owner.id}" (${owner.at}); one phrase, one ${e.category} rule`
                    : `phrase "${tokens.join(' ')}" is ${e.label ?? 'unlabelled'} here but ${owner.label ?? 'unlabelled'} in "${owner.id}" (${owner.at}); one phrase, one ${e.category} rule`,
              });
            }
          }
        }
      }
      const entry: LexiconEntry = {
        id: e.id,
        category: e.category,
        dimension: e.dimension,
        severity: e.severity,
        ...(e.label !== undefined ? { label: e.label } : {}),
        weight: e.weight ?? (e.category === 'language' ? 0 : 1),
        negatable: e.negatable ?? e.category !== 'language',
        // defaults: docs/lexicon-format.md, "Reading a cue in context"
        topical: e.topical ?? (e.label === 'conflict' || (e.label === 'clinical' && e.dimension === 'choice')),
        actorSensitive: e.actorSensitive ?? (e.label === 'clinical' || e.label === 'conflict'),
        ...(e.structural !== undefined ? { structural: e.structural } : {}),
        ...(e.scope !== undefined ? { scope: e.scope } : {}),
        phrases: e.phrases,
        message: e.message,
        note: e.note.trim(),
        source: e.source,
        replacements: compileReplacements(e.replacements ?? [], forms, (message) =>
          problems.push({ file: file.label, line, field: 'replacements', message }),
        ),
        hints: (e.hints ?? []).map((h) => h.trim()),
        ...(e.notBefore ? { notBefore: e.notBefore } : {}),
        ...(e.notAfter ? { notAfter: e.notAfter } : {}),
        ...(e.onlyAfter ? { onlyAfter: e.onlyAfter } : {}),
        ...(e.onlyBefore ? { onlyBefore: e.onlyBefore } : {}),
        ...(e.orBefore ? { orBefore: e.orBefore } : {}),
        ...(e.quoted ? { quoted: true as const } : {}),
        examples: e.examples,
        file: file.label,
      };
      entries.push(entry);
    }
  }
  return { entries, phrases, shadowed: shadowed.count };
}

/**
 * Replacements as the engine reads them: phrases trimmed; a swap's keys folded to tokens and
 * ordered longest first. A swap key that no phrase form of the entry contains is a problem.
 */
function compileReplacements(
  input: readonly (string | { swap: Record<string, string> })[],
  forms: readonly string[],
  problem: (message: string) => void,
): Replacement[] {
  const out: Replacement[] = [];
  for (const r of input) {
    if (typeof r === 'string') {
      out.push(r.trim());
      continue;
    }
    const pairs: [string, string][] = [];
    for (const [key, value] of Object.entries(r.swap)) {
      const words = tokenize(key).map((t) => t.text);
      const folded = words.join(' ');
      if (words.length === 0) problem(`swap key "${key}" has no words`);
      else if (!forms.some((f) => f.includes(` ${folded} `))) problem(`swap key "${key}" is in none of the entry's phrases`);
      else pairs.push([folded, value.trim()]);
    }
    pairs.sort((a, b) => b[0].split(' ').length - a[0].split(' ').length);
    out.push({ swap: pairs });
  }
  return out;
}

/** Loads extra lexicon files (an organization's own), checked against the known sources. */
export function loadExtraFiles(paths: readonly string[], known: readonly Source[]): LoadResult {
  const problems: Problem[] = [];
  const files = paths.map((p) => {
    const parsed = parseDocument(readFileSync(p, 'utf8'));
    const first = isSeq(parsed.contents) ? (parsed.contents.items[0] as { get?(k: string): unknown } | undefined) : undefined;
    const category = String(first?.get?.('category') ?? 'language');
    return { path: p, label: p, category };
  });
  const result = compileEntries(files, [...known], problems);
  return { ...result, sources: [...known], problems };
}

/** English words one edit from a lexicon word: the typo matcher must never "correct" them. */
export function protectedWordsFor(phrases: readonly (readonly [readonly string[], number])[]): string[] {
  const require = createRequire(import.meta.url);
  const english = readFileSync(join(dirname(require.resolve('word-list')), 'words.txt'), 'utf8').split('\n');
  const vocabulary = new Set<string>();
  for (const [tokens] of phrases) for (const t of tokens) vocabulary.add(t);
  const index = new TypoIndex(vocabulary);
  return english.filter((word) => index.candidates(word).length > 0).sort();
}

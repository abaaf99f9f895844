import { describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatProblem, loadLexicon } from '../loader/load.js';
import { expandAlternatives, phraseVariants } from '../src/lexicon/expand.js';

const sources = fileURLToPath(new URL('./fixtures/lexicon/sources.yml', import.meta.url));

const entry = (id: string, extra = '', phrase = 'frequent flyer'): string => `- id: ${id}
  category: language
  dimension: language
  severity: warning
  phrases: ["${phrase}"]
  message: "A message long enough."
  note: A note long enough.
  source: [deegan-2017]
  hints: [Say something else.]
  examples:
    fire: [He is a frequent flyer.]
    pass: [He comes often.]
${extra}`;

function lexiconWith(files: Record<string, string>): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'peerlens-lexicon-'));
  mkdirSync(join(dir, 'language'));
  copyFileSync(sources, join(dir, 'sources.yml'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, 'language', name), text);
  return loadLexicon(dir).problems.map(formatProblem);
}

describe('the lexicon build fails loudly', () => {
  it('accepts a well-formed entry', () => {
    expect(lexiconWith({ 'a.yml': entry('ok-entry') })).toEqual([]);
  });

  it('on a duplicate id, naming both places', () => {
    expect(lexiconWith({ 'a.yml': entry('same') + entry('same', '', 'other words') })).toEqual([
      'language/a.yml:13: id: duplicate id "same" (first at language/a.yml:1)',
    ]);
  });

  it('on the same phrase in two rules of one category', () => {
    const problems = lexiconWith({ 'a.yml': entry('one'), 'b.yml': entry('two', '', 'frequent-flyer') });
    expect(problems).toEqual([
      'language/b.yml:1: phrases: phrase "frequent flyer" is also listed by "one" (language/a.yml:1); one phrase, one language rule',
    ]);
  });

  it('on an unknown key, with its line', () => {
    expect(lexiconWith({ 'a.yml': entry('x', '  colour: red\n') })).toEqual([
      expect.stringMatching(/^language\/a\.yml:1: entry 1: Unrecognized key: "colour"/),
    ]);
  });

  it('on a missing or malformed field, with the field and its line', () => {
    const bad = entry('x').replace('severity: warning', 'severity: loud').replace('  note: A note long enough.\n', '');
    const problems = lexiconWith({ 'a.yml': bad });
    expect(problems).toContainEqual(expect.stringMatching(/^language\/a\.yml:4: severity: /));
    expect(problems).toContainEqual(expect.stringMatching(/^language\/a\.yml:1: note: /));
  });

  it('on an unknown source and an unbalanced bracket', () => {
    const bad = entry('x').replace('[deegan-2017]', '[nobody-2020]').replace('"frequent flyer"', '"frequent [flyer"');
    expect(lexiconWith({ 'a.yml': bad })).toEqual([
      'language/a.yml:1: source: unknown source "nobody-2020" (add it to sources.yml)',
      `language/a.yml:1: phrases: unbalanced '[' in phrase "frequent [flyer"`,
    ]);
  });

  it('on the old suggestions list, saying what replaced it', () => {
    const old = entry('x').replace('  hints: [Say something else.]\n', '  suggestions: [something else]\n');
    expect(lexiconWith({ 'a.yml': old })).toEqual([
      expect.stringMatching(/^language\/a\.yml:\d+: suggestions: suggestions are now two lists: replacements .* and hints/),
    ]);
  });

  it('on a replacement that is advice, a hint that is not a sentence, a swap of words no phrase has, and no advice at all', () => {
    const advice = entry('a1').replace('  hints: [Say something else.]\n', '  replacements: [Say how often the person came.]\n');
    const fragment = entry('a2', '', 'frequent flier').replace('[Say something else.]', '[(describe what happened)]');
    const swap = entry('a3', '', 'regular flyer').replace(
      '  hints: [Say something else.]\n',
      '  replacements:\n    - swap: { frequent flyer: frequent visitor }\n',
    );
    const none = entry('a4', '', 'constant flyer').replace('  hints: [Say something else.]\n', '');
    expect(lexiconWith({ 'a.yml': advice + fragment + swap + none })).toEqual([
      expect.stringMatching(
        /^language\/a\.yml:\d+: replacements\.0: a replacement is words to put in place of the flagged ones, not a sentence/,
      ),
      expect.stringMatching(/^language\/a\.yml:\d+: hints\.0: a hint is a sentence/),
      expect.stringMatching(/^language\/a\.yml:\d+: hints: an entry that flags something needs at least one replacement or hint/),
      'language/a.yml:25: replacements: swap key "frequent flyer" is in none of the entry\'s phrases',
    ]);
  });

  it('on YAML that does not parse', () => {
    expect(lexiconWith({ 'a.yml': '- id: [unclosed\n' })[0]).toMatch(/^language\/a\.yml:\d+: YAML: /);
  });
});

describe('phrase expansion', () => {
  it('expands alternatives, also inside words and optional pieces', () => {
    expect(expandAlternatives('refus[e|ed|ing] [his |her |]meds')).toHaveLength(9);
    expect(expandAlternatives('frequent [flyer|flier][s|]')).toEqual([
      'frequent flyers',
      'frequent flyer',
      'frequent fliers',
      'frequent flier',
    ]);
  });

  it('adds the joined form of a short multi-word phrase, marked as generated', () => {
    expect(phraseVariants('non-compliant')).toEqual([
      { tokens: ['non', 'compliant'], joined: false },
      { tokens: ['noncompliant'], joined: true },
    ]);
  });

  it('keeps token classes', () => {
    expect(phraseVariants('<num> mg')[0]).toEqual({ tokens: ['<num>', 'mg'], joined: false });
    expect(() => phraseVariants('<weight> kg')).toThrow(/unknown token class/);
  });
});

import { describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatProblem, loadLexicon } from '../loader/load.js';
import { loadContext, loadThemes } from '../loader/context.js';
import { CONTEXT_SETS } from '../src/lexicon/context-sets.js';
import { CONTEXT_WORDS } from '../src/generated/context.js';
import { trainingThemes, TRAINING_THEMES } from '../src/lexicon/themes.js';

const lexicon = fileURLToPath(new URL('../lexicon', import.meta.url));

/** A copy of the built-in context folder with one file added (or replaced). */
function contextWith(name: string, text: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'peerlens-context-'));
  cpSync(join(lexicon, 'context'), join(dir, 'context'), { recursive: true });
  writeFileSync(join(dir, 'context', name), text);
  return loadContext(dir).problems.map(formatProblem);
}

function themesWith(text: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'peerlens-themes-'));
  mkdirSync(join(dir, 'themes'));
  writeFileSync(join(dir, 'themes', 'a.yml'), text);
  return loadThemes(dir).problems.map(formatProblem);
}

describe('the context word sets', () => {
  it('are all in the lexicon, each once, and compiled as they are written', () => {
    const loaded = loadContext(lexicon);
    expect(loaded.problems).toEqual([]);
    expect(Object.keys(loaded.words).sort()).toEqual([...CONTEXT_SETS].sort());
    expect(loaded.words).toEqual(CONTEXT_WORDS);
  });

  it('fail the build on a set the engine does not read, naming the file and line', () => {
    expect(contextWith('zz.yml', '- id: negator\n  note: A misspelt set.\n  words: [not]\n')).toEqual([
      expect.stringMatching(/^context\/zz\.yml:1: id: unknown context set "negator": the engine reads negators, /),
    ]);
  });

  it('fail on a set listed twice, a word listed twice, a word that is not one lower-case word, and an unknown key', () => {
    const problems = contextWith(
      'zz.yml',
      [
        '- id: negators',
        '  note: Listed again.',
        '  words: [not]',
        '- id: nothing-like-it',
        '  note: An unknown set.',
        '  words: [a]',
        '  colour: red',
      ].join('\n') + '\n',
    );
    expect(problems).toEqual([
      'context/zz.yml:4: entry 2: Unrecognized key: "colour"',
      'context/zz.yml:1: id: duplicate context set "negators" (first at context/negation.yml:1)',
    ]);
    const words = contextWith('negation.yml', '- id: negators\n  note: The negators.\n  words:\n    - not\n    - Never\n    - not\n');
    expect(words).toContainEqual(expect.stringMatching(/^context\/negation\.yml:5: words\.1: a context word is one lower-case word/));
    const twice = contextWith('negation.yml', '- id: negators\n  note: The negators.\n  words:\n    - not\n    - never\n    - not\n');
    expect(twice).toContain('context/negation.yml:6: words.2: "not" is listed twice in "negators"');
    // the other sets of negation.yml are gone from this copy: each is reported missing
    expect(twice).toContain('context/:1: id: the context set "clause-breaks" is missing: the engine reads it');
  });
});

describe('the training themes', () => {
  const theme = (extra: Record<string, string> = {}): string =>
    Object.entries({
      id: 'housing',
      words: 'housing',
      phrases: '[rent, "evict[ed|ion]"]',
      note: 'Housing programs.',
      examples: '{ fire: [The landlord raised the rent.], pass: [We walked to the park.] }',
      ...extra,
    })
      .map(([k, v], i) => `${i === 0 ? '- ' : '  '}${k}: ${v}`)
      .join('\n') + '\n';

  it('are read by the rules’ matcher: whole words, any case, the phrase syntax', () => {
    expect(trainingThemes('The LANDLORD sent an eviction notice.')).toEqual(['housing']);
    expect(trainingThemes('She called 988 and we went over her safety plan; then we talked about her job.')).toEqual([
      'crisis',
      'employment',
    ]);
    expect(trainingThemes('He parented well.')).toEqual([]);
    expect(TRAINING_THEMES.map((t) => t.id)).toEqual([
      'crisis',
      'housing',
      'employment',
      'supported-education',
      'primary-care',
      'engaging-not-yet-interested',
    ]);
  });

  it('accept a well-formed theme and fail on an area the framework does not have, an example that does not behave, and an unknown key', () => {
    expect(themesWith(theme())).toEqual([]);
    expect(themesWith(theme({ id: 'gardening' }))).toEqual([
      expect.stringMatching(/^themes\/a\.yml:1: id: "gardening" is not a training area/),
    ]);
    expect(themesWith(theme({ examples: '{ fire: [We walked to the park.], pass: [The rent is due.] }' }))).toEqual([
      'themes/a.yml:1: examples.fire: "We walked to the park." does not show the theme "housing"',
      'themes/a.yml:1: examples.pass: "The rent is due." shows the theme "housing" but should not',
    ]);
    expect(themesWith(theme({ colour: 'red' }))).toEqual([expect.stringMatching(/^themes\/a\.yml:1: entry 1: Unrecognized key: "colour"/)]);
  });
});

describe('how a cue is read in context is declared in its entry', () => {
  const cue = (id: string, extra: string, label = 'conflict', dimension = 'choice'): string => `- id: ${id}
  category: role
  dimension: ${dimension}
  severity: warning
  label: ${label}
  weight: 2
  phrases: ["${id.replace(/-/g, ' ')}"]
  message: "A message long enough."
  note: A note long enough.
  source: [deegan-2017]
  hints: [Do something else.]
  examples:
    fire: [We ${id.replace(/-/g, ' ')}.]
    pass: [We walk.]
${extra}`;
  function load(text: string, folder = 'role') {
    const dir = mkdtempSync(join(tmpdir(), 'peerlens-fields-'));
    mkdirSync(join(dir, folder));
    cpSync(fileURLToPath(new URL('./fixtures/lexicon/sources.yml', import.meta.url)), join(dir, 'sources.yml'));
    writeFileSync(join(dir, folder, 'a.yml'), text);
    return loadLexicon(dir);
  }

  it('with defaults by label, and fields that override them', () => {
    const { entries, problems } = load(
      cue('hold-down', '') + cue('pay-rent', '', 'errand', 'position') + cue('seclude-him', '  topical: false\n  actorSensitive: false\n'),
    );
    expect(problems).toEqual([]);
    expect(entries.map((e) => [e.id, e.topical, e.actorSensitive])).toEqual([
      ['hold-down', true, true],
      ['pay-rent', false, false],
      ['seclude-him', false, false],
    ]);
  });

  it('and a structural cue names a peer perspective cue, one entry per cue', () => {
    const peer = (id: string) =>
      cue(id, '  structural: own-experience\n', 'peer', 'sharing').replace('category: role', 'category: perspective');
    expect(load(peer('me-too') + peer('same-here'), 'perspective').problems.map(formatProblem)).toEqual([
      'perspective/a.yml:16: structural: "own-experience" is explained by "me-too" already',
    ]);
    expect(load(cue('hold-down', '  structural: own-experience\n')).problems.map(formatProblem)).toEqual([
      'role/a.yml:15: structural: a structural cue is a peer perspective cue',
    ]);
    expect(load(cue('hold-down', '  structural: my-story\n')).problems.map(formatProblem)).toEqual([
      expect.stringMatching(/^role\/a\.yml:15: structural: Invalid option/),
    ]);
  });
});

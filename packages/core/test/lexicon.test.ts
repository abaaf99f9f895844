/** The built-in lexicon: its size, its own examples, and the contract of its entries. */
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { loadLexicon, protectedWordsFor } from '../loader/load.js';
import { checkExamples, checkReplacements } from '../scripts/check-examples.js';
import { Engine } from '../src/analyze/engine.js';
import { rules, getRule, DIMENSIONS } from '../src/index.js';

const dir = fileURLToPath(new URL('../lexicon', import.meta.url));
const lexicon = loadLexicon(dir);

describe('the built-in lexicon', () => {
  it('builds without a problem', () => {
    expect(lexicon.problems).toEqual([]);
  });

  it('has what the analyzer needs: 120+ language entries, cues for every perspective and every duty label', () => {
    const count = (category: string, label?: string): number =>
      lexicon.entries.filter((e) => e.category === category && (label === undefined || e.label === label)).length;
    expect(count('language')).toBeGreaterThanOrEqual(120);
    for (const label of ['peer', 'overlap', 'clinical']) expect(count('perspective', label)).toBeGreaterThanOrEqual(20);
    for (const label of ['conflict', 'errand', 'clinical', 'peer', 'overlap']) expect(count('role', label)).toBeGreaterThanOrEqual(5);
  });

  it('has perspective cues for every view of every dimension of the framework', () => {
    const have = new Set(lexicon.entries.filter((e) => e.category === 'perspective').map((e) => `${e.dimension}/${e.label}`));
    const missing: string[] = [];
    for (const d of DIMENSIONS) for (const view of Object.keys(d.views)) if (!have.has(`${d.id}/${view}`)) missing.push(`${d.id}/${view}`);
    expect(missing).toEqual([]);
  });

  it('every entry fires on its own "fire" examples and not on its "pass" examples', () => {
    const engine = new Engine({ ...lexicon, protectedWords: protectedWordsFor(lexicon.phrases) });
    const failures = checkExamples(engine).map((f) => `${f.file} ${f.id} (${f.kind}): ${f.sentence}`);
    expect(failures).toEqual([]);
  });

  it('every rule that flags something offers a replacement or a hint, and names its source', () => {
    for (const e of lexicon.entries) {
      const flags =
        e.category === 'language' ||
        (e.category === 'perspective' && e.label === 'clinical') ||
        (e.category === 'role' && (e.label === 'conflict' || e.label === 'errand' || e.label === 'clinical'));
      if (flags) expect(e.replacements.length + e.hints.length, e.id).toBeGreaterThan(0);
      if (e.category === 'role') expect(e.replacements, e.id).toEqual([]);
      expect(e.source.length, e.id).toBeGreaterThan(0);
    }
  });

  it('every replacement, applied to each fire example of its rule, changes only the flagged words, reads and clears the rule', () => {
    const engine = new Engine({ ...lexicon, protectedWords: protectedWordsFor(lexicon.phrases) });
    let applied = 0;
    const failures = checkReplacements(engine, () => applied++).map(
      (f) => `${f.file} ${f.id}: "${f.replacement}" ${f.problem}${f.sentence ? `: ${f.sentence}` : ''}`,
    );
    expect(failures).toEqual([]);
    // the check ran: most language rules offer a replacement on their own examples
    expect(applied).toBeGreaterThan(150);
  });

  it('the compiled module matches the YAML (the build ran)', () => {
    expect(rules().map((r) => r.id)).toEqual(lexicon.entries.map((e) => e.id));
    const first = lexicon.entries[0]!;
    expect(getRule(first.id)).toMatchObject({ id: first.id, message: first.message });
    expect(getRule('no-such-rule')).toBeUndefined();
  });
});

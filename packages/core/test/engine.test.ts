/**
 * The engine on a small fixture lexicon (test/fixtures/lexicon): context, offsets, options.
 * What the built-in lexicon decides is tested in lexicon.test.ts and measured by npm run eval.
 */
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { loadLexicon } from '../loader/load.js';
import { Engine } from '../src/analyze/engine.js';
import { analyze } from '../src/analyze/analyze.js';
import { classifyDuty, reviewRole } from '../src/analyze/duty.js';

const fixture = loadLexicon(fileURLToPath(new URL('./fixtures/lexicon', import.meta.url)));
const engine = new Engine({ entries: fixture.entries, phrases: fixture.phrases, sources: fixture.sources, protectedWords: ['assets'] });
const run = (text: string, options = {}): ReturnType<typeof analyze> => analyze(text, options, engine);

describe('engine on the fixture lexicon', () => {
  it('loads the fixture without problems', () => {
    expect(fixture.problems).toEqual([]);
  });

  it('finds a language term with exact positions, its replacement and its hint', () => {
    const text = 'Note:\n  He is a frequent-flier at the ED.';
    const [f] = run(text).findings;
    expect(f).toMatchObject({
      ruleId: 'frequent-flyer',
      category: 'language',
      actual: 'frequent-flier',
      start: { line: 2, column: 11, offset: 16 },
      end: { line: 2, column: 25, offset: 30 },
      expected: ['frequent visitor'],
      hints: ['Say how often the person came and why.'],
    });
    expect(text.slice(f!.start.offset, f!.end.offset)).toBe(f!.actual);
  });

  it('does not flag a term in quotation marks or after "the word"', () => {
    expect(run('We stopped saying "frequent flyer" at team meetings.').findings).toEqual([]);
    expect(run('The term frequent flyer came up in training.').findings).toEqual([]);
    expect(run('She hates being called a frequent flyer.').findings).toEqual([]);
    expect(run('He is a frequent flyer.').findings).toHaveLength(1);
  });

  it("reads a person's own words about themselves as information only", () => {
    for (const text of ['“I was the frequent flyer of that ER,” she laughed.', "I'm a frequent flyer, I know it."])
      expect(run(text).findings.map((f) => [f.severity, f.situation])).toEqual([['info', 'own-words']]);
  });

  it('reads a negated clinical action as a boundary, not as the action', () => {
    const s = run('I did not assess her.').sentences[0]!;
    expect(s.label).toBe('peer');
    expect(s.reasons).toEqual([expect.objectContaining({ ruleId: 'clinical-assess', context: 'negated', label: 'peer' })]);
    expect(run('Writer assessed her mood.').sentences[0]!.label).toBe('clinical');
    // the negation does not reach past a clause break
    expect(run('She did not come, so writer assessed by phone.').sentences[0]!.reasons[0]).not.toHaveProperty('context', 'negated');
  });

  it('keeps register terms clinical when negated if the rule says so', () => {
    expect(run('Pt denies SI/HI.').sentences[0]!.label).toBe('clinical');
  });

  it('matches token classes and tolerates one typo in a long word', () => {
    const a = run('Pt is noncomplaint. Depakote 500mg, F20.9.');
    expect(a.findings.map((f) => f.ruleId)).toEqual(['blame-noncompliant', 'clinical-mse', 'clinical-mse']);
    expect(a.findings[0]).toMatchObject({ actual: 'noncomplaint', fuzzy: true });
  });

  it('never corrects a protected English word', () => {
    expect(run('The assets were counted.').findings).toEqual([]);
  });

  it('labels headings neutral and counts only units in the profile', () => {
    const a = run('PLAN\nI shared my own experience. Writer assessed mood. Met at noon.');
    expect(a.sentences.map((s) => [s.kind, s.label])).toEqual([
      ['heading', 'neutral'],
      ['sentence', 'peer'],
      ['sentence', 'clinical'],
      ['sentence', 'neutral'],
    ]);
    expect(a.profile.units).toBe(3);
    expect(a.profile.counts).toEqual({ peer: 1, overlap: 0, clinical: 1, neutral: 1 });
    expect(a.profile.byDimension.sharing).toEqual({ peer: 1, overlap: 0, clinical: 0 });
  });

  it('turns a rule off, changes its severity, and honours an allow list', () => {
    expect(run('He is a frequent flyer.', { rules: { 'frequent-flyer': 'off' } }).findings).toEqual([]);
    expect(run('He is a frequent flyer.', { rules: { 'frequent-flyer': 'error' } }).findings[0]!.severity).toBe('error');
    expect(run('He is a frequent flyer.', { allow: ['frequent flyer'] }).findings).toEqual([]);
  });

  it('classifies duties: a conflict with its suggestion, a negated one as a peer boundary', () => {
    const d = classifyDuty('Administer medications to members.', {}, engine);
    expect(d.label).toBe('conflict');
    expect(d.suggestions).toEqual(['Leave to nursing.']);
    expect(classifyDuty('Will not administer medications.', {}, engine).label).toBe('peer');
    expect(classifyDuty('Attend staff meetings.', {}, engine)).toMatchObject({ label: 'overlap', reasons: [] });
  });

  it('reviews a role duty by duty with a summary', () => {
    const r = reviewRole('DUTIES\n- Administer medications\n- Count their meds\n- Attend staff meetings', {}, engine);
    expect(r.duties.map((d) => d.label)).toEqual(['conflict', 'conflict', 'overlap']);
    expect(r.summary).toBe('2 of 3 duties to rethink: 2 conflicts.');
    expect(r.rethink).toBe(2);
    expect(r.notDuties).toEqual([{ start: 0, end: 6, text: 'DUTIES', kind: 'heading' }]);
  });

  it('never throws on odd input', () => {
    for (const input of ['', '\u0000', '\uD800', '"""', "'''", '\r\n\r\n', '- ', '1.', 'A:', '#'.repeat(10), null as unknown as string]) {
      expect(() => run(input)).not.toThrow();
      expect(() => classifyDuty(input, {}, engine)).not.toThrow();
    }
  });
});

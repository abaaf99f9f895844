import { describe, expect, it } from 'vitest';
import { analyze } from '../analyze/analyze.js';
import { allowListConfig, allowListFromConfig, allowPhraseFor, allowPhraseProblem, tidyAllowList } from './allow.js';

describe('the allow list', () => {
  it('a phrase made from flagged words allows exactly those words, in any case', () => {
    const text = 'He is a Frequent Flyer at the clinic.';
    const finding = analyze(text).findings.find((f) => /flyer/i.test(f.actual));
    expect(finding).toBeDefined();
    const phrase = allowPhraseFor(finding?.actual ?? '');
    expect(phrase).toBe('frequent flyer');
    expect(allowPhraseProblem(phrase)).toBeNull();
    expect(analyze(text, { allow: [phrase] }).findings.some((f) => /flyer/i.test(f.actual))).toBe(false);
  });

  it('says why a phrase cannot be read', () => {
    expect(allowPhraseProblem('bad [phrase')).toMatch(/cannot be read/);
    expect(allowPhraseProblem('   ')).toMatch(/at least one word/);
    expect(allowPhraseFor('a [b|c] <any>')).toBe('a b c any');
  });

  it('reads and writes the configuration shape the CLI reads', () => {
    expect(allowListConfig(['client', ' Client ', 'case  load'])).toEqual({ allow: ['client', 'case load'] });
    expect(allowListFromConfig({ allow: ['client'], rules: { x: 'off' } })).toEqual({
      allow: ['client'],
      ignored: ['rules'],
      problems: [],
    });
    expect(allowListFromConfig({ name: 'pkg', peerlens: { allow: ['client'] } }).allow).toEqual(['client']);
    expect(allowListFromConfig({ rules: {} }).problems[0]).toMatch(/no "allow"/);
    expect(allowListFromConfig({ allow: [1] }).problems[0]).toMatch(/list of phrases/);
    expect(allowListFromConfig({ allow: ['ok', 'bad [x'] })).toMatchObject({ allow: [], problems: [expect.stringMatching(/^allow\[1\]/)] });
    expect(tidyAllowList(['', 'a', 'A'])).toEqual(['a']);
  });
});

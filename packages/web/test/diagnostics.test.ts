import { describe, expect, it } from 'vitest';
import { analyze, type Finding } from '@peerlens/core';
import { diagnosticsFor, frameworkHref, isReplacement, matchCase, toDiagnosticData } from '../src/lib/diagnostics.js';

const finding = (over: Partial<Finding>): Finding => ({
  category: 'language',
  severity: 'warning',
  ruleId: 'test-rule',
  start: { line: 1, column: 5, offset: 4 },
  end: { line: 1, column: 9, offset: 8 },
  actual: 'nuts',
  message: 'A message.',
  expected: [],
  note: 'Why it matters.',
  source: ['deegan-2017'],
  dimension: 'language',
  ...over,
});

describe('findings → diagnostics', () => {
  it('keeps exact offsets, message, why and source names', () => {
    const text = 'She is a schizophrenic and we talked.';
    const a = analyze(text);
    const d = diagnosticsFor(a.findings, text.length).find((x) => x.category === 'language');
    expect(d).toBeDefined();
    expect(text.slice(d!.from, d!.to)).toBe('schizophrenic');
    expect(d!.message).toContain('schizophrenic');
    expect(d!.why.length).toBeGreaterThan(20);
    expect(d!.sources.some((s) => s.includes('Deegan'))).toBe(true);
    expect(d!.replacements).toContain('person who lives with schizophrenia');
    // A bracketed hint is shown, never offered as replacement text.
    expect(d!.replacements.some((r) => r.includes('('))).toBe(false);
    expect(d!.hints).toContain("(the person's name)");
  });

  it('offers phrases as replacements, but not example sentences, hints or role advice', () => {
    expect(isReplacement('language', 'chose not to take')).toBe(true);
    expect(isReplacement('language', '(describe what the person did)')).toBe(false);
    expect(isReplacement('perspective', 'He came in wanting to talk about his housing.')).toBe(false);
    expect(isReplacement('role', 'leave clinical duties to clinicians')).toBe(false);
    expect(isReplacement('language', '   ')).toBe(false);
  });

  it('keeps a capital at the start of the replaced words', () => {
    expect(matchCase('Noncompliant', 'chose not to take')).toBe('Chose not to take');
    expect(matchCase('noncompliant', 'chose not to take')).toBe('chose not to take');
    expect(matchCase('“x', 'abc')).toBe('abc');
  });

  it('drops a suggestion equal to the flagged words and duplicates', () => {
    const d = toDiagnosticData(finding({ expected: ['nuts', 'very upset', 'very upset'] }));
    expect(d.replacements).toEqual(['very upset']);
  });

  it('sorts by position and leaves out findings outside the text', () => {
    const a = finding({ start: { line: 1, column: 11, offset: 10 }, end: { line: 1, column: 13, offset: 12 } });
    const b = finding({});
    const outside = finding({ start: { line: 1, column: 1, offset: 50 }, end: { line: 1, column: 1, offset: 60 } });
    expect(diagnosticsFor([a, b, outside], 20).map((d) => d.from)).toEqual([4, 10]);
  });

  it('links to the framework by dimension id', () => {
    expect(frameworkHref('choice')).toBe('/framework#choice');
  });
});

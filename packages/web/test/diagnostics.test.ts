import { describe, expect, it } from 'vitest';
import { analyze, type Finding } from '@peerlens/core';
import { diagnosticsFor, frameworkHref, toDiagnosticData } from '../src/features/check/diagnostics.js';

const finding = (over: Partial<Finding>): Finding => ({
  category: 'language',
  severity: 'warning',
  ruleId: 'test-rule',
  start: { line: 1, column: 5, offset: 4 },
  end: { line: 1, column: 9, offset: 8 },
  actual: 'nuts',
  message: 'A message.',
  expected: [],
  hints: [],
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
    expect(d!.replacements).toEqual(['person with schizophrenia']);
    // advice is shown, never offered as replacement text
    expect(d!.hints[0]).toMatch(/^Use the person’s name/);
  });

  it('offers only the rule’s replacements; advice and a clinical cue’s examples are hints', () => {
    const text = 'Pt is a 34 yo male. He refuses groups.';
    const ds = diagnosticsFor(analyze(text).findings, text.length);
    const refuses = ds.find((d) => d.ruleId === 'blame-refused-treatment')!;
    expect(refuses.replacements).toEqual(['declines groups']);
    expect(refuses.hints.length).toBeGreaterThan(0);
    const opening = ds.find((d) => d.category === 'perspective')!;
    expect(opening.replacements).toEqual([]);
    expect(opening.hints.length).toBeGreaterThan(0);
  });

  it('shows what the other rules said about the same words', () => {
    const text = 'Discussed med compliance.';
    const [d] = diagnosticsFor(analyze(text).findings, text.length);
    expect(d!.ruleId).toBe('blame-compliance-obedience');
    expect(d!.also.map((o) => o.ruleId)).toEqual(['clinical-med-adherence']);
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

import { describe, expect, it } from 'vitest';
import { analyze } from '../analyze/analyze.js';
import { defaultEngine } from '../analyze/default-engine.js';
import { deniedEntries, extendEngine } from './organization.js';

describe('organization additions', () => {
  it('a denied phrase becomes a finding with its id, severity, message and suggestion', () => {
    const denied = deniedEntries(
      [
        {
          phrase: 'case [load|loads]',
          id: 'org-caseload',
          severity: 'error',
          message: "Say who, not '{actual}'.",
          suggestions: ['the people I work with'],
        },
      ],
      '.peerlensrc.yaml',
    );
    expect(denied.problems).toEqual([]);
    const engine = extendEngine(defaultEngine(), denied);
    const a = analyze('We talked about my case loads today.', {}, engine);
    const f = a.findings.find((x) => x.ruleId === 'org-caseload');
    expect(f).toMatchObject({
      severity: 'error',
      actual: 'case loads',
      message: "Say who, not 'case loads'.",
      expected: ['the people I work with'],
    });
    expect(f?.note).toContain('.peerlensrc.yaml');
    // the built-in engine is untouched
    expect(analyze('We talked about my case loads today.').findings.some((x) => x.ruleId === 'org-caseload')).toBe(false);
  });

  it('reports a phrase it cannot read instead of throwing, and adds nothing for an empty list', () => {
    expect(deniedEntries([{ phrase: 'bad [phrase' }], 'x').problems[0]).toMatch(/unbalanced/);
    expect(extendEngine(defaultEngine(), deniedEntries([], 'x'))).toBe(defaultEngine());
  });
});
